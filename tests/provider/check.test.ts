import assert from "node:assert/strict";
import { check } from "../../provider/check";
import { UNKNOWN } from "../../provider/split-props";

const GROUP = "5f0000000000000000000001";
const slack = { groupId: GROUP, type: "SLACK", apiToken: "xoxb-1", teamName: "ops" };

/** Each row: inputs, and the [property, words the reason must contain] of every expected failure. */
const rejected: [string, Record<string, unknown>, [string, string][]][] = [
  ["a missing required field", { groupId: GROUP, type: "SLACK", apiToken: "x" }, [["teamName", "required for SLACK"]]],
  ["an empty required field", { ...slack, teamName: "" }, [["teamName", "must not be empty"]]],
  ["a number where text goes", { ...slack, teamName: 42 }, [["teamName", "must be a string"]]],
  ["an unknown type", { groupId: GROUP, type: "TEAMS_CHAT" }, [["type", "DATADOG, HIP_CHAT"]]],
  ["a field of another type", { ...slack, roomName: "r" }, [["roomName", "field of HIP_CHAT, not of SLACK; SLACK takes apiToken, teamName, channelName"]]],
  ["a field of no type (maybe a secret under a wrong name)", { ...slack, colour: "red" }, [["", "colour is not a field of SLACK"]]],
  ["a secret field of another type", { ...slack, serviceKey: "k" }, [["", "serviceKey is a field of PAGER_DUTY"]]],
  ["a bad region", { groupId: GROUP, type: "DATADOG", apiKey: "k", region: "ASIA" }, [["region", "must be one of US, EU"]]],
  ["a relative webhook URL (a secret: named in the reason only)", { groupId: GROUP, type: "WEBHOOK", url: "/hook" }, [["", "url must be an absolute http:// or https:// URL"]]],
  ["an ftp webhook URL", { groupId: GROUP, type: "WEBHOOK", url: "ftp://h/x" }, [["", "url must be an absolute http://"]]],
  ["a control character", { ...slack, teamName: "ops\nteam" }, [["teamName", "control characters"]]],
  ["an oversize value", { ...slack, teamName: "x".repeat(1025) }, [["teamName", "at most 1024"]]],
  ["a malformed groupId", { ...slack, groupId: "my-project" }, [["groupId", "24 hexadecimal characters"]]],
  ["a missing groupId", { type: "SLACK", apiToken: "x", teamName: "t" }, [["groupId", "24 hexadecimal"]]],
  ["adoptExisting not boolean", { ...slack, adoptExisting: "yes" }, [["adoptExisting", "true or false"]]],
  ["two problems at once", { groupId: GROUP, type: "NEW_RELIC", licenseKey: "l", accountId: "" }, [
    ["writeToken", "required"], ["readToken", "required"], ["accountId", "must not be empty"]]],
];

describe("check", () => {
  for (const [what, inputs, expected] of rejected) {
    it(`rejects ${what}, naming the field`, () => {
      const { failures = [] } = check(inputs);
      assert.deepEqual(failures.map((f) => f.property).sort(), expected.map(([p]) => p).sort());
      for (const [property, words] of expected) {
        const failure = failures.find((f) => f.property === property);
        assert.ok(failure?.reason.includes(words), `${property}: ${failure?.reason} should mention ${words}`);
      }
    });
  }

  it("accepts every valid input and returns it unchanged", () => {
    const inputs = { ...slack, channelName: "alerts", adoptExisting: true };
    assert.deepEqual(check(inputs), { inputs, failures: [] });
  });

  it("leaves values unknown during preview alone", () => {
    assert.deepEqual(check({ groupId: UNKNOWN, type: "SLACK", apiToken: UNKNOWN, teamName: "t" }).failures, []);
    assert.deepEqual(check({ groupId: GROUP, type: UNKNOWN, anything: 1 }).failures, []);
  });

  /** A mask copied from what the server shows used to pass preview and fail only at `up`. */
  const masks: [string, Record<string, unknown>, string][] = [
    ["an Ops Manager mask", { groupId: GROUP, type: "PAGER_DUTY", serviceKey: "******1234" }, "serviceKey of PAGER_DUTY"],
    ["an Atlas mask (one asterisk per hidden character)", { ...slack, apiToken: "*********7890" }, "apiToken of SLACK"],
    ["a fully hidden secret", { groupId: GROUP, type: "DATADOG", apiKey: "******" }, "apiKey of DATADOG"],
    ["an Atlas-masked webhook URL", { groupId: GROUP, type: "WEBHOOK", url: "https://hooks.example.com**********" }, "url of WEBHOOK"],
    ["an optional secret", { groupId: GROUP, type: "WEBHOOK", url: "https://h.example.com/x", secret: "******cret" }, "secret of WEBHOOK"],
  ];
  for (const [what, inputs, field] of masks) {
    it(`rejects ${what} in a secret field: one failure naming the field, pointing at stack config, without the value`, () => {
      const { failures = [] } = check(inputs);
      assert.equal(failures.length, 1, JSON.stringify(failures));
      const [failure] = failures;
      assert.equal(failure?.property, "", "a secret is named in the reason only");
      assert.ok(failure?.reason.startsWith(`${field} looks like a masked value`), failure?.reason);
      assert.ok(failure?.reason.includes("pulumi config set --secret"), failure?.reason);
      const mask = Object.values(inputs).find((v) => typeof v === "string" && v.includes("***")) as string;
      assert.ok(!failure?.reason.includes(mask), "the masked value is not echoed");
      assert.ok(!/\*{3}/.test(failure?.reason ?? ""), "no run of asterisks at all");
    });
  }

  it("accepts asterisks in a field that is not secret, and a secret with one or two asterisks", () => {
    assert.deepEqual(check({ ...slack, teamName: "***ops***" }).failures, []);
    assert.deepEqual(check({ ...slack, apiToken: "xoxb-**-1" }).failures, []);
  });

  it("never echoes a long value, which could be a secret pasted in the wrong place", () => {
    const secret = "s".repeat(60);
    const { failures = [] } = check({ ...slack, groupId: secret });
    assert.equal(failures.length, 1, "the long value is refused");
    assert.match(failures[0]?.reason ?? "", /60-character string/);
    assert.ok(failures.every((f) => !f.reason.includes(secret)));
  });
});
