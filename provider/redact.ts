/**
 * Scrubbing helpers used wherever text that came from a request, a response or a lower library is about to be
 * shown to a user. Errors call them once, at construction, so a thrown object never holds a secret in any form
 * (message, stack, `cause`, own properties).
 */

/** What a removed secret is replaced with. */
export const REDACTED = "[REDACTED]";

/** Secrets shorter than this are not searched for: replacing every "ab" in a message would make it unreadable. */
const MIN_SECRET_LENGTH = 3;

/** Bytes of a body looked at before excerpting: a huge body is never fully scanned or kept. */
const SCAN_LIMIT = 64 * 1024;

/**
 * Credential-shaped text we remove even when we do not know the secret: a header value after `Authorization`, a
 * digest parameter list, and Basic/Bearer tokens. Servers and proxies sometimes echo request headers in errors.
 */
const CREDENTIAL_PATTERNS: readonly [RegExp, string][] = [
  [/["']?authorization["']?\s*[:=]\s*("(?:[^"\\]|\\.)*"|'[^'\r\n]*'|[^\r\n]*)/gi, REDACTED],
  [/\bDigest\s+[A-Za-z-]+\s*=[^\r\n]*/gi, `Digest ${REDACTED}`],
  [/\b(Basic|Bearer)\s+[A-Za-z0-9+/._~-]{6,}=*/g, `$1 ${REDACTED}`],
];

/**
 * The forms a secret takes when echoed back: raw, URL-encoded, and JSON-escaped up to three times (a server that
 * puts our JSON body into a JSON string inside its JSON error escapes it twice).
 */
function variants(secret: string): string[] {
  const out = [secret, encodeURIComponent(secret)];
  for (let v = secret, i = 0; i < 3; i++) out.push((v = JSON.stringify(v).slice(1, -1)));
  return [...new Set(out)].sort((a, b) => b.length - a.length);
}

/**
 * Removes every known secret (in raw, JSON-escaped and URL-encoded form) and anything credential-shaped.
 * `secrets` are values the caller knows were sent: the private key and the secret fields of a request body.
 */
export function redactText(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (typeof secret !== "string" || secret.length < MIN_SECRET_LENGTH) continue;
    for (const v of variants(secret)) {
      out = out.split(v).join(REDACTED);
      // The marker plus its neighbours can spell the secret again (a secret like "D]x"): delete until gone.
      while (out.includes(v)) out = out.split(v).join("");
    }
  }
  for (const [pattern, replacement] of CREDENTIAL_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** A URL without user-info and without values of credential-looking query parameters. */
export function redactUrl(url: string, secrets: readonly (string | undefined)[] = []): string {
  let out = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, "$1"); // greedy: a password may hold "@"
  out = out.replace(/([?&][^=&#]*(?:key|token|secret|password|signature)[^=&#]*=)[^&#]*/gi, `$1${REDACTED}`);
  return redactText(out, secrets);
}

/**
 * Server text made safe to print on one line: secrets redacted, control and format characters removed,
 * whitespace collapsed, at most `max` characters (redaction happens before the cut, so no half secret remains).
 */
export function printable(text: string, secrets: readonly (string | undefined)[] = [], max = 500): string {
  const clean = redactText(text.slice(0, SCAN_LIMIT), secrets)
    .replace(/[\p{Cc}\p{Cf}]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  // Removing control characters can join the pieces of a secret: scrub once more after cleaning.
  return redactText(clean.length > max ? `${clean.slice(0, max - 1)}…` : clean, secrets);
}

/**
 * A short excerpt of a body that is not the JSON we expected (an HTML page from a proxy, an empty answer, a
 * huge blob): markup removed, then {@link printable}. At most `max` characters; "(empty body)" when nothing is left.
 */
export function excerpt(body: string, secrets: readonly (string | undefined)[] = [], max = 200): string {
  let text = redactText(body.slice(0, SCAN_LIMIT), secrets);
  if (/<\/?[a-z!][^>]*>/i.test(text)) {
    text = text.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, " ").replace(/<[^>]*>/g, " ");
  }
  const out = printable(text, secrets, max);
  return out.length === 0 ? "(empty body)" : out;
}
