import * as pulumi from "@pulumi/pulumi";
import { OpsManagerIntegration, type OpsManagerIntegrationArgs } from "pulumi-opsmanager-integrations";

// One integration of every registered type in one project. Every secret comes from `pulumi config set --secret`;
// the other values are plain settings you would normally keep in code. Ops Manager holds at most one integration
// per type and project, so this is also the largest program one project can have.
const config = new pulumi.Config();
const groupId = config.require("groupId");
const secret = (key: string) => config.requireSecret(key);

/** Each integration's arguments, by resource name; the compiler checks every field against its type. */
const integrations: Record<string, OpsManagerIntegrationArgs> = {
  datadog: { groupId, type: "DATADOG", apiKey: secret("datadogApiKey"), region: "EU" },
  "hip-chat": { groupId, type: "HIP_CHAT", notificationToken: secret("hipChatToken"), roomName: "ops-room" },
  "pager-duty": { groupId, type: "PAGER_DUTY", serviceKey: secret("pagerDutyKey") },
  slack: {
    groupId,
    type: "SLACK",
    apiToken: secret("slackToken"),
    teamName: "platform",
    channelName: "mongodb-alerts",
  },
  "new-relic": {
    groupId,
    type: "NEW_RELIC",
    accountId: "1234567",
    licenseKey: secret("newRelicLicenseKey"),
    writeToken: secret("newRelicWriteToken"),
    readToken: secret("newRelicReadToken"),
  },
  "ops-genie": { groupId, type: "OPS_GENIE", apiKey: secret("opsGenieApiKey"), region: "US" },
  "victor-ops": {
    groupId,
    type: "VICTOR_OPS",
    apiKey: secret("victorOpsApiKey"),
    routingKey: secret("victorOpsRoutingKey"),
  },
  flowdock: {
    groupId,
    type: "FLOWDOCK",
    flowName: "alerts",
    orgName: "example-org",
    apiToken: secret("flowdockApiToken"),
  },
  webhook: { groupId, type: "WEBHOOK", url: secret("webhookUrl"), secret: secret("webhookSecret") },
  "microsoft-teams": { groupId, type: "MICROSOFT_TEAMS", microsoftTeamsWebhookUrl: secret("teamsWebhookUrl") },
  prometheus: {
    groupId,
    type: "PROMETHEUS",
    username: "prom-scraper",
    // Write-only: the server never shows it. After rotating it, change secretVersion so that it is sent again.
    password: secret("prometheusPassword"),
    secretVersion: config.get("prometheusPasswordVersion") ?? "1",
    serviceDiscovery: "http",
    scheme: "https",
    tlsPemPath: "/etc/mongodb/prometheus.pem", // required with https
    enabled: true,
  },
};

const created = Object.entries(integrations).map(
  ([name, args]) => [args.type, new OpsManagerIntegration(name, args)] as const,
);
const byType = Object.fromEntries(created);

/** The server's id of each integration, by type (Ops Manager changes it on every update). */
export const integrationIds = Object.fromEntries(created.map(([type, resource]) => [type, resource.integrationId]));

/** Where Prometheus discovers its scrape targets (an http_sd URL). */
export const prometheusDiscoveryUrl = byType["PROMETHEUS"]?.endpoints.apply((e) => e["discoveryUrl"]);
