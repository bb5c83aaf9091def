import assert from "node:assert/strict";
import { diff } from "../../provider/diff";
import { withFingerprintKey } from "../../provider/fingerprint";
import { loadConnectionConfig } from "../../provider/config";
import type { OpsManagerClient, ServerIntegration } from "../../provider/client/types";
import { outputs, storedFields } from "../../provider/outputs";
import { splitProps } from "../../provider/split-props";
import type { Session } from "../../provider/session";
import { lifecycle } from "../../provider/lifecycle";

const GROUP = "5f0000000000000000000001";

/** A session whose client records the bodies it is asked to write and answers with them, masked. */
function recordingSession(): { session: Session; writes: Record<string, unknown>[] } {
  const writes: Record<string, unknown>[] = [];
  const answer = async (_g: string, type: string, fields: Record<string, unknown>): Promise<ServerIntegration> => {
    writes.push(fields);
    return { type, id: "5f00000000000000000000aa" } as ServerIntegration;
  };
  const client = { createIntegration: answer, putIntegration: answer } as unknown as OpsManagerClient;
  const settings: Record<string, string> = { "opsmanager:baseUrl": "https://om.example.com", "opsmanager:publicKey": "pub", "opsmanager:privateKey": "priv-key" };
  return { session: { config: loadConnectionConfig((k) => settings[k], {}), client }, writes };
}

/** Outputs keep secrets only as fingerprints, under one plain output instead of one encrypted output per field. */
describe("outputs", () => {
  const inputs = withFingerprintKey({}, { groupId: GROUP, type: "WEBHOOK", url: "https://u:p4ss@hooks.example.com/x/tok9", secret: "whsec-0001" });

  it("hold the secret fields' fingerprints under `fingerprints`, never under the fields' own (encrypted) names", async () => {
    const { session } = recordingSession();
    const outs = (await lifecycle.create({ session }, inputs)).outs ?? {};
    assert.deepEqual(Object.keys(outs.fingerprints).sort(), ["secret", "url"]);
    assert.ok(!("url" in outs) && !("secret" in outs) && !("fingerprintKey" in outs));
    assert.ok(!JSON.stringify(outs).includes("p4ss") && !JSON.stringify(outs).includes("tok9"));
    assert.equal(diff(outs, inputs).changes, false);
    assert.equal(diff(outs, { ...inputs, secret: "whsec-0002" }).changes, true);
    assert.equal(storedFields(outs).url, outs.fingerprints.url);
  });

  it("a secret removed since the last update is seen through its fingerprint: the preview shows an update", async () => {
    const { session } = recordingSession();
    const outs = (await lifecycle.create({ session }, inputs)).outs ?? {};
    const { secret: _secret, ...without } = inputs;
    // One PUT (with secret: null); the update re-creates the integration only if the server's answer still shows it.
    assert.deepEqual(diff(outs, without), { changes: true });
  });

  it("keep an older build's fingerprint (salted hash, clear tail) under the field's own, encrypted, name", () => {
    const old = { fingerprint: "sha256-v1", salt: "00", hash: "ab".repeat(32), length: 10, head: "", tail: "" };
    const props = splitProps({ groupId: GROUP, type: "SLACK", apiToken: old, teamName: "ops" });
    const outs = outputs(props, props.fields, "id", "https://om.example.com");
    assert.deepEqual(outs.apiToken, old);
    assert.equal(outs.fingerprints, undefined);
    assert.deepEqual(storedFields(outs).apiToken, old);
  });
});
