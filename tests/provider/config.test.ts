import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import util from "node:util";
import { DEFAULT_MAX_RETRY_TIME_MS, loadConnectionConfig, type ConnectionConfig } from "../../provider/config";
import { connectionSettings } from "../../provider/connection-settings";
import { ConfigError, errorCodes, OpsManagerError } from "../../provider/errors";
import { makeCerts } from "./client/support/certs";

const PRIVATE = "canary-priv-0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a";
const minimal = { "opsmanager:baseUrl": "https://om.example.com:8443", "opsmanager:publicKey": "pubkey", "opsmanager:privateKey": PRIVATE };

function load(config: Record<string, string | undefined>, env: NodeJS.ProcessEnv = {}): ConnectionConfig {
  return loadConnectionConfig((k) => config[k], env);
}

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
    assert.ok(err instanceof OpsManagerError);
    for (const text of [err.message, String(err), JSON.stringify(err), util.inspect(err, { depth: 10 }), String(err.stack)]) {
      assert.ok(!text.includes(PRIVATE), "the private key must never be shown");
    }
    return err;
  }
  assert.fail("expected a ConfigError");
}

describe("loadConnectionConfig", () => {
  it("fully defaults a minimal configuration", () => {
    assert.deepEqual(load(minimal), {
      apiBase: "https://om.example.com:8443/api/public/v1.0",
      publicKey: "pubkey",
      privateKey: PRIVATE,
      insecureSkipVerify: false,
      allowHttp: false,
      allowDigestWithoutQop: false,
      timeoutMs: 30_000,
      maxRetries: 3,
      maxRetryTimeMs: DEFAULT_MAX_RETRY_TIME_MS,
      readSnapshotMs: 30_000,
      proxy: {},
    });
  });

  it("falls back to the environment for every setting", () => {
    const env = {
      OPSMANAGER_BASE_URL: "http://om.internal:8080", OPSMANAGER_PUBLIC_KEY: "envpub", OPSMANAGER_PRIVATE_KEY: PRIVATE,
      OPSMANAGER_INSECURE_SKIP_VERIFY: "TRUE", OPSMANAGER_TIMEOUT_SECONDS: "2.5", OPSMANAGER_MAX_RETRIES: "0",
      OPSMANAGER_ALLOW_HTTP: "1", OPSMANAGER_ALLOW_DIGEST_WITHOUT_QOP: "true",
    };
    const c = load({}, env);
    assert.equal(c.apiBase, "http://om.internal:8080/api/public/v1.0");
    assert.equal(c.publicKey, "envpub");
    assert.equal(c.insecureSkipVerify, true);
    assert.equal(c.allowHttp, true);
    assert.equal(c.allowDigestWithoutQop, true);
    assert.equal(c.timeoutMs, 2500);
    assert.equal(c.maxRetries, 0);
  });

  it("prefers stack config over the environment; empty config values count as unset", () => {
    const env = { OPSMANAGER_BASE_URL: "https://env.example.com", OPSMANAGER_PUBLIC_KEY: "envpub", OPSMANAGER_MAX_RETRIES: "7" };
    const c = load({ ...minimal, "opsmanager:publicKey": "  ", "opsmanager:maxRetries": "2" }, env);
    assert.equal(c.apiBase, "https://om.example.com:8443/api/public/v1.0");
    assert.equal(c.publicKey, "envpub");
    assert.equal(c.maxRetries, 2);
  });

  describe("baseUrl normalization", () => {
    const table: [string, string][] = [
      ["https://om.example.com:8443", "https://om.example.com:8443/api/public/v1.0"],
      ["https://om.example.com:8443/", "https://om.example.com:8443/api/public/v1.0"],
      ["https://om.example.com:8443/api/public/v1.0", "https://om.example.com:8443/api/public/v1.0"],
      ["https://om.example.com:8443/api/public/v1.0/", "https://om.example.com:8443/api/public/v1.0"],
      ["  https://OM.Example.com  ", "https://om.example.com/api/public/v1.0"],
      ["https://om.example.com:443", "https://om.example.com/api/public/v1.0"],
      ["https://gw.example.com/opsmanager", "https://gw.example.com/opsmanager/api/public/v1.0"],
      ["https://gw.example.com/opsmanager/api/public/v1.0//", "https://gw.example.com/opsmanager/api/public/v1.0"],
      ["http://localhost:8080", "http://localhost:8080/api/public/v1.0"],
      ["http://127.0.0.1:8080/", "http://127.0.0.1:8080/api/public/v1.0"],
      ["http://[::1]:8080", "http://[::1]:8080/api/public/v1.0"],
    ];
    for (const [input, expected] of table) {
      it(`${JSON.stringify(input)} → ${expected}`, () => assert.equal(load({ ...minimal, "opsmanager:baseUrl": input }).apiBase, expected));
    }
  });

  describe("http:// is refused for a host other than this machine unless opsmanager:allowHttp", () => {
    for (const url of ["http://10.0.0.5:8080", "http://om.example.com", "http://localhost.example.com", "http://127.0.0.1.nip.io"]) {
      it(`refuses ${url}`, () => {
        const err = configError(() => load({ ...minimal, "opsmanager:baseUrl": url }));
        assert.equal(err.code, errorCodes.CONFIG_INVALID);
        assert.deepEqual(err.settings, ["opsmanager:baseUrl"]);
        assert.match(err.message, /in clear/);
        assert.match(err.message, /opsmanager:allowHttp/);
      });
    }
    for (const flag of ["true", "1", "TRUE"]) {
      it(`accepts it with allowHttp ${flag}`, () => {
        const c = load({ ...minimal, "opsmanager:baseUrl": "http://10.0.0.5:8080", "opsmanager:allowHttp": flag });
        assert.equal(c.apiBase, "http://10.0.0.5:8080/api/public/v1.0");
        assert.equal(c.allowHttp, true);
      });
    }
  });

  describe("readSnapshotSeconds: how long refresh reuses a project's list", () => {
    it("is read from stack config or OPSMANAGER_READ_SNAPSHOT_SECONDS, in seconds; 0 turns reuse off", () => {
      assert.equal(load({ ...minimal, "opsmanager:readSnapshotSeconds": "0" }).readSnapshotMs, 0);
      assert.equal(load({ ...minimal, "opsmanager:readSnapshotSeconds": "2.5" }).readSnapshotMs, 2500);
      assert.equal(load(minimal, { OPSMANAGER_READ_SNAPSHOT_SECONDS: "0" }).readSnapshotMs, 0);
    });

    for (const bad of ["-1", "soon", "301", "1e3"]) {
      it(`refuses ${JSON.stringify(bad)}, naming the key and the variable`, () => {
        const err = configError(() => load({ ...minimal, "opsmanager:readSnapshotSeconds": bad }));
        assert.equal(err.code, errorCodes.CONFIG_INVALID);
        assert.deepEqual(err.settings, ["opsmanager:readSnapshotSeconds"]);
        assert.ok(err.message.includes("OPSMANAGER_READ_SNAPSHOT_SECONDS"), err.message);
      });
    }
  });

  describe("missing settings name the key, the variable and the command", () => {
    for (const name of ["baseUrl", "publicKey", "privateKey"] as const) {
      it(name, () => {
        const s = connectionSettings[name];
        const err = configError(() => load({ ...minimal, [s.key]: undefined }));
        assert.equal(err.code, errorCodes.CONFIG_MISSING);
        assert.deepEqual(err.settings, [s.key]);
        assert.ok(err.message.includes(s.key) && err.message.includes(s.env), err.message);
        assert.match(err.message, new RegExp(`pulumi config set ${name === "privateKey" ? "--secret " : ""}${s.key}`));
      });
    }

    it("lists every missing setting in one error", () => {
      const err = configError(() => load({}));
      assert.deepEqual(err.settings, ["opsmanager:baseUrl", "opsmanager:publicKey", "opsmanager:privateKey"]);
      assert.equal(err.message.split("\n").length, 3);
    });
  });

  describe("malformed settings", () => {
    const table: [string, string, string, RegExp][] = [
      ["baseUrl without scheme", "opsmanager:baseUrl", "om.example.com:8443", /absolute URL .*include the scheme/],
      ["baseUrl not http(s)", "opsmanager:baseUrl", "ftp://om.example.com", /https:\/\/ or http:\/\//],
      ["baseUrl with a query", "opsmanager:baseUrl", "https://om.example.com/?x=1", /query/],
      ["baseUrl garbage", "opsmanager:baseUrl", "::::", /absolute URL/],
      ["publicKey with a space", "opsmanager:publicKey", "pub key", /one word/],
      ["insecureSkipVerify yes-ish", "opsmanager:insecureSkipVerify", "yes", /true or false/],
      ["allowHttp yes-ish", "opsmanager:allowHttp", "on", /true or false/],
      ["timeoutSeconds word", "opsmanager:timeoutSeconds", "thirty", /number of seconds/],
      ["timeoutSeconds zero", "opsmanager:timeoutSeconds", "0", /more than 0/],
      ["timeoutSeconds negative", "opsmanager:timeoutSeconds", "-5", /number of seconds/],
      ["timeoutSeconds too large", "opsmanager:timeoutSeconds", "86400", /at most 3600/],
      ["maxRetries fraction", "opsmanager:maxRetries", "1.5", /whole number from 0 to 10/],
      ["maxRetries too many", "opsmanager:maxRetries", "11", /whole number from 0 to 10/],
      ["caCert missing file", "opsmanager:caCert", "/nonexistent/ca.pem", /neither PEM text nor a readable file \(ENOENT/],
      ["caCert broken PEM", "opsmanager:caCert", "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----", /valid PEM certificate/],
    ];
    for (const [name, key, value, problem] of table) {
      it(name, () => {
        const err = configError(() => load({ ...minimal, [key]: value }));
        const s = Object.values(connectionSettings).find((x) => x.key === key);
        assert.equal(err.code, errorCodes.CONFIG_INVALID);
        assert.match(err.message, problem);
        assert.ok(err.message.includes(key) && err.message.includes(s?.env ?? "?"), err.message);
        assert.match(err.message, /read from stack config/);
      });
    }

    it("says when the bad value came from the environment", () => {
      const err = configError(() => load({ ...minimal, "opsmanager:maxRetries": undefined }, { OPSMANAGER_MAX_RETRIES: "many" }));
      assert.match(err.message, /read from environment variable OPSMANAGER_MAX_RETRIES/);
    });

    it("never prints the private key, even when it is the malformed value or pasted elsewhere", () => {
      configError(() => load({ ...minimal, "opsmanager:privateKey": `${PRIVATE} x` }));
      configError(() => load({ ...minimal, "opsmanager:baseUrl": PRIVATE }));
      configError(() => load({ ...minimal, "opsmanager:timeoutSeconds": PRIVATE }));
      const withCreds = configError(() => load({ ...minimal, "opsmanager:baseUrl": `https://pub:${PRIVATE}@om.example.com` }));
      assert.match(withCreds.message, /must not contain credentials/);
    });
  });

  describe("caCert", () => {
    let pem: string;
    let dir: string;
    before(async () => {
      pem = (await makeCerts()).caCert;
      dir = mkdtempSync(join(tmpdir(), "om-config-"));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it("takes PEM text as is", () => assert.equal(load({ ...minimal, "opsmanager:caCert": pem }).caCert, pem));
    it("takes PEM with escaped newlines (one-line environment variables)", () => {
      assert.equal(load(minimal, { OPSMANAGER_CA_CERT: pem.replace(/\n/g, "\\n") }).caCert, pem);
    });
    it("reads a file path", () => {
      const file = join(dir, "ca.pem");
      writeFileSync(file, pem);
      assert.equal(load({ ...minimal, "opsmanager:caCert": file }).caCert, pem);
    });
    it("rejects a file that is not PEM", () => {
      const file = join(dir, "notes.txt");
      writeFileSync(file, "hello");
      assert.match(configError(() => load({ ...minimal, "opsmanager:caCert": file })).message, /valid PEM certificate/);
    });
  });

  describe("proxy settings are read from the environment once", () => {
    const table: [NodeJS.ProcessEnv, object][] = [
      [{ HTTPS_PROXY: "http://proxy:3128" }, { httpsProxy: "http://proxy:3128/" }],
      [{ https_proxy: "proxy.corp:8080" }, { httpsProxy: "http://proxy.corp:8080/" }],
      [{ HTTPS_PROXY: "http://a:1", https_proxy: "http://b:2" }, { httpsProxy: "http://a:1/" }],
      [{ HTTP_PROXY: "http://p:1", NO_PROXY: "localhost,.corp" }, { httpProxy: "http://p:1/", noProxy: "localhost,.corp" }],
      [{ no_proxy: "*" }, { noProxy: "*" }],
    ];
    for (const [env, expected] of table) {
      it(JSON.stringify(env), () => {
        const { proxy } = load(minimal, env);
        assert.deepEqual(JSON.parse(JSON.stringify(proxy)), expected);
      });
    }

    it("rejects a malformed proxy URL without showing its password", () => {
      const err = configError(() => load(minimal, { HTTPS_PROXY: "socks5://user:s3cret@proxy:1080" }));
      assert.match(err.message, /HTTPS_PROXY/);
      assert.ok(!err.message.includes("s3cret"));
    });
  });

  it("exports the settings table for docs: every setting has a key, a variable and a description", () => {
    for (const s of Object.values(connectionSettings)) {
      assert.match(s.key, /^opsmanager:[a-zA-Z]+$/);
      assert.match(s.env, /^OPSMANAGER_[A-Z_]+$/);
      assert.ok(s.description.length > 10);
    }
  });
});
