import assert from "node:assert/strict";
import { configKey, groupSuffixes, placeholder, qualifiedKey, resourceName } from "../../../provider/cli/config-keys";
import { definitions } from "../../../provider/integrations/registry";

describe("export: names and config keys", () => {
  const keys: { type: string; field: string; suffix?: string; key: string; placeholder: string }[] = [
    { type: "SLACK", field: "apiToken", key: "slackApiToken", placeholder: "<slack-api-token>" },
    { type: "PAGER_DUTY", field: "serviceKey", key: "pagerDutyServiceKey", placeholder: "<pager-duty-service-key>" },
    { type: "MICROSOFT_TEAMS", field: "microsoftTeamsWebhookUrl", key: "microsoftTeamsWebhookUrl", placeholder: "<microsoft-teams-webhook-url>" },
    { type: "WEBHOOK", field: "secret", key: "webhookSecret", placeholder: "<webhook-secret>" },
    { type: "PROMETHEUS", field: "password", key: "prometheusPassword", placeholder: "<prometheus-password>" },
    { type: "SLACK", field: "apiToken", suffix: "000001", key: "slackApiToken_000001", placeholder: "<slack-api-token-000001>" },
    { type: "NEW_RELIC", field: "licenseKey", suffix: "abcdef", key: "newRelicLicenseKey_abcdef", placeholder: "<new-relic-license-key-abcdef>" },
  ];
  for (const row of keys) {
    it(`${row.type}.${row.field}${row.suffix ? ` in project …${row.suffix}` : ""} is read from ${row.key}`, () => {
      const key = configKey(row.type, row.field, row.suffix);
      assert.equal(key, row.key);
      assert.equal(placeholder(key), row.placeholder);
    });
  }

  it("every secret of every registered type gets its own key", () => {
    const all = definitions.flatMap((d) => d.secretFields.map((f) => configKey(d.type, f)));
    assert.equal(new Set(all).size, all.length, all.join(", "));
  });

  it("a config namespace qualifies the key for pulumi config set", () => {
    assert.equal(qualifiedKey("slackApiToken"), "slackApiToken");
    assert.equal(qualifiedKey("slackApiToken", "oncall"), "oncall:slackApiToken");
  });

  const names: { type: string; suffix: string; name: string }[] = [
    { type: "SLACK", suffix: "000001", name: "slack-000001" },
    { type: "PAGER_DUTY", suffix: "0a1b2c", name: "pager-duty-0a1b2c" },
    { type: "MICROSOFT_TEAMS", suffix: "ffffff", name: "microsoft-teams-ffffff" },
  ];
  for (const row of names) {
    it(`names ${row.type} of project …${row.suffix} ${row.name}`, () => assert.equal(resourceName(row.type, row.suffix), row.name));
  }

  const suffixes: { ids: string[]; taken?: string[]; expect: string[] }[] = [
    { ids: ["5f0000000000000000000001"], expect: ["000001"] },
    { ids: ["5f0000000000000000000001", "5f0000000000000000000002"], expect: ["000001", "000002"] },
    { ids: ["5F00000000000000000ABCDE"], expect: ["0abcde"] },
    // Same last six characters: the tail grows until the projects differ.
    { ids: ["5f00000000000000a0000001", "5f00000000000000b0000001"], expect: ["a0000001", "b0000001"] },
    { ids: ["5f0000000000000000000001", "5f0000000000000000000001"], expect: ["000001"] },
    // Added to a program that uses other suffixes: a project keeps its own tail unless the program has it.
    { ids: ["5f0000000000000000000002"], taken: ["000001"], expect: ["000002"] },
    { ids: ["5f00000000000000b0000001"], taken: ["000001"], expect: ["0000001"] },
    { ids: ["5f00000000000000b0000001"], taken: ["000001", "0000001"], expect: ["b0000001"] },
  ];
  for (const row of suffixes) {
    it(`tells ${row.ids.join(", ")} apart${row.taken ? ` from ${row.taken.join(", ")}` : ""} as ${row.expect.join(", ")}`, () => {
      assert.deepEqual([...groupSuffixes(row.ids, row.taken).values()], row.expect);
    });
  }
});
