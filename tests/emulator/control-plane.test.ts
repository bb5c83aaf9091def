import assert from "node:assert/strict";
import { createEmulator } from "../../emulator/create-emulator";
import { ControlError } from "../../emulator/control-client";
import { isLoopback } from "../../emulator/control-plugin";
import { DEFAULT_GROUP_ID, DEFAULT_NONCE_LIFETIME_MS, OWNER_KEY, SECOND_GROUP_ID } from "../../emulator/defaults";
import { useEmulator } from "../helpers/emulator";
import { DigestClient } from "./support/digest-client";

const G = DEFAULT_GROUP_ID;
const SLACK = { apiToken: "xoxb-000000000000-000000000000-example", teamName: "ops" };

/** Runs `fn` and returns the ControlError it must throw. */
async function refused(fn: () => Promise<unknown>): Promise<ControlError> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof ControlError) return error;
    throw error;
  }
  assert.fail("expected a ControlError");
}

describe("emulator: the control plane", () => {
  // This suite checks the control plane's own defaults: none of them comes from OPSMANAGER_EMULATOR_* here.
  const emu = useEmulator({ nullOnPut: "ignored", putSemantics: "merge", ncOrder: "any", webhookSecret: "masked", slackCreate: "allow", profile: "all-registered", bearerRefusal: "om" });
  const api = () => new DigestClient(emu.apiBase, OWNER_KEY);

  it("seeds an integration validated by the registry and shows it raw and unmasked (defaults are only shown by the API)", async () => {
    const stored = await emu.control.seed(G, "SLACK", SLACK);
    assert.match(stored.id, /^[0-9a-f]{24}$/);
    assert.deepEqual(stored, { id: stored.id, type: "SLACK", fields: SLACK });
    assert.deepEqual(await emu.control.raw(G), [stored]);
    const view = (await api().send("GET", `/groups/${G}/integrations/SLACK`)).json();
    assert.deepEqual(view, { apiToken: "******mple", channelName: "", id: stored.id, teamName: "ops", type: "SLACK" });
  });

  const badSeeds = [
    { case: "an invalid field", type: "SLACK", fields: { apiToken: 1, teamName: "ops" }, status: 400, code: "INVALID_ATTRIBUTE" },
    { case: "a missing field", type: "SLACK", fields: { teamName: "ops" }, status: 400, code: "MISSING_ATTRIBUTE" },
    { case: "an unknown type", type: "FUTURE_METRICS", fields: {}, status: 400, code: "INVALID_ENUM_VALUE" },
  ];
  for (const row of badSeeds) {
    it(`refuses to seed ${row.case} (${row.status} ${row.code}) unless unvalidated`, async () => {
      const error = await refused(() => emu.control.seed(G, row.type, row.fields));
      assert.equal(error.status, row.status);
      assert.equal((error.body as { errorCode: string }).errorCode, row.code);
      const stored = await emu.control.seed(G, row.type, row.fields, { unvalidated: true });
      assert.deepEqual(stored.fields, row.fields);
    });
  }

  it("lists an unvalidated type the registry does not know as it was stored (a newer server)", async () => {
    await emu.control.seed(G, "FUTURE_METRICS", { microsoftTeamsWebhookUrl: "https://teams.example/x" }, { unvalidated: true });
    const list = (await api().send("GET", `/groups/${G}/integrations`)).json();
    assert.deepEqual(list.results[0], { id: list.results[0].id, microsoftTeamsWebhookUrl: "https://teams.example/x", type: "FUTURE_METRICS" });
  });

  it("changes an integration behind the provider's back: fields merged, id changed", async () => {
    const before = await emu.control.seed(G, "SLACK", SLACK);
    const after = await emu.control.change(G, "SLACK", { apiToken: "xoxb-rotated-outside-code-9999" });
    assert.notEqual(after.id, before.id);
    assert.deepEqual(after.fields, { ...before.fields, apiToken: "xoxb-rotated-outside-code-9999" });
    assert.equal((await api().send("GET", `/groups/${G}/integrations/SLACK`)).json().apiToken, "******9999");
    const missing = await refused(() => emu.control.change(G, "WEBHOOK", { url: "https://x.example/" }));
    assert.equal(missing.status, 404);
  });

  it("deletes behind the provider's back; false when absent", async () => {
    await emu.control.seed(G, "SLACK", SLACK);
    assert.equal(await emu.control.remove(G, "SLACK"), true);
    assert.equal(await emu.control.remove(G, "SLACK"), false);
    assert.equal((await api().send("GET", `/groups/${G}/integrations/SLACK`)).status, 404);
  });

  it("adds and removes groups; a removed group is 404 GROUP_NOT_FOUND on the API", async () => {
    const id = "5f00000000000000000000aa";
    await emu.control.addGroup(id);
    await emu.control.addKey({ ...OWNER_KEY, roles: [G, SECOND_GROUP_ID, id].map((groupId) => ({ groupId, roleName: "GROUP_OWNER" })) });
    assert.equal((await api().send("GET", `/groups/${id}/integrations`)).status, 200);
    assert.equal(await emu.control.removeGroup(id), true);
    assert.equal((await api().send("GET", `/groups/${id}/integrations`)).json().errorCode, "GROUP_NOT_FOUND");
    assert.equal((await refused(() => emu.control.addGroup("nope"))).status, 400);
  });

  it("raw() without a group shows every group and key", async () => {
    const state = await emu.control.raw();
    assert.deepEqual(state.groups.map((g) => g.id), [G, SECOND_GROUP_ID]);
    assert.deepEqual(state.keys.map((k) => k.publicKey), ["EMULATOROWNER", "EMULATORREADONLY", "EMULATOROUTSIDER"]);
  });

  it("reads and patches settings, refusing unknown or invalid ones; reset restores them", async () => {
    assert.deepEqual(await emu.control.settings(), { nonceLifetimeMs: DEFAULT_NONCE_LIFETIME_MS, maskStyle: "om", rateLimitPerSecond: 0, latencyMs: 0, latencyJitterMs: 0, nullOnPut: "ignored", putSemantics: "merge", slackCreate: "allow", ncOrder: "any", webhookSecret: "masked", profile: "all-registered", bodyOnlyTypes: "refuse", tokenLifetimeSeconds: 3600, bearerRefusal: "om" }); // allow: set by tests/helpers/emulator.ts
    assert.equal((await emu.control.settings({ maskStyle: "clear" })).maskStyle, "clear");
    assert.equal((await refused(() => emu.control.settings({ maskStyle: "loud" } as never))).status, 400);
    assert.equal((await refused(() => emu.control.settings({ colour: 1 } as never))).status, 400);
    await emu.control.reset();
    assert.equal((await emu.control.settings()).maskStyle, "om");
  });

  it("reset empties integrations, faults and the request log", async () => {
    await emu.control.seed(G, "SLACK", SLACK);
    await emu.control.fault({ status: 500, count: 3 });
    await api().send("GET", `/groups/${G}/integrations`);
    await emu.control.reset();
    assert.deepEqual(await emu.control.raw(G), []);
    assert.deepEqual(await emu.control.faults(), []);
    assert.deepEqual(await emu.control.requests(), []);
  });

  it("logs API requests (not control calls) with path and query, status, auth and challenge; clearRequests empties it", async () => {
    await api().send("GET", `/groups/${G}/integrations/SLACK?pretty=true`);
    const log = await emu.control.requests();
    assert.deepEqual(
      log.map(({ method, path, status, authenticated, challenged }) => ({ method, path, status, authenticated, challenged })),
      [
        { method: "GET", path: `/api/public/v1.0/groups/${G}/integrations/SLACK?pretty=true`, status: 401, authenticated: false, challenged: true },
        { method: "GET", path: `/api/public/v1.0/groups/${G}/integrations/SLACK?pretty=true`, status: 404, authenticated: true, challenged: false },
      ],
    );
    assert.ok(log.every((e) => !Number.isNaN(Date.parse(e.timestamp))));
    await emu.control.clearRequests();
    assert.deepEqual(await emu.control.requests(), []);
  });
});

describe("emulator: the control plane refuses other hosts", () => {
  const table = [
    ["127.0.0.1", true], ["127.9.8.7", true], ["::1", true], ["::ffff:127.0.0.1", true],
    ["10.0.0.1", false], ["192.168.1.5", false], ["::ffff:10.0.0.1", false], ["2001:db8::1", false], [undefined, false],
  ] as const;
  for (const [address, loopback] of table) {
    it(`${address ?? "(no address)"} is ${loopback ? "" : "not "}loopback`, () => assert.equal(isLoopback(address), loopback));
  }

  it("answers 403 EMULATOR_LOOPBACK_ONLY to a non-loopback client, and still serves the API to it", async () => {
    const app = createEmulator();
    try {
      const control = await app.inject({ method: "GET", url: "/__emulator/state", remoteAddress: "10.1.2.3" });
      assert.equal(control.statusCode, 403);
      assert.equal(control.json().errorCode, "EMULATOR_LOOPBACK_ONLY");
      const api = await app.inject({ method: "GET", url: `/api/public/v1.0/groups/${G}/integrations`, remoteAddress: "10.1.2.3" });
      assert.equal(api.statusCode, 401);
    } finally {
      await app.close();
    }
  });
});
