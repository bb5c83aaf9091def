import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { DEFAULT_GROUP_ID, OWNER_KEY, SECOND_GROUP_ID } from "../../emulator/defaults";
import type { RequestLogEntry } from "../../emulator/request-log";
import { definitions, type AnyIntegration } from "../../provider/integrations/registry";
import { EngineProject, type ResourceSpec } from "../helpers/engine-project";
import { useEmulator } from "../helpers/emulator";
import { startPulumi } from "./support/cli";
import { startRecordingProxy } from "./support/recording-proxy";

/**
 * Reliability suite 2: `pulumi up` killed with SIGKILL at ten points of an update of 20 integrations; after the
 * documented recovery (`pulumi refresh --clear-pending-creates`) the next `up` converges: the server holds exactly
 * the 20 with the values in code, nothing orphaned or duplicated, and a final preview shows no change.
 */

/** 20 resources: every type in the first project, the first nine types in the second. */
const layout: { groupId: string; def: AnyIntegration }[] = [
  ...definitions.map((def) => ({ groupId: DEFAULT_GROUP_ID, def })),
  ...definitions.slice(0, 9).map((def) => ({ groupId: SECOND_GROUP_ID, def })),
];

/** Generation `n` of a field's value: a suffix, so the last four characters (what a mask shows) differ per run. */
function rotated(base: string, n: number): string {
  const tag = `r${String(n).padStart(2, "0")}`;
  return base.startsWith("http") ? `${base}/${tag}` : `${base}-${tag}`;
}

/** The field each resource changes per run: its first required text field (a secret for secret-only types). */
function rotatingField(def: AnyIntegration): string {
  const name = def.requiredFields.find(
    (n) =>
      typeof def.example[n] === "string" && def.fields[n]?.schema.safeParse(rotated(String(def.example[n]), 1)).success,
  );
  if (!name) throw new Error(`${def.type}: no text field to change`);
  return name;
}

/** Generation `n` of the program: every resource's rotating field ends in a suffix of n (last four characters differ). */
function generation(n: number): ResourceSpec[] {
  return layout.map(({ groupId, def }) => {
    const field = rotatingField(def);
    const value = rotated(String(def.example[field]), n);
    return {
      name: `${def.type.toLowerCase()}-${groupId.slice(-1)}`,
      args: { groupId, type: def.type, ...def.example, [field]: value },
    };
  });
}

/** Differences between the server's raw state and generation `n`: missing, extra, or different values. */
async function serverVersus(emu: ReturnType<typeof useEmulator>, specs: ResourceSpec[]): Promise<string[]> {
  const raw = await emu.control.raw();
  const problems: string[] = [];
  const held = raw.groups.flatMap((g) => g.integrations.map((i) => ({ groupId: g.id, ...i })));
  for (const s of specs) {
    const { groupId, type, ...fields } = s.args as Record<string, unknown>;
    const found = held.filter((h) => h.groupId === groupId && h.type === type);
    if (found.length !== 1) problems.push(`${s.name}: ${found.length} on the server`);
    const def = definitions.find((d) => d.type === type)!;
    for (const [name, value] of Object.entries(fields)) {
      const theirs = found[0]?.fields[name] ?? def.fields[name]?.serverDefault;
      if (found[0] && theirs !== value)
        problems.push(`${s.name}.${name}: server ${JSON.stringify(theirs)} ≠ code ${JSON.stringify(value)}`);
    }
  }
  if (held.length !== specs.length) problems.push(`${held.length} integrations on the server, ${specs.length} in code`);
  return problems;
}

/** Every file of the DIY backend with its size, for a failure message. */
function listing(dir: string): string {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(`  ${path.relative(dir, p)} ${fs.statSync(p).size} bytes`);
    }
  };
  walk(dir);
  return out.join("\n");
}

/**
 * Puts back a DIY-backend checkpoint that SIGKILL left unreadable, and says what it did (undefined: nothing to do).
 * Seen here: the blob library writes a checkpoint atomically (temp file + rename) but then rewrites its `.attrs`
 * sidecar in place, so a kill at that moment leaves a 0-byte `dev.json.attrs` and every later command fails with
 * "failed to load checkpoint: EOF"; a missing sidecar is read as "no attributes", so it is removed. A damaged
 * checkpoint itself would be replaced by the `.bak` copy Pulumi keeps.
 */
