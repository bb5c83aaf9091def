import { defineIntegration } from "./define";
import { field } from "./field";
import { ALL_OPS_MANAGER, CLOUD_MANAGER, PAGES } from "./availability";

/** @see https://www.mongodb.com/docs/ops-manager/current/reference/api/third-party-integration-settings-update/ */
export const slack = defineIntegration({
  type: "SLACK",
  label: "Slack",
  docsUrl: PAGES.omCurrent,
  documented: [ALL_OPS_MANAGER, CLOUD_MANAGER],
  createdInUiOnly: true,
  fields: {
    apiToken: field.text("Slack API token.", { secret: true }),
    // "teamName ... may not be present with a legacy Slack integration": absent in an answer is not drift.
    teamName: field.text("Slack team (workspace) name.", { mayBeOmitted: true }),
    channelName: field.optionalText("Channel that receives alerts.", { serverDefault: "" }),
  },
  example: { apiToken: "xoxb-000000000000-000000000000-example", teamName: "ops", channelName: "alerts" },
  notes:
    "The API only reconfigures a Slack integration connected in the Ops Manager UI: connect it there first, then manage it with adoptExisting: true (see Slack below).",
});
