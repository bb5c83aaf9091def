import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { DEFAULT_GROUP_ID } from "../../emulator/defaults";
import { useEngineProject } from "../helpers/engine-project";

const SIG = "4dabf18193072939515e22adb298388d";
const PASSWORD = "summer2024";
const HOOK = "https://alertbot:S3cr3tPassw0rd@alerts.example.com/hooks/0001";

/** Every way a wordlist could be tried against a value found in outputs without a key (an attacker of outputs). */
function cracks(outputs: unknown, words: readonly string[]): string | undefined {
  const text = JSON.stringify(outputs);
  const tokens = [...new Set([...(text.match(/[A-Za-z0-9_-]{6,}/g) ?? []), ""])];
  for (const word of words) {
    for (const salt of tokens) {
      for (const d of [createHash("sha256").update(salt).update("\0").update(word).digest(), createHmac("sha256", salt).update(word).digest()]) {
        if ([d.toString("hex"), d.toString("base64url").slice(0, 16)].some((v) => text.includes(v))) return word;
      }
    }
  }
  return undefined;
}

/**
 * Through the real engine: what state holds for secrets. The fingerprint key is an input the engine keeps
 * encrypted and never an output; outputs (which `--debug` prints) hold nothing a wordlist can be tried against;
 * the key survives refresh, so nothing churns.
 */
describe("engine: secrets in state", function () {
  this.timeout(5 * 60 * 1000);
  const fixture = useEngineProject("secret-state");

  it("keeps the fingerprint key an encrypted input, never an output, and outputs resist a wordlist", async () => {
    const { project } = fixture;
    project.setResources([
      { name: "hook", args: { groupId: DEFAULT_GROUP_ID, type: "WEBHOOK", url: HOOK, secret: PASSWORD } },
      {
        name: "prom",
        args: { groupId: DEFAULT_GROUP_ID, type: "PROMETHEUS", username: "prom", password: PASSWORD, serviceDiscovery: "http", scheme: "http", enabled: false },
      },
    ]);
    const debugUp = await project.pulumi(["up", "--yes", "--skip-preview", "--debug"]);
    const resources = await project.integrations();
    assert.equal(resources.length, 2);
    for (const r of resources) {
      assert.equal(r.inputs.fingerprintKey?.[SIG], "1b47061264138c4ac30d75fd1eb44270", "the key is a secret in state");
      assert.ok(typeof r.inputs.fingerprintKey?.ciphertext === "string");
      assert.ok(!("fingerprintKey" in r.outputs), "never an output");
    }
    const decrypted = async (): Promise<Array<Record<string, any>>> =>
      JSON.parse((await project.pulumi(["stack", "export", "--show-secrets"])).stdout).deployment.resources.filter((r: { type: string }) =>
        r.type.includes("opsmanager:Integration"),
      );
    // `stack export --show-secrets` keeps the secret envelope, with the value as JSON text in `plaintext`.
    const keys = async () => (await decrypted()).map((r) => String(JSON.parse(r.inputs.fingerprintKey?.plaintext ?? "null")));
    const keysBefore = await keys();
    for (const r of await decrypted()) {
      const key = String(JSON.parse(r.inputs.fingerprintKey?.plaintext ?? "null"));
      assert.ok(key.length >= 16, JSON.stringify(r.inputs.fingerprintKey));
      assert.ok(!(debugUp.stdout + debugUp.stderr).includes(key), "the key is not in the --debug output");
      const outs = JSON.stringify(r.outputs);
      for (const part of ["alertbot", "S3cr3tPassw0rd", "alerts.example.com", PASSWORD, "2024"]) assert.ok(!outs.includes(part), `${part} in outputs: ${outs}`);
      assert.equal(cracks(r.outputs, ["password", "winter2023", PASSWORD, "summer2023"]), undefined, "a wordlist finds nothing");
      const bytes = Buffer.byteLength(JSON.stringify(r.outputs)) + Buffer.byteLength(JSON.stringify(r.inputs));
      console.log(`      ${r.outputs.type}: inputs+outputs ${bytes} bytes decrypted`);
    }
    const sizes = resources.map((r) => Buffer.byteLength(JSON.stringify(r)));
    console.log(`      state per resource (encrypted, as stored): ${sizes.join(", ")} bytes`);

    await project.pulumi(["preview", "--expect-no-changes"]);
    const refresh = await project.refresh();
    assert.equal(refresh.changeSummary.update ?? 0, 0, JSON.stringify(refresh.changeSummary));
    assert.deepEqual(await keys(), keysBefore, "refresh keeps the key (it is re-encrypted, so compare the values)");
    await project.pulumi(["preview", "--expect-no-changes"]);
    await project.destroy();
  });
});
