import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "../../../provider/client";
import { loadConnectionConfig } from "../../../provider/config";
import { ApiError, errorCodes } from "../../../provider/errors";
import { makeCerts, type Certs } from "./support/certs";
import { startScriptedServer, type ScriptedServer } from "./support/scripted-server";
import { CANARY_PRIVATE_KEY, GOOD_KEYS, GROUP, PUBLIC_KEY } from "./support/test-config";

describe("TLS with a private CA", () => {
  let certs: Certs;
  let server: ScriptedServer;
  let dir: string;

  before(async () => {
    certs = await makeCerts();
    dir = mkdtempSync(join(tmpdir(), "om-tls-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    server = await startScriptedServer({
      script: [{ status: 200, body: { type: "WEBHOOK", url: "******1234" } }],
      digest: GOOD_KEYS,
      tls: certs.tls,
      host: "localhost",
    });
  });
  afterEach(() => server.close());

  /** Goes through loadConnectionConfig, as the provider does. */
  const clientWith = (extra: Record<string, string>) =>
    createClient(
      loadConnectionConfig((k) => ({ "opsmanager:baseUrl": server.url, "opsmanager:publicKey": PUBLIC_KEY, "opsmanager:privateKey": CANARY_PRIVATE_KEY, ...extra })[k], {}),
    );

  it("refuses the server by default, saying how to trust it", async () => {
    const err = await clientWith({}).fetchIntegration(GROUP, "WEBHOOK").catch((e: unknown) => e);
    assert.ok(err instanceof ApiError, String(err));
    assert.equal(err.code, errorCodes.TLS_ERROR);
    assert.equal(err.status, 0);
    assert.equal(err.attempts, 1, "a certificate problem is not retried");
    assert.match(err.message, /TLS certificate is not trusted/);
    assert.match(err.message, /opsmanager:caCert/);
    assert.match(err.message, /insecureSkipVerify/);
    assert.equal(server.log.length, 0);
  });

  it("accepts it with opsmanager:caCert as PEM text", async () => {
    assert.equal((await clientWith({ "opsmanager:caCert": certs.caCert }).fetchIntegration(GROUP, "WEBHOOK"))?.type, "WEBHOOK");
  });

  it("accepts it with opsmanager:caCert as a file path", async () => {
    const file = join(dir, "ca.pem");
    writeFileSync(file, certs.caCert);
    assert.equal((await clientWith({ "opsmanager:caCert": file }).fetchIntegration(GROUP, "WEBHOOK"))?.type, "WEBHOOK");
  });

  it("accepts it with insecureSkipVerify", async () => {
    assert.equal((await clientWith({ "opsmanager:insecureSkipVerify": "true" }).fetchIntegration(GROUP, "WEBHOOK"))?.type, "WEBHOOK");
  });

  it("says so when the certificate does not name the host", async () => {
    const wrongHost = server.url.replace("localhost", "127.0.0.1");
    const client = createClient(
      loadConnectionConfig((k) => ({ "opsmanager:baseUrl": wrongHost, "opsmanager:publicKey": PUBLIC_KEY, "opsmanager:privateKey": CANARY_PRIVATE_KEY, "opsmanager:caCert": certs.caCert })[k], {}),
    );
    const err = await client.fetchIntegration(GROUP, "WEBHOOK").catch((e: unknown) => e);
    assert.ok(err instanceof ApiError, String(err));
    assert.equal(err.code, errorCodes.TLS_ERROR);
    assert.match(err.message, /does not name this host/);
  });

  it("explains an https:// URL pointed at a plain http port", async () => {
    const plain = await startScriptedServer({ script: [{ status: 200 }] });
    const client = createClient(
      loadConnectionConfig((k) => ({ "opsmanager:baseUrl": plain.url.replace("http:", "https:"), "opsmanager:publicKey": PUBLIC_KEY, "opsmanager:privateKey": CANARY_PRIVATE_KEY })[k], {}),
    );
    const err = await client.fetchIntegration(GROUP, "WEBHOOK").catch((e: unknown) => e);
    await plain.close();
    assert.ok(err instanceof ApiError, String(err));
    assert.equal(err.code, errorCodes.TLS_ERROR);
    assert.match(err.message, /https:\/\/ vs http:\/\//);
  });
});
