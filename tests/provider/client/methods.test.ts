import assert from "node:assert/strict";
import { createClient } from "../../../provider/client";
import { ApiError, errorCodes, OpsManagerError } from "../../../provider/errors";
import { startScriptedServer, type LoggedRequest, type Reply, type ScriptedServer } from "./support/scripted-server";
import { GOOD_KEYS, GROUP, testConfig, webhookRequest } from "./support/test-config";

const base = `/api/public/v1.0/groups/${GROUP}/integrations`;
const notConfigured: Reply = {
  status: 404,
  body: { detail: "The integration of type 'WEBHOOK' is not configured for this group.", error: 404, errorCode: "INTEGRATION_NOT_CONFIGURED", reason: "Not Found" },
};
const groupNotFound: Reply = { status: 404, body: { detail: `No group with ID ${GROUP} exists.`, error: 404, errorCode: "GROUP_NOT_FOUND", reason: "Not Found" } };
const all = [
  { type: "PAGER_DUTY", serviceKey: "******7890" },
  { type: "WEBHOOK", url: "******x/42", id: "65aa" },
  { type: "PROMETHEUS_FROM_THE_FUTURE", foo: 1 },
];

describe("client methods", () => {
  let server: ScriptedServer;
  afterEach(() => server?.close());
  const start = async (script: (r: LoggedRequest, i: number) => Reply) => {
    server = await startScriptedServer({ script, digest: GOOD_KEYS });
    return createClient(testConfig(server.url), { retryBaseDelayMs: 5, knownTypes: ["PAGER_DUTY", "SLACK", "WEBHOOK"] });
  };

  it("fetchIntegration GETs the type's path and returns the server's view", async () => {
    const client = await start(() => ({ status: 200, body: { type: "WEBHOOK", url: "******x/42", id: "65aa" } }));
    assert.deepEqual(await client.fetchIntegration(GROUP, "WEBHOOK"), { type: "WEBHOOK", url: "******x/42", id: "65aa" });
    assert.equal(server.served()[0]?.url, `${base}/WEBHOOK`);
    assert.equal(server.served()[0]?.method, "GET");
  });

  it("fetchIntegration resolves undefined on 404 INTEGRATION_NOT_CONFIGURED", async () => {
    const client = await start(() => notConfigured);
    assert.equal(await client.fetchIntegration(GROUP, "WEBHOOK"), undefined);
  });

  it("fetchIntegration throws on other 404s (GROUP_NOT_FOUND), pointing at the groupId", async () => {
    const client = await start(() => groupNotFound);
    const err = await client.fetchIntegration(GROUP, "WEBHOOK").catch((e: unknown) => e);
    assert.ok(err instanceof ApiError);
    assert.equal(err.errorCode, "GROUP_NOT_FOUND");
    assert.match(err.message, /Check the groupId/);
  });

  it("fetchIntegration rejects an answer of another type", async () => {
    const client = await start(() => ({ status: 200, body: { type: "SLACK" } }));
    const err = await client.fetchIntegration(GROUP, "WEBHOOK").catch((e: unknown) => e);
    assert.ok(err instanceof ApiError);
    assert.equal(err.code, errorCodes.INVALID_RESPONSE);
  });

  it("createIntegration POSTs the caller's body as JSON, unchanged, and picks its type from the full list", async () => {
    const client = await start(() => ({ status: 200, body: { links: [], results: all, totalCount: 3 } }));
    const got = await client.createIntegration(GROUP, "WEBHOOK", webhookRequest({ url: "https://h.example.com/x/42" }));
    assert.deepEqual(got, { type: "WEBHOOK", url: "******x/42", id: "65aa" });
    const req = server.served()[0];
    assert.equal(req?.method, "POST");
    assert.equal(req?.url, `${base}/WEBHOOK`);
    assert.match(String(req?.headers["content-type"]), /^application\/json/);
    assert.deepEqual(JSON.parse(req?.body ?? ""), { url: "https://h.example.com/x/42", type: "WEBHOOK" });
  });

  it("createIntegration maps 409 to errorCode INTEGRATION_ALREADY_CONFIGURED, with or without the server's code", async () => {
    for (const body of [{ error: 409, errorCode: "INTEGRATION_ALREADY_CONFIGURED", detail: "exists" }, "<html>Conflict</html>"]) {
      const client = await start(() => ({ status: 409, body }));
      const err = await client.createIntegration(GROUP, "WEBHOOK", webhookRequest({ url: "https://h.example.com/x" })).catch((e: unknown) => e);
      assert.ok(err instanceof ApiError);
      assert.equal(err.status, 409);
      assert.equal(err.errorCode, "INTEGRATION_ALREADY_CONFIGURED");
      assert.equal(err.code, "INTEGRATION_ALREADY_CONFIGURED");
      assert.match(err.message, /at most one integration per type/);
      await server.close();
    }
  });

  it("putIntegration PUTs and accepts a bare object answer too", async () => {
    const client = await start(() => ({ status: 200, body: { type: "WEBHOOK", url: "******x/42" } }));
    assert.equal((await client.putIntegration(GROUP, "WEBHOOK", webhookRequest({ url: "https://h.example.com/x/42" }))).type, "WEBHOOK");
    assert.equal(server.served()[0]?.method, "PUT");
  });

  it("a write whose answer does not list the type is an INVALID_RESPONSE", async () => {
    const client = await start(() => ({ status: 200, body: { results: [all[0]], totalCount: 1 } }));
    const err = await client.putIntegration(GROUP, "WEBHOOK", webhookRequest({ url: "https://h.example.com/x" })).catch((e: unknown) => e);
    assert.ok(err instanceof ApiError);
    assert.equal(err.code, errorCodes.INVALID_RESPONSE);
    assert.match(err.message, /lists no WEBHOOK integration/);
  });

  for (const s of [200, 202, 204]) {
    it(`deleteIntegration resolves true on ${s}`, async () => {
      const client = await start(() => ({ status: s, ...(s === 204 ? {} : { body: {} }) }));
      assert.equal(await client.deleteIntegration(GROUP, "WEBHOOK"), true);
      assert.equal(server.served()[0]?.method, "DELETE");
    });
  }

  it("deleteIntegration resolves false when already gone, throws on GROUP_NOT_FOUND", async () => {
    let client = await start(() => notConfigured);
    assert.equal(await client.deleteIntegration(GROUP, "WEBHOOK"), false);
    await server.close();
    client = await start(() => groupNotFound);
    await assert.rejects(client.deleteIntegration(GROUP, "WEBHOOK"), (e: unknown) => e instanceof ApiError && e.errorCode === "GROUP_NOT_FOUND");
  });

  it("listIntegrations follows pageNum with itemsPerPage=500 until totalCount, skipping unknown types", async () => {
    const entry = (i: number) => ({ type: i % 2 ? "WEBHOOK" : "FUTURE_TYPE", n: i });
    const client = await start((req) => {
      const n = Number(new URL(req.url, "http://x").searchParams.get("pageNum"));
      const results = Array.from({ length: n < 3 ? 500 : 3 }, (_, i) => entry((n - 1) * 500 + i));
      return { status: 200, body: { results, totalCount: 1003 } };
    });
    const got = await client.listIntegrations(GROUP);
    assert.deepEqual(server.served().map((r) => r.url), [1, 2, 3].map((n) => `${base}?pageNum=${n}&itemsPerPage=500`));
    assert.equal(got.length, 501);
    assert.ok(got.every((g) => g.type === "WEBHOOK"));
  });

  it("listGroup follows every page and keeps the types the caller does not know apart instead of dropping them", async () => {
    const entry = (i: number) => (i % 2 ? { type: "WEBHOOK", url: "******0042", n: i } : { type: "FUTURE_TYPE", n: i });
    const client = await start((req) => {
      const n = Number(new URL(req.url, "http://x").searchParams.get("pageNum"));
      return { status: 200, body: { results: Array.from({ length: n < 3 ? 500 : 3 }, (_, i) => entry((n - 1) * 500 + i)), totalCount: 1003 } };
    });
    const got = await client.listGroup(GROUP);
    assert.equal(server.served().length, 3);
    assert.equal(got.integrations.length, 501);
    assert.ok(got.integrations.every((g) => g.type === "WEBHOOK"));
    assert.equal(got.unknownTypes.length, 502);
    assert.ok(got.unknownTypes.every((t) => t === "FUTURE_TYPE"));
  });

  it("listIntegrations stops at an empty page even if totalCount says more", async () => {
    const client = await start((_r, i) => ({ status: 200, body: { results: i === 0 ? all : [], totalCount: 900 } }));
    assert.equal((await client.listIntegrations(GROUP)).length, 2);
    assert.equal(server.served().length, 2);
  });

  it("listIntegrations stops on a short page when totalCount is missing", async () => {
    const client = await start(() => ({ status: 200, body: { results: all } }));
    assert.equal((await client.listIntegrations(GROUP)).length, 2);
    assert.equal(server.served().length, 1);
  });

  it("listIntegrations rejects an entry without a type", async () => {
    const client = await start(() => ({ status: 200, body: { results: [{ url: "x" }], totalCount: 1 } }));
    const err = await client.listIntegrations(GROUP).catch((e: unknown) => e);
    assert.ok(err instanceof ApiError && err.code === errorCodes.INVALID_RESPONSE);
    assert.match(err.message, /results\.0\.type/);
  });

  it("percent-encodes the group id and refuses an empty one before any request", async () => {
    const client = await start(() => notConfigured);
    await client.fetchIntegration("a b?c#d", "WEBHOOK");
    assert.equal(server.served()[0]?.url, "/api/public/v1.0/groups/a%20b%3Fc%23d/integrations/WEBHOOK");
    assert.deepEqual(server.guard?.violations, []);
    const before = server.log.length;
    await assert.rejects(client.fetchIntegration("", "WEBHOOK"), (e: unknown) => e instanceof OpsManagerError && e.code === errorCodes.INVALID_ARGUMENT);
    assert.equal(server.log.length, before);
  });

  it("refuses '.', '..' and slashes in a group id or type before any request", async () => {
    const client = await start(() => notConfigured);
    const bad: [string, string][] = [["..", "WEBHOOK"], [".", "WEBHOOK"], ["a/b", "WEBHOOK"], ["a\\b", "WEBHOOK"], [GROUP, ".."], [GROUP, "../../users"], [GROUP, "SLACK/x"]];
    for (const [groupId, type] of bad) {
      await assert.rejects(
        client.fetchIntegration(groupId, type as "WEBHOOK"),
        (e: unknown) => e instanceof OpsManagerError && e.code === errorCodes.INVALID_ARGUMENT && /without slashes/.test(e.message),
        `${groupId} ${type}`,
      );
      await assert.rejects(client.deleteIntegration(groupId, type as "WEBHOOK"), OpsManagerError);
    }
    await assert.rejects(client.listIntegrations(".."), OpsManagerError);
    assert.equal(server.log.length, 0);
  });

  it("keeps one connection alive across calls", async () => {
    const client = await start(() => notConfigured);
    for (let i = 0; i < 4; i++) await client.fetchIntegration(GROUP, "WEBHOOK");
    assert.equal(server.log.length, 5);
    assert.equal(new Set(server.log.map((r) => r.remotePort)).size, 1, "one socket for all five requests");
  });
});
