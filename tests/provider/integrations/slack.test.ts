import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID } from "../../../emulator/defaults";
import { diff } from "../../../provider/diff";
import { withFingerprintKey } from "../../../provider/fingerprint";
import { useEmulator } from "../../helpers/emulator";
import { sessionWith } from "../../helpers/session";
import { lifecycle } from "../../../provider/lifecycle";

/** As check leaves them: with the resource's fingerprint key. */
const inputs = withFingerprintKey({}, { groupId: DEFAULT_GROUP_ID, type: "SLACK", apiToken: "xoxb-from-code-1111", teamName: "code", channelName: "alerts" });

/** SLACK through the provider's functions against a server that refuses API-created Slack. */
describe("SLACK on a server that creates it in the UI only", () => {
  const emu = useEmulator({ slackCreate: "refuse" });

  for (const adoptExisting of [false, true]) {
    it(`creating one the project does not have (adoptExisting: ${adoptExisting}) says: connect it in the UI, then adoptExisting`, async () => {
      const err = await lifecycle.create({ session: sessionWith(emu.apiBase) }, { ...inputs, adoptExisting }).then(
        () => assert.fail("create should fail"),
        (e: Error) => e,
      );
      assert.match(err.message, /connected first in the Ops Manager UI/);
      assert.match(err.message, /adoptExisting: true/);
      assert.match(err.message, /400 INTEGRATION_FIELDS_INVALID/, "the server's own answer is kept");
      assert.deepEqual(await emu.control.raw(DEFAULT_GROUP_ID), []);
    });
  }

  it("an adopted legacy Slack, which never shows teamName, refreshes with no diff", async () => {
    await emu.control.seed(DEFAULT_GROUP_ID, "SLACK", { apiToken: "xoxb-legacy-0000", channelName: "old" }, { unvalidated: true });
    const session = sessionWith(emu.apiBase);
    const created = await lifecycle.create({ session }, { ...inputs, adoptExisting: true });
    const refreshed = await lifecycle.read({ session }, created.id, created.outs ?? {});
    assert.equal(refreshed.props?.teamName, "code", "an absent teamName keeps what state holds");
    assert.equal(diff(refreshed.props ?? {}, { ...inputs, adoptExisting: true }).changes, false);
  });
});
