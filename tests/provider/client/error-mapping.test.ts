import assert from "node:assert/strict";
import { createClient } from "../../../provider/client";
import { ApiError, errorCodes } from "../../../provider/errors";
import { startScriptedServer, type Reply, type ScriptedServer } from "./support/scripted-server";
import { GROUP, testConfig } from "./support/test-config";

type Row = { name: string; reply: Reply; code: string; status: number; errorCode?: string; message: RegExp[] };
const omError = (status: number, errorCode: string | undefined, detail: string) => ({
  status, body: { detail, error: status, ...(errorCode ? { errorCode } : {}), parameters: [], reason: "Reason" },
});

const rows: Row[] = [
  { name: "GROUP_NOT_FOUND", reply: omError(404, "GROUP_NOT_FOUND", "No group with ID x exists."), code: "GROUP_NOT_FOUND", status: 404, errorCode: "GROUP_NOT_FOUND",
    message: [/HTTP 404 GROUP_NOT_FOUND: No group with ID x exists\. Check the groupId/, /API key has access to that project/] },
  { name: "INVALID_GROUP_ID", reply: omError(404, "INVALID_GROUP_ID", "Invalid group id."), code: "INVALID_GROUP_ID", status: 404, message: [/Check the groupId/] },
  { name: "NOT_IN_GROUP (401)", reply: omError(401, "NOT_IN_GROUP", "Not in group."), code: "NOT_IN_GROUP", status: 401, message: [/Check the groupId/] },
  { name: "a real 401 body without errorCode", reply: { status: 401, body: { reason: "Unauthorized", error: 401, detail: "You are not authorized for this resource." } },
    code: errorCodes.HTTP_ERROR, status: 401, message: [/HTTP 401: You are not authorized/, /check opsmanager:publicKey and opsmanager:privateKey/] },
  { name: "USER_UNAUTHORIZED (403)", reply: omError(403, "USER_UNAUTHORIZED", "Current user is not authorized."), code: "USER_UNAUTHORIZED", status: 403, message: [/Project Owner/] },
  { name: "IP_ADDRESS_NOT_ON_ACCESS_LIST", reply: omError(403, "IP_ADDRESS_NOT_ON_ACCESS_LIST", "IP address 10.1.2.3 is not allowed."), code: "IP_ADDRESS_NOT_ON_ACCESS_LIST", status: 403,
    message: [/10\.1\.2\.3/, /access list/] },
  { name: "INTEGRATION_FIELDS_INVALID", reply: omError(400, "INTEGRATION_FIELDS_INVALID", "The url field must be https."), code: "INTEGRATION_FIELDS_INVALID", status: 400,
    message: [/The url field must be https/, /fix the resource's inputs/] },
  { name: "INVALID_ENUM_VALUE", reply: omError(400, "INVALID_ENUM_VALUE", "An invalid enumeration value XX was specified."), code: "INVALID_ENUM_VALUE", status: 400, message: [/invalid enumeration value XX/] },
  { name: "MISSING_ATTRIBUTE", reply: omError(400, "MISSING_ATTRIBUTE", "The required attribute url was not specified."), code: "MISSING_ATTRIBUTE", status: 400, message: [/attribute url/] },
  { name: "UNEXPECTED_ERROR (500)", reply: omError(500, "UNEXPECTED_ERROR", "Unexpected error."), code: "UNEXPECTED_ERROR", status: 500, message: [/server error \(retried once\)/] },
  { name: "an HTML 502 page from a proxy", reply: { status: 502, body: "<html><head><title>502 Bad Gateway</title><style>h1{}</style></head><body><h1>Bad Gateway</h1></body></html>" },
    code: errorCodes.HTTP_ERROR, status: 502, message: [/HTTP 502: 502 Bad Gateway Bad Gateway\./] },
  { name: "an empty 503", reply: { status: 503, body: "" }, code: errorCodes.HTTP_ERROR, status: 503, message: [/\(empty body\)/] },
  { name: "a huge text body", reply: { status: 400, body: "x".repeat(1_000_000) }, code: errorCodes.HTTP_ERROR, status: 400, message: [/x{100,199}…/] },
  { name: "control characters", reply: { status: 400, body: "bad\u0000\u001b[31mred\r\nline" }, code: errorCodes.HTTP_ERROR, status: 400, message: [/bad \[31mred line/] },
  { name: "JSON that is not an object", reply: { status: 400, body: "[1,2]" }, code: errorCodes.HTTP_ERROR, status: 400, message: [/HTTP 400: \[1,2\]/] },
  { name: "wrongly typed fields", reply: { status: 400, body: { errorCode: 7, detail: ["x"] } }, code: errorCodes.HTTP_ERROR, status: 400, message: [/HTTP 400\.$/] },
  { name: "a redirect", reply: { status: 302, headers: { Location: "https://elsewhere.example.com/" }, body: "" }, code: errorCodes.HTTP_ERROR, status: 302,
    message: [/set opsmanager:baseUrl to the address it redirects to/] },
  { name: "an HTML 200 (a login page)", reply: { status: 200, body: "<html><body>Please log in</body></html>" }, code: errorCodes.INVALID_RESPONSE, status: 200,
    message: [/is not JSON\): Please log in\./, /not a proxy or login page/] },
  { name: "a 200 with the wrong shape", reply: { status: 200, body: { type: 42 } }, code: errorCodes.INVALID_RESPONSE, status: 200, message: [/type: Invalid input/] },
  { name: "truncated JSON (never excerpted: it may hold secrets)", reply: { status: 200, body: '{"type":"WEBHOOK","secret":"abc' }, code: errorCodes.INVALID_RESPONSE, status: 200,
    message: [/the body is not JSON\)\. Check/] },
];

describe("error mapping", () => {
  let server: ScriptedServer;
  afterEach(() => server?.close());

  for (const row of rows) {
    it(`maps ${row.name}`, async () => {
      server = await startScriptedServer({ script: [row.reply] });
      const client = createClient(testConfig(server.url, { maxRetries: 1 }), { retryBaseDelayMs: 1 });
      const err = await client.fetchIntegration(GROUP, "WEBHOOK").then(() => assert.fail("resolved"), (e: unknown) => e);
      assert.ok(err instanceof ApiError, String(err));
      assert.equal(err.code, row.code);
      assert.equal(err.status, row.status);
      if (row.errorCode) assert.equal(err.errorCode, row.errorCode);
      assert.equal(err.method, "GET");
      assert.match(err.message, new RegExp(`^Ops Manager API GET /api/public/v1.0/groups/${GROUP}/integrations/WEBHOOK on ${server.url} failed`));
      for (const m of row.message) assert.match(err.message, m);
      assert.ok(err.message.length < 1500, `message of ${err.message.length} chars`);
      assert.doesNotMatch(err.message, /[\u0000-\u001f<>]/);
    });
  }

  it("refuses an answer over 10 MB", async () => {
    server = await startScriptedServer({ script: [{ status: 200, body: `{"type":"WEBHOOK","x":"${"a".repeat(11 * 1024 * 1024)}"}` }] });
    const client = createClient(testConfig(server.url, { maxRetries: 3 }), { retryBaseDelayMs: 1 });
    const err = await client.fetchIntegration(GROUP, "WEBHOOK").catch((e: unknown) => e);
    assert.ok(err instanceof ApiError);
    assert.equal(err.code, errorCodes.INVALID_RESPONSE);
    assert.equal(server.log.length, 1, "not retried");
  });

  it("keeps X-Request-Id for support", async () => {
    server = await startScriptedServer({ script: [{ ...omError(400, "INVALID_ATTRIBUTE", "bad"), headers: { "X-Request-Id": "req-123" } }] });
    const err = await createClient(testConfig(server.url)).fetchIntegration(GROUP, "WEBHOOK").catch((e: unknown) => e);
    assert.ok(err instanceof ApiError);
    assert.equal(err.requestId, "req-123");
  });
});
