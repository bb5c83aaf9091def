import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID } from "../../../emulator/defaults";
import { diff } from "../../../provider/diff";
import { sameSecret, withFingerprintKey } from "../../../provider/fingerprint";
import { useEmulator } from "../../helpers/emulator";
import { sessionWith } from "../../helpers/session";
import { lifecycle } from "../../../provider/lifecycle";

/** As check leaves them: with the resource's fingerprint key. */
const inputs = {
  fingerprintKey: String(withFingerprintKey({}, {}).fingerprintKey),
  groupId: DEFAULT_GROUP_ID,
  type: "PROMETHEUS",
  username: "prom",
  password: "prom-password-1234",
  serviceDiscovery: "http",
  scheme: "https",
  tlsPemPath: "/etc/mongodb/prometheus.pem",
  enabled: false,
};

/** PROMETHEUS's quirks: a password the server never returns, `enabled: false`, and the discovery URL output. */
describe("PROMETHEUS", () => {
  const emu = useEmulator();

  it("outputs the Prometheus discovery URL of the project", async () => {
    const created = await lifecycle.create({ session: sessionWith(emu.apiBase) }, inputs);
    assert.equal(created.outs?.endpoints?.discoveryUrl, `${emu.url}/prometheus/v1.0/groups/${DEFAULT_GROUP_ID}/discovery`);
  });

  it("round-trips enabled: false (a peer drops it with an omit-if-false bug)", async () => {
    const session = sessionWith(emu.apiBase);
    const created = await lifecycle.create({ session }, inputs);
    assert.equal((await emu.control.raw(DEFAULT_GROUP_ID))[0]?.fields.enabled, false);
    const refreshed = await lifecycle.read({ session }, created.id, created.outs ?? {});
    assert.equal(refreshed.props?.enabled, false);
    assert.equal(diff(refreshed.props ?? {}, inputs).changes, false);
    await lifecycle.update({ session }, "", refreshed.props ?? {}, { ...inputs, enabled: true });
    assert.equal((await emu.control.raw(DEFAULT_GROUP_ID))[0]?.fields.enabled, true);
  });

  it("never sees the password on the server, keeps it in state, and re-sends it when secretVersion changes", async () => {
    const session = sessionWith(emu.apiBase);
    const created = await lifecycle.create({ session }, inputs);
    const shown = await session.client.fetchIntegration(DEFAULT_GROUP_ID, "PROMETHEUS");
    assert.equal(shown?.password, undefined, "the server does not return the password");
    const refreshed = await lifecycle.read({ session }, created.id, created.outs ?? {});
    assert.ok(sameSecret(refreshed.props?.fingerprints?.password, inputs.password, { where: `${DEFAULT_GROUP_ID}/PROMETHEUS/password`, resourceKey: inputs.fingerprintKey }), "state keeps (the fingerprint of) the password");
    await emu.control.change(DEFAULT_GROUP_ID, "PROMETHEUS", { password: "changed-by-hand-0000" });
    const bumped = { ...inputs, secretVersion: "2026-11-29" };
    assert.equal(diff(refreshed.props ?? {}, bumped).changes, true);
    await lifecycle.update({ session }, "", refreshed.props ?? {}, bumped);
    assert.equal((await emu.control.raw(DEFAULT_GROUP_ID))[0]?.fields.password, inputs.password);
  });
});
