import assert from "node:assert/strict";
import { TokenCache, type GrantedToken } from "../../../provider/client/token-cache";

/** A token source that counts its calls and answers with tok-1, tok-2, … after `delayMs`. */
function source(expiresInSeconds = 3600, delayMs = 0) {
  const calls = { n: 0 };
  const fetch = async (): Promise<GrantedToken> => {
    calls.n += 1;
    const value = `tok-${calls.n}`;
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    return { value, expiresInSeconds };
  };
  return { calls, fetch };
}

describe("TokenCache", () => {
  it("fetches on first use and reuses the token while it is fresh", async () => {
    const s = source();
    const cache = new TokenCache(s.fetch);
    assert.equal(s.calls.n, 0, "nothing is fetched before the first use");
    assert.equal((await cache.get()).value, "tok-1");
    assert.equal((await cache.get()).value, "tok-1");
    assert.equal(s.calls.n, 1);
  });

  it("fetches a new token once the old one is within a minute of expires_in", async () => {
    let now = 1_000_000;
    const s = source(3600);
    const cache = new TokenCache(s.fetch, () => now);
    await cache.get();
    now += 3539_000; // 61 s before expiry: still used
    assert.equal((await cache.get()).value, "tok-1");
    now += 2_000; // 59 s before expiry: replaced
    assert.equal((await cache.get()).value, "tok-2");
    assert.equal((await cache.get()).value, "tok-2");
    assert.equal(s.calls.n, 2);
  });

  it("refreshes a short-lived token at half its life instead of on every use", async () => {
    let now = 0;
    const s = source(30);
    const cache = new TokenCache(s.fetch, () => now);
    await cache.get();
    now = 14_000;
    assert.equal((await cache.get()).value, "tok-1");
    now = 15_000;
    assert.equal((await cache.get()).value, "tok-2");
  });

  it("concurrent first requests share one token request", async () => {
    const s = source(3600, 30);
    const cache = new TokenCache(s.fetch);
    const got = await Promise.all(Array.from({ length: 8 }, () => cache.get()));
    assert.equal(s.calls.n, 1);
    assert.deepEqual(new Set(got.map((t) => t.value)), new Set(["tok-1"]));
  });

  it("a refused token is replaced once, however many requests were refused with it", async () => {
    const s = source(3600, 20);
    const cache = new TokenCache(s.fetch);
    const first = await cache.get();
    cache.refused(first);
    cache.refused(first);
    const again = await Promise.all([cache.get(), cache.get()]);
    cache.refused(first); // a late 401 for the old token must not drop the new one
    assert.equal((await cache.get()).value, "tok-2");
    assert.deepEqual(again.map((t) => t.value), ["tok-2", "tok-2"]);
    assert.equal(s.calls.n, 2);
  });

  it("a failed token request is not cached: the next use asks again", async () => {
    let fail = true;
    const cache = new TokenCache(async () => {
      if (fail) throw new Error("token endpoint down");
      return { value: "tok-ok", expiresInSeconds: 3600 };
    });
    await assert.rejects(cache.get(), /token endpoint down/);
    fail = false;
    assert.equal((await cache.get()).value, "tok-ok");
  });

  it("lists every token it was given, for redaction", async () => {
    const s = source();
    const cache = new TokenCache(s.fetch);
    cache.refused(await cache.get());
    await cache.get();
    assert.deepEqual(cache.secrets(), ["tok-1", "tok-2"]);
  });
});
