import { defineIntegration } from "./define";
import { field } from "./field";
import { ALL_OPS_MANAGER, PAGES } from "./availability";

/** @see https://www.mongodb.com/docs/ops-manager/current/reference/api/third-party-integration-settings-update/ */
export const datadog = defineIntegration({
  type: "DATADOG",
  label: "Datadog",
  docsUrl: PAGES.omCurrent,
  documented: [ALL_OPS_MANAGER],
  fields: {
    apiKey: field.text("Datadog API key.", { secret: true }),
    region: field.choice(["US", "EU"], "Datadog site whose API receives the metrics.", "US"),
  },
  example: { apiKey: "dd0123456789abcdef0123456789abcd", region: "US" },
});
