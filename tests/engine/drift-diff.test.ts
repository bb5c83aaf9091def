import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID, OWNER_KEY } from "../../emulator/defaults";
import type { CliResult } from "../../scripts/lib/pulumi-cli";
import { useEmulator, type EmulatorFixture } from "../helpers/emulator";
import { canary, SecretScanner, type Canary } from "../helpers/canaries";
import { ensureYamlHost, YamlProject } from "../helpers/yaml-project";
import { EngineProject } from "../helpers/engine-project";

/** What both programs need of their project: run the CLI, export state, and write the program. */
interface Stack {
  attempt(args: readonly string[]): Promise<CliResult>;
  exportState(): Promise<{ text: string }>;
  dispose(): void;
}

/** A program flavour: the dynamic resource from TypeScript's runtime (Node.js), or the plugin from YAML. */
interface Flavour {
  readonly name: string;
  /** How the rotated key is marked: the plugin sends a detailed diff; the dynamic provider cannot (see drift-inputs.ts). */
  readonly rotatedMark: string;
  create(emu: EmulatorFixture): Promise<Stack>;
  /** The program: a HipChat integration in `room` and an Opsgenie one, both secrets from stack config. */
  write(stack: Stack, room: string): void;
}

const chat = (room: string) => ({ groupId: DEFAULT_GROUP_ID, type: "HIP_CHAT", roomName: room });
const genie = { groupId: DEFAULT_GROUP_ID, type: "OPS_GENIE", region: "US" };

const flavours: Flavour[] = [
  {
    name: "the dynamic resource (Node.js program)",
    rotatedMark: "+ apiKey: [secret]",
    create: (emu) => EngineProject.create("drift-diff", { baseUrl: emu.url, ...OWNER_KEY }),
    write: (stack, room) =>
      (stack as EngineProject).setResources([
        { name: "chat", args: { ...chat(room), notificationToken: { $secret: "chatToken" } } },
        { name: "genie", args: { ...genie, apiKey: { $secret: "genieKey" } } },
      ]),
  },
  {
    name: "the plugin (YAML program)",
    rotatedMark: "~ apiKey: [secret] => [secret]",
    create: async (emu) => {
      ensureYamlHost();
      return YamlProject.create("drift-diff-yaml", { baseUrl: emu.url, ...OWNER_KEY });
    },
    write: (stack, room) =>
      (stack as YamlProject).writeProgram({
        config: { chatToken: { type: "string", secret: true }, genieKey: { type: "string", secret: true } },
        resources: {
          chat: { type: "opsmanager:index:Integration", properties: { ...chat(room), notificationToken: "${chatToken}" } },
          genie: { type: "opsmanager:index:Integration", properties: { ...genie, apiKey: "${genieKey}" } },
        },
      }),
  },
];

/**
 * The property lines `pulumi preview --diff` marks (`~ name: old => new`, `+ name: value`, `- name: value`) in the
 * integrations' blocks (a block starts at a resource's `<op> <type>: (<op>)` line), trimmed, prefixed with the
 * resource's name (from its `[urn=…::name]` line).
 */
function marked(printed: string): string[] {
  const found: string[] = [];
  let inIntegration = false;
  let name = "";
  for (const raw of printed.split("\n")) {
    const line = raw.trim();
    const header = /^(?:\+-|[~+-])?\s*(\S+): \([\w-]+\)$/.exec(line);
    if (header) [inIntegration, name] = [/:Integration$/.test(header[1] ?? ""), ""];
    else if (/^(Resources|Outputs):|^--outputs:--/.test(line)) inIntegration = false;
    else if (inIntegration && line.startsWith("[urn=")) name = line.replace(/^.*::/, "").replace(/\]$/, "");
    else if (inIntegration && /^(\+-|[~+-])\s+[A-Za-z_]\w*\s*:/.test(line)) found.push(`${name} ${line.replace(/\s+:/, ":").replace(/\s+/g, " ")}`);
  }
  return found;
}

/**
 * `pulumi preview --diff` names what will change, through the real CLI and engine (file backend) against the
 * emulator, for both providers: after a change made outside code and a refresh, it marks the drifted field with
 * the server's value and the code's, and the secret rotated by hand, and nothing else; after a secret changed in
 * code, that secret; `up` then restores the code's values and the next preview finds nothing to do. Every secret
 * is a canary, searched for in everything the CLI printed and in the state export.
 */
