import assert from "node:assert/strict";
import util from "node:util";
import { ApiError, ConfigError, errorCodes, OpsManagerError, sanitizeCause } from "../../../provider/errors";
import { excerpt, printable, redactText, redactUrl, REDACTED } from "../../../provider/redact";

const url = "https://om.example.com:8443/api/public/v1.0/groups/g1/integrations/WEBHOOK";

describe("error classes", () => {
  it("share one root with a machine-readable code", () => {
    const api = new ApiError({ status: 404, errorCode: "GROUP_NOT_FOUND", method: "get", url });
    const config = new ConfigError("bad", { code: errorCodes.CONFIG_INVALID, settings: ["opsmanager:baseUrl"] });
    for (const [err, name, code] of [[api, "ApiError", "GROUP_NOT_FOUND"], [config, "ConfigError", "CONFIG_INVALID"]] as const) {
      assert.ok(err instanceof OpsManagerError && err instanceof Error);
      assert.equal(err.name, name);
      assert.equal(err.code, code);
      assert.match(String(err.stack), new RegExp(`^${name}: `));
    }
  });

  describe("ApiError messages say what failed, where, and what to do", () => {
    const table: [string, Partial<ConstructorParameters<typeof ApiError>[0]>, RegExp][] = [
      ["GROUP_NOT_FOUND", { status: 404, errorCode: "GROUP_NOT_FOUND" }, /Check the groupId .* access to that project/],
      ["INVALID_GROUP_ID", { status: 404, errorCode: "INVALID_GROUP_ID" }, /Check the groupId/],
      ["NOT_IN_GROUP", { status: 401, errorCode: "NOT_IN_GROUP" }, /Check the groupId/],
      ["plain 401", { status: 401 }, /check opsmanager:publicKey and opsmanager:privateKey/],
      ["USER_UNAUTHORIZED", { status: 403, errorCode: "USER_UNAUTHORIZED" }, /Project Owner/],
      ["plain 403", { status: 403 }, /Project Owner/],
      ["IP_ADDRESS_NOT_ON_ACCESS_LIST", { status: 403, errorCode: "IP_ADDRESS_NOT_ON_ACCESS_LIST" }, /Add this machine's public IP address to the API key's access list/],
      ["RATE_LIMITED", { status: 429, errorCode: "RATE_LIMITED", attempts: 4 }, /rate limiting this API key \(retried 3 times\)/],
      ["RATE_LIMITED on 503", { status: 503, errorCode: "RATE_LIMITED" }, /rate limiting/],
      ["INTEGRATION_FIELDS_INVALID shows the detail", { status: 400, errorCode: "INTEGRATION_FIELDS_INVALID", detail: "Invalid url." }, /INTEGRATION_FIELDS_INVALID: Invalid url\. The server rejected the integration's fields/],
      ["INVALID_ATTRIBUTE", { status: 400, errorCode: "INVALID_ATTRIBUTE", detail: "Bad region" }, /Bad region/],
      ["MISSING_ATTRIBUTE", { status: 400, errorCode: "MISSING_ATTRIBUTE", detail: "url missing" }, /url missing\. The server rejected/],
      ["INVALID_ENUM_VALUE", { status: 400, errorCode: "INVALID_ENUM_VALUE", detail: "XX" }, /XX\. The server rejected/],
      ["5xx", { status: 500, attempts: 4 }, /server error \(retried 3 times\)/],
      ["5xx once", { status: 503, attempts: 2 }, /retried once/],
      ["plain 404", { status: 404 }, /Check opsmanager:baseUrl/],
      ["redirect", { status: 301 }, /opsmanager:baseUrl to the address it redirects to/],
      ["407", { status: 407 }, /HTTPS_PROXY=http:\/\/user:password@proxy:3128/],
      ["network problem", { status: 0, code: errorCodes.NETWORK_ERROR, problem: "connection refused", hint: "Check it." }, /failed: connection refused\. Check it\.$/],
    ];
    for (const [name, init, hint] of table) {
      it(name, () => {
        const err = new ApiError({ method: "put", url, status: 0, ...init });
        assert.match(err.message, /^Ops Manager API PUT \/api\/public\/v1.0\/groups\/g1\/integrations\/WEBHOOK on https:\/\/om.example.com:8443 failed/);
        assert.match(err.message, hint);
      });
    }
  });

  it("toJSON carries the documented fields only", () => {
    const err = new ApiError({ status: 409, errorCode: "INTEGRATION_ALREADY_CONFIGURED", detail: "exists", method: "post", url, attempts: 1, cause: new Error("x") });
    assert.deepEqual(Object.keys(JSON.parse(JSON.stringify(err))).sort(), [
      "attempts", "code", "detail", "errorCode", "maybeApplied", "message", "method", "name", "retriable", "status", "url",
    ]);
  });

  it("fields let the provider reword a message while keeping status, codes and cause", () => {
    const err = new ApiError({ status: 409, errorCode: "INTEGRATION_ALREADY_CONFIGURED", method: "post", url, maybeApplied: false, cause: new Error("low") });
    const again = new ApiError({ ...err.fields, message: "Project g1 already has a WEBHOOK integration." });
    assert.equal(again.message, "Project g1 already has a WEBHOOK integration.");
    assert.equal(again.status, 409);
    assert.equal(again.code, "INTEGRATION_ALREADY_CONFIGURED");
    assert.equal(again.errorCode, "INTEGRATION_ALREADY_CONFIGURED");
    assert.equal((again.cause as Error).message, "low");
  });

  it("bounds and cleans server text", () => {
    const err = new ApiError({ status: 400, method: "get", url, detail: `a\u0000b\u202e${"z".repeat(5000)}` });
    assert.ok((err.detail ?? "").length <= 500);
    assert.doesNotMatch(err.message, /[\u0000\u202e]/);
  });

  it("sanitizeCause keeps name, code, message and frames, nothing else", () => {
    const raw = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED", config: { headers: { x: 1 } }, request: {} });
    const safe = sanitizeCause(raw);
    assert.equal(safe.message, "connect ECONNREFUSED");
    assert.equal((safe as { code?: string }).code, "ECONNREFUSED");
    assert.ok(!("config" in safe) && !("request" in safe));
    assert.match(String(safe.stack), /^Error: connect ECONNREFUSED\n\s+at /);
    assert.doesNotMatch(util.inspect(safe), /config|request/);
  });
});

describe("redaction helpers", () => {
  it("redactText removes known secrets in raw, JSON-escaped and URL-encoded form", () => {
    const s = 'p@ss "word"/x';
    const text = `raw ${s} json ${JSON.stringify(s)} url ${encodeURIComponent(s)} twice ${JSON.stringify(JSON.stringify(s))}`;
    const out = redactText(text, [s]);
    assert.ok(!out.includes("ss \"word") && !out.includes("word"), out);
  });

  const credentialTable: [string, string][] = [
    ["Authorization: Digest username=\"pub\", response=\"abc\"", REDACTED],
    ['{"authorization":"Digest username=\\"pub\\"","host":"x"}', `{${REDACTED},"host":"x"}`],
    ["sent Digest username=\"pub\", nonce=\"n\"", `sent Digest ${REDACTED}`],
    ["Basic dXNlcjpwYXNzd29yZA==", `Basic ${REDACTED}`],
    ["Bearer eyJhbGciOiJIUzI1NiJ9.abc", `Bearer ${REDACTED}`],
    ["Digest authentication is required", "Digest authentication is required"],
  ];
  for (const [input, expected] of credentialTable) it(`redactText(${JSON.stringify(input)})`, () => assert.equal(redactText(input), expected));

  const urlTable: [string, string][] = [
    ["https://user:pass@om.example.com/x", "https://om.example.com/x"],
    ["http://u:p@ss@proxy:3128", "http://proxy:3128"],
    ["https://om/x?apiKey=abc&pageNum=1", `https://om/x?apiKey=${REDACTED}&pageNum=1`],
    ["https://om/x?token=1&secret=2&password=3", `https://om/x?token=${REDACTED}&secret=${REDACTED}&password=${REDACTED}`],
  ];
  for (const [input, expected] of urlTable) it(`redactUrl(${input})`, () => assert.equal(redactUrl(input), expected));

  it("excerpt strips markup, bounds length, names an empty body", () => {
    assert.equal(excerpt("<html><script>var x=1</script><b>Bad</b>\n\n Gateway</html>"), "Bad Gateway");
    assert.equal(excerpt(" \n\t "), "(empty body)");
    assert.equal(excerpt("y".repeat(10_000)).length, 200);
  });

  it("printable redacts before it cuts, so no half secret remains", () => {
    const secret = "0123456789abcdef";
    const out = printable(`${"x".repeat(95)}${secret}`, [secret], 100);
    assert.ok(!out.includes("01234"), out);
  });
});
