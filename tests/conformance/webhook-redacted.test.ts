import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID } from "../../emulator/defaults";
import { diff } from "../../provider/diff";
import { withFingerprintKey } from "../../provider/fingerprint";
import { useEmulator } from "../helpers/emulator";
import { sessionWith } from "../helpers/session";
import { lifecycle } from "../../provider/lifecycle";

/** As check leaves them: with the resource's fingerprint key. */
const inputs = withFingerprintKey(
  {},
  { groupId: DEFAULT_GROUP_ID, type: "WEBHOOK", url: "https://hooks.example.com/om/0123456789", secret: "whsec-0123456789" },
);

/**
 * The docs: "the secret is completely redacted" ("******", the emulator's default; settings.ts cites the page); a
 * server showing the last four instead is the `masked` switch. Either way refresh sees no drift.
 */
for (const [webhookSecret, shown] of [["redacted", "******"], ["masked", "******6789"]] as const) {
  describe(`conformance: a webhook secret shown as ${shown} (webhookSecret: ${webhookSecret})`, () => {
    const emu = useEmulator({ webhookSecret });

    it(`the server shows ${shown} and the provider refreshes with no drift`, async () => {
      const session = sessionWith(emu.apiBase);
      const created = await lifecycle.create({ session }, inputs);
      assert.equal((await session.client.fetchIntegration(DEFAULT_GROUP_ID, "WEBHOOK"))?.secret, shown);
      const refreshed = await lifecycle.read({ session }, created.id, created.outs ?? {});
      assert.deepEqual(refreshed.props, created.outs);
      assert.equal(diff(refreshed.props ?? {}, inputs).changes, false);
    });
  });
}
