import { defineIntegration } from "./define";
import { field } from "./field";
import { ALL_OPS_MANAGER, CLOUD_MANAGER, PAGES } from "./availability";

/** @see https://www.mongodb.com/docs/ops-manager/current/reference/api/third-party-integration-settings-update/ */
export const opsGenie = defineIntegration({
  type: "OPS_GENIE",
  label: "Opsgenie",
  docsUrl: PAGES.omCurrent,
  documented: [ALL_OPS_MANAGER, CLOUD_MANAGER],
  fields: {
    apiKey: field.text("Opsgenie API key.", { secret: true }),
    region: field.choice(["US", "EU"], "Opsgenie API region.", "US"),
  },
  example: { apiKey: "og-0123456789abcdef", region: "US" },
  notes: "region EU needs the Ops Manager setting opsgenie.api.eu.url.",
});
