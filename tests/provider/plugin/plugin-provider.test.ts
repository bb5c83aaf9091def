import assert from "node:assert/strict";
import { specialSecretSig, specialSigKey, unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { DEFAULT_GROUP_ID, OWNER_KEY, OWNER_SERVICE_ACCOUNT } from "../../../emulator/defaults";
import { check as dynamicCheck } from "../../../provider/check";
import { OpsManagerPlugin } from "../../../provider/plugin/plugin-provider";
import { useEmulator } from "../../helpers/emulator";

const URN = "urn:pulumi:dev::p::opsmanager:index:Integration::hook";
const secret = (value: unknown) => ({ [specialSigKey]: specialSecretSig, value });
const isSecret = (value: unknown) =>
  (value as Record<string, unknown> | undefined)?.[specialSigKey] === specialSecretSig;

/**
 * The plugin's provider object, driven as the Node.js provider framework drives it: secrets wrapped on
 * the wire, configure from the `opsmanager` config namespace, the shared runtime underneath.
 */
describe("plugin: OpsManagerPlugin", () => {
  const emu = useEmulator();
  let plugin: OpsManagerPlugin;
  beforeEach(() => {
    plugin = new OpsManagerPlugin("0.0.0-test");
    plugin.configure({ baseUrl: emu.url, publicKey: OWNER_KEY.publicKey, privateKey: secret(OWNER_KEY.privateKey) });
  });

  const webhook = {
    groupId: DEFAULT_GROUP_ID,
    type: "WEBHOOK",
    url: "https://hooks.example.com/plugin/0001",
    secret: "whsec-plugin-0001",
  };

  it("check returns the inputs with the type's secret fields and the fingerprint key as secrets, sent plain or not", async () => {
    const result = await plugin.check(URN, {}, { ...webhook, url: secret(webhook.url) });
    const inputs = result.inputs as Record<string, unknown>;
    assert.deepEqual(result.failures, []);
    for (const name of ["url", "secret", "fingerprintKey"])
      assert.ok(isSecret(inputs[name]), `${name} is not a secret`);
    assert.equal(inputs.groupId, DEFAULT_GROUP_ID);
    const again = await plugin.check(URN, inputs, webhook);
    assert.deepEqual(
      (again.inputs as any).fingerprintKey,
      inputs.fingerprintKey,
      "the fingerprint key is kept from the old inputs",
    );
  });

  const invalid: Array<[string, Record<string, unknown>]> = [
    ["a field of another type", { ...webhook, apiKey: "k" }],
    ["a missing required field", { groupId: DEFAULT_GROUP_ID, type: "DATADOG" }],
    ["a bad project id", { ...webhook, groupId: "nope" }],
    ["an unknown type", { groupId: DEFAULT_GROUP_ID, type: "CARRIER_PIGEON" }],
    ["a mask as a secret", { ...webhook, secret: "******0001" }],
  ];
  for (const [what, news] of invalid) {
    it(`check fails like OpsManagerIntegration's on ${what}, with no request`, async () => {
      await emu.control.clearRequests();
      const result = await plugin.check(URN, {}, news);
      assert.deepEqual(result.failures, dynamicCheck(news).failures);
      assert.ok((result.failures ?? []).length > 0);
      assert.deepEqual(await emu.control.requests(), []);
    });
  }

  it("check leaves values unknown at preview alone", async () => {
    const result = await plugin.check(URN, {}, { ...webhook, secret: unknownValue });
    assert.deepEqual(result.failures, []);
  });

  it("create, read, update and delete through the shared runtime; outputs hold no secret", async () => {
    const { inputs } = await plugin.check(URN, {}, webhook);
    const created = await plugin.create(URN, inputs);
    assert.equal(created.id, `${DEFAULT_GROUP_ID}/WEBHOOK`);
    assert.ok(!JSON.stringify(created.outs).includes("whsec-plugin-0001"));
    assert.ok(!JSON.stringify(created.outs).includes("plugin/0001"));
    assert.deepEqual(Object.keys(created.outs.fingerprints).sort(), ["secret", "url"]);
    assert.equal((await emu.control.raw(DEFAULT_GROUP_ID))[0]?.fields.secret, "whsec-plugin-0001");

    assert.deepEqual(await plugin.diff(created.id, URN, created.outs, inputs), { changes: false });
    const changed = (await plugin.check(URN, inputs, { ...webhook, secret: "whsec-plugin-0002" })).inputs;
    assert.deepEqual(await plugin.diff(created.id, URN, created.outs, changed), { changes: true });
    const updated = await plugin.update(created.id, URN, created.outs, changed);
    assert.equal((await emu.control.raw(DEFAULT_GROUP_ID))[0]?.fields.secret, "whsec-plugin-0002");

    const read = await plugin.read(created.id, URN, updated.outs);
    assert.equal(read.id, created.id);
    assert.equal(read.inputs, undefined, "refresh keeps the stored inputs");
    await plugin.delete(created.id, URN, updated.outs);
    assert.deepEqual(await emu.control.raw(DEFAULT_GROUP_ID), []);
    assert.deepEqual(await plugin.read(created.id, URN, updated.outs), { id: "" });
  });

  it("reads of one project reuse its list; readSnapshotSeconds 0 from Configure (a number, as YAML sends it) turns that off", async () => {
    await emu.control.seed(DEFAULT_GROUP_ID, "DATADOG", { apiKey: "dd0123456789abcdef0123456789abcd", region: "US" });
    await emu.control.seed(DEFAULT_GROUP_ID, "HIP_CHAT", { notificationToken: "hipchat-token-0123456789", roomName: "ops-room" });
    const lists = async () => (await emu.control.requests()).filter((r) => r.method === "GET" && !r.challenged).length;
    const readBoth = async (p: OpsManagerPlugin) => {
      for (const type of ["DATADOG", "HIP_CHAT"]) assert.notEqual((await p.read(`${DEFAULT_GROUP_ID}/${type}`, URN, {})).id, "");
    };
    await emu.control.clearRequests();
    await readBoth(plugin);
    assert.equal(await lists(), 1);

    const off = new OpsManagerPlugin("0.0.0-test");
    off.configure({ baseUrl: emu.url, publicKey: OWNER_KEY.publicKey, privateKey: secret(OWNER_KEY.privateKey), readSnapshotSeconds: 0 });
    await emu.control.clearRequests();
    await readBoth(off);
    assert.equal(await lists(), 2);
  });

  it("a read with no stored props (pulumi import) returns inputs: clear fields, and placeholders for secrets, never a mask", async () => {
    await emu.control.seed(DEFAULT_GROUP_ID, "DATADOG", { apiKey: "dd-import-secret-4321", region: "EU" });
    const read = await plugin.read(`${DEFAULT_GROUP_ID}/DATADOG`, URN, {});
    const inputs = read.inputs as Record<string, unknown>;
    assert.deepEqual(Object.keys(inputs).sort(), ["apiKey", "groupId", "region", "type"]);
    assert.equal(inputs.region, "EU");
    assert.ok(isSecret(inputs.apiKey));
    const text = JSON.stringify(read);
    assert.ok(!text.includes("4321") && !text.includes("dd-import-secret") && !text.includes("***"), text);
    const { failures } = await plugin.check(URN, inputs, inputs);
    assert.match(failures?.[0]?.reason ?? "", /apiKey of DATADOG is the placeholder `pulumi import` wrote/);
  });

  it("getIntegration and listIntegrations answer the server's view, secrets masked; bad arguments are failures", async () => {
    await emu.control.seed(DEFAULT_GROUP_ID, "WEBHOOK", { url: "https://hooks.example.com/plugin/lookup-9876" });
    const got = await plugin.invoke("opsmanager:index:getIntegration", { groupId: DEFAULT_GROUP_ID, type: "WEBHOOK" });
    assert.deepEqual(got.outputs.integration.maskedFields, ["url"]);
    assert.ok(!JSON.stringify(got).includes("lookup-9876"));
    assert.deepEqual(
      (await plugin.invoke("opsmanager:index:getIntegration", { groupId: DEFAULT_GROUP_ID, type: "SLACK" })).outputs,
      {},
    );
    const list = await plugin.invoke("opsmanager:index:listIntegrations", { groupId: DEFAULT_GROUP_ID });
    assert.deepEqual(
      list.outputs.integrations.map((v: { type: string }) => v.type),
      ["WEBHOOK"],
    );
    await emu.control.clearRequests();
    const bad = await plugin.invoke("opsmanager:index:getIntegration", { groupId: "../x", type: "WEBHOOK" });
    assert.equal(bad.failures?.[0]?.property, "groupId");
    const badType = await plugin.invoke("opsmanager:index:getIntegration", { groupId: DEFAULT_GROUP_ID, type: "../x" });
    assert.deepEqual(badType.failures?.map((f) => f.property), ["type"]);
    assert.match(badType.failures?.[0]?.reason ?? "", /^type must be one of DATADOG, /);
    assert.deepEqual(await emu.control.requests(), []);
  });

  it("refuses resource types and functions it does not have", async () => {
    await assert.rejects(
      plugin.check("urn:pulumi:dev::p::opsmanager:index:Other::x", {}, webhook),
      /unknown resource type opsmanager:index:Other/,
    );
    await assert.rejects(plugin.invoke("opsmanager:index:nope", {}), /unknown function opsmanager:index:nope/);
  });

  it("takes the connection from configure, secrets unwrapped, and from OPSMANAGER_* when config lacks it", async () => {
    const bare = new OpsManagerPlugin("0.0.0-test");
    bare.configure({});
    const saved = { ...process.env };
    Object.assign(process.env, {
      OPSMANAGER_BASE_URL: emu.url,
      OPSMANAGER_PUBLIC_KEY: OWNER_KEY.publicKey,
      OPSMANAGER_PRIVATE_KEY: OWNER_KEY.privateKey,
    });
    try {
      const list = await bare.invoke("opsmanager:index:listIntegrations", { groupId: DEFAULT_GROUP_ID });
      assert.deepEqual(list.outputs.integrations, []);
    } finally {
      for (const k of ["OPSMANAGER_BASE_URL", "OPSMANAGER_PUBLIC_KEY", "OPSMANAGER_PRIVATE_KEY"]) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
  });

  it("configured with a service account (clientId, secret clientSecret), creates, reads and deletes with Bearer tokens", async () => {
    const viaAccount = new OpsManagerPlugin("0.0.0-test");
    viaAccount.configure({ baseUrl: emu.url, clientId: OWNER_SERVICE_ACCOUNT.clientId, clientSecret: secret(OWNER_SERVICE_ACCOUNT.clientSecret) });
    const { inputs } = await viaAccount.check(URN, {}, webhook);
    const created = await viaAccount.create(URN, inputs as Record<string, unknown>);
    assert.equal((await viaAccount.read(created.id, URN, created.outs)).id, created.id);
    await viaAccount.delete(created.id, URN, created.outs);
    const requests = await emu.control.requests();
    assert.equal(requests.filter((r) => r.path === "/api/oauth/token").length, 1, "one token for the plugin process");
    assert.ok(requests.filter((r) => r.path.startsWith("/api/public")).every((r) => r.publicKey === OWNER_SERVICE_ACCOUNT.clientId));
  });

  it("check fails, naming the settings, when an API key and a service account are both configured", async () => {
    const both = new OpsManagerPlugin("0.0.0-test");
    both.configure({ baseUrl: emu.url, publicKey: OWNER_KEY.publicKey, privateKey: secret(OWNER_KEY.privateKey), clientId: OWNER_SERVICE_ACCOUNT.clientId, clientSecret: secret(OWNER_SERVICE_ACCOUNT.clientSecret) });
    await assert.rejects(both.check(URN, {}, webhook), (err: Error) => {
      assert.match(err.message, /opsmanager:publicKey .*not both/);
      assert.match(err.message, /opsmanager:clientSecret/);
      assert.ok(!err.message.includes(OWNER_SERVICE_ACCOUNT.clientSecret) && !err.message.includes(OWNER_KEY.privateKey));
      return true;
    });
  });
});
