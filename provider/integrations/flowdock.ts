import { defineIntegration } from "./define";
import { field } from "./field";
import { PAGES } from "./availability";

/** @see https://www.mongodb.com/docs/ops-manager/current/reference/api/third-party-integration-settings-update/ */
export const flowdock = defineIntegration({
  type: "FLOWDOCK",
  label: "Flowdock",
  docsUrl: PAGES.omCurrent,
  documented: [{ product: "ops-manager", until: "5.0", url: PAGES.omV50 }],
  fields: {
    flowName: field.text("Flowdock flow name."),
    apiToken: field.text("Flowdock API token.", { secret: true }),
    orgName: field.text("Flowdock organization name."),
  },
  example: { flowName: "alerts", apiToken: "fd-0123456789abcdef", orgName: "example-org" },
});
