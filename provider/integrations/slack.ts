import { defineIntegration } from "./define";
import { field } from "./field";

/** @see https://www.mongodb.com/docs/ops-manager/current/reference/api/third-party-integration-settings-update/ */
export const slack = defineIntegration({
  type: "SLACK",
  label: "Slack",
  docsUrl: "https://www.mongodb.com/docs/ops-manager/current/reference/api/third-party-integration-settings-update/",
  fields: {
    apiToken: field.text("Slack API token.", { secret: true }),
    teamName: field.text("Slack team (workspace) name."),
    channelName: field.optionalText("Channel that receives alerts.", { serverDefault: "" }),
  },
  example: { apiToken: "xoxb-000000000000-000000000000-example", teamName: "ops", channelName: "alerts" },
  notes: "Ops Manager still uses legacy token-based Slack integrations (Atlas moved to OAuth).",
});
