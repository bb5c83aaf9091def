import * as pulumi from "@pulumi/pulumi";
import { OpsManagerIntegration } from "pulumi-opsmanager-integrations";

// Everything comes from the stack's config: the project, the Slack workspace, and the secrets (set with --secret).
// The connection to Ops Manager is stack config too (opsmanager:baseUrl, :publicKey, :privateKey), read by the
// provider itself: it never appears here.
const config = new pulumi.Config();
const groupId = config.require("groupId");

/** Alerts to the team's Slack channel. */
const slack = new OpsManagerIntegration("team-slack", {
  groupId,
  type: "SLACK",
  apiToken: config.requireSecret("slackToken"),
  teamName: config.require("slackTeam"),
  channelName: config.get("slackChannel") ?? "mongodb-alerts",
});

/** Alerts to an HTTP endpoint, signed with a shared secret when one is set. */
const webhook = new OpsManagerIntegration("alerts-webhook", {
  groupId,
  type: "WEBHOOK",
  url: config.requireSecret("webhookUrl"),
  secret: config.getSecret("webhookSecret"),
});

/** The server's ids of the current configurations (Ops Manager changes them on every update). */
export const slackIntegrationId = slack.integrationId;
export const webhookIntegrationId = webhook.integrationId;
