import assert from "node:assert/strict";
import { settingsFromEnv, withEmulator } from "../helpers/emulator";

/** Whole suites run under another reading of the docs by setting OPSMANAGER_EMULATOR_* (CI's leg 2 does). */
describe("test emulator: switches from the environment", () => {
  it("maps each variable to its setting and ignores unset or empty ones", () => {
    assert.deepEqual(settingsFromEnv({}), {});
    assert.deepEqual(
      settingsFromEnv({
        OPSMANAGER_EMULATOR_NULL_ON_PUT: "clears",
        OPSMANAGER_EMULATOR_NC_ORDER: "strict",
        OPSMANAGER_EMULATOR_PROFILE: "",
      }),
      { nullOnPut: "clears", ncOrder: "strict" },
    );
  });

  it("takes a profile", () => {
    assert.deepEqual(settingsFromEnv({ OPSMANAGER_EMULATOR_PROFILE: "cloud-manager" }), { profile: "cloud-manager" });
  });

  it("refuses an unknown value, naming the variable and what is allowed", () => {
    assert.throws(() => settingsFromEnv({ OPSMANAGER_EMULATOR_NULL_ON_PUT: "maybe" }), /OPSMANAGER_EMULATOR_NULL_ON_PUT=maybe: must be one of ignored, clears/);
  });

  it("an emulator started by a spec takes them, and the spec's own options still win", async () => {
    const saved = process.env.OPSMANAGER_EMULATOR_NULL_ON_PUT;
    process.env.OPSMANAGER_EMULATOR_NULL_ON_PUT = "clears";
    try {
      assert.equal(await withEmulator({}, async (emu) => (await emu.control.settings({})).nullOnPut), "clears");
      assert.equal(await withEmulator({ nullOnPut: "ignored" }, async (emu) => (await emu.control.settings({})).nullOnPut), "ignored");
    } finally {
      if (saved === undefined) delete process.env.OPSMANAGER_EMULATOR_NULL_ON_PUT;
      else process.env.OPSMANAGER_EMULATOR_NULL_ON_PUT = saved;
    }
  });
});
