import { defineIntegration } from "./define";
import { field } from "./field";
import { ALL_OPS_MANAGER, CLOUD_MANAGER, PAGES } from "./availability";

/** @see https://www.mongodb.com/docs/ops-manager/current/reference/api/third-party-integration-settings-update/ */
export const webhook = defineIntegration({
  type: "WEBHOOK",
  label: "Webhook",
  docsUrl: PAGES.omCurrent,
  documented: [ALL_OPS_MANAGER, CLOUD_MANAGER],
  fields: {
    // Webhook URLs often embed a token (Slack, Teams, PagerDuty v2), so the URL is a secret too.
    url: field.url("Endpoint that receives alert payloads.", { secret: true }),
    secret: field.optionalText("Shared secret used to sign payloads (HMAC-SHA1 in X-MMS-Signature).", { secret: true, mayBeRedacted: true }),
  },
  example: { url: "https://hooks.example.com/opsmanager/0123456789", secret: "whsec-0123456789" },
});
