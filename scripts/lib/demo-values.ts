import { DEFAULT_GROUP_ID } from "../../emulator/defaults";

/**
 * The stack config `npm run demo` gives the root program (program/index.ts). All values are made up for the
 * emulator; the secret ones are set with `pulumi config set --secret`, so they are encrypted in the stack file and
 * must never appear in anything the demo prints.
 */
export const demoConfig = {
  plain: {
    groupId: DEFAULT_GROUP_ID,
    slackTeam: "platform",
    slackChannel: "mongodb-alerts",
  },
  secret: {
    slackToken: "xoxb-demo-0000-slack-token-7f3a",
    pagerDutyKey: "demo0pagerduty0service0key0b21c",
    webhookUrl: "https://tickets.example.com/hooks/opsmanager/demo-9d4e",
    webhookSecret: "demo-webhook-signing-secret-51aa",
  },
} as const;

/**
 * The Slack integration the demo's emulator holds from the start, as if someone had connected Slack in the Ops
 * Manager UI: the API cannot create one, so the root program adopts it (`adoptExisting: true`) and sets its own token.
 */
export const connectedSlack = {
  groupId: DEFAULT_GROUP_ID,
  type: "SLACK",
  fields: { apiToken: "xoxb-connected-in-the-ui-0000", teamName: "platform" },
} as const;
