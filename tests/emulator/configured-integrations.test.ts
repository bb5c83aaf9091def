import assert from "node:assert/strict";
import { parseCli } from "../../emulator/cli-options";
import { DEFAULT_GROUP_ID, OWNER_KEY } from "../../emulator/defaults";
import { useEmulator, withEmulator } from "../helpers/emulator";
import { DigestClient } from "./support/digest-client";

const G = DEFAULT_GROUP_ID;
const connectedInUi = { groupId: G, type: "SLACK", fields: { apiToken: "xoxb-connected-in-the-ui-0000", teamName: "ui", channelName: "alerts" } };

/** A Slack "connected in the UI" (the API cannot create one) is part of the emulator's configuration: the demo and examples adopt it. */
describe("emulator: integrations configured at start", () => {
  const emu = useEmulator({ integrations: [connectedInUi], slackCreate: "refuse", profile: "om-8.0" });

  it("exist at start and again after every reset, and the API reconfigures them", async () => {
    assert.deepEqual((await emu.control.raw(G)).map((i) => [i.type, i.fields]), [["SLACK", connectedInUi.fields]]);
    const api = new DigestClient(emu.apiBase, OWNER_KEY);
    const put = await api.send("PUT", `/groups/${G}/integrations/SLACK`, { type: "SLACK", apiToken: "xoxb-from-code-1111", teamName: "code" });
    assert.equal(put.status, 200, put.text);
    await emu.control.reset();
    assert.deepEqual((await emu.control.raw(G)).map((i) => i.fields), [connectedInUi.fields]);
  });

  it("are validated by the registry: an invalid one stops the start naming the field", async () => {
    const bad = { ...connectedInUi, fields: { teamName: "no token" } };
    await assert.rejects(withEmulator({ integrations: [bad] }, async () => undefined), /apiToken/);
  });

  it("come from --config", () => {
    const parsed = parseCli(["--config", "emu.json"], () => JSON.stringify({ integrations: [connectedInUi] }));
    assert.equal(parsed.help, false);
    assert.deepEqual(!parsed.help && parsed.options.integrations, [connectedInUi]);
  });
});
