import assert from "node:assert/strict";
import { setTimeout as delay } from "node:timers/promises";
import { DEFAULT_GROUP_ID, OWNER_KEY } from "../../emulator/defaults";
import { useEmulator } from "../helpers/emulator";
import { DigestClient } from "./support/digest-client";
import { digestResponse, parseChallenge, signDigest } from "./support/digest-signer";

const LIST = `/groups/${DEFAULT_GROUP_ID}/integrations`;
const UNAUTHORIZED = { reason: "Unauthorized", error: 401, detail: "You are not authorized for this resource." };
const CHALLENGE =
  /^Digest realm="MMS Public API", domain="", nonce="([A-Za-z0-9+/]+=*)", algorithm=MD5, qop="auth", stale=(true|false), opaque="[0-9a-f]{32}"$/;

describe("emulator: HTTP digest authentication", () => {
  const emu = useEmulator();
  const owner = () => new DigestClient(emu.apiBase, OWNER_KEY);

  it("the test signer reproduces the RFC 2617 section 3.5 example", () => {
    const challenge = { realm: "testrealm@host.com", nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque: "5ccc069c403ebaf9f0171e9517f40e41" };
    const input = { method: "GET", uri: "/dir/index.html", username: "Mufasa", password: "Circle Of Life", challenge, nc: 1, cnonce: "0a4f113b" };
    assert.equal(digestResponse(input), "6629fae49393a05397450978507c4ef1");
    assert.match(signDigest(input), /response="6629fae49393a05397450978507c4ef1"/);
  });

  it("challenges a request without credentials with Ops Manager's exact header and errorCode-less body", async () => {
    const res = await owner().raw("GET", `/api/public/v1.0${LIST}`);
    assert.equal(res.status, 401);
    const header = String(res.headers["www-authenticate"]);
    const match = CHALLENGE.exec(header);
    assert.ok(match, header);
    assert.equal(match[2], "false");
    assert.match(match[1]!, /=$/, "the nonce is padded base64");
    assert.equal(res.text, JSON.stringify(UNAUTHORIZED));
  });

  it("accepts a correct signature and lets the nonce be reused with a growing nc (one challenge for many calls)", async () => {
    const client = owner();
    for (let i = 0; i < 3; i++) assert.equal((await client.send("GET", LIST)).status, 200);
    const log = await emu.control.requests();
    assert.deepEqual(log.map((e) => [e.status, e.challenged, e.authenticated]), [
      [401, true, false],
      [200, false, true],
      [200, false, true],
      [200, false, true],
    ]);
  });

  it("signs the query string too: ?pretty=true signed with its query is accepted", async () => {
    const res = await owner().send("GET", `${LIST}?pretty=true&itemsPerPage=5`);
    assert.equal(res.status, 200);
  });

  const refused: { case: string; send: (c: DigestClient) => Promise<{ status: number; text: string; headers: Record<string, unknown> }> }[] = [
    { case: "a wrong password", send: (c) => c.send("GET", LIST, undefined, { password: "not-the-private-key" }) },
    { case: "an unknown public key", send: (c) => new DigestClient(emu.apiBase, { publicKey: "NOBODY", privateKey: "x" }).send("GET", LIST) },
    { case: "a signed uri without the query that was sent", send: (c) => c.send("GET", `${LIST}?pretty=true`, undefined, { uri: `/api/public/v1.0${LIST}` }) },
    { case: "a signed uri of another path", send: (c) => c.send("GET", LIST, undefined, { uri: `/api/public/v1.0/groups/${DEFAULT_GROUP_ID}` }) },
    { case: "a missing opaque", send: (c) => c.send("GET", LIST, undefined, { omitOpaque: true }) },
  ];
  for (const row of refused) {
    it(`refuses ${row.case} with 401, a fresh challenge (stale=false) and the real body`, async () => {
      const res = await row.send(owner());
      assert.equal(res.status, 401);
      assert.match(String(res.headers["www-authenticate"]), /stale=false/);
      assert.equal(res.text, JSON.stringify(UNAUTHORIZED));
    });
  }

  it("refuses a replayed nc but accepts an unused lower one (requests in flight in parallel arrive out of order)", async () => {
    await emu.control.settings({ ncOrder: "any" }); // the default, whatever OPSMANAGER_EMULATOR_NC_ORDER says
    const client = owner();
    assert.equal((await client.send("GET", LIST)).status, 200); // nc=1
    assert.equal((await client.send("GET", LIST, undefined, { nc: 5 })).status, 200);
    const challenge = client.challenge!;
    const replay = await client.raw("GET", `/api/public/v1.0${LIST}`, undefined, {
      authorization: signDigest({ method: "GET", uri: `/api/public/v1.0${LIST}`, username: OWNER_KEY.publicKey, password: OWNER_KEY.privateKey, challenge, nc: 5 }),
    });
    assert.equal(replay.status, 401);
    const lower = await client.raw("GET", `/api/public/v1.0${LIST}`, undefined, {
      authorization: signDigest({ method: "GET", uri: `/api/public/v1.0${LIST}`, username: OWNER_KEY.publicKey, password: OWNER_KEY.privateKey, challenge, nc: 3 }),
    });
    assert.equal(lower.status, 200);
    const lowerAgain = await client.raw("GET", `/api/public/v1.0${LIST}`, undefined, {
      authorization: signDigest({ method: "GET", uri: `/api/public/v1.0${LIST}`, username: OWNER_KEY.publicKey, password: OWNER_KEY.privateKey, challenge, nc: 3 }),
    });
    assert.equal(lowerAgain.status, 401);
    assert.match(String(lowerAgain.headers["www-authenticate"]), /stale=false/);
  });

  it("answers stale=true once a nonce outlives its lifetime; re-signing with the new nonce succeeds", async () => {
    await emu.control.settings({ nonceLifetimeMs: 50 });
    const client = owner();
    assert.equal((await client.send("GET", LIST)).status, 200);
    await delay(120);
    const stale = await client.send("GET", LIST, undefined, { retryStale: false });
    assert.equal(stale.status, 401);
    assert.match(String(stale.headers["www-authenticate"]), CHALLENGE);
    assert.match(String(stale.headers["www-authenticate"]), /stale=true/);
    assert.equal(stale.text, JSON.stringify(UNAUTHORIZED));
    assert.equal((await client.send("GET", LIST)).status, 200, "the adopted new nonce works");
  });

  it("answers stale=true for a nonce it never issued when the signature is otherwise right (e.g. after a restart)", async () => {
    const client = owner();
    client.challenge = { realm: "MMS Public API", nonce: "bm90LWlzc3VlZC1ieS11cw==", opaque: "00" };
    const res = await client.send("GET", LIST, undefined, { retryStale: false });
    assert.equal(res.status, 401);
    assert.match(String(res.headers["www-authenticate"]), /stale=true/);
  });

  it("does not say stale=true for an expired nonce when the password is wrong", async () => {
    await emu.control.settings({ nonceLifetimeMs: 20 });
    const client = owner();
    await client.send("GET", LIST);
    await delay(60);
    const res = await client.send("GET", LIST, undefined, { password: "wrong", retryStale: false });
    assert.match(String(res.headers["www-authenticate"]), /stale=false/);
  });

  const malformed = [
    { case: "Basic credentials", header: `Basic ${Buffer.from("EMULATOROWNER:emulator-owner-private-key").toString("base64")}` },
    { case: "digest without qop", header: `Digest username="EMULATOROWNER", realm="MMS Public API", nonce="x", uri="/", response="0"` },
    { case: "a garbled header", header: `Digest username="EMULATOROWNER, realm` },
  ];
  for (const row of malformed) {
    it(`challenges ${row.case}`, async () => {
      const res = await owner().raw("GET", `/api/public/v1.0${LIST}`, undefined, { authorization: row.header });
      assert.equal(res.status, 401);
      assert.match(String(res.headers["www-authenticate"]), CHALLENGE);
    });
  }

  it("refuses the wrong realm and the MD5-sess algorithm", async () => {
    const client = owner();
    await client.send("GET", LIST);
    const target = `/api/public/v1.0${LIST}`;
    const good = signDigest({ method: "GET", uri: target, username: OWNER_KEY.publicKey, password: OWNER_KEY.privateKey, challenge: client.challenge!, nc: 9 });
    for (const header of [good.replace('realm="MMS Public API"', 'realm="Other"'), good.replace("algorithm=MD5", "algorithm=MD5-sess")]) {
      assert.equal((await client.raw("GET", target, undefined, { authorization: header })).status, 401, header);
    }
  });

  it("parses challenges whose quoted values contain '=' and ','", () => {
    const c = parseChallenge('Digest realm="a,b", nonce="abc==", qop="auth", stale=false');
    assert.deepEqual(c, { realm: "a,b", nonce: "abc==", qop: "auth", stale: "false" });
  });
});
