import assert from "node:assert/strict";
import { createClient, digestAuthorization, parseChallenge } from "../../../provider/client";
import { ApiError } from "../../../provider/errors";
import { startScriptedServer, type ScriptedServer } from "./support/scripted-server";
import { CANARY_PRIVATE_KEY, GOOD_KEYS, GROUP, testConfig, webhookRequest } from "./support/test-config";

const webhook = { type: "WEBHOOK", url: "https://hooks.example.com/x" };

describe("digest authorization (RFC 2617 / 7616)", () => {
  it("computes the RFC 2617 §3.5 example response", () => {
    const challenge = parseChallenge(
      'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
    );
    assert.ok(challenge);
    const { header, response } = digestAuthorization(
      challenge,
      { username: "Mufasa", password: "Circle Of Life" },
      { method: "GET", uri: "/dir/index.html" },
      1,
      "0a4f113b",
    );
    assert.equal(response, "6629fae49393a05397450978507c4ef1");
    assert.match(header, /nc=00000001/);
    assert.match(header, /opaque="5ccc069c403ebaf9f0171e9517f40e41"/);
    assert.match(header, /uri="\/dir\/index.html"/);
  });

  it("signs the query string as part of the uri", () => {
    const c = { realm: "r", nonce: "n", algorithm: "MD5" as const, qop: "auth" as const, stale: false };
    const creds = { username: "u", password: "p" };
    const a = digestAuthorization(c, creds, { method: "GET", uri: "/x?pageNum=1" }, 1, "c");
    const b = digestAuthorization(c, creds, { method: "GET", uri: "/x" }, 1, "c");
    assert.notEqual(a.response, b.response);
    assert.match(a.header, /uri="\/x\?pageNum=1"/);
  });

  describe("parseChallenge", () => {
    const table: [string, string | string[], Record<string, unknown> | undefined][] = [
      ["Ops Manager's challenge", 'Digest realm="MMS Public API", domain="", nonce="abc+/def==", algorithm=MD5, qop="auth", stale=false',
        { realm: "MMS Public API", nonce: "abc+/def==", algorithm: "MD5", qop: "auth", stale: false }],
      ["an unquoted base64 nonce ending in =", "Digest realm=r, nonce=YWJjZA==, qop=auth", { nonce: "YWJjZA==", realm: "r" }],
      ["quoted values holding commas and =", 'Digest realm="a=b, c", nonce="x,y=z", qop="auth"', { realm: "a=b, c", nonce: "x,y=z" }],
      ["escaped quotes", 'Digest realm="say \\"hi\\"", nonce="n", qop="auth"', { realm: 'say "hi"', nonce: "n" }],
      ["stale=true, any case", 'Digest realm="r", nonce="n2", stale=TRUE, qop="auth"', { stale: true }],
      ["opaque kept", 'Digest realm="r", nonce="n", opaque="o==", qop=auth', { opaque: "o==" }],
      ["Digest after another scheme", 'Basic realm="x", Digest realm="r", nonce="n", qop="auth"', { realm: "r", nonce: "n" }],
      ["two headers", ['Negotiate', 'Digest realm="r", nonce="n", qop="auth"'], { realm: "r", nonce: "n" }],
      ["scheme in lower case, extra spaces", 'digest   realm = "r" ,  nonce = "n" , qop = auth', { realm: "r", nonce: "n" }],
      ["no qop (RFC 2069, replayable): refused", 'Digest realm="r", nonce="n"', undefined],
      ["SHA-256 offered", 'Digest realm="r", nonce="n", algorithm=SHA-256, qop="auth"', { algorithm: "SHA-256" }],
      ["MD5 offered first, then SHA-256: SHA-256", 'Digest realm="r", nonce="n1", algorithm=MD5, qop="auth", Digest realm="r", nonce="n2", algorithm=SHA-256, qop="auth"', { algorithm: "SHA-256", nonce: "n2" }],
      ["SHA-256 without qop, MD5 with qop: MD5 with qop", 'Digest realm="r", nonce="n1", algorithm=SHA-256, Digest realm="r", nonce="n2", algorithm=MD5, qop="auth"', { algorithm: "MD5", qop: "auth" }],
      ["only auth-int: unusable", 'Digest realm="r", nonce="n", qop="auth-int"', undefined],
      ["unknown algorithm: unusable", 'Digest realm="r", nonce="n", algorithm=SHA-512-256', undefined],
      ["no nonce", 'Digest realm="r"', undefined],
      ["Basic only", 'Basic realm="r"', undefined],
      ["empty", "", undefined],
    ];
    for (const [name, header, expected] of table) {
      it(`reads ${name}`, () => {
        const got = parseChallenge(header);
        if (expected === undefined) return assert.equal(got, undefined);
        assert.ok(got, "expected a challenge");
        for (const [k, v] of Object.entries(expected)) assert.deepEqual((got as unknown as Record<string, unknown>)[k], v, k);
      });
    }

    it("reads a challenge without qop only when allowed (opsmanager:allowDigestWithoutQop)", () => {
      assert.deepEqual(parseChallenge('Digest realm="r", nonce="n"', { allowNoQop: true })?.qop, undefined);
      assert.equal(parseChallenge('Digest realm="r", nonce="n"', { allowNoQop: true })?.nonce, "n");
    });
  });
});

