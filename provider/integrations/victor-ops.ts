import { defineIntegration } from "./define";
import { field } from "./field";
import { ALL_OPS_MANAGER, CLOUD_MANAGER, PAGES } from "./availability";

/** @see https://www.mongodb.com/docs/ops-manager/current/reference/api/third-party-integration-settings-update/ */
export const victorOps = defineIntegration({
  type: "VICTOR_OPS",
  label: "VictorOps",
  docsUrl: PAGES.omCurrent,
  documented: [ALL_OPS_MANAGER, CLOUD_MANAGER],
  fields: {
    apiKey: field.text("VictorOps API key.", { secret: true }),
    routingKey: field.optionalText("VictorOps routing key.", { secret: true }),
  },
  example: { apiKey: "vo-0123456789abcdef", routingKey: "vo-route-0123" },
});
