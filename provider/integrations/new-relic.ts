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
  notes:
    "Still in every type list, but the current pages' request-body sections have no New Relic body, and New Relic ended the legacy plugins this integration fed: \"The legacy plugin experience will reach end of life (EoL) as of June 16, 2021\" (https://docs.newrelic.com/docs/plugins/plugin-developer-resources/developer-reference/use-plugin-api/). MongoDB's Atlas CloudFormation resources mark NEW_RELIC EOL (https://github.com/mongodb/mongodbatlas-cloudformation-resources/blob/master/cfn-resources/third-party-integration/README.md). Kept because the servers still list it.",
});
