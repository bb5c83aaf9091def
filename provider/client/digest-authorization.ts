import { createHash } from "node:crypto";
import type { DigestChallenge } from "./parse-challenge";

/** The API key as digest credentials: public key = user name, private key = password. */
export interface DigestCredentials {
  readonly username: string;
  readonly password: string;
}

/** What the signature covers: the method and the request-target exactly as sent (path plus query string). */
export interface DigestTarget {
  readonly method: string;
  readonly uri: string;
}

const quote = (s: string) => `"${s.replace(/[\\"]/g, "\\$&")}"`;

/**
 * The `Authorization` value answering `challenge` (RFC 7616; RFC 2617's MD5 and RFC 2069 when no qop).
 * `nc` is this nonce's request counter, sent as 8 hex digits; `cnonce` must be fresh for every request.
 */
export function digestAuthorization(
  challenge: DigestChallenge,
  credentials: DigestCredentials,
  target: DigestTarget,
  nc: number,
  cnonce: string,
): { header: string; response: string } {
  const algo = challenge.algorithm.startsWith("SHA-256") ? "sha256" : "md5";
  const H = (s: string) => createHash(algo).update(s, "utf8").digest("hex");
  const method = target.method.toUpperCase();
  let ha1 = H(`${credentials.username}:${challenge.realm}:${credentials.password}`);
  if (challenge.algorithm.endsWith("-sess")) ha1 = H(`${ha1}:${challenge.nonce}:${cnonce}`);
  const ha2 = H(`${method}:${target.uri}`);
  const ncHex = nc.toString(16).padStart(8, "0");
  const response = challenge.qop
    ? H(`${ha1}:${challenge.nonce}:${ncHex}:${cnonce}:${challenge.qop}:${ha2}`)
    : H(`${ha1}:${challenge.nonce}:${ha2}`);
  const parts = [
    `username=${quote(credentials.username)}`,
    `realm=${quote(challenge.realm)}`,
    `nonce=${quote(challenge.nonce)}`,
    `uri=${quote(target.uri)}`,
    `algorithm=${challenge.algorithm}`,
    `response=${quote(response)}`,
  ];
  if (challenge.qop) parts.push(`qop=${challenge.qop}`, `nc=${ncHex}`, `cnonce=${quote(cnonce)}`);
  if (challenge.opaque !== undefined) parts.push(`opaque=${quote(challenge.opaque)}`);
  return { header: `Digest ${parts.join(", ")}`, response };
}
