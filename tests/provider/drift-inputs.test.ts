import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID, OWNER_KEY } from "../../emulator/defaults";
import { DRIFT_INPUTS, KEPT_SECRET, drifted, driftInputs } from "../../provider/drift-inputs";
import { DRIFT } from "../../provider/fingerprint";
import { lifecycle } from "../../provider/lifecycle";
import { splitProps } from "../../provider/split-props";
import type { SessionHolder } from "../../provider/session";
import { useEmulator } from "../helpers/emulator";

type Props = Record<string, unknown>;

describe("drift inputs: what a refresh that found drift stores as the dynamic resource's inputs", () => {
  const props = splitProps({ groupId: DEFAULT_GROUP_ID, type: "HIP_CHAT", secretVersion: 2, adoptExisting: true });

  it("drifted: only when a field changed, appeared or went", () => {
    assert.equal(drifted({ roomName: "ops", notificationToken: "fp2:x" }, { roomName: "ops", notificationToken: "fp2:x" }), false);
    assert.equal(drifted({ roomName: "ops" }, { roomName: "changed-by-hand" }), true);
    assert.equal(drifted({ roomName: "ops" }, { roomName: "ops", notificationToken: DRIFT }), true);
    assert.equal(drifted({ roomName: "ops", notificationToken: "fp2:x" }, { roomName: "ops" }), true);
  });

  it("holds the server's clear fields, a placeholder for a secret that still matches, nothing for a rotated one, a new key", () => {
    const inputs = driftInputs(props, { roomName: "changed-by-hand", notificationToken: "fp2:abcdefghijklmnop" });
    const { fingerprintKey, ...rest } = inputs;
    assert.deepEqual(rest, {
      groupId: DEFAULT_GROUP_ID,
      type: "HIP_CHAT",
      adoptExisting: true,
      secretVersion: 2,
      roomName: "changed-by-hand",
      notificationToken: KEPT_SECRET,
    });
    assert.ok(typeof fingerprintKey === "string" && fingerprintKey.length >= 16);
    assert.notEqual(driftInputs(props, {}).fingerprintKey, fingerprintKey, "a fresh key each time");
    assert.equal("notificationToken" in driftInputs(props, { roomName: "ops", notificationToken: DRIFT }), false);
  });
});

describe("lifecycle: read and diff of the dynamic resource around drift", () => {
  const emu = useEmulator();
  let holder: SessionHolder;
  let inputs: Props;
  let created: Props;
  beforeEach(async () => {
    const config: Props = { "opsmanager:baseUrl": emu.url, "opsmanager:publicKey": OWNER_KEY.publicKey, "opsmanager:privateKey": OWNER_KEY.privateKey };
    holder = {};
    lifecycle.configure(holder, { config: { get: (k) => config[k] } });
    const program = { groupId: DEFAULT_GROUP_ID, type: "HIP_CHAT", roomName: "ops", notificationToken: "hipchat-token-0001" };
    inputs = (await lifecycle.check(holder, {}, program)).inputs as Props;
    created = (await lifecycle.create(holder, inputs)).outs as Props;
  });
  const id = `${DEFAULT_GROUP_ID}/HIP_CHAT`;

  it("a read that finds no drift returns no inputs, so the engine keeps the stored ones", async () => {
    const read = await lifecycle.read(holder, id, created);
    assert.equal(read.inputs, undefined);
    assert.equal((read.props as Props)[DRIFT_INPUTS], undefined);
    assert.deepEqual(await lifecycle.diff(holder, id, read.props as Props, inputs), { changes: false });
  });

  it("a read that finds drift returns rebuilt inputs and says so in outputs, until the update replaces them", async () => {
    await emu.control.change(DEFAULT_GROUP_ID, "HIP_CHAT", { roomName: "changed-by-hand", notificationToken: "rotated-by-hand-0002" });
    const read = await lifecycle.read(holder, id, created);
    const stored = read.props as Props;
    assert.equal(stored[DRIFT_INPUTS], true);
    assert.equal((read.inputs as Props).roomName, "changed-by-hand");
    assert.equal("notificationToken" in (read.inputs as Props), false, "a rotated secret is left out");
    assert.ok(!JSON.stringify(read).includes("0002"), "nothing of the server's secret");
    const again = await lifecycle.read(holder, id, stored);
    assert.equal(again.inputs, undefined, "a second refresh with nothing new keeps the rebuilt inputs");
    assert.equal((again.props as Props)[DRIFT_INPUTS], true);

    const news = (await lifecycle.check(holder, read.inputs as Props, { groupId: DEFAULT_GROUP_ID, type: "HIP_CHAT", roomName: "ops", notificationToken: "hipchat-token-0001" })).inputs as Props;
    assert.equal(news.fingerprintKey, (read.inputs as Props).fingerprintKey, "check keeps the rebuilt inputs' key");
    assert.deepEqual(await lifecycle.diff(holder, id, stored, news), { changes: true });
    const updated = (await lifecycle.update(holder, id, stored, news)).outs as Props;
    assert.equal(updated[DRIFT_INPUTS], undefined);
    assert.deepEqual(await lifecycle.diff(holder, id, updated, news), { changes: false });
    assert.deepEqual((await emu.control.raw(DEFAULT_GROUP_ID))[0]?.fields, { roomName: "ops", notificationToken: "hipchat-token-0001" });
  });

  it("diff answers 'unknown' for a secret changed in code, so the engine compares the inputs itself; a clear field stays 'changes'", async () => {
    const news = (await lifecycle.check(holder, inputs, { ...inputs, notificationToken: "hipchat-token-0003" })).inputs as Props;
    assert.deepEqual(await lifecycle.diff(holder, id, created, news), { changes: undefined });
    assert.deepEqual(await lifecycle.diff(holder, id, created, { ...inputs, roomName: "ops2" }), { changes: true });
    assert.deepEqual(await lifecycle.diff(holder, id, { ...created, [DRIFT_INPUTS]: true }, news), { changes: true });
  });
});
