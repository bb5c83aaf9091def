import assert from "node:assert/strict";
import fc from "fast-check";
import { createClient, type OpsManagerHttpClient } from "../../../provider/client";
import { OpsManagerError } from "../../../provider/errors";
import { integrationTypes } from "../../../provider/integrations/registry";
import { startScriptedServer, type Reply, type ScriptedServer } from "./support/scripted-server";
import { CANARY_PRIVATE_KEY, GROUP, testConfig, webhookRequest } from "./support/test-config";

/** Bodies a broken server, a proxy or a future Ops Manager could send. */
const body = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.json().map((j) => j),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.constantFrom("", "null", "[]", "{}", "<html><body><h1>502 Bad Gateway</h1></body></html>", '{"results":', "\u0000\u0001"),
  fc.record({
    type: fc.oneof(fc.constantFrom(...integrationTypes), fc.string(), fc.integer(), fc.constant(null)),
    id: fc.oneof(fc.string(), fc.integer(), fc.constant(undefined)),
  }).map((o) => JSON.stringify(o)),
  fc.record({
    results: fc.oneof(fc.array(fc.record({ type: fc.oneof(fc.constantFrom(...integrationTypes), fc.anything()) })), fc.anything()),
    totalCount: fc.oneof(fc.nat(3), fc.integer(), fc.string(), fc.constant(undefined)),
  }).map((o) => JSON.stringify(o)),
  fc.record({
    errorCode: fc.oneof(fc.string(), fc.constantFrom("INTEGRATION_NOT_CONFIGURED", "GROUP_NOT_FOUND"), fc.anything()),
    detail: fc.anything(),
    error: fc.anything(),
  }).map((o) => JSON.stringify(o)),
);
const status = fc.oneof(fc.constantFrom(200, 201, 204, 400, 401, 404, 409, 429, 500, 501, 503), fc.integer({ min: 200, max: 599 }));
const method = fc.constantFrom("get", "create", "put", "delete", "list");

describe("malformed server answers (property)", () => {
  let server: ScriptedServer;
  let client: OpsManagerHttpClient;
  let next: Reply = { status: 200 };
  before(async () => {
    server = await startScriptedServer({ script: () => next });
    client = createClient(testConfig(server.url, { maxRetries: 0 }));
  });
  after(async () => {
    client.close();
    await server.close();
  });

  it("always resolve to a well-formed result or reject with a clear OpsManagerError", async () => {
    await fc.assert(
      fc.asyncProperty(status, body, method, async (s, b, m) => {
        next = { status: s, body: b, headers: { "Content-Type": "application/json" } };
        const call = {
          get: () => client.fetchIntegration(GROUP, "WEBHOOK"),
          create: () => client.createIntegration(GROUP, "WEBHOOK", webhookRequest({ url: "https://h.example.com/x" })),
          put: () => client.putIntegration(GROUP, "WEBHOOK", webhookRequest({ url: "https://h.example.com/x" })),
          delete: () => client.deleteIntegration(GROUP, "WEBHOOK"),
          list: () => client.listIntegrations(GROUP),
        }[m];
        let result: unknown;
        try {
          result = await call();
        } catch (err) {
          assert.ok(err instanceof OpsManagerError, `not our error: ${String(err)}`);
          assert.ok(!(err instanceof TypeError));
          assert.match(err.message, /^Ops Manager API [A-Z]+ \/api\/public\/v1\.0\/groups\/.* failed/);
          assert.ok(err.message.length < 3000);
          assert.ok(!err.message.includes(CANARY_PRIVATE_KEY));
          assert.doesNotMatch(err.message, /[\p{Cc}]/u);
          return;
        }
        const ok = s >= 200 && s < 300;
        if (m === "get") assert.ok(result === undefined ? s === 404 : ok && (result as { type: string }).type === "WEBHOOK");
        if (m === "create" || m === "put") assert.ok(ok && (result as { type: string }).type === "WEBHOOK");
        if (m === "delete") assert.ok(result === true ? ok : s === 404);
        if (m === "list") {
          assert.ok(ok && Array.isArray(result));
          for (const r of result as { type: string }[]) assert.ok(integrationTypes.includes(r.type as never));
        }
      }),
      { numRuns: 300 },
    );
  });
});