describe("digest auth against a challenge server", () => {
  let server: ScriptedServer;
  const entry = { type: "WEBHOOK", url: "https://hooks.example.com/x", id: "1" };
  afterEach(() => server?.close());

  const start = (o: { password?: string; realm?: string } = {}) =>
    startScriptedServer({
      script: () => ({ status: 200, body: entry }),
      digest: { ...GOOD_KEYS, password: o.password ?? GOOD_KEYS.password, realm: o.realm ?? 'MMS "Public", API=1', opaque: "op/aq==" },
    });

  it("a write's body never goes out unsigned: the first challenge is fetched with a bodiless GET", async () => {
    server = await start();
    const client = createClient(testConfig(server.url));
    const secretUrl = "https://hooks.example.com/never-unsigned-0001";
    await client.createIntegration(GROUP, "WEBHOOK", webhookRequest({ url: secretUrl }));
    assert.deepEqual(
      server.log.map((r) => `${r.method} ${r.served ? "signed" : "challenged"} ${r.body.length > 0 ? "with body" : "no body"}`),
      ["GET challenged no body", "POST signed with body"],
    );
    assert.ok(server.log.filter((r) => !r.served).every((r) => !r.body.includes(secretUrl)));
    await client.putIntegration(GROUP, "WEBHOOK", webhookRequest({ url: secretUrl }));
    assert.equal(server.log.length, 3, "one request per call after the first challenge");
    assert.deepEqual(server.guard?.violations, []);
    client.close();
  });

  it("refuses a challenge without qop (replayable), unless opsmanager:allowDigestWithoutQop", async () => {
    const digest = { ...GOOD_KEYS, qop: false };
    server = await startScriptedServer({ script: () => ({ status: 200, body: entry }), digest });
    const err = await createClient(testConfig(server.url)).fetchIntegration(GROUP, "WEBHOOK").catch((e: unknown) => e);
    assert.ok(err instanceof ApiError, String(err));
    assert.equal(err.status, 401);
    assert.equal(server.log.length, 1, "no credentials were sent");
    assert.match(err.message, /only without qop .*opsmanager:allowDigestWithoutQop/);
    const allowed = createClient(testConfig(server.url, { allowDigestWithoutQop: true }));
    assert.equal((await allowed.fetchIntegration(GROUP, "WEBHOOK"))?.type, "WEBHOOK");
    assert.deepEqual(server.guard?.violations, []);
    allowed.close();
  });

  it("answers SHA-256 when the server offers MD5 first and SHA-256 too", async () => {
    server = await startScriptedServer({ script: () => ({ status: 200, body: entry }), digest: { ...GOOD_KEYS, algorithms: ["MD5", "SHA-256"] } });
    const client = createClient(testConfig(server.url));
    await client.fetchIntegration(GROUP, "WEBHOOK");
    await client.fetchIntegration(GROUP, "WEBHOOK");
    assert.deepEqual(server.guard?.used, ["SHA-256", "SHA-256"]);
    assert.deepEqual(server.guard?.violations, []);
    client.close();
  });

  it("pays the challenge once: the first call costs 2 requests, the next N calls N", async () => {
    server = await start();
    const client = createClient(testConfig(server.url));
    await client.fetchIntegration(GROUP, "WEBHOOK");
    assert.equal(server.log.length, 2);
    for (let i = 0; i < 5; i++) await client.fetchIntegration(GROUP, "WEBHOOK");
    assert.equal(server.log.length, 7);
    assert.equal(server.log.filter((r) => !r.served).length, 1);
    assert.deepEqual(server.guard?.violations, []);
    const [ncs] = server.guard?.ncsByNonce() ?? [];
    assert.deepEqual(ncs, [1, 2, 3, 4, 5, 6], "nc counts up per nonce");
    client.close();
  });

  it("signs the path plus the query string exactly as sent", async () => {
    server = await startScriptedServer({
      script: () => ({ status: 200, body: { results: [entry], totalCount: 1 } }),
      digest: GOOD_KEYS,
    });
    const client = createClient(testConfig(server.url));
    await client.listIntegrations(GROUP);
    assert.match(server.log.at(-1)?.url ?? "", /\?pageNum=1&itemsPerPage=500$/);
    assert.deepEqual(server.guard?.violations, []);
    client.close();
  });

  it("answers a stale nonce with one extra request and succeeds", async () => {
    server = await start();
    const client = createClient(testConfig(server.url));
    await client.fetchIntegration(GROUP, "WEBHOOK");
    server.guard?.expireNonces();
    const before = server.log.length;
    const got = await client.putIntegration(GROUP, "WEBHOOK", webhookRequest({ url: webhook.url }));
    assert.equal(got.type, "WEBHOOK");
    assert.equal(server.log.length - before, 2);
    assert.match(String(server.log.at(-2)?.served), /false/);
    await client.fetchIntegration(GROUP, "WEBHOOK");
    assert.equal(server.log.length - before, 3, "the new nonce is reused afterwards");
    client.close();
  });

  it("answers stale=true even for a nonce it just received (one more request, no error)", async () => {
    server = await start();
    server.guard?.expireNextNonce();
    const client = createClient(testConfig(server.url));
    assert.equal((await client.fetchIntegration(GROUP, "WEBHOOK"))?.type, "WEBHOOK");
    assert.deepEqual(server.log.map((r) => r.served), [false, false, true]);
    client.close();
  });

  it("fails fast on wrong keys: exactly 2 requests, a message that says check the keys, no key in it", async () => {
    server = await start({ password: "the-real-private-key" });
    const client = createClient(testConfig(server.url, { maxRetries: 5 }));
    const err = await client.fetchIntegration(GROUP, "WEBHOOK").then(() => assert.fail("resolved"), (e: unknown) => e);
    assert.ok(err instanceof ApiError);
    assert.equal(err.status, 401);
    assert.equal(err.attempts, 1);
    assert.equal(server.log.length, 2);
    assert.match(err.message, /opsmanager:publicKey and opsmanager:privateKey/);
    assert.ok(!err.message.includes(CANARY_PRIVATE_KEY));
    assert.ok(!String(err.stack).includes(CANARY_PRIVATE_KEY));
    // A second call with the cached (rejected) nonce also stops after one re-challenge.
    await assert.rejects(client.fetchIntegration(GROUP, "WEBHOOK"), ApiError);
    assert.equal(server.log.length, 4);
    client.close();
  });

  it("runs 20 concurrent requests on one nonce with distinct, increasing nc", async () => {
    server = await start();
    const client = createClient(testConfig(server.url));
    const results = await Promise.all(Array.from({ length: 20 }, () => client.fetchIntegration(GROUP, "WEBHOOK")));
    assert.equal(results.filter((r) => r?.type === "WEBHOOK").length, 20);
    assert.equal(server.log.length, 21, "one challenge round trip shared by all");
    assert.deepEqual(server.guard?.violations, []);
    const ncs = server.guard?.ncsByNonce() ?? [];
    assert.equal(ncs.length, 1);
    assert.deepEqual([...(ncs[0] ?? [])].sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i + 1));
    client.close();
  });

  it("survives stale nonces while requests are in flight", async () => {
    server = await start();
    const client = createClient(testConfig(server.url));
    await client.fetchIntegration(GROUP, "WEBHOOK");
    server.guard?.expireNonces();
    const results = await Promise.all(Array.from({ length: 10 }, () => client.fetchIntegration(GROUP, "WEBHOOK")));
    assert.equal(results.length, 10);
    assert.deepEqual(server.guard?.violations, []);
    client.close();
  });
});
