import assert from "node:assert/strict";
import util from "node:util";
import { createClient } from "../../../provider/client";
import { loadConnectionConfig } from "../../../provider/config";
import { ApiError, ConfigError, OpsManagerError } from "../../../provider/errors";
import { makeCerts } from "../client/support/certs";
import { startScriptedServer, type LoggedRequest, type Reply, type ScriptedServer } from "../client/support/scripted-server";
import { CANARY_PRIVATE_KEY, GOOD_KEYS, GROUP, PUBLIC_KEY, testConfig, webhookRequest } from "../client/support/test-config";

const SECRET_URL = "https://hooks.example.com/canary-url-5e6f7a8b";
const SECRET = 'canary-"webhook"-secret-1a2b3c4d';
const CANARIES = [CANARY_PRIVATE_KEY, SECRET_URL, SECRET, JSON.stringify(SECRET).slice(1, -1), "canary"];
const fields = { url: SECRET_URL, secret: SECRET };

/** Every way a user or a log could see an error, down the whole cause chain. */
function views(err: unknown): string[] {
  const out: string[] = [];
  for (let e: unknown = err, depth = 0; e && depth < 10; e = (e as { cause?: unknown }).cause, depth++) {
    const x = e as Error;
    out.push(String(x), x.message, String(x.stack), JSON.stringify(x) ?? "", util.inspect(x, { depth: 10 }), util.inspect(x, { depth: 10, showHidden: true }));
  }
  return out;
}

function assertClean(err: unknown): void {
  assert.ok(err instanceof OpsManagerError, `expected our error, got ${String(err)}`);
  for (const text of views(err)) {
    for (const canary of CANARIES) assert.ok(!text.includes(canary), `leaked ${canary} in:\n${text}`);
    assert.doesNotMatch(text, /Digest username=/);
    assert.doesNotMatch(text, /authorization/i);
  }
}

/** A hostile server: echoes our request headers and body back inside its error. */
const echoJson = (status: number) => (req: LoggedRequest): Reply => ({
  status,
  body: { error: status, errorCode: "INVALID_ATTRIBUTE", detail: `You sent ${JSON.stringify({ headers: req.headers, body: req.body })}`, parameters: [req.body] },
});
const echoHtml = (status: number) => (req: LoggedRequest): Reply => ({
  status,
  body: `<html><body><h1>Error</h1><pre>${Object.entries(req.headers).map(([k, v]) => `${k}: ${String(v)}`).join("\n")}\n\n${req.body}</pre></body></html>`,
});

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(() => assert.fail("expected a rejection"), (e: unknown) => e);
}

