import assert from "node:assert/strict";
import { createClient, parseRetryAfter, retryDecision, type RequestEvent, type RetryPolicy } from "../../../provider/client";
import { ApiError, errorCodes } from "../../../provider/errors";
import { startScriptedServer, type Reply, type ScriptedServer } from "./support/scripted-server";
import { GOOD_KEYS, GROUP, testConfig, webhookRequest } from "./support/test-config";

const ok: Reply = { status: 200, body: { type: "WEBHOOK", url: "https://h.example.com/x", id: "1" } };
const page: Reply = { status: 200, body: { results: [{ type: "WEBHOOK", url: "https://h.example.com/x" }], totalCount: 1 } };
const status = (s: number, headers?: Record<string, string>): Reply => ({ status: s, body: { error: s, detail: `status ${s}` }, ...(headers ? { headers } : {}) });
const fast = { retryBaseDelayMs: 5, retryMaxDelayMs: 20 };

async function failure(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(() => assert.fail("expected a rejection"), (e: unknown) => e);
  assert.ok(err instanceof ApiError, `expected ApiError, got ${String(err)}`);
  return err;
}

describe("retries (scripted server, request log)", () => {
  let server: ScriptedServer;
  afterEach(() => server?.close());

  it("503, 503, 200 succeeds in 3 attempts, reusing the digest nonce", async () => {
    server = await startScriptedServer({ script: [status(503), status(503), ok], digest: GOOD_KEYS });
    const client = createClient(testConfig(server.url), fast);
    const got = await client.fetchIntegration(GROUP, "WEBHOOK");
    assert.equal(got?.type, "WEBHOOK");
    assert.equal(server.served().length, 3);
    assert.equal(server.log.length, 4, "one challenge round trip, then three signed attempts");
  });

  it("500 every time gives up after exactly maxRetries + 1 attempts", async () => {
    server = await startScriptedServer({ script: [status(500)] });
    const client = createClient(testConfig(server.url, { maxRetries: 3 }), fast);
    const err = await failure(client.fetchIntegration(GROUP, "WEBHOOK"));
    assert.equal(server.log.length, 4);
    assert.equal(err.status, 500);
    assert.equal(err.attempts, 4);
    assert.equal(err.retriable, true);
    assert.match(err.message, /after 4 attempts/);
    assert.match(err.message, /server error \(retried 3 times\)/);
  });

  it("maxRetries 0 means one attempt", async () => {
    server = await startScriptedServer({ script: [status(500)] });
    const client = createClient(testConfig(server.url, { maxRetries: 0 }), fast);
    await failure(client.fetchIntegration(GROUP, "WEBHOOK"));
    assert.equal(server.log.length, 1);
  });

  it("429 with Retry-After: 1 waits about a second", async () => {
    server = await startScriptedServer({
      script: [{ ...status(429, { "Retry-After": "1" }), body: { errorCode: "RATE_LIMITED", error: 429 } }, ok],
    });
    const client = createClient(testConfig(server.url), fast);
    await client.fetchIntegration(GROUP, "WEBHOOK");
    assert.equal(server.log.length, 2);
    const waited = (server.log[1]?.at ?? 0) - (server.log[0]?.at ?? 0);
    assert.ok(waited >= 950, `waited ${waited} ms`);
  });

  it("429 without Retry-After backs off and the final error says rate limited", async () => {
    server = await startScriptedServer({ script: [{ status: 429, body: { errorCode: "RATE_LIMITED", error: 429, detail: "Too many." } }] });
    const client = createClient(testConfig(server.url, { maxRetries: 2 }), fast);
    const err = await failure(client.fetchIntegration(GROUP, "WEBHOOK"));
    assert.equal(server.log.length, 3);
    assert.equal(err.errorCode, "RATE_LIMITED");
    assert.match(err.message, /rate limiting this API key \(retried 2 times\)/);
  });

  for (const s of [400, 401, 403, 404, 409, 501]) {
    it(`${s} is not retried`, async () => {
      server = await startScriptedServer({ script: [status(s), ok], digest: GOOD_KEYS });
      const client = createClient(testConfig(server.url, { maxRetries: 3 }), fast);
      const err = await failure(client.putIntegration(GROUP, "WEBHOOK", webhookRequest({ url: "https://h.example.com/x" })));
      assert.equal(server.served().length, 1);
      assert.equal(err.status, s);
      assert.equal(err.retriable, false);
    });
  }

  it("a server that never answers times out, is retried, then fails clearly", async () => {
    server = await startScriptedServer({ script: [{ hang: true }] });
    const client = createClient(testConfig(server.url, { timeoutMs: 150, maxRetries: 2 }), fast);
    const started = Date.now();
    const err = await failure(client.fetchIntegration(GROUP, "WEBHOOK"));
    assert.equal(server.log.length, 3);
    assert.equal(err.code, errorCodes.TIMEOUT);
    assert.equal(err.status, 0);
    assert.match(err.message, /no answer within 0.15 s \(opsmanager:timeoutSeconds\)/);
    assert.ok(Date.now() - started < 2_000);
  });

  it("a timeout then an answer succeeds", async () => {
    server = await startScriptedServer({ script: [{ hang: true }, ok] });
    const client = createClient(testConfig(server.url, { timeoutMs: 150 }), fast);
    assert.equal((await client.fetchIntegration(GROUP, "WEBHOOK"))?.type, "WEBHOOK");
    assert.equal(server.log.length, 2);
  });

  it("respects the total retry time budget", async () => {
    server = await startScriptedServer({ script: [status(503)] });
    const client = createClient(testConfig(server.url, { maxRetries: 50 }), {
      retryBaseDelayMs: 100, retryMaxDelayMs: 100, maxRetryTimeMs: 400, random: () => 0.99,
    });
    const started = Date.now();
    const err = await failure(client.fetchIntegration(GROUP, "WEBHOOK"));
    const took = Date.now() - started;
    assert.ok(took < 700, `took ${took} ms`);
    assert.ok(server.log.length >= 3 && server.log.length <= 5, `${server.log.length} attempts`);
    assert.match(err.message, /retry time budget \(0.4 s\) ran out/);
  });

  it("a Retry-After beyond the budget stops at once instead of waiting", async () => {
    server = await startScriptedServer({ script: [status(503, { "Retry-After": "120" }), ok] });
    const client = createClient(testConfig(server.url), { ...fast, maxRetryTimeMs: 1_000 });
    const started = Date.now();
    const err = await failure(client.fetchIntegration(GROUP, "WEBHOOK"));
    assert.ok(Date.now() - started < 500);
    assert.equal(server.log.length, 1);
    assert.equal(err.retriable, true);
  });

  it("reports every attempt to onRequest, without headers or bodies", async () => {
    server = await startScriptedServer({ script: [status(502), page] });
    const events: RequestEvent[] = [];
    const client = createClient(testConfig(server.url), { ...fast, onRequest: (e) => events.push(e) });
    await client.listIntegrations(GROUP);
    assert.deepEqual(events.map((e) => [e.attempt, e.status, e.retryInMs !== undefined]), [[1, 502, true], [2, 200, false]]);
    assert.deepEqual(Object.keys(events[0] ?? {}).sort(), ["attempt", "durationMs", "method", "retryInMs", "status", "url"]);
  });
});

