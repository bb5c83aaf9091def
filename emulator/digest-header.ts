import { DIGEST_REALM } from "./defaults";

/**
 * Parses `Authorization: Digest k=v, k="v", ...` into its parameters (names lower-cased). Quoted values may hold
 * commas, `=` and backslash escapes. Returns undefined for another scheme or anything malformed, including a
 * repeated parameter, so a sloppy client is refused rather than guessed at.
 */
export function parseDigestAuthorization(header: string | undefined): Record<string, string> | undefined {
  const scheme = /^\s*Digest\s+/i.exec(header ?? "");
  if (!header || !scheme) return undefined;
  const params: Record<string, string> = {};
  let i = scheme[0].length;
  while (i < header.length) {
    while (i < header.length && /[\s,]/.test(header.charAt(i))) i++;
    if (i >= header.length) break;
    const name = /^[A-Za-z0-9_-]+/.exec(header.slice(i))?.[0];
    if (!name) return undefined;
    i += name.length;
    while (header.charAt(i) === " ") i++;
    if (header.charAt(i) !== "=") return undefined;
    i++;
    while (header.charAt(i) === " ") i++;
    let value = "";
    if (header.charAt(i) === '"') {
      for (i++; i < header.length && header.charAt(i) !== '"'; i++) {
        if (header.charAt(i) === "\\") i++;
        value += header.charAt(i);
      }
      if (header.charAt(i) !== '"') return undefined;
      i++;
    } else {
      value = /^[^\s,]*/.exec(header.slice(i))?.[0] ?? "";
      i += value.length;
    }
    const key = name.toLowerCase();
    if (key in params) return undefined;
    params[key] = value;
  }
  return params;
}

/**
 * The challenge exactly as Ops Manager words it (parameter order, `domain=""`, unquoted `algorithm` and `stale`),
 * plus the `opaque` a client must echo.
 */
export function formatDigestChallenge(c: { nonce: string; opaque: string; stale: boolean }): string {
  return (
    `Digest realm="${DIGEST_REALM}", domain="", nonce="${c.nonce}", algorithm=MD5, qop="auth", ` +
    `stale=${c.stale}, opaque="${c.opaque}"`
  );
}