describe("no thrown object ever shows a secret", () => {
  let server: ScriptedServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const client = (url: string, o: Parameters<typeof testConfig>[1] = {}) => createClient(testConfig(url, { maxRetries: 1, ...o }), { retryBaseDelayMs: 1 });

  const echoCases: [string, (req: LoggedRequest) => Reply][] = [
    ["a JSON 400 echoing headers and body", echoJson(400)],
    ["a JSON 500 echoing them, after a retry", echoJson(500)],
    ["an HTML 502 echoing them", echoHtml(502)],
    ["an HTML 200 echoing them (INVALID_RESPONSE)", echoHtml(200)],
    ["a JSON 409 echoing them (rewrapped as INTEGRATION_ALREADY_CONFIGURED)", (req) => ({ ...echoJson(409)(req), body: `{"detail": ${JSON.stringify(req.body)}}` })],
    ["a 200 whose JSON has the wrong shape", (req) => ({ status: 200, body: { results: req.body } })],
  ];
  for (const [name, reply] of echoCases) {
    for (const method of ["createIntegration", "putIntegration"] as const) {
      it(`${method}: ${name}`, async () => {
        server = await startScriptedServer({ script: [reply], digest: GOOD_KEYS });
        assertClean(await rejection(client(server.url)[method](GROUP, "WEBHOOK", webhookRequest(fields))));
        assert.ok(server.log.some((r) => r.body.includes(SECRET_URL)), "the secret really was sent (the test can fail)");
      });
    }
  }

  it("a 401 for wrong keys", async () => {
    server = await startScriptedServer({ script: [{ status: 200 }], digest: { ...GOOD_KEYS, password: "other" } });
    assertClean(await rejection(client(server.url).createIntegration(GROUP, "WEBHOOK", webhookRequest(fields))));
  });

  it("a refused connection (the cause chain holds axios errors)", async () => {
    const err = await rejection(client("http://127.0.0.1:1").createIntegration(GROUP, "WEBHOOK", webhookRequest(fields)));
    assert.ok((err as Error).cause, "has a cause");
    assertClean(err);
  });

  it("a dropped connection", async () => {
    server = await startScriptedServer({ script: [{ drop: true }], digest: GOOD_KEYS });
    assertClean(await rejection(client(server.url).createIntegration(GROUP, "WEBHOOK", webhookRequest(fields))));
  });

  it("a timeout", async () => {
    server = await startScriptedServer({ script: [{ hang: true }], digest: GOOD_KEYS });
    assertClean(await rejection(client(server.url, { timeoutMs: 100 }).putIntegration(GROUP, "WEBHOOK", webhookRequest(fields))));
  });

  it("an untrusted certificate", async () => {
    const { tls } = await makeCerts();
    server = await startScriptedServer({ script: [{ status: 200 }], tls, host: "localhost" });
    assertClean(await rejection(client(server.url).putIntegration(GROUP, "WEBHOOK", webhookRequest(fields))));
  });

  it("a config error", () => {
    const get = (k: string) => ({ "opsmanager:baseUrl": `https://u:${CANARY_PRIVATE_KEY}@x`, "opsmanager:publicKey": PUBLIC_KEY, "opsmanager:privateKey": `${CANARY_PRIVATE_KEY} !` })[k];
    let err: unknown;
    try {
      loadConnectionConfig(get, {});
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof ConfigError);
    assertClean(err);
  });

  it("an ApiError built around a raw axios-like error holding the signed request", () => {
    const raw = Object.assign(new Error(`Request failed: Authorization: Digest username="${PUBLIC_KEY}", response="abc" body ${JSON.stringify(fields)}`), {
      code: "ECONNRESET",
      config: { headers: { Authorization: `Digest username="${PUBLIC_KEY}"` }, data: JSON.stringify(fields), auth: { password: CANARY_PRIVATE_KEY } },
      request: { _header: `POST / HTTP/1.1\r\nAuthorization: Digest username="${PUBLIC_KEY}"` },
      cause: Object.assign(new Error(`inner ${CANARY_PRIVATE_KEY}`), { secret: SECRET }),
    });
    const err = new ApiError({ status: 0, method: "post", url: `https://pub:${CANARY_PRIVATE_KEY}@om/x?apiKey=${SECRET}`, cause: raw, secrets: [CANARY_PRIVATE_KEY, SECRET_URL, SECRET] });
    assertClean(err);
    assertClean(new ApiError({ ...err.fields, message: `Reworded by the provider.` }));
  });
});

describe("no thrown object ever shows a service account's secret or token", () => {
  const CLIENT_SECRET = "mdb_sa_sk_canary-client-secret-77aa";
  const TOKEN = "canary-access-token-3f2e1d0c9b8a";
  const basic = Buffer.from(`mdb_sa_id_x:${CLIENT_SECRET}`).toString("base64");
  let server: ScriptedServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const client = (url: string) => {
    const { publicKey: _p, privateKey: _k, ...rest } = testConfig(url, { maxRetries: 1 });
    return createClient({ ...rest, serviceAccount: { clientId: "mdb_sa_id_x", clientSecret: CLIENT_SECRET, tokenUrl: `${url}/api/oauth/token` } }, { retryBaseDelayMs: 1 });
  };
  const clean = (err: unknown) => {
    assertClean(err);
    for (const text of views(err)) for (const canary of [CLIENT_SECRET, TOKEN, basic]) assert.ok(!text.includes(canary), `leaked ${canary} in:\n${text}`);
  };
  const token: Reply = { status: 200, body: { access_token: TOKEN, expires_in: 3600, token_type: "Bearer" } };
  const isToken = (req: LoggedRequest) => req.url.startsWith("/api/oauth/token");

  const cases: [string, (req: LoggedRequest) => Reply][] = [
    ["the API echoing the Bearer header in a JSON 400", (req) => (isToken(req) ? token : echoJson(400)(req))],
    ["the API echoing it in an HTML 502", (req) => (isToken(req) ? token : echoHtml(502)(req))],
    ["the API refusing the token twice (401, new token, 401)", (req) => (isToken(req) ? token : echoJson(401)(req))],
    ["the token endpoint echoing the Basic header in a 401", (req) => (isToken(req) ? echoJson(401)(req) : { status: 200 })],
    ["the token endpoint echoing it in an HTML 500", (req) => (isToken(req) ? echoHtml(500)(req) : { status: 200 })],
    ["the token endpoint answering a token of the wrong type", (req) => (isToken(req) ? { status: 200, body: { access_token: TOKEN, expires_in: 60, token_type: "mac" } } : { status: 200 })],
  ];
  for (const [name, reply] of cases) {
    it(name, async () => {
      server = await startScriptedServer({ script: (req) => reply(req) });
      clean(await rejection(client(server.url).createIntegration(GROUP, "WEBHOOK", webhookRequest(fields))));
      assert.ok(server.log.some((r) => r.headers.authorization?.includes(basic)), "the Basic credentials really were sent (the test can fail)");
    });
  }
});
