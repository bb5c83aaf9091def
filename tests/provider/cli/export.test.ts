import assert from "node:assert/strict";
import path from "node:path";
import { DEFAULT_GROUP_ID, OWNER_KEY, SECOND_GROUP_ID } from "../../../emulator/defaults";
import type { StoredIntegration } from "../../../emulator/store";
import { findIntegration } from "../../../provider/integrations/registry";
import { PulumiCli } from "../../../scripts/lib/pulumi-cli";
import { parseEvents } from "../../helpers/engine-project";
import { useEmulator } from "../../helpers/emulator";
import { makeProgramDir } from "../../helpers/program-dir";
import { cleanEnv, runInstalledCli, typecheck } from "./support/cli";

/** What was configured by hand, per project and type. Slack without channelName and Prometheus without
 * listenAddress leave those to the server's default. */
const SEEDED: Record<string, Record<string, Record<string, unknown>>> = {
  [DEFAULT_GROUP_ID]: {
    SLACK: { apiToken: "xoxb-e2e-slack-token-0001", teamName: "ops" },
    DATADOG: { apiKey: "dd-e2e-api-key-0002", region: "EU" },
    PAGER_DUTY: { serviceKey: "pd-e2e-service-key-0003" },
  },
  [SECOND_GROUP_ID]: {
    PROMETHEUS: { username: "prom", password: "prom-e2e-password-0004", serviceDiscovery: "http", scheme: "http", enabled: false },
    WEBHOOK: { url: "https://hooks.example.com/e2e/0005", secret: "whsec-e2e-0006" },
    OPS_GENIE: { apiKey: "og-e2e-api-key-0007", region: "US" },
  },
};
const UNKNOWN = { type: "SHINY_NEW", fields: { token: "shiny-e2e-token-0008" } };
const COUNT = Object.values(SEEDED).reduce((n, types) => n + Object.keys(types).length, 0);

/** Non-secret, readable fields only: what adoption must leave exactly as it was. */
function visible(stored: StoredIntegration): Record<string, unknown> {
  const def = findIntegration(stored.type);
  return Object.fromEntries(Object.entries(stored.fields).filter(([name]) => def && !def.fields[name]?.secret && !def.fields[name]?.writeOnly));
}

/**
 * End to end: integrations configured by hand → `pulumi-opsmanager-integrations export` (the shipped
 * bin) → the printed `pulumi config set` commands, with the real secrets → `pulumi up` adopts every integration
 * with one PUT, changing no setting → a second run has nothing to do.
 */