describe("POST after a dropped connection", () => {
  let server: ScriptedServer;
  afterEach(() => server?.close());
  const fields = { url: "https://h.example.com/x", secret: "s3cr3t-value" };

  it("is not repeated when the request may have reached the server: maybeApplied, retriable", async () => {
    server = await startScriptedServer({ script: [{ drop: true }, page] });
    const client = createClient(testConfig(server.url), fast);
    const err = await failure(client.createIntegration(GROUP, "WEBHOOK", webhookRequest(fields)));
    assert.equal(server.log.length, 1);
    assert.equal(err.code, errorCodes.NETWORK_ERROR);
    assert.equal(err.maybeApplied, true);
    assert.equal(err.retriable, true);
    assert.match(err.message, /may have reached the server, so it was not repeated/);
  });

  it("is not repeated after a 500 or 502 either", async () => {
    for (const s of [500, 502, 504]) {
      server = await startScriptedServer({ script: [status(s), page] });
      const client = createClient(testConfig(server.url), fast);
      const err = await failure(client.createIntegration(GROUP, "WEBHOOK", webhookRequest(fields)));
      assert.equal(server.log.length, 1, `status ${s}`);
      assert.equal(err.maybeApplied, true);
      await server.close();
    }
  });

  it("is repeated after 503 and 429, which refuse the work", async () => {
    server = await startScriptedServer({ script: [status(503), status(429), page], digest: GOOD_KEYS });
    const client = createClient(testConfig(server.url), fast);
    assert.equal((await client.createIntegration(GROUP, "WEBHOOK", webhookRequest(fields))).type, "WEBHOOK");
    assert.deepEqual(server.served().map((r) => r.method), ["POST", "POST", "POST"]);
  });

  it("is repeated when the connection was refused (nothing was sent)", async () => {
    const events: RequestEvent[] = [];
    const client = createClient(testConfig("http://127.0.0.1:1", { maxRetries: 2 }), { ...fast, onRequest: (e) => events.push(e) });
    const err = await failure(client.createIntegration(GROUP, "WEBHOOK", webhookRequest(fields)));
    assert.equal(events.length, 3);
    assert.equal(err.maybeApplied, false);
    assert.match(err.message, /connection refused/);
  });

  it("PUT (an idempotent upsert) is repeated after a drop", async () => {
    server = await startScriptedServer({ script: [{ drop: true }, page], digest: GOOD_KEYS });
    const client = createClient(testConfig(server.url), fast);
    assert.equal((await client.putIntegration(GROUP, "WEBHOOK", webhookRequest(fields))).type, "WEBHOOK");
    assert.equal(server.served().length, 2);
    assert.deepEqual(JSON.parse(server.served()[1]?.body ?? ""), { ...fields, type: "WEBHOOK" }, "the same body is resent");
  });
});

