import { createHash, randomBytes } from "node:crypto";

/**
 * A test-only HTTP digest signer (RFC 2617/7616, MD5, qop=auth). It exists so the emulator's digest edge cases can
 * be provoked on purpose (replayed nc, wrong uri, wrong password, stale nonce); the provider's real client lives in
 * provider/client and is written separately. Do not import this outside tests.
 */

/** The parameters of a `WWW-Authenticate: Digest ...` challenge (names lower-cased). */
export type Challenge = Record<string, string>;

/** Parses a digest challenge; quoted values may contain `,` and `=` (padded base64 nonces do). */
export function parseChallenge(header: string): Challenge {
  const match = /^\s*Digest\s+(.*)$/is.exec(header);
  if (!match) throw new Error(`not a digest challenge: ${header}`);
  const params: Challenge = {};
  const re = /([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*(?:,|$)/g;
  for (let m = re.exec(match[1]!); m; m = re.exec(match[1]!)) {
    params[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : m[3]!;
  }
  return params;
}

const md5 = (s: string) => createHash("md5").update(s).digest("hex");

/** What one signature is made of; every part can be set wrong on purpose. */
export interface SignInput {
  readonly method: string;
  /** The uri to sign (normally the request target, path and query). */
  readonly uri: string;
  readonly username: string;
  readonly password: string;
  readonly challenge: Challenge;
  /** Request counter for this nonce (1, 2, ...). */
  readonly nc: number;
  readonly cnonce?: string;
  /** Leave `opaque` out even if the challenge had one. */
  readonly omitOpaque?: boolean;
}

/** The expected `response` value. */
export function digestResponse(i: SignInput & { readonly cnonce: string }): string {
  const realm = i.challenge.realm ?? "";
  const ha1 = md5(`${i.username}:${realm}:${i.password}`);
  const ha2 = md5(`${i.method}:${i.uri}`);
  return md5(`${ha1}:${i.challenge.nonce}:${ncHex(i.nc)}:${i.cnonce}:auth:${ha2}`);
}

/** `nc` as the 8 hex digits the header carries. */
export function ncHex(nc: number): string {
  return nc.toString(16).padStart(8, "0");
}

/** A complete `Authorization` header value. */
export function signDigest(i: SignInput): string {
  const cnonce = i.cnonce ?? randomBytes(8).toString("hex");
  const parts = [
    `username="${i.username}"`,
    `realm="${i.challenge.realm}"`,
    `nonce="${i.challenge.nonce}"`,
    `uri="${i.uri}"`,
    `algorithm=MD5`,
    `qop=auth`,
    `nc=${ncHex(i.nc)}`,
    `cnonce="${cnonce}"`,
    `response="${digestResponse({ ...i, cnonce })}"`,
  ];
  if (i.challenge.opaque !== undefined && !i.omitOpaque) parts.push(`opaque="${i.challenge.opaque}"`);
  return `Digest ${parts.join(", ")}`;
}
