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
