import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_GROUP_ID, OWNER_KEY } from "../../emulator/defaults";
import { saveSnapshot } from "../../emulator/persist";
import { startEmulator } from "../../emulator/start-emulator";
import { withEmulator } from "../helpers/emulator";
import { DigestClient } from "./support/digest-client";

const G = DEFAULT_GROUP_ID;
const WEBHOOK = { type: "WEBHOOK", url: "https://hooks.example.com/x/0123456789" };

describe("emulator: --data-file persistence", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "om-emulator-data-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps integrations, keys and groups across a restart, ids included", async () => {
    const dataFile = join(dir, "state.json");
    const before = await withEmulator({ dataFile }, async (emu) => {
      assert.ok(existsSync(dataFile), "the initial state is written at start");
      assert.equal((await new DigestClient(emu.apiBase, OWNER_KEY).send("PUT", `/groups/${G}/integrations/WEBHOOK`, WEBHOOK)).status, 200);
      await emu.control.addKey({ publicKey: "LATER", privateKey: "later-private", roles: [{ groupId: G, roleName: "GROUP_OWNER" }] });
      return emu.control.raw();
    });
    await withEmulator({ dataFile }, async (emu) => {
      assert.deepEqual(await emu.control.raw(), before);
      const got = await new DigestClient(emu.apiBase, { publicKey: "LATER", privateKey: "later-private" }).send("GET", `/groups/${G}/integrations/WEBHOOK`);
      assert.equal(got.json().id, before.groups[0]!.integrations[0]!.id);
    });
  });

  it("writes atomically: the file always parses and no temporary file is left behind", async () => {
    const dataFile = join(dir, "state.json");
    await withEmulator({ dataFile }, async (emu) => {
      const api = new DigestClient(emu.apiBase, OWNER_KEY);
      for (let i = 0; i < 5; i++) {
        await api.send("PUT", `/groups/${G}/integrations/WEBHOOK`, { ...WEBHOOK, url: `${WEBHOOK.url}/${i}` });
        assert.equal(JSON.parse(readFileSync(dataFile, "utf8")).groups[0].integrations[0].fields.url, `${WEBHOOK.url}/${i}`);
      }
    });
    assert.deepEqual(readdirSync(dir), ["state.json"]);
  });

  it("a reset is persisted too", async () => {
    const dataFile = join(dir, "state.json");
    await withEmulator({ dataFile }, async (emu) => {
      await emu.control.seed(G, "WEBHOOK", { url: WEBHOOK.url });
      await emu.control.reset();
    });
    assert.deepEqual(JSON.parse(readFileSync(dataFile, "utf8")).groups[0].integrations, []);
  });

  it("refuses to start on a data file that is not a snapshot, rather than lose it", async () => {
    const dataFile = join(dir, "state.json");
    writeFileSync(dataFile, JSON.stringify({ hello: "world" }));
    await assert.rejects(startEmulator({ dataFile }), /is not a state snapshot/);
    assert.equal(readFileSync(dataFile, "utf8"), JSON.stringify({ hello: "world" }));
  });

  it("a failed write leaves neither a half file nor a temporary file", () => {
    const target = join(dir, "is-a-directory");
    mkdirSync(target);
    assert.throws(() => saveSnapshot(target, { version: 1, groups: [], keys: [] }));
    assert.deepEqual(readdirSync(dir), ["is-a-directory"]);
  });
});
