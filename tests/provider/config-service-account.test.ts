import assert from "node:assert/strict";
import util from "node:util";
import { assertOneCredential, credentialSecret, loadConnectionConfig } from "../../provider/config";
import { ConfigError, errorCodes } from "../../provider/errors";

const SECRET = "mdb_sa_sk_canary-4e1f0c2b9a8d7e6f";
const PRIVATE = "canary-priv-9a8b7c6d-5e4f-3a2b-1c0d";
const BASE = { "opsmanager:baseUrl": "https://cloud.mongodb.com" };
const ACCOUNT = { "opsmanager:clientId": "mdb_sa_id_0123456789abcdef01234567", "opsmanager:clientSecret": SECRET };
const API_KEY = { "opsmanager:publicKey": "pubkey", "opsmanager:privateKey": PRIVATE };

const load = (config: Record<string, string | undefined>, env: NodeJS.ProcessEnv = {}) => loadConnectionConfig((k) => config[k], env);

/** The ConfigError `fn` throws, checked to show neither secret anywhere. */
function configError(fn: () => unknown): ConfigError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof ConfigError, `expected ConfigError, got ${String(caught)}`);
  for (const text of [caught.message, JSON.stringify(caught), util.inspect(caught, { depth: 10 }), String(caught.stack)]) {
    assert.ok(!text.includes(SECRET) && !text.includes(PRIVATE), "a secret was shown");
  }
  return caught;
}

describe("connection settings: a service account instead of an API key", () => {
  it("takes clientId/clientSecret from stack config; the token URL is the origin of baseUrl + /api/oauth/token", () => {
    const c = load({ "opsmanager:baseUrl": "https://om.example.com:8443/api/public/v1.0", ...ACCOUNT });
    assert.deepEqual(c.serviceAccount, {
      clientId: ACCOUNT["opsmanager:clientId"],
      clientSecret: SECRET,
      tokenUrl: "https://om.example.com:8443/api/oauth/token",
    });
    assert.equal(c.publicKey, undefined);
    assert.equal(c.privateKey, undefined);
    assert.equal(credentialSecret(c), SECRET);
  });

  it("falls back to OPSMANAGER_CLIENT_ID / OPSMANAGER_CLIENT_SECRET", () => {
    const c = load(BASE, { OPSMANAGER_CLIENT_ID: "mdb_sa_id_env", OPSMANAGER_CLIENT_SECRET: SECRET });
    assert.equal(c.serviceAccount?.clientId, "mdb_sa_id_env");
    assert.equal(c.serviceAccount?.tokenUrl, "https://cloud.mongodb.com/api/oauth/token");
  });

  const both: [string, Record<string, string>, NodeJS.ProcessEnv, string[]][] = [
    ["both pairs in stack config", { ...BASE, ...API_KEY, ...ACCOUNT }, {}, ["opsmanager:publicKey", "opsmanager:privateKey", "opsmanager:clientId", "opsmanager:clientSecret"]],
    ["a public key beside the service account", { ...BASE, ...ACCOUNT, "opsmanager:publicKey": "pubkey" }, {}, ["opsmanager:publicKey", "opsmanager:clientId", "opsmanager:clientSecret"]],
    ["the API key in config, a client secret in the environment", { ...BASE, ...API_KEY }, { OPSMANAGER_CLIENT_SECRET: SECRET }, ["opsmanager:publicKey", "opsmanager:privateKey", "opsmanager:clientSecret"]],
  ];
  for (const [name, config, env, settings] of both) {
    it(`${name}: one error naming the settings, at load and at preview`, () => {
      for (const err of [configError(() => load(config, env)), configError(() => assertOneCredential((k) => config[k], env))]) {
        assert.equal(err.code, errorCodes.CONFIG_INVALID);
        assert.deepEqual(err.settings, settings);
        assert.match(err.message, /not both/);
      }
    });
  }

  const halves: [string, Record<string, string>, string][] = [
    ["a client ID without its secret", { ...BASE, "opsmanager:clientId": "mdb_sa_id_x" }, "opsmanager:clientSecret"],
    ["a client secret without its ID", { ...BASE, "opsmanager:clientSecret": SECRET }, "opsmanager:clientId"],
    ["a public key without its private key", { ...BASE, "opsmanager:publicKey": "pubkey" }, "opsmanager:privateKey"],
    ["a private key without its public key", { ...BASE, "opsmanager:privateKey": PRIVATE }, "opsmanager:publicKey"],
  ];
  for (const [name, config, missing] of halves) {
    it(`${name}: names the missing half, at load and at preview`, () => {
      for (const err of [configError(() => load(config)), configError(() => assertOneCredential((k) => config[k], {}))]) {
        assert.deepEqual(err.settings, [missing]);
        assert.equal(err.code, errorCodes.CONFIG_MISSING);
        assert.match(err.message, new RegExp(`${missing} is missing`));
      }
    });
  }

  it("preview passes with one complete pair, or with no credentials at all (the first request reports that)", () => {
    for (const config of [{ ...BASE, ...ACCOUNT }, { ...BASE, ...API_KEY }, BASE]) {
      assert.doesNotThrow(() => assertOneCredential((k) => (config as Record<string, string>)[k], {}));
    }
  });

  it("no credentials at all: the API key is asked for, and the service account named as the alternative", () => {
    const err = configError(() => load(BASE));
    assert.deepEqual(err.settings, ["opsmanager:publicKey", "opsmanager:privateKey"]);
    assert.match(err.message, /opsmanager:clientId and opsmanager:clientSecret/);
  });

  it("a malformed client secret is refused without being shown", () => {
    const err = configError(() => load({ ...BASE, ...ACCOUNT, "opsmanager:clientSecret": `${SECRET} x` }));
    assert.deepEqual(err.settings, ["opsmanager:clientSecret"]);
    assert.equal(err.code, errorCodes.CONFIG_INVALID);
  });
});
