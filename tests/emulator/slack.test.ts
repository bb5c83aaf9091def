import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID, OWNER_KEY } from "../../emulator/defaults";
import { resolveOptions } from "../../emulator/options";
import { DigestClient } from "./support/digest-client";
import { useEmulator } from "../helpers/emulator";

const LIST = `/groups/${DEFAULT_GROUP_ID}/integrations`;
const SLACK = { type: "SLACK", apiToken: "xoxb-1-2-abcdefgh", teamName: "ops", channelName: "alerts" };

/** Slack "must be initially configured ... through the ... third-party service integrations page". */
describe("emulator: Slack is created in the UI only (default slackCreate: refuse)", () => {
  const emu = useEmulator({ slackCreate: "refuse" });
  const api = () => new DigestClient(emu.apiBase, OWNER_KEY);

  it("is the emulator's default, as are PUT's conservative null semantics", () => {
    assert.equal(resolveOptions().settings.slackCreate, "refuse");
    assert.equal(resolveOptions().settings.nullOnPut, "ignored");
  });

  for (const method of ["POST", "PUT"] as const) {
    it(`${method} of a SLACK the project does not have → 400 INTEGRATION_FIELDS_INVALID, nothing stored`, async () => {
      const res = await api().send(method, `${LIST}/SLACK`, SLACK);
      assert.equal(res.status, 400, res.text);
      assert.equal(res.json().errorCode, "INTEGRATION_FIELDS_INVALID");
      assert.match(res.json().detail, /third-party service integrations page/);
      assert.deepEqual(await emu.control.raw(DEFAULT_GROUP_ID), []);
    });
  }

  it("PUT reconfigures one configured in the UI", async () => {
    await emu.control.seed(DEFAULT_GROUP_ID, "SLACK", { apiToken: "xoxb-ui-0000", teamName: "ops" });
    assert.equal((await api().send("PUT", `${LIST}/SLACK`, SLACK)).status, 200);
    assert.equal((await emu.control.raw(DEFAULT_GROUP_ID))[0]?.fields.channelName, "alerts");
  });

  it("a legacy Slack (no teamName) stays legacy after a PUT and never shows a teamName", async () => {
    await emu.control.seed(DEFAULT_GROUP_ID, "SLACK", { apiToken: "xoxb-legacy-0000" }, { unvalidated: true });
    assert.equal((await api().send("PUT", `${LIST}/SLACK`, SLACK)).status, 200);
    const shown = (await api().send("GET", `${LIST}/SLACK`)).json();
    assert.equal(shown.teamName, undefined);
    assert.equal(shown.channelName, "alerts");
  });

  it("slackCreate: allow models a server that takes Slack through the API", async () => {
    await emu.control.settings({ slackCreate: "allow" });
    assert.equal((await api().send("POST", `${LIST}/SLACK`, SLACK)).status, 200);
  });
});
