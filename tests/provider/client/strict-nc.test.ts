import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { DEFAULT_GROUP_ID, OWNER_KEY } from "../../../emulator/defaults";
import { digestAuthorization, parseChallenge } from "../../../provider/client";
import { ApiError } from "../../../provider/errors";
import { useEmulator } from "../../helpers/emulator";
import { sessionWith } from "../../helpers/session";

/** A reverse proxy that holds each request a random 0–40 ms, so parallel requests reach the server out of order. */
async function jitterProxy(target: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    setTimeout(() => {
      const up = http.request(new URL(req.url ?? "/", target), { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      up.on("error", () => res.destroy());
      req.pipe(up);
    }, Math.random() * 40);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A server or proxy that wants digest `nc` strictly increasing per nonce answers parallel
 * requests that overtook each other with a plain 401 (no stale). A client that has already been accepted with its
 * key re-challenges once instead of calling the key wrong; a key that really is wrong still fails.
 */
describe("digest against a server that demands strictly increasing nc (ncOrder: strict)", () => {
  const emu = useEmulator({ ncOrder: "strict" });
  const path = `/api/public/v1.0/groups/${DEFAULT_GROUP_ID}/integrations`;

  it("the emulator answers an nc below one already seen with a plain 401, and accepts it in default order", async () => {
    const first = await fetch(`${emu.url}${path}`);
    const challenge = parseChallenge(first.headers.get("www-authenticate") ?? undefined);
    assert.ok(challenge);
    const creds = { username: OWNER_KEY.publicKey, password: OWNER_KEY.privateKey };
    const signed = (nc: number) => ({ authorization: digestAuthorization(challenge, creds, { method: "GET", uri: path }, nc, `c${nc}`).header });
    assert.equal((await fetch(`${emu.url}${path}`, { headers: signed(2) })).status, 200);
    const late = await fetch(`${emu.url}${path}`, { headers: signed(1) });
    assert.equal(late.status, 401);
    assert.match(late.headers.get("www-authenticate") ?? "", /stale=false/);
    await emu.control.settings({ ncOrder: "any" });
    assert.equal((await fetch(`${emu.url}${path}`, { headers: signed(3) })).status, 200);
    assert.equal((await fetch(`${emu.url}${path}`, { headers: signed(1) })).status, 200, "any order, once each (Jetty)");
  });

  it("every parallel request of an authenticated client succeeds when they arrive out of order", async () => {
    const proxy = await jitterProxy(emu.url);
    try {
      const session = sessionWith(`${proxy.url}/api/public/v1.0`);
      await session.client.listIntegrations(DEFAULT_GROUP_ID);
      const results = await Promise.allSettled(Array.from({ length: 40 }, () => session.client.fetchIntegration(DEFAULT_GROUP_ID, "WEBHOOK")));
      assert.deepEqual(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason)), []);
      const refused = (await emu.control.requests()).filter((r) => /strict order/.test(String(r.authError ?? "")));
      assert.ok(refused.length > 0, "no request overtook another: the scenario proves nothing");
    } finally {
      await proxy.close();
    }
  });

  it("a wrong key is still reported as wrong (401)", async () => {
    const session = sessionWith(emu.apiBase, {}, { publicKey: OWNER_KEY.publicKey, privateKey: "not-the-private-key" });
    const err = await session.client.fetchIntegration(DEFAULT_GROUP_ID, "WEBHOOK").catch((e: unknown) => e);
    assert.ok(err instanceof ApiError && err.status === 401, String(err));
  });
});