describe("retryDecision", () => {
  const policy: RetryPolicy = { maxRetries: 3, maxRetryTimeMs: 10_000, baseDelayMs: 100, maxDelayMs: 1_000, random: () => 0.5 };
  const table: [string, string, { retriable: boolean; maybeApplied: boolean; retryAfterMs?: number }, number, number, unknown][] = [
    ["retries a retriable GET with half the first ceiling", "GET", { retriable: true, maybeApplied: false }, 1, 0, { retry: true, delayMs: 50 }],
    ["doubles the ceiling per attempt", "GET", { retriable: true, maybeApplied: false }, 3, 0, { retry: true, delayMs: 200 }],
    ["waits Retry-After plus jitter, so paced requests do not return in a burst", "PUT", { retriable: true, maybeApplied: true, retryAfterMs: 700 }, 1, 0, { retry: true, delayMs: 750 }],
    ["keeps following Retry-After past maxRetries, within the time budget", "GET", { retriable: true, maybeApplied: false, retryAfterMs: 1_000 }, 9, 0, { retry: true, delayMs: 1_000 + 1_000 / 2 }], // ceiling capped at maxDelayMs
    ["stops after maxRetries", "GET", { retriable: true, maybeApplied: false }, 4, 0, { retry: false, reason: "attempts" }],
    ["stops when the budget would run out", "GET", { retriable: true, maybeApplied: false, retryAfterMs: 5_000 }, 1, 6_000, { retry: false, reason: "time" }],
    ["does not retry what is not retriable", "GET", { retriable: false, maybeApplied: false }, 1, 0, { retry: false, reason: "not-retriable" }],
    ["does not repeat a POST that may have been applied", "POST", { retriable: true, maybeApplied: true }, 1, 0, { retry: false, reason: "may-have-applied" }],
    ["repeats a POST that surely was not", "POST", { retriable: true, maybeApplied: false }, 1, 0, { retry: true, delayMs: 50 }],
    ["repeats a DELETE that may have been applied", "DELETE", { retriable: true, maybeApplied: true }, 1, 0, { retry: true, delayMs: 50 }],
  ];
  for (const [name, method, facts, attempt, elapsed, expected] of table) {
    it(name, () => assert.deepEqual(retryDecision(method, facts, attempt, elapsed, policy), expected));
  }

  it("caps the ceiling at maxDelayMs", () => {
    const d = retryDecision("GET", { retriable: true, maybeApplied: false }, 10, 0, { ...policy, maxRetries: 20 });
    assert.deepEqual(d, { retry: true, delayMs: 500 });
  });

  it("full jitter spreads delays between 0 and the ceiling", () => {
    const at = (r: number) => retryDecision("GET", { retriable: true, maybeApplied: false }, 2, 0, { ...policy, random: () => r });
    assert.deepEqual([at(0), at(0.999)].map((d) => (d.retry ? d.delayMs : -1)), [0, 199]);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2025-01-01T00:00:00Z");
  const table: [unknown, number | undefined][] = [
    ["1", 1000], [" 30 ", 30_000], ["0", 0], ["Wed, 01 Jan 2025 00:00:05 GMT", 5000], ["Tue, 31 Dec 2024 23:00:00 GMT", 0],
    [["2"], 2000], ["soon", undefined], ["", undefined], [undefined, undefined], ["-1", undefined],
  ];
  for (const [value, expected] of table) it(`reads ${JSON.stringify(value)}`, () => assert.equal(parseRetryAfter(value, now), expected));
});
