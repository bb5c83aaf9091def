import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID } from "../../emulator/defaults";
import { diff } from "../../provider/diff";
import { withFingerprintKey } from "../../provider/fingerprint";
import { findIntegration } from "../../provider/integrations/registry";
import { lifecycle } from "../../provider/lifecycle";
import { useEmulator } from "../helpers/emulator";
import { sessionWith } from "../helpers/session";

const PEM_PASSWORD = "pem-password-4242";
/** The registry's example (https, so with tlsPemPath), its key-file password set, no listenAddress in code. */
const { listenAddress: _unset, ...example } = findIntegration("PROMETHEUS")!.example;
const inputs = withFingerprintKey({}, { groupId: DEFAULT_GROUP_ID, type: "PROMETHEUS", ...example, tlsPemPassword: PEM_PASSWORD });

/**
 * Prometheus fields as the response elements describe them: tlsPemPassword is "returned if you have a password for
 * your PEM file" (masked, or clear on an old server), and listenAddress is in the "You must provide" list.
 */
describe("conformance: PROMETHEUS fields the server returns or requires", () => {
  const emu = useEmulator({ profile: "cloud-manager" });

  for (const maskStyle of ["om", "atlas", "clear"] as const) {
    it(`tlsPemPassword shown ${maskStyle}: refresh reports no drift and state never holds the value`, async () => {
      await emu.control.settings({ maskStyle });
      const session = sessionWith(emu.apiBase);
      const created = await lifecycle.create({ session }, inputs);
      const shown = (await session.client.fetchIntegration(DEFAULT_GROUP_ID, "PROMETHEUS"))?.tlsPemPassword;
      assert.ok(typeof shown === "string" && shown.length > 0, "the server shows it while set");
      const refreshed = await lifecycle.read({ session }, created.id, created.outs ?? {});
      assert.deepEqual(refreshed.props, created.outs);
      assert.equal(diff(refreshed.props ?? {}, inputs).changes, false);
      assert.ok(!JSON.stringify(refreshed.props).includes(PEM_PASSWORD), "state holds a fingerprint, never the password");
    });
  }

  it("listenAddress left out of code is sent as the documented default; the server refuses a body without it", async () => {
    const session = sessionWith(emu.apiBase);
    await lifecycle.create({ session }, inputs);
    const [stored] = await emu.control.raw(DEFAULT_GROUP_ID);
    assert.equal(stored?.fields.listenAddress, "0.0.0.0:9216");
    await emu.control.remove(DEFAULT_GROUP_ID, "PROMETHEUS");
    const bare = await session.client.createIntegration(DEFAULT_GROUP_ID, "PROMETHEUS", { body: { type: "PROMETHEUS", ...example }, secrets: [] }).then(
      () => undefined,
      (e: Error) => e,
    );
    assert.match(String(bare?.message), /MISSING_ATTRIBUTE|listenAddress/);
  });
});