describe("export: from hand-made integrations to a stack that manages them", function () {
  this.timeout(15 * 60 * 1000);
  const emu = useEmulator({}, { resetEach: false });
  let ws: PulumiCli;
  let dir: string;
  let cleanup: () => void = () => {};
  let printed: string;
  let seeded: Record<string, StoredIntegration[]>;

  before(async () => {
    ws = PulumiCli.create({ env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" } });
    const made = makeProgramDir("export-e2e");
    cleanup = made.cleanup;
    dir = path.join(made.dir, "program");
    for (const [groupId, types] of Object.entries(SEEDED)) {
      for (const [type, fields] of Object.entries(types)) await emu.control.seed(groupId, type, fields);
    }
    await emu.control.seed(SECOND_GROUP_ID, UNKNOWN.type, UNKNOWN.fields, { unvalidated: true });
    seeded = { [DEFAULT_GROUP_ID]: await emu.control.raw(DEFAULT_GROUP_ID), [SECOND_GROUP_ID]: await emu.control.raw(SECOND_GROUP_ID) };
  });
  after(() => {
    cleanup();
    ws?.dispose();
  });

  it("exports both projects into a new program and prints the commands to run", async () => {
    const env = cleanEnv({ OPSMANAGER_BASE_URL: emu.url, OPSMANAGER_PUBLIC_KEY: OWNER_KEY.publicKey, OPSMANAGER_PRIVATE_KEY: OWNER_KEY.privateKey });
    const ran = await runInstalledCli(["export", "--group", DEFAULT_GROUP_ID, "--group", SECOND_GROUP_ID, "--out", dir], { env, cwd: path.dirname(dir) });
    assert.equal(ran.code, 0, ran.stderr);
    assert.match(ran.stderr, /SHINY_NEW integration, a type this version .* does not know: it was not exported/);
    printed = ran.stdout;
    const all = ran.stdout + ran.stderr;
    for (const fields of Object.values(SEEDED).flatMap((types) => Object.values(types))) {
      for (const value of Object.values(fields)) if (typeof value === "string" && value.length > 12) assert.ok(!all.includes(value), `${value} printed`);
    }
  });

  it("the program it wrote type-checks against the installed package", async () => {
    const result = await typecheck(dir);
    assert.equal(result.code, 0, result.stdout + result.stderr);
  });

  it("the printed pulumi config set commands, with the real values, configure the stack", async () => {
    await ws.ok(dir, ["stack", "init", "dev"]);
    const commands = printed.split("\n").map((l) => l.trim()).filter((l) => l.startsWith("pulumi config set "));
    assert.equal(commands.length, 3 + 7, printed); // connection (3) + one per secret: 3 in project 1, 4 in project 2
    for (const command of commands) {
      const [line = "", comment = ""] = command.split(/\s+#\s+/);
      const words = line.split(/\s+/).slice(1); // without "pulumi"
      const last = words.length - 1;
      if (words[last]?.startsWith("<")) words[last] = realValue(words[last - 1] ?? "", comment);
      await ws.ok(dir, [...words, "--stack", "dev"]);
    }
  });

  it("the first up adopts every integration with one PUT each and changes no setting on the server", async () => {
    await emu.control.clearRequests();
    const up = parseEvents((await ws.ok(dir, ["up", "--yes", "--skip-preview", "--json", "--stack", "dev"])).stdout);
    assert.equal(up.changeSummary.create, COUNT + 1, "one create (adoption) per integration, plus the stack");
    // Authenticated writes only: the first request of the provider process answers a digest challenge.
    const writes = (await emu.control.requests()).filter((r) => r.method !== "GET" && r.authenticated);
    assert.deepEqual(writes.map((r) => `${r.method} ${r.status}`), Array(COUNT).fill("PUT 200"), "adoptExisting: one PUT each, never POST or DELETE");
    for (const groupId of [DEFAULT_GROUP_ID, SECOND_GROUP_ID]) {
      const after = await emu.control.raw(groupId);
      assert.deepEqual(after.map((i) => i.type), seeded[groupId]?.map((i) => i.type), `${groupId}: the same integrations`);
      for (const was of seeded[groupId] ?? []) {
        const now = after.find((i) => i.type === was.type);
        assert.ok(now);
        assert.deepEqual(visible(now), visible(was), `${groupId} ${was.type}: non-secret fields unchanged`);
        assert.deepEqual(now.fields, was.fields, `${groupId} ${was.type}: secrets are the ones set in config`);
      }
    }
    const unknown = (await emu.control.raw(SECOND_GROUP_ID)).find((i) => i.type === UNKNOWN.type);
    assert.equal(unknown?.id, seeded[SECOND_GROUP_ID]?.find((i) => i.type === UNKNOWN.type)?.id, "the unknown type was not touched");
  });

  it("state keeps the secrets encrypted", async () => {
    const exported = (await ws.ok(dir, ["stack", "export", "--stack", "dev"])).stdout;
    for (const fields of Object.values(SEEDED).flatMap((types) => Object.values(types))) {
      for (const [name, value] of Object.entries(fields)) if (typeof value === "string" && value.length > 12) assert.ok(!exported.includes(value), `${name} in state`);
    }
  });

  it("a second preview and up show no changes and send no write", async () => {
    await emu.control.clearRequests();
    await ws.ok(dir, ["preview", "--expect-no-changes", "--stack", "dev"]);
    await ws.ok(dir, ["up", "--yes", "--skip-preview", "--expect-no-changes", "--stack", "dev"]);
    assert.deepEqual((await emu.control.requests()).filter((r) => r.method !== "GET"), []);
  });
});

/** The real value for a printed placeholder: the private key, or the seeded secret its comment names. */
function realValue(key: string, comment: string): string {
  if (key === "opsmanager:privateKey") return OWNER_KEY.privateKey;
  const m = /^(\w+) (\w+) of project ([0-9a-f]{24})$/.exec(comment);
  assert.ok(m, `no "TYPE field of project ID" comment for ${key}: ${comment}`);
  const value = SEEDED[m[3]!]?.[m[1]!]?.[m[2]!];
  assert.equal(typeof value, "string", `${key}: nothing seeded for ${comment}`);
  return value as string;
}
