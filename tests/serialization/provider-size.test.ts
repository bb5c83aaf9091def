import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_GROUP_ID, OWNER_KEY } from "../../emulator/defaults";
import { useEmulator } from "../helpers/emulator";
import { makeProgramDir } from "../helpers/program-dir";
import { runNode } from "../helpers/run";

const fixtures = path.join(__dirname, "../fixtures");
const CANARY = "canary-secret-0f9e8d7c6b5a";

/**
 * What Pulumi stores in every resource's `__provider`, measured the way a user's program sees the package:
 * installed in node_modules (npm test installs it there first), loaded by name.
 */
describe("the serialized provider", () => {
  const emu = useEmulator();
  let program: ReturnType<typeof makeProgramDir>;
  let serialized: { text: string; containsSecrets: boolean };

  before(async () => {
    program = makeProgramDir("serialize", {
      "serialize.js": fs.readFileSync(path.join(fixtures, "serialize-provider.js"), "utf8"),
      "run.js": fs.readFileSync(path.join(fixtures, "run-serialized-provider.js"), "utf8"),
    });
    const env = { ...process.env, OPSMANAGER_PRIVATE_KEY: CANARY, OPSMANAGER_PUBLIC_KEY: CANARY };
    const run = await runNode("serialize.js", { cwd: program.dir, env });
    assert.equal(run.code, 0, run.stderr);
    serialized = JSON.parse(run.stdout);
  });
  after(() => program.cleanup());

  it("is at most 2 KB and only requires the package by name", () => {
    const bytes = Buffer.byteLength(serialized.text);
    console.log(`      __provider: ${bytes} bytes`);
    assert.ok(bytes <= 2048, `__provider is ${bytes} bytes`);
    assert.match(serialized.text, /require\("pulumi-opsmanager-integrations\/instance"\)/);
  });

  it("captures no schema, HTTP client, credential or secret", () => {
    assert.equal(serialized.containsSecrets, false);
    for (const word of [CANARY, "zod", "axios", "privateKey\":", "Digest"]) assert.ok(!serialized.text.includes(word), word);
  });

  it("works when loaded in a fresh Node process the way Pulumi's provider host loads it", async () => {
    const config = { "opsmanager:baseUrl": emu.url, "opsmanager:publicKey": OWNER_KEY.publicKey, "opsmanager:privateKey": OWNER_KEY.privateKey };
    const inputs = { groupId: DEFAULT_GROUP_ID, type: "PAGER_DUTY", serviceKey: "pd-key-from-serialized-provider" };
    const run = await runNode("run.js", {
      cwd: program.dir,
      input: JSON.stringify({ text: serialized.text, config, inputs }),
      env: { PATH: process.env.PATH ?? "" },
    });
    const result = JSON.parse(run.stdout);
    assert.equal(result.error, undefined);
    assert.equal(result.created.id, `${DEFAULT_GROUP_ID}/PAGER_DUTY`);
    assert.equal(result.read.props.fingerprints.serviceKey, result.created.outs.fingerprints.serviceKey, "the stored fingerprint survives a read of the masked value");
    assert.ok(!run.stdout.includes(inputs.serviceKey), "outputs never hold the secret itself");
    const log = await emu.control.requests();
    // Every step went through the wire: digest challenge, create, refresh (a list), delete.
    assert.deepEqual(log.map((r) => `${r.method} ${r.status}`), ["GET 401", "POST 200", "GET 200", "DELETE 204"]);
  });
});
