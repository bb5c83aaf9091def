import { createHash, randomBytes } from "node:crypto";

/**
 * A digest client as most libraries write one (e.g. `@mhoc/axios-digest-auth`, the package the README names):
 * every call first goes out unsigned, takes the 401 challenge, then is resent signed with `nc=00000001`.
 * Two round trips per call, no nonce reuse. The benchmark's baseline for the provider's one-per-call client.
 */
export function naiveDigestClient(apiBase: string, key: { publicKey: string; privateKey: string }) {
  const md5 = (s: string) => createHash("md5").update(s).digest("hex");
  const param = (header: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(header)?.[1] ?? "";

  return async function request(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; text: string }> {
    const url = apiBase + path;
    const init = {
      method,
      headers: { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    };
    const first = await fetch(url, init);
    await first.arrayBuffer();
    const challenge = first.headers.get("www-authenticate");
    if (first.status !== 401 || !challenge) return { status: first.status, text: "" };
    const [realm, nonce, opaque] = ["realm", "nonce", "opaque"].map((n) => param(challenge, n));
    const uri = new URL(url).pathname + new URL(url).search;
    const cnonce = randomBytes(8).toString("hex");
    const ha1 = md5(`${key.publicKey}:${realm}:${key.privateKey}`);
    const response = md5(`${ha1}:${nonce}:00000001:${cnonce}:auth:${md5(`${method}:${uri}`)}`);
    const authorization =
      `Digest username="${key.publicKey}", realm="${realm}", nonce="${nonce}", uri="${uri}", algorithm=MD5, ` +
      `response="${response}", qop=auth, nc=00000001, cnonce="${cnonce}", opaque="${opaque}"`;
    const second = await fetch(url, { ...init, headers: { ...init.headers, Authorization: authorization } });
    return { status: second.status, text: await second.text() };
  };
}
