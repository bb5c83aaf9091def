import * as pulumi from "@pulumi/pulumi";
import { OpsManagerIntegration } from "pulumi-opsmanager-integrations";

// Everything comes from the stack's config: the project, the Slack workspace, and the secrets (set with --secret).
// The connection to Ops Manager is stack config too (opsmanager:baseUrl, :publicKey, :privateKey), read by the
// provider itself: it never appears here.
const config = new pulumi.Config();
const groupId = config.require("groupId");

/**
 * Alerts to the team's Slack channel. Ops Manager's API cannot create a Slack integration: connect Slack in the
 * project's Integrations page first; `adoptExisting` then takes that integration over and sets the fields below.
 * `retainOnDelete` leaves it connected when the stack is destroyed, since only the UI could connect it again.
 */
const slack = new OpsManagerIntegration(
  "team-slack",
  {
    groupId,
    type: "SLACK",
    adoptExisting: true,
    apiToken: config.requireSecret("slackToken"),
    teamName: config.require("slackTeam"),
    channelName: config.get("slackChannel") ?? "mongodb-alerts",
  },
  { retainOnDelete: true },
);

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