function repairCheckpoint(backend: string): string | undefined {
  const dir = path.join(backend, ".pulumi", "stacks");
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.existsSync(d) ? fs.readdirSync(d, { withFileTypes: true }) : []) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".json") || e.name.endsWith(".json.attrs")) files.push(p);
    }
  };
  walk(dir);
  const done: string[] = [];
  for (const file of files) {
    try {
      JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
      const size = fs.statSync(file).size;
      const name = path.relative(backend, file);
      if (file.endsWith(".attrs")) {
        fs.rmSync(file);
        done.push(`${name} unreadable (${size} bytes): removed`);
        continue;
      }
      const bak = `${file}.bak`;
      if (!fs.existsSync(bak)) {
        done.push(`${name} unreadable (${size} bytes, ${String(error)}), no .bak`);
        continue;
      }
      fs.copyFileSync(bak, file);
      done.push(`${name} unreadable (${size} bytes): restored from .bak`);
    }
  }
  return done.length > 0 ? done.join("; ") : undefined;
}

type Trigger = { label: string; fire: (log: RequestLogEntry[], elapsedMs: number) => boolean };
const writes = (log: RequestLogEntry[]) => log.filter((r) => r.method === "PUT" && r.authenticated !== false);
const arrived = (k: number): Trigger => ({
  label: `${k} PUT(s) arrived`,
  fire: (log) => log.filter((r) => r.method === "PUT").length >= k,
});
const answered = (k: number): Trigger => ({
  label: `${k} PUT(s) answered`,
  fire: (log) => writes(log).filter((r) => r.status !== null && r.status < 300).length >= k,
});

/** Ten kill points across the update: before the program registers anything, during the writes, after the last. */
const TRIGGERS: Trigger[] = [
  { label: "1 s after start (program starting)", fire: (_log, ms) => ms >= 1000 },
  arrived(1),
  answered(1),
  arrived(5),
  answered(8),
  arrived(11),
  answered(13),
  arrived(17),
  answered(19),
  answered(20),
];

