import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_GROUP_ID, OWNER_ROLE, SECOND_GROUP_ID } from "../../emulator/defaults";
import { definitions, findIntegration, type AnyIntegration } from "../../provider/integrations/registry";
import { loadConnectionConfig } from "../../provider/config";
import { check } from "../../provider/check";
import { EngineProject, type ResourceSpec } from "../helpers/engine-project";
import type { CliResult } from "../../scripts/lib/pulumi-cli";
import { useEmulator } from "../helpers/emulator";
import { canariesFor, canary, SecretScanner, type Canary } from "../helpers/canaries";
import { sessionWith } from "../helpers/session";
import { outcome } from "./support/outcome";
import { lifecycle } from "../../provider/lifecycle";

/**
 * Reliability suite 4: no secret in plain text anywhere a user, a log or a state file could show it. Every secret
 * field of every type and the private key get unique canary values; the lifecycle runs through the real CLI
 * (preview, up, refresh, update, failures, destroy; normal, --debug and --json) and every line printed, every
 * state export and every backend file is scanned, as are the provider's outputs and thrown errors. Pulumi's
 * encrypted secrets are ciphertext, so any occurrence of a canary is a leak. The engine's own -v logs are out of
 * scope.
 */
describe("reliability: secrets never appear in plain text", function () {
  this.timeout(10 * 60 * 1000);
  const emu = useEmulator({}, { resetEach: false });
  const scanner = new SecretScanner();
  const privateKey = canary("opsmanager:privateKey", "key", "pk01");
  const wrongKey = canary("a wrong opsmanager:privateKey", "key", "wr01");
  const publicKey = "CANARYPUBLIC";
  const generations = new Map<number, Map<AnyIntegration, Record<string, Canary>>>();

  /** Generation `n` of the program: one resource per type, fresh canaries in every secret field. */
  function program(n: number): ResourceSpec[] {
    let gen = generations.get(n);
    if (!gen) {
      gen = new Map(definitions.map((d) => [d, canariesFor(d, n)]));
      generations.set(n, gen);
      for (const c of gen.values()) scanner.watch(...Object.values(c));
    }
    return [...gen.entries()].map(([def, canaries]) => ({
      name: def.type.toLowerCase(),
      args: {
        groupId: DEFAULT_GROUP_ID,
        type: def.type,
        ...def.example,
        ...Object.fromEntries(Object.entries(canaries).map(([k, c]) => [k, c.value])),
      },
    }));
  }

  let project: EngineProject;
  const ran: string[] = [];
  /** Runs a CLI command (expected to succeed unless `fails`) and scans both streams. */
  async function cli(args: string[], { fails = false }: { fails?: boolean } = {}): Promise<CliResult> {
    const started = Date.now();
    const result = await project.attempt(args);
    ran.push(`pulumi ${args.join(" ")}: exit ${result.code}, ${Date.now() - started} ms`);
    scanner.scan(`pulumi ${args.join(" ")} (stdout)`, result.stdout);
    scanner.scan(`pulumi ${args.join(" ")} (stderr)`, result.stderr);
    if (fails) assert.notEqual(result.code, 0, `pulumi ${args.join(" ")} succeeded`);
    else
      assert.equal(
        result.code,
        0,
        `pulumi ${args.join(" ")} failed:\n${scanner.findings.length ? "(output withheld: it holds canaries)" : (result.stdout + result.stderr).slice(-3000)}`,
      );
    return result;
  }
  async function exportState(when: string): Promise<void> {
    const { text } = await project.exportState();
    scanner.scan(`pulumi stack export (${when})`, text);
  }

  before(async () => {
    scanner.watch(privateKey, wrongKey);
    await emu.control.reset();
    await emu.control.addKey({
      publicKey,
      privateKey: privateKey.value,
      roles: [DEFAULT_GROUP_ID, SECOND_GROUP_ID].map((groupId) => ({ groupId, roleName: OWNER_ROLE })),
    });
    project = await EngineProject.create("reliability-secrets", {
      baseUrl: emu.url,
      publicKey,
      privateKey: privateKey.value,
    });
  });

  after(() => {
    for (const r of ran) console.log(`      ${r}`);
    console.log(
      `      secrets: scanned ${scanner.bytes} bytes in ${scanner.outputs} outputs, found ${scanner.findings.length}`,
    );
    const byOutput = new Map<string, number>();
    for (const f of scanner.findings)
      byOutput.set(`${f.output}: ${f.canary}`, (byOutput.get(`${f.output}: ${f.canary}`) ?? 0) + 1);
    for (const [where, count] of byOutput) console.log(`        leak: ${where} (${count} line(s))`);
    for (const f of scanner.findings.slice(0, 12))
      console.log(`        e.g. ${f.output}, line ${f.line}: ${f.excerpt.slice(0, 300)}`);
    project?.dispose();
  });

  /** Findings of the running test only (each test fails on its own leaks). */
  let mark = 0;
  beforeEach(() => (mark = scanner.findings.length));
  const leaks = () => scanner.findings.slice(mark);
  const leakReport = () =>
    leaks()
      .map((f) => `${f.output}, line ${f.line}: ${f.canary}: ${f.excerpt}`)
      .join("\n");

  it("preview, up, refresh, two updates, destroy (normal, --debug, --json): no canary in any output or state export", async () => {
    project.setResources(program(1));
    await cli(["preview", "--diff"]);
    await cli(["preview", "--json"]);
    await cli(["up", "--yes", "--skip-preview", "--json"]);
    await exportState("after create");
    await cli(["refresh", "--yes", "--skip-preview", "--debug"]);
    project.setResources(program(2));
    const debugUp = await cli(["up", "--yes", "--skip-preview", "--debug"]);
    // The scan must see what the SDK logs at debug level: the RegisterResource answers, outputs included.
    assert.match(
      debugUp.stdout + debugUp.stderr,
      /RegisterResource RPC finished/,
      "--debug did not show the program's debug log",
    );
    await exportState("after update");
    project.setResources(program(3));
    await cli(["up", "--yes", "--skip-preview", "--diff"]);
    await cli(["config"]);
    await cli(["stack", "output", "--json"]);
    await cli(["destroy", "--yes", "--skip-preview", "--debug"]);
    await exportState("after destroy");
    assert.equal(leaks().length, 0, `leaks:\n${leakReport()}`);
  });

  it("failing runs: a 500 burst, a wrong private key, check failures on secret fields: no canary printed", async () => {
    project.setResources(program(4));
    await emu.control.fault({ status: 500, count: 200, method: "POST" });
    // After a POST that may have been applied, create looks and, finding nothing, upserts with PUT.
    await emu.control.fault({ status: 500, count: 200, method: "PUT" });
    await cli(["up", "--yes", "--skip-preview", "--debug"], { fails: true });
    await emu.control.clearFaults();
    await cli(["up", "--yes", "--skip-preview", "--json"]); // so the wrong key below meets resources to update and refresh
    await project.pulumi(["config", "set", "--secret", "opsmanager:privateKey", wrongKey.value]);
    project.setResources(program(5));
    await cli(["up", "--yes", "--skip-preview", "--debug"], { fails: true });
    await cli(["refresh", "--yes", "--skip-preview", "--json"], { fails: true });
    await project.pulumi(["config", "set", "--secret", "opsmanager:privateKey", privateKey.value]);
    await exportState("after failures");

    // A secret the check refuses (a newline inside), and a secret of one type put on another type.
    const badSecret = canary("a refused WEBHOOK.url", "url", "bad1");
    const foreign = canary("PAGER_DUTY.serviceKey given to SLACK", "text", "frn1");
    scanner.watch(badSecret, foreign);
    const slack = findIntegration("SLACK")!;
    for (const spec of [
      { name: "webhook", args: { groupId: DEFAULT_GROUP_ID, type: "WEBHOOK", url: `${badSecret.value}\nmore` } },
      {
        name: "slack",
        args: { groupId: DEFAULT_GROUP_ID, type: "SLACK", ...slack.example, serviceKey: foreign.value },
      },
    ]) {
      project.setResources([spec]);
      await cli(["preview", "--diff"], { fails: true });
    }
    assert.equal(leaks().length, 0, `leaks:\n${leakReport()}`);
  });

  it("the backend's files (checkpoints, backups, history) hold no canary", () => {
    const walk = (d: string): string[] =>
      fs
        .readdirSync(d, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
    for (const file of walk(project.ws.backend))
      scanner.scan(`backend file ${path.relative(project.ws.backend, file)}`, fs.readFileSync(file, "utf8"));
    const stackConfig = fs.readdirSync(project.dir).filter((f) => /^Pulumi\..*\.yaml$/.test(f));
    for (const f of stackConfig) scanner.scan(`project file ${f}`, fs.readFileSync(path.join(project.dir, f), "utf8"));
    assert.equal(leaks().length, 0, `leaks:\n${leakReport()}`);
  });

  it("provider outputs and thrown errors hold no canary (provider functions)", async () => {
    await emu.control.reset();
    await emu.control.addKey({
      publicKey,
      privateKey: privateKey.value,
      roles: [{ groupId: DEFAULT_GROUP_ID, roleName: OWNER_ROLE }],
    });
    const session = sessionWith(emu.url, { "opsmanager:maxRetries": "1" }, { publicKey, privateKey: privateKey.value });
    const wrong = sessionWith(emu.url, { "opsmanager:maxRetries": "0" }, { publicKey, privateKey: wrongKey.value });
    try {
      for (const def of definitions) {
        const canaries = canariesFor(def, 6);
        scanner.watch(...Object.values(canaries));
        const inputs = {
          groupId: DEFAULT_GROUP_ID,
          type: def.type,
          ...def.example,
          ...Object.fromEntries(Object.entries(canaries).map(([k, c]) => [k, c.value])),
        };
        const next = canariesFor(def, 7);
        scanner.watch(...Object.values(next));
        const news = { ...inputs, ...Object.fromEntries(Object.entries(next).map(([k, c]) => [k, c.value])) };

        // Failures first: a 500 burst, a wrong key, a server that echoes the request in an HTML error page.
        await emu.control.fault({ status: 500, count: 10, pathIncludes: def.type });
        const burst = await outcome(() => lifecycle.create({ session }, inputs));
        if (!burst.ok) scanner.scanError(`${def.type} create under a 500 burst`, burst.error);
        await emu.control.clearFaults();
        const denied = await outcome(() => lifecycle.create({ session: wrong }, inputs));
        assert.ok(!denied.ok);
        scanner.scanError(`${def.type} create with a wrong key`, denied.error);
        const echo = `<html><body><h1>502 Bad Gateway</h1><pre>Authorization: Digest username="${publicKey}", response="x"\n${JSON.stringify(inputs)}\n${privateKey.value}</pre></body></html>`;
        // A gateway that reflects the request it could not forward: the POST's own body and the private key.
        await emu.control.fault({ status: 502, count: 10, method: "POST", pathIncludes: def.type, body: echo });
        await emu.control.fault({ status: 502, count: 10, method: "PUT", pathIncludes: def.type, body: echo });
        const echoed = await outcome(() => lifecycle.create({ session }, inputs));
        assert.ok(!echoed.ok);
        scanner.scanError(`${def.type} create answered by a proxy echoing the request`, echoed.error);
        await emu.control.clearFaults();

        // Then the lifecycle: its outputs are what the SDK logs at debug level.
        const created = await lifecycle.create({ session }, inputs);
        scanner.scan(`${def.type} create outputs`, JSON.stringify(created));
        const refreshed = await lifecycle.read({ session }, created.id, created.outs ?? {});
        scanner.scan(`${def.type} read result`, JSON.stringify(refreshed));
        const updated = await lifecycle.update({ session }, "", created.outs ?? {}, news);
        scanner.scan(`${def.type} update outputs`, JSON.stringify(updated));
        const tooLong = { ...news, [def.secretFields[0]!]: `${next[def.secretFields[0]!]!.value}${"x".repeat(1100)}` };
        const refused = await outcome(() => lifecycle.update({ session }, "", updated.outs ?? {}, tooLong));
        if (!refused.ok) scanner.scanError(`${def.type} update the server refuses (oversize secret)`, refused.error);
        const checked = check({ ...tooLong, [def.secretFields[0]!]: `${next[def.secretFields[0]!]!.value}\n` });
        scanner.scan(`${def.type} check failures`, JSON.stringify(checked.failures));
        await emu.control.remove(DEFAULT_GROUP_ID, def.type);
      }
      const malformed = await outcome(async () =>
        loadConnectionConfig(
          (k) =>
            ({
              "opsmanager:baseUrl": emu.url,
              "opsmanager:publicKey": publicKey,
              "opsmanager:privateKey": `${privateKey.value} and more`,
            })[k],
          {},
        ),
      );
      assert.ok(!malformed.ok);
      scanner.scanError("a malformed private key in config", malformed.error);
    } finally {
      session.client.close();
      wrong.client.close();
    }
    assert.equal(leaks().length, 0, `leaks:\n${leakReport()}`);
  });
});
