import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_GROUP_ID, OWNER_KEY, OWNER_SERVICE_ACCOUNT, READ_ONLY_KEY } from "../../emulator/defaults";
import { startEmulator, type RunningEmulator } from "../../emulator/start-emulator";
import { useEmulator, withEmulator } from "../helpers/emulator";
import { curlDigest, curlRaw } from "./support/curl";
import { DigestClient } from "./support/digest-client";
import { selfSignedCert } from "./support/tls";

const G = DEFAULT_GROUP_ID;

describe("emulator: an independent client (curl --digest)", () => {
  // The partial update below relies on the default PUT reading (merge), whatever OPSMANAGER_EMULATOR_PUT says.
  const emu = useEmulator({ putSemantics: "merge" });
  const at = (path: string) => `${emu.apiBase}/groups/${G}/integrations${path}`;

  it("creates (PUT, POST), reads, updates and deletes through curl's digest signing", async () => {
    const put = await curlDigest(OWNER_KEY, "PUT", at("/WEBHOOK"), { body: JSON.stringify({ type: "WEBHOOK", url: "https://hooks.example.com/x/0123456789" }) });
    assert.equal(put.status, 200, put.body);
    assert.equal(JSON.parse(put.body).results[0].url, "******6789");

    const post = await curlDigest(OWNER_KEY, "POST", at("/PAGER_DUTY"), { body: JSON.stringify({ type: "PAGER_DUTY", serviceKey: "a1b2c3d4e5f60718293a4b5c6d7e8f90" }) });
    assert.equal(post.status, 200, post.body);
    assert.equal(JSON.parse(post.body).totalCount, 2);

    const get = await curlDigest(OWNER_KEY, "GET", at("/PAGER_DUTY"));
    assert.equal(get.status, 200);
    assert.equal(JSON.parse(get.body).serviceKey, "******8f90");

    const update = await curlDigest(OWNER_KEY, "PUT", at("/WEBHOOK"), { body: JSON.stringify({ type: "WEBHOOK", secret: "whsec-0123456789" }) });
    assert.equal(update.status, 200, update.body);
    const [webhook] = (await emu.control.raw(G)).filter((i) => i.type === "WEBHOOK");
    assert.deepEqual(webhook!.fields, { url: "https://hooks.example.com/x/0123456789", secret: "whsec-0123456789" });

    const del = await curlDigest(OWNER_KEY, "DELETE", at("/WEBHOOK"));
    assert.deepEqual(del, { status: 204, body: "" });
    assert.deepEqual((await emu.control.raw(G)).map((i) => i.type), ["PAGER_DUTY"]);
  });

  it("accepts curl's signature of a request with a query string (?pretty=true)", async () => {
    await emu.control.seed(G, "PAGER_DUTY", { serviceKey: "a1b2c3d4e5f60718293a4b5c6d7e8f90" });
    const res = await curlDigest(OWNER_KEY, "GET", `${emu.apiBase}/groups/${G}/integrations?pretty=true&itemsPerPage=10`);
    assert.equal(res.status, 200, res.body);
    assert.equal(res.body, JSON.stringify(JSON.parse(res.body), null, 2));
    const log = await emu.control.requests();
    assert.deepEqual(log.map((e) => [e.status, e.authenticated]), [[401, false], [200, true]], "one challenge, one signed request");
  });

  it("curl with a wrong password ends on the 401", async () => {
    const res = await curlDigest({ ...OWNER_KEY, privateKey: "wrong" }, "GET", at(""));
    assert.equal(res.status, 401);
  });

  it("curl with the read-only key gets 401 USER_UNAUTHORIZED on DELETE", async () => {
    const res = await curlDigest(READ_ONLY_KEY, "DELETE", at("/WEBHOOK"));
    assert.equal(res.status, 401);
    assert.equal(JSON.parse(res.body).errorCode, "USER_UNAUTHORIZED");
  });
});

describe("emulator: a service account through an independent client (curl --user, Bearer)", () => {
  const emu = useEmulator();
  const sa = `${OWNER_SERVICE_ACCOUNT.clientId}:${OWNER_SERVICE_ACCOUNT.clientSecret}`;

  it("gets a token as the docs' example does, uses it, revokes it, and is then refused", async () => {
    const token = await curlRaw(["--user", sa, "--header", "Accept: application/json", "--data", "grant_type=client_credentials", `${emu.url}/api/oauth/token`]);
    assert.equal(token.status, 200, token.body);
    const answer = JSON.parse(token.body);
    assert.equal(answer.token_type, "Bearer");
    assert.equal(answer.expires_in, 3600);
    const bearer = ["--header", `Authorization: Bearer ${answer.access_token}`];
    const list = await curlRaw([...bearer, `${emu.apiBase}/groups/${G}/integrations`]);
    assert.equal(list.status, 200, list.body);
    assert.equal(JSON.parse(list.body).totalCount, 0);

    const revoke = await curlRaw(["--user", sa, "--data", `token=${answer.access_token}&token_type_hint=access_token`, `${emu.url}/api/oauth/revoke`]);
    assert.deepEqual(revoke, { status: 200, body: "" });
    const refused = await curlRaw([...bearer, `${emu.apiBase}/groups/${G}/integrations`]);
    assert.equal(refused.status, 401);
  });

  it("a wrong client secret gets 401 invalid_client", async () => {
    const res = await curlRaw(["--user", `${OWNER_SERVICE_ACCOUNT.clientId}:wrong`, "--data", "grant_type=client_credentials", `${emu.url}/api/oauth/token`]);
    assert.equal(res.status, 401);
    assert.equal(JSON.parse(res.body).error, "invalid_client");
  });
});

describe("emulator: HTTPS with a certificate made at test time", () => {
  let dir: string;
  const started: RunningEmulator[] = [];
  const startTls = async (tls: { cert: string; key: string }) => {
    const running = await startEmulator({ tls, port: 0 });
    started.push(running);
    return running;
  };
  before(() => (dir = mkdtempSync(join(tmpdir(), "om-emulator-tls-"))));
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await Promise.all(started.map((e) => e.close()));
  });

  it("serves the API over TLS to curl (--cacert) and to a Node client trusting the certificate; others refuse it", async () => {
    const tls = await selfSignedCert();
    const cacert = join(dir, "ca.pem");
    writeFileSync(cacert, tls.cert);
    await withEmulator({ tls }, async (emu) => {
      assert.match(emu.url, /^https:\/\/127\.0\.0\.1:\d+$/);
      const put = await curlDigest(OWNER_KEY, "PUT", `${emu.apiBase}/groups/${G}/integrations/WEBHOOK?pretty=true`, {
        body: JSON.stringify({ type: "WEBHOOK", url: "https://hooks.example.com/x/0123456789" }),
        cacert,
      });
      assert.equal(put.status, 200, put.body);
      const node = new DigestClient(emu.apiBase, OWNER_KEY, tls.cert);
      assert.equal((await node.send("GET", `/groups/${G}/integrations/WEBHOOK`)).json().url, "******6789");
      assert.deepEqual((await emu.control.raw(G)).map((i) => i.fields), [{ url: "https://hooks.example.com/x/0123456789" }], "the control client trusts the CA too");
    });
    await assert.rejects(new DigestClient(`${(await startTls(tls)).apiBase}`, OWNER_KEY).send("GET", "/"), /self-signed|self signed/);
  });
});
