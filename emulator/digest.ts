import { createHash, timingSafeEqual } from "node:crypto";
import { DIGEST_REALM } from "./defaults";
import { parseDigestAuthorization } from "./digest-header";
import type { NonceRegistry } from "./nonces";
import type { ApiKey } from "./options";

/** What the server checks a request against. */
export interface DigestRequest {
  readonly method: string;
  /** The request target exactly as sent: path and query, undecoded. */
  readonly rawUrl: string;
  readonly authorization: string | undefined;
}

/**
 * The verdict. A failure says whether the nonce was merely stale (the response was right for an expired or unknown
 * nonce: the client should re-sign with the new nonce, no new credentials) and why, for the request log.
 */
export type DigestOutcome =
  | { readonly ok: true; readonly key: ApiKey }
  | { readonly ok: false; readonly stale: boolean; readonly reason: string };

const md5 = (s: string) => createHash("md5").update(s, "utf8").digest("hex");
const fail = (reason: string, stale = false): DigestOutcome => ({ ok: false, stale, reason });
const REQUIRED = ["username", "realm", "nonce", "uri", "response", "qop", "nc", "cnonce", "opaque"] as const;

/**
 * RFC 7616 (and 2617) digest verification with qop=auth and MD5, as strict as Ops Manager: the signed `uri` must be
 * the request target byte for byte (query included), `opaque` must be echoed, each `nc` is accepted once per nonce
 * in any order (Jetty's DigestAuthenticator; `ncOrder: strict` demands it strictly increasing), and a nonce expires. Checks run in an order that never reveals whether a key exists before the password is proven.
 */
export function verifyDigest(
  request: DigestRequest,
  findKey: (publicKey: string) => ApiKey | undefined,
  nonces: NonceRegistry,
  ncOrder: "any" | "strict" = "any",
): DigestOutcome {
  const p = parseDigestAuthorization(request.authorization);
  if (!p) return fail(request.authorization ? "not a well-formed Digest authorization" : "no credentials");
  const missing = REQUIRED.filter((name) => p[name] === undefined);
  if (missing.length > 0) return fail(`missing digest parameter(s) ${missing.join(", ")}`);
  if (p.realm !== DIGEST_REALM) return fail(`wrong realm ${p.realm}`);
  if (p.algorithm !== undefined && p.algorithm.toUpperCase() !== "MD5") return fail(`unsupported algorithm ${p.algorithm}`);
  if (p.qop !== "auth") return fail(`unsupported qop ${p.qop}`);
  if (!/^[0-9a-f]{8}$/i.test(p.nc!)) return fail(`malformed nc ${p.nc}`);
  if (p.uri !== request.rawUrl) return fail(`signed uri ${p.uri} is not the request target ${request.rawUrl}`);

  const key = findKey(p.username!);
  const ha1 = md5(`${p.username}:${DIGEST_REALM}:${key?.privateKey ?? ""}`);
  const ha2 = md5(`${request.method}:${p.uri}`);
  const expected = md5(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:auth:${ha2}`);
  const given = Buffer.from(p.response!.toLowerCase().padEnd(32).slice(0, 32));
  if (!key || !timingSafeEqual(given, Buffer.from(expected)) || p.response!.length !== 32) {
    return fail("wrong username or password");
  }

  const record = nonces.live(p.nonce!);
  if (!record) return fail("unknown or expired nonce", true);
  if (p.opaque !== record.opaque) return fail("opaque not echoed");
  const nc = parseInt(p.nc!, 16);
  if (record.usedNc.has(nc)) return fail(`nc ${p.nc} was already used with this nonce (replay)`);
  // Strict servers and proxies refuse an nc lower than one already seen, with a plain (not stale) 401.
  if (ncOrder === "strict" && nc <= record.highestNc) return fail(`nc ${p.nc} is not above ${record.highestNc} (strict order)`);
  record.usedNc.add(nc);
  record.highestNc = Math.max(record.highestNc, nc);
  return { ok: true, key };
}
