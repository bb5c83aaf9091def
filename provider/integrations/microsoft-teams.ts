import { defineIntegration } from "./define";
import { field } from "./field";

/** @see https://www.mongodb.com/docs/ops-manager/current/reference/api/third-party-integration-settings-update/ */
export const microsoftTeams = defineIntegration({
  type: "MICROSOFT_TEAMS",
  label: "Microsoft Teams",
  docsUrl: "https://www.mongodb.com/docs/ops-manager/current/reference/api/third-party-integration-settings-update/",
  fields: {
    // The incoming-webhook URL carries the channel's credential in its path.
    microsoftTeamsWebhookUrl: field.url("Incoming webhook URL of the Teams channel.", { secret: true }),
  },
  example: { microsoftTeamsWebhookUrl: "https://example.webhook.office.com/webhookb2/0123-4567/IncomingWebhook/89ab/cdef" },
  notes: "Documented for Atlas only: no Ops Manager or Cloud Manager page lists MICROSOFT_TEAMS, so expect a server to refuse it.",
});
