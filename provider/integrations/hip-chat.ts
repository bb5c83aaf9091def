import { defineIntegration } from "./define";
import { field } from "./field";
import { ALL_OPS_MANAGER, PAGES } from "./availability";

/** @see https://www.mongodb.com/docs/ops-manager/current/reference/api/third-party-integration-settings-update/ */
export const hipChat = defineIntegration({
  type: "HIP_CHAT",
  label: "HipChat",
  docsUrl: PAGES.omCurrent,
  documented: [ALL_OPS_MANAGER],
  fields: {
    notificationToken: field.text("HipChat notification token.", { secret: true }),
    roomName: field.text("HipChat room that receives alerts."),
  },
  example: { notificationToken: "hipchat-token-0123456789", roomName: "ops-room" },
  notes: "HipChat itself is discontinued; kept because Ops Manager still accepts it.",
});
