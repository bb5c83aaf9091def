import assert from "node:assert/strict";
import util from "node:util";
import { createClient, proxyFor } from "../../../provider/client";
import { loadConnectionConfig } from "../../../provider/config";
import type { ProxySettings } from "../../../provider/proxy-settings";
import { ApiError, errorCodes } from "../../../provider/errors";
import { makeCerts, type Certs } from "./support/certs";
import { startConnectProxy } from "./support/connect-proxy";
import { startScriptedServer, type ScriptedServer } from "./support/scripted-server";
import { CANARY_PRIVATE_KEY, GOOD_KEYS, GROUP, PUBLIC_KEY } from "./support/test-config";

describe("proxyFor", () => {
  const P = "http://proxy.example.com:3128/";
  const H = "http://plainproxy.example.com:8080/";
  const table: [string, string, ProxySettings, string | undefined][] = [
    ["https uses HTTPS_PROXY", "https://om.example.com:8443", { httpsProxy: P }, P],
    ["http uses HTTP_PROXY", "http://om.example.com:8080", { httpsProxy: P, httpProxy: H }, H],
    ["http without HTTP_PROXY goes direct", "http://om.example.com", { httpsProxy: P }, undefined],
    ["no proxy set", "https://om.example.com", {}, undefined],
    ["NO_PROXY exact host", "https://om.example.com", { httpsProxy: P, noProxy: "om.example.com" }, undefined],
    ["NO_PROXY domain covers subdomains", "https://om.example.com", { httpsProxy: P, noProxy: "example.com" }, undefined],
    ["NO_PROXY .suffix", "https://om.example.com", { httpsProxy: P, noProxy: ".example.com" }, undefined],
    ["NO_PROXY *.suffix", "https://om.example.com", { httpsProxy: P, noProxy: "*.example.com" }, undefined],
    ["NO_PROXY is not a substring match", "https://om.badexample.com", { httpsProxy: P, noProxy: "example.com" }, P],
    ["NO_PROXY list with spaces and case", "https://OM.Example.COM", { httpsProxy: P, noProxy: "localhost, OM.example.com" }, undefined],
    ["NO_PROXY * bypasses all", "https://om.example.com", { httpsProxy: P, noProxy: "*" }, undefined],
    ["NO_PROXY host:port matches that port", "https://om.example.com:8443", { httpsProxy: P, noProxy: "om.example.com:8443" }, undefined],
    ["NO_PROXY host:port ignores other ports", "https://om.example.com:9443", { httpsProxy: P, noProxy: "om.example.com:8443" }, P],
    ["NO_PROXY default port 443", "https://om.example.com", { httpsProxy: P, noProxy: "om.example.com:443" }, undefined],
    ["NO_PROXY IP", "https://10.1.2.3:8443", { httpsProxy: P, noProxy: "10.1.2.3" }, undefined],
    ["NO_PROXY CIDR", "https://10.1.2.3:8443", { httpsProxy: P, noProxy: "10.0.0.0/8" }, undefined],
    ["NO_PROXY CIDR miss", "https://11.1.2.3:8443", { httpsProxy: P, noProxy: "10.0.0.0/8" }, P],
    ["NO_PROXY IPv6", "https://[::1]:8443", { httpsProxy: P, noProxy: "[::1]" }, undefined],
    ["NO_PROXY empty entries ignored", "https://om.example.com", { httpsProxy: P, noProxy: " , ," }, P],
  ];
  for (const [name, url, settings, expected] of table) it(name, () => assert.equal(proxyFor(url, settings), expected));
});

