import assert from "node:assert/strict";
import { diff, explainDiff } from "../../provider/diff";
import { DRIFT, fingerprint } from "../../provider/fingerprint";
import { UNKNOWN } from "../../provider/split-props";

const GROUP = "5f0000000000000000000001";
const old = { groupId: GROUP, type: "SLACK", apiToken: "xoxb-1", teamName: "ops", integrationId: "abc" };

const table: [string, Record<string, unknown>, { changes: boolean; replaces?: string[] }][] = [
  ["identical inputs", { groupId: GROUP, type: "SLACK", apiToken: "xoxb-1", teamName: "ops" }, { changes: false }],
  ["an absent field equal to the server default", { groupId: GROUP, type: "SLACK", apiToken: "xoxb-1", teamName: "ops", channelName: "" }, { changes: false }],
  ["adoptExisting toggled", { groupId: GROUP, type: "SLACK", apiToken: "xoxb-1", teamName: "ops", adoptExisting: true }, { changes: false }],
  ["a changed secret", { groupId: GROUP, type: "SLACK", apiToken: "xoxb-2", teamName: "ops" }, { changes: true }],
  ["an added optional field", { groupId: GROUP, type: "SLACK", apiToken: "xoxb-1", teamName: "ops", channelName: "a" }, { changes: true }],
  ["an unknown value", { groupId: GROUP, type: "SLACK", apiToken: UNKNOWN, teamName: "ops" }, { changes: true }],
  ["a new groupId", { groupId: "5f0000000000000000000002", type: "SLACK", apiToken: "xoxb-1", teamName: "ops" }, { changes: true, replaces: ["groupId"] }],
  ["an unknown groupId", { groupId: UNKNOWN, type: "SLACK", apiToken: "xoxb-1", teamName: "ops" }, { changes: true, replaces: ["groupId"] }],
  ["a new type", { groupId: GROUP, type: "HIP_CHAT", notificationToken: "t", roomName: "r" }, { changes: true, replaces: ["type"] }],
];

describe("diff", () => {
  for (const [what, news, expected] of table) {
    it(`${expected.replaces ? "replaces" : expected.changes ? "updates" : "ignores"} on ${what}`, () => {
      assert.deepEqual(diff(old, news), expected);
    });
  }

  it("updates when a field with no documented default is removed: one PUT, which a replacing server needs alone", () => {
    const olds = { groupId: GROUP, type: "VICTOR_OPS", apiKey: "k", routingKey: "r" };
    assert.deepEqual(diff(olds, { groupId: GROUP, type: "VICTOR_OPS", apiKey: "k" }), { changes: true });
  });

  it("replaces, delete first, when a removed field is one no server answer shows (write-only): names the field", () => {
    // Prometheus's password is write-only and required; a removed one is the only case a PUT's answer cannot check.
    const olds = { groupId: GROUP, type: "PROMETHEUS", username: "u", password: "p", serviceDiscovery: "http", scheme: "http", enabled: true };
    const { password: _password, ...news } = olds;
    assert.deepEqual(diff(olds, news), { changes: true, replaces: ["password"], deleteBeforeReplace: true });
  });

  it("updates in place when a removed field has a documented default (Slack channelName, sent as \"\")", () => {
    assert.deepEqual(diff({ ...old, channelName: "alerts" }, { groupId: GROUP, type: "SLACK", apiToken: "xoxb-1", teamName: "ops" }), { changes: true });
  });

  it("sees a secret rotated outside code (state holds the server's mask) as a change", () => {
    assert.equal(diff({ ...old, apiToken: "******9999" }, { groupId: GROUP, type: "SLACK", apiToken: "xoxb-1", teamName: "ops" }).changes, true);
  });

  describe("the properties behind a change (the plugin's detailed diff)", () => {
    const KEY = "resource-key-0123456789";
    const where = `${GROUP}/SLACK/apiToken`;
    const stored = { groupId: GROUP, type: "SLACK", teamName: "ops", fingerprints: { apiToken: fingerprint("xoxb-1", { where, resourceKey: KEY }) } };
    const news = { groupId: GROUP, type: "SLACK", teamName: "ops", apiToken: "xoxb-1", fingerprintKey: KEY };
    const cases: [string, Record<string, unknown>, Record<string, unknown>, unknown[]][] = [
      ["nothing changes", stored, news, []],
      ["a clear field drifted", { ...stored, teamName: "changed-by-hand" }, news, [{ name: "teamName", kind: "update", replace: false, secret: false }]],
      ["a secret changed in code", stored, { ...news, apiToken: "xoxb-2" }, [{ name: "apiToken", kind: "update", replace: false, secret: true, changedInCode: true }]],
      ["a secret rotated outside code", { ...stored, fingerprints: { apiToken: DRIFT } }, news, [{ name: "apiToken", kind: "update", replace: false, secret: true }]],
      ["a field added", stored, { ...news, channelName: "alerts" }, [{ name: "channelName", kind: "add", replace: false, secret: false }]],
      ["secretVersion set", stored, { ...news, secretVersion: 1 }, [{ name: "secretVersion", kind: "add", replace: false, secret: false }]],
      ["a new project", stored, { ...news, groupId: "5f0000000000000000000002" }, [{ name: "groupId", kind: "update", replace: true, secret: false }]],
    ];
    for (const [what, olds, next, expected] of cases) {
      it(`when ${what}: ${expected.length === 0 ? "none" : expected.map((c) => (c as { name: string }).name).join(", ")}`, () => {
        assert.deepEqual(explainDiff(olds, next).changes, expected);
      });
    }

    it("a removed field the server shows: a delete, updated in place", () => {
      const olds = { groupId: GROUP, type: "VICTOR_OPS", apiKey: "k", routingKey: "r" };
      assert.deepEqual(explainDiff(olds, { groupId: GROUP, type: "VICTOR_OPS", apiKey: "k" }).changes, [
        { name: "routingKey", kind: "delete", replace: false, secret: true },
      ]);
    });

    it("a removed write-only field: a delete that replaces", () => {
      const olds = { groupId: GROUP, type: "PROMETHEUS", username: "u", password: "p", serviceDiscovery: "http", scheme: "http", enabled: true };
      const { password: _password, ...news } = olds;
      assert.deepEqual(explainDiff(olds, news).changes, [{ name: "password", kind: "delete", replace: true, secret: true }]);
    });
  });
});
