import assert from "node:assert/strict";
import { createClient, type OpsManagerHttpClient } from "../../../provider/client";
import { ApiError } from "../../../provider/errors";
import { startScriptedServer, type LoggedRequest, type Reply, type ScriptedServer } from "./support/scripted-server";
import { GOOD_KEYS, GROUP, testConfig } from "./support/test-config";

const base = `/api/public/v1.0/groups/${GROUP}/integrations`;

describe("export: listing a project", () => {
  let server: ScriptedServer;
  let lister: OpsManagerHttpClient | undefined;
  afterEach(async () => {
    lister?.close();
    await server?.close();
  });
  const start = async (script: (r: LoggedRequest, i: number) => Reply) => {
    server = await startScriptedServer({ script, digest: GOOD_KEYS });
    lister = createClient(testConfig(server.url, { maxRetries: 0 }), { knownTypes: ["WEBHOOK"] });
    return lister;
  };

  it("follows every page like the client, and keeps the types it does not know apart instead of dropping them", async () => {
    const entry = (i: number) => (i % 2 ? { type: "WEBHOOK", url: "******0042", n: i } : { type: "FUTURE_TYPE", n: i });
    const list = await start((req) => {
      const n = Number(new URL(req.url, "http://x").searchParams.get("pageNum"));
      return { status: 200, body: { results: Array.from({ length: n < 3 ? 500 : 3 }, (_, i) => entry((n - 1) * 500 + i)), totalCount: 1003 } };
    });
    const got = await list.listGroup(GROUP);
    assert.deepEqual(server.served().map((r) => r.url), [1, 2, 3].map((n) => `${base}?pageNum=${n}&itemsPerPage=500`));
    assert.equal(got.integrations.length, 501);
    assert.ok(got.integrations.every((g) => g.type === "WEBHOOK"));
    assert.equal(got.unknownTypes.length, 502);
    assert.ok(got.unknownTypes.every((t) => t === "FUTURE_TYPE"));
  });

  const failures: { what: string; reply: Reply }[] = [
    { what: "404 GROUP_NOT_FOUND", reply: { status: 404, body: { detail: `No group with ID ${GROUP} exists.`, error: 404, errorCode: "GROUP_NOT_FOUND", reason: "Not Found" } } },
    { what: "403 USER_UNAUTHORIZED", reply: { status: 403, body: { detail: "Current user is not authorized.", error: 403, errorCode: "USER_UNAUTHORIZED", reason: "Forbidden" } } },
    { what: "an HTML page", reply: { status: 200, body: "<html><body>Login</body></html>" } },
    { what: "an entry without a type", reply: { status: 200, body: { results: [{ url: "x" }], totalCount: 1 } } },
  ];
  for (const row of failures) {
    it(`fails on ${row.what} with the provider client's ApiError, word for word`, async () => {
      const list = await start(() => row.reply);
      const mine = await list.listGroup(GROUP).then(() => assert.fail("listed"), (e: unknown) => e);
      const client = createClient(testConfig(server.url, { maxRetries: 0 }), { knownTypes: ["WEBHOOK"] });
      const theirs = await client.listIntegrations(GROUP).then(() => assert.fail("listed"), (e: unknown) => e);
      client.close();
      assert.ok(mine instanceof ApiError && theirs instanceof ApiError);
      assert.equal(mine.message, theirs.message);
      assert.equal(mine.code, theirs.code);
    });
  }
});
