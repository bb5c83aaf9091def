import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID, OWNER_KEY } from "../../emulator/defaults";
import { errorCodes, OpsManagerError } from "../../provider/errors";
import { getIntegration, listIntegrations } from "../../provider/lookups";
import { useEmulator } from "../helpers/emulator";

/** The program-side lookups: the server's view, with every secret masked and marked as masked. */
describe("lookups: getIntegration and listIntegrations", () => {
  const emu = useEmulator({ maskStyle: "clear" });
  const saved = { ...process.env };
  before(() => {
    // Outside a Pulumi run there is no stack config: the lookups fall back to the OPSMANAGER_* variables.
    Object.assign(process.env, { OPSMANAGER_BASE_URL: emu.url, OPSMANAGER_PUBLIC_KEY: OWNER_KEY.publicKey, OPSMANAGER_PRIVATE_KEY: OWNER_KEY.privateKey });
  });
  after(() => {
    for (const k of ["OPSMANAGER_BASE_URL", "OPSMANAGER_PUBLIC_KEY", "OPSMANAGER_PRIVATE_KEY"]) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it("never hands out a secret, even from a server that answers in clear", async () => {
    await emu.control.seed(DEFAULT_GROUP_ID, "SLACK", { apiToken: "xoxb-lookup-secret-7777", teamName: "ops" });
    await emu.control.seed(DEFAULT_GROUP_ID, "WEBHOOK", { url: "https://hooks.example.com/lookup/4321" });
    const all = await listIntegrations({ groupId: DEFAULT_GROUP_ID });
    assert.deepEqual(all.map((v) => v.type).sort(), ["SLACK", "WEBHOOK"]);
    const slack = await getIntegration({ groupId: DEFAULT_GROUP_ID, type: "SLACK" });
    assert.deepEqual(slack?.maskedFields, ["apiToken"]);
    assert.equal(slack?.values.apiToken, "******7777");
    assert.equal(slack?.values.teamName, "ops");
    assert.ok(!JSON.stringify(all).includes("xoxb-lookup-secret"), "no secret in any view");
  });

  it("refuses a group id or type that is not one, before any request ('..', slashes)", async () => {
    await emu.control.clearRequests();
    const bad = [
      () => getIntegration({ groupId: "..", type: "SLACK" }),
      () => getIntegration({ groupId: `${DEFAULT_GROUP_ID}/../x`, type: "SLACK" }),
      () => getIntegration({ groupId: DEFAULT_GROUP_ID, type: "../../users" as "SLACK" }),
      () => getIntegration({ groupId: DEFAULT_GROUP_ID, type: "SLACK/.." as "SLACK" }),
      () => listIntegrations({ groupId: "../../admin" }),
    ];
    for (const call of bad) {
      await assert.rejects(call(), (e: unknown) => e instanceof OpsManagerError && e.code === errorCodes.INVALID_ARGUMENT);
    }
    assert.deepEqual(await emu.control.requests(), []);
  });

  it("answers undefined for a type the project does not have", async () => {
    assert.equal(await getIntegration({ groupId: DEFAULT_GROUP_ID, type: "DATADOG" }), undefined);
  });
});