for (const flavour of flavours) {
  describe(`engine: preview --diff after drift, ${flavour.name}`, function () {
    this.timeout(10 * 60 * 1000);
    const emu = useEmulator({}, { resetEach: false });
    const scanner = new SecretScanner();
    const secrets = {
      chatToken: canary("chat token", "text", "ct01"),
      genieKey: canary("Opsgenie key", "text", "gk01"),
      rotated: canary("Opsgenie key rotated by hand", "text", "rt01"),
      genieKey2: canary("Opsgenie key changed in code", "text", "gk02"),
    };
    scanner.watch(...Object.values(secrets));
    let stack: Stack;
    /** What each `preview --diff` printed, for the report. */
    const shown: string[] = [];

    async function cli(args: string[]): Promise<CliResult> {
      const result = await stack.attempt(args);
      scanner.scan(`pulumi ${args.join(" ")} (stdout)`, result.stdout);
      scanner.scan(`pulumi ${args.join(" ")} (stderr)`, result.stderr);
      const output = scanner.findings.length ? "(withheld: it holds canaries)" : (result.stdout + result.stderr).slice(-4000);
      assert.equal(result.code, 0, `pulumi ${args.join(" ")} failed:\n${output}`);
      return result;
    }
    async function previewDiff(): Promise<string[]> {
      const { stdout } = await cli(["preview", "--diff", "--color", "never"]);
      shown.push(stdout);
      return marked(stdout);
    }
    /** Scans the state export; returns the integrations in it. */
    async function scanState(when: string): Promise<Array<Record<string, any>>> {
      const { text } = await stack.exportState();
      scanner.scan(`pulumi stack export (${when})`, text);
      const resources: Array<Record<string, any>> = JSON.parse(text).deployment.resources ?? [];
      return resources.filter((r) => String(r.type).endsWith(":Integration"));
    }
    const server = async (type: string) => (await emu.control.raw(DEFAULT_GROUP_ID)).find((r) => r.type === type)?.fields;
    const setSecret = (key: string, c: Canary) => cli(["config", "set", "--secret", key, c.value]);

    before(async () => {
      stack = await flavour.create(emu);
      await setSecret("chatToken", secrets.chatToken);
      await setSecret("genieKey", secrets.genieKey);
      flavour.write(stack, "ops");
      await cli(["up", "--yes", "--skip-preview"]);
      await cli(["preview", "--expect-no-changes"]);
    });
    after(() => stack?.dispose());
    afterEach(function () {
      if (this.currentTest?.state === "failed") for (const s of shown.splice(0)) console.log(s);
    });

    it("after a room changed and a key rotated by hand, and a refresh, marks exactly those two", async () => {
      await emu.control.change(DEFAULT_GROUP_ID, "HIP_CHAT", { roomName: "changed-by-hand" });
      await emu.control.change(DEFAULT_GROUP_ID, "OPS_GENIE", { apiKey: secrets.rotated.value });
      await cli(["refresh", "--yes", "--skip-preview"]);
      for (const r of await scanState("after refresh")) {
        for (const name of ["notificationToken", "apiKey", "fingerprintKey"].filter((n) => r.inputs[n] !== undefined))
          assert.ok(r.inputs[name].ciphertext, `${r.urn}: input ${name} is not encrypted in state`);
        assert.ok(r.inputs.fingerprintKey, `${r.urn}: no fingerprint key in the inputs`);
      }
      const marks = await previewDiff();
      console.log(shown.at(-1)?.replace(/^/gm, "      | "));
      assert.deepEqual(marks.sort(), ['chat ~ roomName: "changed-by-hand" => "ops"', `genie ${flavour.rotatedMark}`]);
    });

    it("up restores the code's values with one PUT each; the next preview has no changes", async () => {
      await emu.control.clearRequests();
      await cli(["up", "--yes", "--skip-preview"]);
      const writes = (await emu.control.requests()).filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path.split("/").pop()}`);
      assert.deepEqual(writes.sort(), ["PUT HIP_CHAT", "PUT OPS_GENIE"]);
      assert.deepEqual(await server("HIP_CHAT"), { roomName: "ops", notificationToken: secrets.chatToken.value });
      assert.equal((await server("OPS_GENIE"))?.apiKey, secrets.genieKey.value);
      await cli(["preview", "--expect-no-changes"]);
      await cli(["refresh", "--yes", "--skip-preview"]);
      await cli(["preview", "--expect-no-changes"]);
      await scanState("after up");
    });

    it("preview --refresh --diff marks drift without a refresh first; up --refresh restores it", async () => {
      await emu.control.change(DEFAULT_GROUP_ID, "HIP_CHAT", { roomName: "changed-again" });
      const { stdout } = await cli(["preview", "--refresh", "--diff", "--color", "never"]);
      shown.push(stdout);
      // The refresh step may print the outputs' own change (ops => changed-again): not what the update marks.
      assert.deepEqual(marked(stdout).filter((l) => !l.includes('"ops" => "changed-again"')), ['chat ~ roomName: "changed-again" => "ops"']);
      await cli(["up", "--refresh", "--yes", "--skip-preview"]);
      assert.equal((await server("HIP_CHAT"))?.roomName, "ops");
      await cli(["preview", "--expect-no-changes"]);
    });

    it("a secret changed in code (config set --secret) is marked, and nothing else", async () => {
      await setSecret("genieKey", secrets.genieKey2);
      assert.deepEqual(await previewDiff(), ["genie ~ apiKey: [secret] => [secret]"]);
      await cli(["up", "--yes", "--skip-preview"]);
      assert.equal((await server("OPS_GENIE"))?.apiKey, secrets.genieKey2.value);
      await cli(["preview", "--expect-no-changes"]);
    });

    it("a field changed in code shows both values", async () => {
      flavour.write(stack, "ops2");
      assert.deepEqual(await previewDiff(), ['chat ~ roomName: "ops" => "ops2"']);
      await cli(["up", "--yes", "--skip-preview"]);
      await cli(["preview", "--expect-no-changes"]);
      await scanState("at the end");
      await cli(["destroy", "--yes", "--skip-preview"]);
    });

    it("no secret appeared in any CLI output or state export", () => {
      assert.ok(scanner.outputs > 20, `scanned too little: ${scanner.outputs} outputs`);
      assert.equal(scanner.findings.length, 0, scanner.report());
    });
  });
}
