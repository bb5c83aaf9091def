/** A Digest challenge the client can answer (RFC 7616), as parsed from `WWW-Authenticate`. */
export interface DigestChallenge {
  readonly realm: string;
  readonly nonce: string;
  /** Echoed back unchanged when present. */
  readonly opaque?: string;
  readonly algorithm: DigestAlgorithm;
  /** `auth` when the server offers it; undefined for an RFC 2069 server that offers no qop. */
  readonly qop?: "auth";
  /** true: our nonce expired; answer the new one with the same credentials. */
  readonly stale: boolean;
}

export type DigestAlgorithm = "MD5" | "MD5-sess" | "SHA-256" | "SHA-256-sess";

const ALGORITHMS: readonly DigestAlgorithm[] = ["MD5", "MD5-sess", "SHA-256", "SHA-256-sess"];
const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;

type Challenge = { scheme: string; params: Map<string, string> };

/**
 * Splits a header into challenges. A tokenizer, not `split(",")`/`split("=")`: quoted values may contain commas,
 * `=` and escaped quotes, and base64 nonces end in `=` even unquoted.
 */
function tokenize(header: string): Challenge[] {
  const out: Challenge[] = [];
  let i = 0;
  const skip = (re: RegExp) => {
    while (i < header.length && re.test(header.charAt(i))) i++;
  };
  const token = () => {
    const start = i;
    skip(TCHAR);
    return header.slice(start, i);
  };
  while (i < header.length) {
    skip(/[\s,]/);
    const name = token();
    if (!name) {
      i++;
      continue;
    }
    skip(/[ \t]/);
    if (header.charAt(i) !== "=") {
      out.push({ scheme: name.toLowerCase(), params: new Map() });
      continue;
    }
    i++;
    skip(/[ \t]/);
    let value = "";
    if (header.charAt(i) === '"') {
      for (i++; i < header.length && header.charAt(i) !== '"'; i++) {
        if (header.charAt(i) === "\\") i++;
        value += header.charAt(i);
      }
      i++;
    } else {
      const start = i;
      skip(/[^\s,]/);
      value = header.slice(start, i);
    }
    out.at(-1)?.params.set(name.toLowerCase(), value);
  }
  return out;
}

/** Strongest first: SHA-256 is preferred whenever the server also offers MD5 (RFC 7616 §3.7). */
const RANK: Record<DigestAlgorithm, number> = { "SHA-256": 0, "SHA-256-sess": 1, MD5: 2, "MD5-sess": 3 };

/** What the client accepts in a challenge. */
export interface ChallengeOptions {
  /**
   * Accept a challenge without `qop` (RFC 2069). Its answer has no cnonce or nonce count, so a captured header can
   * be replayed for as long as the nonce lives; Ops Manager always sends `qop="auth"`. Off unless opted in.
   */
  readonly allowNoQop?: boolean;
}

/**
 * The strongest Digest challenge in `WWW-Authenticate` (one header or several) that this client can answer: a
 * supported algorithm (SHA-256 before MD5) and qop `auth` (or no qop, when `allowNoQop`). Undefined when there is
 * none.
 */
export function parseChallenge(
  header: string | readonly string[] | undefined | null,
  options: ChallengeOptions = {},
): DigestChallenge | undefined {
  if (header === undefined || header === null) return undefined;
  const text = typeof header === "string" ? header : header.join(", ");
  let best: DigestChallenge | undefined;
  for (const { scheme, params } of tokenize(text)) {
    if (scheme !== "digest") continue;
    const realm = params.get("realm");
    const nonce = params.get("nonce");
    const algorithm = ALGORITHMS.find((a) => a.toLowerCase() === (params.get("algorithm") ?? "MD5").toLowerCase());
    const qops = params.get("qop")?.split(",").map((q) => q.trim().toLowerCase());
    if (realm === undefined || !nonce || !algorithm || (qops ? !qops.includes("auth") : !options.allowNoQop)) continue;
    if (best && RANK[best.algorithm] <= RANK[algorithm]) continue;
    const opaque = params.get("opaque");
    best = {
      realm,
      nonce,
      algorithm,
      stale: params.get("stale")?.toLowerCase() === "true",
      ...(opaque === undefined ? {} : { opaque }),
      ...(qops ? { qop: "auth" as const } : {}),
    };
  }
  return best;
}