describe("reliability: interrupted runs (real CLI, SIGKILL)", function () {
  this.timeout(6 * 60 * 1000);
  const emu = useEmulator({}, { resetEach: false });
  let project: EngineProject;
  const timings: string[] = [];
  let recovered = 0;
  /** Damage the engine did to its own state (not the provider's doing), reported with the figures. */
  const engineFindings: string[] = [];

  before(async () => {
    project = await EngineProject.create("reliability-interrupted", { baseUrl: emu.url, ...OWNER_KEY });
    project.setResources(generation(0));
    await project.up();
    assert.deepEqual(await serverVersus(emu, generation(0)), []);
  });
  after(() => {
    project?.dispose();
    for (const t of timings) console.log(`      ${t}`);
    for (const f of engineFindings) console.log(`      engine: ${f}`);
    console.log(
      `      interrupted: ${recovered}/${TRIGGERS.length} kill points recovered, ${engineFindings.length} damaged checkpoint(s) repaired first`,
    );
  });

  TRIGGERS.forEach((trigger, i) => {
    const n = i + 1;
    it(`killed at "${trigger.label}": refresh --clear-pending-creates, then up converges to the code`, async () => {
      const specs = generation(n);
      project.setResources(specs);
      await emu.control.settings({ latencyMs: 600 });
      await emu.control.clearRequests();
      const started = Date.now();
      const run = startPulumi(project, ["up", "--yes", "--skip-preview"]);
      let fired = false;
      let exited = false;
      void run.done.then(() => (exited = true));
      while (!exited) {
        const log = await emu.control.requests();
        if (trigger.fire(log, Date.now() - started)) {
          fired = true;
          break;
        }
        await sleep(20);
      }
      const killedAt = Date.now() - started;
      await run.kill();
      await emu.control.settings({ latencyMs: 0 });
      await sleep(200); // let the server finish what it accepted before the kill
      const log = await emu.control.requests();
      const applied = writes(log).filter((r) => r.status !== null && r.status < 300).length;
      const t0 = Date.now();
      // A damaged checkpoint sidecar must be repaired first: `pulumi cancel` reads the checkpoint and fails on it,
      // which left the lock in place and failed the recovery (seen in CI).
      const repaired = repairCheckpoint(project.ws.backend);
      if (repaired) engineFindings.push(`#${n} (${trigger.label}): ${repaired}`);
      // SIGKILL leaves the DIY backend's lock behind; the CLI says to remove it with `pulumi cancel`.
      const cancel = await project.attempt(["cancel", "--yes"]);
      const refresh = await project.attempt(["refresh", "--yes", "--skip-preview", "--clear-pending-creates"]);
      assert.equal(
        refresh.code,
        0,
        `refresh failed:\n${refresh.stdout}\n${refresh.stderr}\nbackend files:\n${listing(project.ws.backend)}`,
      );
      const up = await project.attempt(["up", "--yes", "--skip-preview"]);
      assert.equal(up.code, 0, `up failed:\n${up.stdout}\n${up.stderr}`);
      timings.push(
        `#${n} ${trigger.label.padEnd(36)} killed after ${killedAt} ms (${fired ? "trigger" : "exited first"}), ${applied}/20 PUTs applied before the kill, cancel exit ${cancel.code}; recovery ${Date.now() - t0} ms`,
      );
      assert.ok(fired, "the update finished before the kill point");
      assert.deepEqual(await serverVersus(emu, specs), [], "server ≠ code after the recovery");
      recovered++;
    });
  });

  it("a final preview --expect-no-changes passes", async () => {
    await emu.control.clearRequests();
    const result = await project.attempt(["preview", "--expect-no-changes"]);
    assert.equal(result.code, 0, `changes or failure:\n${result.stdout}\n${result.stderr}`);
    assert.equal((await emu.control.requests()).length, 0);
  });

  it("killed after a create was applied: refresh --clear-pending-creates, then up converges (the integration it made does not block it)", async () => {
    // The two types the second project lacks are created; a forwarder holds the server's answers to the POSTs, so
    // the kill lands after Ops Manager applied them and before the engine heard of it: state has pending creates.
    const extra = definitions
      .slice(9)
      .map((def) => ({
        name: `${def.type.toLowerCase()}-2`,
        args: { groupId: SECOND_GROUP_ID, type: def.type, ...def.example },
      }));
    const specs = [...extra, ...generation(TRIGGERS.length)];
    const proxy = await startRecordingProxy(emu.url);
    try {
      await project.pulumi(["config", "set", "opsmanager:baseUrl", proxy.url]);
      project.setResources(specs);
      proxy.holdAnswers({ method: "POST", ms: 60_000, count: extra.length });
      await emu.control.clearRequests();
      const run = startPulumi(project, ["up", "--yes", "--skip-preview"]);
      let exited = false;
      void run.done.then(() => (exited = true));
      const applied = async () =>
        (await emu.control.requests()).filter((r) => r.method === "POST" && r.status === 200).length;
      while (!exited && (await applied()) < extra.length) await sleep(20);
      await sleep(300);
      await run.kill();
      const killed = await run.done;
      assert.ok(
        !exited || killed.signal === "SIGKILL",
        `the update finished before the kill point:\n${killed.stdout.slice(-2000)}\n${killed.stderr.slice(-2000)}`,
      );
      await project.pulumi(["config", "set", "opsmanager:baseUrl", emu.url]);
      const repaired = repairCheckpoint(project.ws.backend); // before cancel, which fails on a damaged checkpoint
      if (repaired) engineFindings.push(`interrupted create: ${repaired}`);
      await project.attempt(["cancel", "--yes"]);
      const pending =
        JSON.stringify((await project.exportState()).deployment).match(/"type":\s*"creating"/g)?.length ?? 0;
      const refresh = await project.attempt(["refresh", "--yes", "--skip-preview", "--clear-pending-creates"]);
      assert.equal(refresh.code, 0, `refresh failed:\n${refresh.stdout}\n${refresh.stderr}`);
      const up = await project.attempt(["up", "--yes", "--skip-preview"]);
      const message = (up.stdout + up.stderr)
        .split("\n")
        .filter((l) => /error:/.test(l))
        .slice(0, 2)
        .join("\n");
      timings.push(
        `interrupted create: ${pending} pending create(s) in state after the kill, ${extra.length} applied on the server; up after recovery exit ${up.code}`,
      );
      assert.equal(up.code, 0, `the up after the recovery failed:\n${message}`);
      assert.deepEqual(await serverVersus(emu, specs), [], "server ≠ code after the recovery");
    } finally {
      await proxy.close();
    }
  });
});
