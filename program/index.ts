import * as pulumi from "@pulumi/pulumi";
import { OpsManagerIntegration } from "pulumi-opsmanager-integrations";

// One project's alerting, as code: Slack for the team, PagerDuty for on-call, a webhook for the ticketing system.
// Connection settings come from `opsmanager:*` stack config (or OPSMANAGER_* variables), never from here.
const config = new pulumi.Config();
const groupId = config.require("groupId");

// Ops Manager's API cannot create a Slack integration: it is connected in the project's Integrations page first
// (`npm run demo` starts an emulator that shows one as connected), then adopted and configured from here. It stays
// connected if the stack is destroyed, since only the UI could connect it again.
const slack = new OpsManagerIntegration(
  "team-slack",
  {
    groupId,
    type: "SLACK",
    adoptExisting: true,
    apiToken: config.requireSecret("slackToken"),
    teamName: config.get("slackTeam") ?? "platform",
    channelName: config.get("slackChannel") ?? "mongodb-alerts",
  },
  { retainOnDelete: true },
);

const pagerDuty = new OpsManagerIntegration("oncall-pagerduty", {
  groupId,
  type: "PAGER_DUTY",
  serviceKey: config.requireSecret("pagerDutyKey"),
});

const webhook = new OpsManagerIntegration("ticketing-webhook", {
  groupId,
  type: "WEBHOOK",
  url: config.requireSecret("webhookUrl"),
  secret: config.requireSecret("webhookSecret"),
});

/** The server's ids of the current configurations (Ops Manager changes them on every update). */
export const integrationIds = { slack: slack.integrationId, pagerDuty: pagerDuty.integrationId, webhook: webhook.integrationId };
