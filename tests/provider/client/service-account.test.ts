import assert from "node:assert/strict";
import { createClient } from "../../../provider/client";
import type { ConnectionConfig } from "../../../provider/config";
import { ApiError, errorCodes } from "../../../provider/errors";
import { DEFAULT_GROUP_ID, OWNER_SERVICE_ACCOUNT, SECOND_GROUP_ID } from "../../../emulator/defaults";
import { useEmulator } from "../../helpers/emulator";
import { testConfig } from "./support/test-config";

const TOKEN_PATH = "/api/oauth/token";
const fast = { retryBaseDelayMs: 5, retryMaxDelayMs: 20 };

/** A client config with the emulator's owner service account instead of an API key. */
function accountConfig(serverRoot: string, clientSecret = OWNER_SERVICE_ACCOUNT.clientSecret): ConnectionConfig {
  const { publicKey: _p, privateKey: _k, ...rest } = testConfig(serverRoot);
  return { ...rest, serviceAccount: { clientId: OWNER_SERVICE_ACCOUNT.clientId, clientSecret, tokenUrl: `${serverRoot}${TOKEN_PATH}` } };
}

async function failure(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(() => assert.fail("expected a rejection"), (e: unknown) => e);
  assert.ok(err instanceof ApiError, `expected ApiError, got ${String(err)}`);
  return err;
}

describe("client with a service account (emulator)", () => {
  const emu = useEmulator();
  const requests = async () => (await emu.control.requests()).map((r) => `${r.method} ${r.path.split("?")[0]} ${r.status}`);
  const tokenRequests = async () => (await emu.control.requests()).filter((r) => r.path.startsWith(TOKEN_PATH));

  it("fetches one token on first use and sends every request with it", async () => {
    await emu.control.seed(DEFAULT_GROUP_ID, "WEBHOOK", { url: "https://hooks.example.com/a" });
    const client = createClient(accountConfig(emu.url), fast);
    assert.equal((await emu.control.requests()).length, 0, "nothing is fetched before the first call");
    await client.fetchIntegration(DEFAULT_GROUP_ID, "WEBHOOK");
    await client.listIntegrations(SECOND_GROUP_ID);
    await client.deleteIntegration(DEFAULT_GROUP_ID, "WEBHOOK");
    const log = await emu.control.requests();
    assert.equal((await tokenRequests()).length, 1);
    assert.ok(log.filter((r) => !r.path.startsWith(TOKEN_PATH)).every((r) => r.authenticated && r.publicKey === OWNER_SERVICE_ACCOUNT.clientId));
    assert.equal((await emu.control.tokens()).length, 1);
  });

  it("concurrent first requests share one token request", async () => {
    const client = createClient(accountConfig(emu.url), fast);
    await Promise.all([
      client.fetchIntegration(DEFAULT_GROUP_ID, "WEBHOOK"),
      client.fetchIntegration(SECOND_GROUP_ID, "WEBHOOK"),
      client.fetchIntegration(DEFAULT_GROUP_ID, "SLACK"),
      client.fetchIntegration(SECOND_GROUP_ID, "SLACK"),
    ]);
    assert.equal((await tokenRequests()).length, 1);
  });

  for (const refusal of ["om", "oauth"] as const) {
    it(`a token expired on the server (${refusal} 401): one new token, the request repeated once, and it succeeds`, async () => {
      await emu.control.settings({ bearerRefusal: refusal });
      const client = createClient(accountConfig(emu.url), fast);
      await client.fetchIntegration(DEFAULT_GROUP_ID, "WEBHOOK");
      assert.equal(await emu.control.expireTokens(), 1);
      await emu.control.clearRequests();
      await client.fetchIntegration(DEFAULT_GROUP_ID, "WEBHOOK");
      const path = `/api/public/v1.0/groups/${DEFAULT_GROUP_ID}/integrations/WEBHOOK`;
      assert.deepEqual(await requests(), [`GET ${path} 401`, `POST ${TOKEN_PATH} 200`, `GET ${path} 404`]);
    });
  }

  it("a revoked token is replaced the same way", async () => {
    const client = createClient(accountConfig(emu.url), fast);
    await client.listIntegrations(DEFAULT_GROUP_ID);
    await emu.control.revokeTokens(OWNER_SERVICE_ACCOUNT.clientId);
    await client.listIntegrations(DEFAULT_GROUP_ID);
    assert.equal((await tokenRequests()).length, 2);
  });

  it("a second 401 is an error naming opsmanager:clientId, with no token or secret in it", async () => {
    const client = createClient(accountConfig(emu.url), fast);
    await client.listIntegrations(DEFAULT_GROUP_ID);
    // The token expires (first 401); the new token's request is then refused too (a scripted 401).
    await emu.control.expireTokens();
    await emu.control.fault({ method: "GET", pathIncludes: "/integrations", status: 401, count: 1 });
    await emu.control.clearRequests();
    const err = await failure(client.fetchIntegration(DEFAULT_GROUP_ID, "WEBHOOK"));
    const path = `/api/public/v1.0/groups/${DEFAULT_GROUP_ID}/integrations/WEBHOOK`;
    assert.deepEqual(await requests(), [`GET ${path} 401`, `POST ${TOKEN_PATH} 200`, `GET ${path} 401`], "one new token, one repeat, no more");
    assert.equal(err.status, 401);
    assert.match(err.message, /opsmanager:clientId/);
    const text = `${err.message} ${JSON.stringify(err)} ${String(err.stack)}`;
    assert.ok(!text.includes(OWNER_SERVICE_ACCOUNT.clientSecret));
    assert.ok(!/emu_at_/.test(text), "no token in the error");
  });

  it("a wrong client secret fails at the token endpoint with TOKEN_REFUSED naming opsmanager:clientId, never the secret", async () => {
    const secret = "mdb_sa_sk_not-the-right-secret-0000";
    const client = createClient(accountConfig(emu.url, secret), fast);
    const err = await failure(client.listIntegrations(DEFAULT_GROUP_ID));
    assert.equal(err.code, errorCodes.TOKEN_REFUSED);
    assert.equal(err.status, 401);
    assert.match(err.message, /opsmanager:clientId "mdb_sa_id_emulatorowner"/);
    assert.match(err.message, /opsmanager:clientSecret/);
    assert.ok(!`${err.message} ${String(err.stack)} ${JSON.stringify(err)}`.includes(secret));
    assert.deepEqual(await requests(), [`POST ${TOKEN_PATH} 401`], "no API request without a token, and no retry of a refusal");
  });

  for (const status of [429, 500, 503]) {
    it(`a ${status} from the token endpoint is retried like any request`, async () => {
      await emu.control.fault({ method: "POST", pathIncludes: TOKEN_PATH, status, count: 2 });
      const client = createClient(accountConfig(emu.url), fast);
      await client.listIntegrations(DEFAULT_GROUP_ID);
      assert.deepEqual((await tokenRequests()).map((r) => r.status), [status, status, 200]);
    });
  }

  it("a token endpoint that keeps failing gives up after maxRetries, and the next call asks again", async () => {
    await emu.control.fault({ method: "POST", pathIncludes: TOKEN_PATH, status: 500, count: 4 });
    const client = createClient(accountConfig(emu.url), fast);
    const err = await failure(client.listIntegrations(DEFAULT_GROUP_ID));
    assert.equal(err.status, 500);
    assert.match(err.url, /\/api\/oauth\/token$/);
    await client.listIntegrations(DEFAULT_GROUP_ID);
    assert.deepEqual((await tokenRequests()).map((r) => r.status), [500, 500, 500, 500, 200]);
  });
});
