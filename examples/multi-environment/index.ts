import * as pulumi from "@pulumi/pulumi";
import { OpsManagerIntegration } from "pulumi-opsmanager-integrations";

// One program for every environment. What differs between dev, staging and prod is stack config only: the project
// (groupId), the API key (opsmanager:*), the Slack channel, and whether on-call is paged. Pulumi.<stack>.yaml holds
// the plain values and is committed; secrets are set with `pulumi config set --secret`, or arrive with
// `pulumi stack init <next> --copy-config-from <previous>` (promote.sh).
const config = new pulumi.Config();
const groupId = config.require("groupId");

/**
 * Every environment alerts its own Slack channel. The API cannot create Slack integrations: each project's Slack is
 * connected once in the Ops Manager UI, then adopted here; `retainOnDelete` keeps it connected if a stack is destroyed.
 */
const slack = new OpsManagerIntegration(
  "team-slack",
  {
    groupId,
    type: "SLACK",
    adoptExisting: true,
    apiToken: config.requireSecret("slackToken"),
    teamName: config.require("slackTeam"),
    channelName: config.require("slackChannel"),
  },
  { retainOnDelete: true },
);

/** Every environment feeds the ticketing system. */
const webhook = new OpsManagerIntegration("ticketing-webhook", {
  groupId,
  type: "WEBHOOK",
  url: config.requireSecret("webhookUrl"),
});

/** Only an environment with a PagerDuty key (prod) pages the on-call engineer. */
const pagerDutyKey = config.getSecret("pagerDutyKey");
const pagerDuty =
  pagerDutyKey &&
  new OpsManagerIntegration("oncall-pagerduty", { groupId, type: "PAGER_DUTY", serviceKey: pagerDutyKey });

export const environment = pulumi.getStack();
export const project = groupId;
export const integrationIds = {
  slack: slack.integrationId,
  webhook: webhook.integrationId,
  pagerDuty: pagerDuty ? pagerDuty.integrationId : "not paged in this environment",
};
