import { defineIntegration } from "./define";
import { field } from "./field";
import { ALL_OPS_MANAGER, CLOUD_MANAGER, PAGES } from "./availability";

/** @see https://www.mongodb.com/docs/ops-manager/current/reference/api/third-party-integration-settings-update/ */
export const newRelic = defineIntegration({
  type: "NEW_RELIC",
  label: "New Relic",
  docsUrl: PAGES.omCurrent,
  documented: [ALL_OPS_MANAGER, CLOUD_MANAGER],
  fields: {
    licenseKey: field.text("New Relic license key.", { secret: true }),
    accountId: field.text("New Relic account id."),
    writeToken: field.text("Insights insert key.", { secret: true }),
    readToken: field.text("Insights query key.", { secret: true }),
  },
  example: { licenseKey: "nr-license-0123456789", accountId: "1234567", writeToken: "nr-insert-0123456789", readToken: "nr-query-0123456789" },
});
