import assert from "node:assert/strict";
import { exportProgram, type ExportInput, type GroupExport } from "../../../provider/cli/export-program";
import type { ServerIntegration } from "../../../provider/client/types";
import { definitions } from "../../../provider/integrations/registry";
import { toView } from "../../../provider/integration-view";

const G1 = "5f0000000000000000000001";
const G2 = "5f0000000000000000000002";

/** A project as the export reads it: entries as the server lists them, through the same toView the CLI uses. */
function group(groupId: string, entries: Record<string, unknown>[], unknownTypes: string[] = []): GroupExport {
  return { groupId, views: entries.map((e) => toView(groupId, e as ServerIntegration)), unknownTypes };
}

/** The lines of the resource named `name`, from `new` to its closing `});` or `}, { options });`. */
function resource(text: string, name: string): string[] {
  const lines = text.split("\n");
  const start = lines.indexOf(`new OpsManagerIntegration("${name}", {`);
  assert.ok(start >= 0, `no resource ${name} in:\n${text}`);
  return lines.slice(start + 1, lines.findIndex((l, i) => i > start && l.startsWith("}"))).map((l) => l.trim());
}

describe("export: program generator", () => {
  const table: {
    should: string;
    input: ExportInput;
    resources: Record<string, string[]>;
    secrets: string[];
    warnings?: RegExp[];
    contains?: string[];
    lacks?: string[];
  }[] = [
    {
      should: "reads the secret from config and leaves out a field equal to its server default (Slack channelName \"\")",
      input: { groups: [group(G1, [{ type: "SLACK", id: "65aa", apiToken: "******1111", teamName: "ops", channelName: "" }])] },
      resources: {
        "slack-000001": [
          `groupId: "${G1}",`,
          'type: "SLACK",',
          "adoptExisting: true,",
          "// Slack is connected in the Ops Manager UI; the API only reconfigures it: keep adoptExisting: true.",
          'apiToken: config.requireSecret("slackApiToken_000001"),', 'teamName: "ops",'],
      },
      secrets: ["slackApiToken_000001"],
      contains: [
        'import * as pulumi from "@pulumi/pulumi";',
        "const config = new pulumi.Config();",
        "pulumi config set --secret slackApiToken_000001 <slack-api-token-000001>",
        // `pulumi destroy` of the exported program must leave what only the UI can connect again.
        "\n}, { retainOnDelete: true }); // destroy leaves the Slack integration in Ops Manager\n",
      ],
      lacks: ["******", "1111", "channelName"],
    },
    {
      should: "keeps a non-default value (Datadog region EU) and drops the default one (US)",
      input: { groups: [group(G1, [{ type: "DATADOG", apiKey: "******2222", region: "EU" }]), group(G2, [{ type: "DATADOG", apiKey: "******3333", region: "US" }])] },
      resources: {
        "datadog-000001": [`groupId: "${G1}",`, 'type: "DATADOG",', "adoptExisting: true,", 'apiKey: config.requireSecret("datadogApiKey_000001"),', 'region: "EU",'],
        "datadog-000002": [`groupId: "${G2}",`, 'type: "DATADOG",', "adoptExisting: true,", 'apiKey: config.requireSecret("datadogApiKey_000002"),'],
      },
      secrets: ["datadogApiKey_000001", "datadogApiKey_000002"],
      lacks: ["retainOnDelete"],
    },
    {
      should: "reads a write-only field (Prometheus password, never returned) from config and keeps enabled: false",
      input: { groups: [group(G1, [{ type: "PROMETHEUS", username: "prom", serviceDiscovery: "file", scheme: "http", listenAddress: "0.0.0.0:9216", enabled: false }])] },
      resources: {
        "prometheus-000001": [
          `groupId: "${G1}",`, 'type: "PROMETHEUS",', "adoptExisting: true,", 'username: "prom",', 'password: config.requireSecret("prometheusPassword_000001"),',
          'serviceDiscovery: "file",', 'scheme: "http",',
          '// tlsPemPassword: write-only, never shown by the server; if it is set, add tlsPemPassword: config.requireSecret("prometheusTlsPemPassword_000001")',
          "enabled: false,",
        ],
      },
      secrets: ["prometheusPassword_000001"],
    },
    {
      should: "asks only for the optional secrets the server has (VictorOps without routingKey, webhook with secret)",
      input: { groups: [group(G1, [{ type: "WEBHOOK", url: "******0001", secret: "******0002" }, { type: "VICTOR_OPS", apiKey: "******0003" }])] },
      resources: {
        "victor-ops-000001": [`groupId: "${G1}",`, 'type: "VICTOR_OPS",', "adoptExisting: true,", 'apiKey: config.requireSecret("victorOpsApiKey_000001"),'],
        "webhook-000001": [`groupId: "${G1}",`, 'type: "WEBHOOK",', "adoptExisting: true,", 'url: config.requireSecret("webhookUrl_000001"),', 'secret: config.requireSecret("webhookSecret_000001"),'],
      },
      // Registry order, whatever order the server lists them in.
      secrets: ["victorOpsApiKey_000001", "webhookUrl_000001", "webhookSecret_000001"],
    },
    {
      should: "never puts a value the server returned in clear (older servers) into the program",
      input: { groups: [group(G1, [{ type: "NEW_RELIC", licenseKey: "nr-license-clear-4444", accountId: "1234567", writeToken: "nr-insert-clear-5555", readToken: "nr-query-clear-6666" }])] },
      resources: {
        "new-relic-000001": [
          `groupId: "${G1}",`, 'type: "NEW_RELIC",', "adoptExisting: true,", 'licenseKey: config.requireSecret("newRelicLicenseKey_000001"),', 'accountId: "1234567",',
          'writeToken: config.requireSecret("newRelicWriteToken_000001"),', 'readToken: config.requireSecret("newRelicReadToken_000001"),',
        ],
      },
      secrets: ["newRelicLicenseKey_000001", "newRelicWriteToken_000001", "newRelicReadToken_000001"],
      lacks: ["nr-license-clear-4444", "nr-insert-clear-5555", "nr-query-clear-6666", "4444"],
    },
    {
      should: "uses the config namespace in code and in the commands",
      input: { configNamespace: "oncall", groups: [group(G1, [{ type: "MICROSOFT_TEAMS", microsoftTeamsWebhookUrl: "https://example.webhook.office.com***" }])] },
      resources: {
        "microsoft-teams-000001": [`groupId: "${G1}",`, 'type: "MICROSOFT_TEAMS",', "adoptExisting: true,", 'microsoftTeamsWebhookUrl: config.requireSecret("microsoftTeamsWebhookUrl_000001"),'],
      },
      secrets: ["oncall:microsoftTeamsWebhookUrl_000001"],
      contains: ['const config = new pulumi.Config("oncall");', "pulumi config set --secret oncall:microsoftTeamsWebhookUrl_000001 <microsoft-teams-webhook-url-000001>"],
    },
    {
      should: "lists a type it does not know as a warning and a comment, not as a resource",
      input: { groups: [group(G1, [{ type: "PAGER_DUTY", serviceKey: "******7890" }], ["SHINY_NEW"])] },
      resources: { "pager-duty-000001": [`groupId: "${G1}",`, 'type: "PAGER_DUTY",', "adoptExisting: true,", 'serviceKey: config.requireSecret("pagerDutyServiceKey_000001"),'] },
      secrets: ["pagerDutyServiceKey_000001"],
      warnings: [/SHINY_NEW.*does not know.*not exported/],
      contains: ["// Not exported: SHINY_NEW"],
      lacks: ['"SHINY_NEW"'],
    },
    {
      should: "leaves out a field this version does not know, with a warning that names it (not its value)",
      input: { groups: [group(G1, [{ type: "HIP_CHAT", notificationToken: "******0000", roomName: "ops-room", colour: "purple-value" }])] },
      resources: { "hip-chat-000001": [`groupId: "${G1}",`, 'type: "HIP_CHAT",', "adoptExisting: true,", 'notificationToken: config.requireSecret("hipChatNotificationToken_000001"),', 'roomName: "ops-room",'] },
      secrets: ["hipChatNotificationToken_000001"],
      warnings: [/HIP_CHAT of project 5f0000000000000000000001: field\(s\) colour are not known/],
      lacks: ["purple-value"],
    },
    {
      should: "keeps a value this version would refuse (a newer server's region) but warns, so tsc and check point at it",
      input: { groups: [group(G1, [{ type: "OPS_GENIE", apiKey: "******9999", region: "US3" }])] },
      resources: { "ops-genie-000001": [`groupId: "${G1}",`, 'type: "OPS_GENIE",', "adoptExisting: true,", 'apiKey: config.requireSecret("opsGenieApiKey_000001"),', 'region: "US3",'] },
      secrets: ["opsGenieApiKey_000001"],
      warnings: [/OPS_GENIE of project 5f0000000000000000000001: region "US3" is not a value this version accepts/],
    },
    {
      should: "keys secrets per project by the project id's tail, whatever other projects are asked for",
      input: { allGroupIds: [G1, G2], groups: [group(G1, [{ type: "FLOWDOCK", flowName: "alerts", apiToken: "******abcd", orgName: "org" }])] },
      resources: { "flowdock-000001": [`groupId: "${G1}",`, 'type: "FLOWDOCK",', "adoptExisting: true,", 'flowName: "alerts",', 'apiToken: config.requireSecret("flowdockApiToken_000001"),', 'orgName: "org",'] },
      secrets: ["flowdockApiToken_000001"],
    },
    {
      should: "a project added to a program avoids the suffixes the program uses, when they share the last six characters",
      input: { groups: [group("5f00000000000000b0000001", [{ type: "DATADOG", apiKey: "******2222" }])], takenSuffixes: ["000001"] },
      resources: { "datadog-0000001": ['groupId: "5f00000000000000b0000001",', 'type: "DATADOG",', "adoptExisting: true,", 'apiKey: config.requireSecret("datadogApiKey_0000001"),'] },
      secrets: ["datadogApiKey_0000001"],
    },
  ];

  for (const row of table) {
    it(row.should, () => {
      const got = exportProgram(row.input);
      for (const [name, lines] of Object.entries(row.resources)) assert.deepEqual(resource(got.text, name), lines, name);
      assert.equal(got.resources, Object.keys(row.resources).length);
      assert.equal((got.text.match(/new OpsManagerIntegration\(/g) ?? []).length, got.resources);
      assert.deepEqual(got.secrets.map((s) => s.key), row.secrets);
      assert.equal(got.warnings.length, row.warnings?.length ?? 0, got.warnings.join("\n"));
      row.warnings?.forEach((w, i) => assert.match(got.warnings[i] ?? "", w));
      for (const s of row.contains ?? []) assert.ok(got.text.includes(s), `expected ${s} in:\n${got.text}`);
      for (const s of row.lacks ?? []) assert.ok(!got.text.includes(s), `did not expect ${s} in:\n${got.text}`);
    });
  }

  it("a project without integrations gives a program without resources or imports", () => {
    const got = exportProgram({ groups: [group(G1, [])] });
    assert.equal(got.resources, 0);
    assert.doesNotMatch(got.text, /^import /m);
    assert.match(got.text, /no integrations this package manages/);
  });

  it("every registered type: secrets from config only, other fields as the server shows them unless default", () => {
    const entries = definitions.map((d) => ({ type: d.type, ...d.example }));
    const got = exportProgram({ groups: [group(G1, entries)] });
    assert.equal(got.resources, definitions.length);
    for (const d of definitions) {
      const lines = resource(got.text, d.type.toLowerCase().replace(/_/g, "-") + "-000001");
      for (const [name, spec] of Object.entries(d.fields)) {
        const value = d.example[name];
        const line = lines.find((l) => l.startsWith(`${name}:`));
        if (spec.secret) {
          // An optional write-only secret is never shown, so the program only mentions it in a comment.
          const expected = spec.writeOnly ? d.requiredFields.includes(name) : value !== undefined || d.requiredFields.includes(name);
          assert.equal(line !== undefined && /config\.requireSecret\("\w+"\),$/.test(line), expected, `${d.type}.${name}: ${line}`);
          if (typeof value === "string") assert.ok(!got.text.includes(value), `${d.type}.${name}'s value in the program`);
        } else if (value === undefined || value === spec.serverDefault) {
          assert.equal(line, undefined, `${d.type}.${name}`);
        } else {
          assert.equal(line, `${name}: ${JSON.stringify(value)},`, `${d.type}.${name}`);
        }
      }
    }
  });
});