describe("requests through an HTTP CONNECT proxy", () => {
  let certs: Certs;
  let server: ScriptedServer;
  let proxy: Awaited<ReturnType<typeof startConnectProxy>>;
  before(async () => (certs = await makeCerts()));
  afterEach(async () => {
    await server?.close();
    await proxy?.close();
  });

  const config = (env: NodeJS.ProcessEnv, extra: Record<string, string> = {}) =>
    loadConnectionConfig(
      (k) => ({ "opsmanager:baseUrl": server.url, "opsmanager:publicKey": PUBLIC_KEY, "opsmanager:privateKey": CANARY_PRIVATE_KEY, ...extra })[k],
      env,
    );
  const startTls = async () => {
    server = await startScriptedServer({ script: [{ status: 200, body: { type: "WEBHOOK" } }], digest: GOOD_KEYS, tls: certs.tls, host: "localhost" });
  };

  it("tunnels https through HTTPS_PROXY, verifying the server with caCert end to end", async () => {
    await startTls();
    proxy = await startConnectProxy();
    const client = createClient(config({ HTTPS_PROXY: proxy.url }, { "opsmanager:caCert": certs.caCert }));
    for (let i = 0; i < 3; i++) assert.equal((await client.fetchIntegration(GROUP, "WEBHOOK"))?.type, "WEBHOOK");
    assert.deepEqual(proxy.tunnels.map((t) => t.target), [`localhost:${new URL(server.url).port}`], "one kept-alive tunnel");
    assert.equal(server.log.length, 4);
    client.close();
  });

  it("still refuses an untrusted certificate behind the proxy", async () => {
    await startTls();
    proxy = await startConnectProxy();
    const err = await createClient(config({ https_proxy: proxy.url })).fetchIntegration(GROUP, "WEBHOOK").catch((e: unknown) => e);
    assert.ok(err instanceof ApiError);
    assert.match(err.message, /opsmanager:caCert/);
    assert.equal(proxy.tunnels.length, 1);
  });

  it("verifies an IP-address baseUrl against that IP behind the proxy (a cert naming only localhost is refused)", async () => {
    await startTls();
    proxy = await startConnectProxy();
    const byIp = server.url.replace("localhost", "127.0.0.1");
    const client = createClient(
      loadConnectionConfig(
        (k) => ({ "opsmanager:baseUrl": byIp, "opsmanager:publicKey": PUBLIC_KEY, "opsmanager:privateKey": CANARY_PRIVATE_KEY, "opsmanager:caCert": certs.caCert })[k],
        { HTTPS_PROXY: proxy.url },
      ),
    );
    const err = await client.fetchIntegration(GROUP, "WEBHOOK").catch((e: unknown) => e);
    assert.ok(err instanceof ApiError, `accepted a certificate for localhost at 127.0.0.1: ${String(err)}`);
    assert.equal(err.code, errorCodes.TLS_ERROR);
    assert.match(err.message, /does not name this host/);
    assert.deepEqual(proxy.tunnels.map((t) => t.target), [`127.0.0.1:${new URL(server.url).port}`], "it did go through the proxy");
    assert.equal(server.log.length, 0, "nothing was sent");
    client.close();
  });

  it("still verifies a host name behind the proxy against that name", async () => {
    await startTls();
    proxy = await startConnectProxy();
    const client = createClient(config({ HTTPS_PROXY: proxy.url }, { "opsmanager:caCert": certs.caCert }));
    assert.equal((await client.fetchIntegration(GROUP, "WEBHOOK"))?.type, "WEBHOOK");
    client.close();
  });

  it("bypasses the proxy for hosts in NO_PROXY", async () => {
    await startTls();
    proxy = await startConnectProxy();
    const client = createClient(config({ HTTPS_PROXY: proxy.url, NO_PROXY: "example.org,localhost" }, { "opsmanager:caCert": certs.caCert }));
    assert.equal((await client.fetchIntegration(GROUP, "WEBHOOK"))?.type, "WEBHOOK");
    assert.equal(proxy.tunnels.length, 0);
  });

  it("uses HTTP_PROXY for an http:// server, and ignores HTTPS_PROXY for it", async () => {
    server = await startScriptedServer({ script: [{ status: 200, body: { type: "WEBHOOK" } }], digest: GOOD_KEYS });
    proxy = await startConnectProxy();
    const other = await startConnectProxy();
    const client = createClient(config({ HTTP_PROXY: proxy.url, HTTPS_PROXY: other.url }));
    assert.equal((await client.fetchIntegration(GROUP, "WEBHOOK"))?.type, "WEBHOOK");
    assert.equal(proxy.tunnels.length, 1);
    assert.equal(other.tunnels.length, 0);
    await other.close();
  });

  it("sends proxy credentials from the URL, and never shows them", async () => {
    await startTls();
    proxy = await startConnectProxy({ requireAuth: "alice:proxy-pass-canary" });
    const good = `http://alice:proxy-pass-canary@${proxy.url.slice("http://".length)}`;
    const client = createClient(config({ HTTPS_PROXY: good }, { "opsmanager:caCert": certs.caCert }));
    assert.equal((await client.fetchIntegration(GROUP, "WEBHOOK"))?.type, "WEBHOOK");
    assert.equal(proxy.tunnels[0]?.proxyAuthorization, `Basic ${Buffer.from("alice:proxy-pass-canary").toString("base64")}`);

    const bad = createClient(config({ HTTPS_PROXY: good.replace("proxy-pass-canary", "wrong-pass-canary") }, { "opsmanager:caCert": certs.caCert }));
    const err = await bad.fetchIntegration(GROUP, "WEBHOOK").catch((e: unknown) => e);
    assert.ok(err instanceof ApiError, String(err));
    assert.equal(err.status, 407);
    assert.match(err.message, /proxy wants credentials/);
    assert.doesNotMatch(util.inspect(err, { depth: 10 }) + JSON.stringify(err), /pass-canary/);
  });
});
