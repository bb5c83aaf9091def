import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";

/**
 * Server-side digest verification for tests, written independently of the client's code (its own parser and
 * hashing): RFC 7616 MD5 (or SHA-256) with qop=auth, or RFC 2069 without qop when asked, checking the uri (path + query) against the request line, nc replay,
 * cnonce reuse and opaque echo. Any protocol slip is recorded in `violations`.
 */
export interface DigestGuardOptions {
  readonly username: string;
  readonly password: string;
  readonly realm?: string;
  readonly opaque?: string;
  /** One challenge per algorithm, in this order (RFC 7616 §3.7 lets a server offer several). Default MD5 only. */
  readonly algorithms?: readonly ("MD5" | "SHA-256")[];
  /** false: challenges carry no qop, answers are RFC 2069's H(HA1:nonce:HA2). Default true. */
  readonly qop?: boolean;
}

export type GuardResult = { ok: true; nonce: string; nc: number } | { ok: false; status: 401; headers: Record<string, string> };

function params(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of header.slice("Digest ".length).matchAll(/([a-zA-Z]+)=(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
    out[(m[1] ?? "").toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : (m[3] ?? "");
  }
  return out;
}

const hash = (algorithm: string) => (s: string) => createHash(algorithm === "SHA-256" ? "sha256" : "md5").update(s).digest("hex");

export function createDigestGuard(o: DigestGuardOptions) {
  const realm = o.realm ?? "MMS Public API";
  const nonces = new Map<string, { expired: boolean; ncs: number[] }>();
  const cnonces = new Set<string>();
  const violations: string[] = [];
  let expireNext = false;
  const algorithms = o.algorithms ?? ["MD5"];
  const withQop = o.qop ?? true;
  /** The algorithm of every accepted answer. */
  const used: string[] = [];

  const challenge = (stale: boolean): GuardResult => {
    const nonce = randomBytes(16).toString("base64"); // 24 chars ending in "=="
    nonces.set(nonce, { expired: expireNext, ncs: [] });
    expireNext = false;
    const q = (s: string) => `"${s.replace(/[\\"]/g, "\\$&")}"`;
    const one = (algorithm: string) => {
      const parts = [`realm=${q(realm)}`, `domain=""`, `nonce=${q(nonce)}`, `algorithm=${algorithm}`, ...(withQop ? [`qop="auth"`] : []), `stale=${stale}`];
      if (o.opaque !== undefined) parts.push(`opaque=${q(o.opaque)}`);
      return `Digest ${parts.join(", ")}`;
    };
    return { ok: false, status: 401, headers: { "WWW-Authenticate": algorithms.map(one).join(", ") } };
  };

  function check(req: IncomingMessage): GuardResult {
    const header = req.headers.authorization;
    if (!header?.startsWith("Digest ")) return challenge(false);
    const p = params(header);
    const state = p.nonce === undefined ? undefined : nonces.get(p.nonce);
    if (!state) return challenge(false);
    if (state.expired) return challenge(true);
    const slip = (what: string) => (violations.push(what), challenge(false));
    if (p.uri !== req.url) return slip(`uri ${p.uri} is not the request target ${req.url}`);
    if (p.realm !== realm) return slip(`realm ${p.realm}`);
    const algorithm = p.algorithm ?? "MD5";
    if (!algorithms.includes(algorithm as "MD5")) return slip(`algorithm ${algorithm} was not offered`);
    const H = hash(algorithm);
    if (o.opaque !== undefined && p.opaque !== o.opaque) return slip("opaque not echoed");
    const ha1 = H(`${o.username}:${realm}:${o.password}`);
    const ha2 = H(`${req.method}:${p.uri}`);
    if (!withQop) {
      if (p.qop !== undefined) return slip(`qop ${p.qop} answered to a challenge without qop`);
      if (p.username !== o.username || p.response !== H(`${ha1}:${p.nonce}:${ha2}`)) return challenge(false);
      used.push(algorithm);
      return { ok: true, nonce: p.nonce ?? "", nc: 0 };
    }
    if (p.qop !== "auth") return slip(`qop ${p.qop}`);
    if (!/^[0-9a-f]{8}$/.test(p.nc ?? "")) return slip(`nc ${p.nc} is not 8 hex digits`);
    if (!p.cnonce || cnonces.has(p.cnonce)) return slip(`cnonce ${p.cnonce} missing or reused`);
    const nc = parseInt(p.nc ?? "", 16);
    if (state.ncs.includes(nc)) return slip(`nc ${nc} replayed`);
    const expected = H(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:auth:${ha2}`);
    if (p.username !== o.username || p.response !== expected) return challenge(false); // wrong keys: not a slip
    cnonces.add(p.cnonce);
    state.ncs.push(nc);
    used.push(algorithm);
    return { ok: true, nonce: p.nonce ?? "", nc };
  }

  return {
    check,
    violations,
    /** The algorithm of every accepted answer, in order. */
    used,
    /** nc values accepted per nonce, in arrival order. */
    ncsByNonce: () => [...nonces.values()].map((s) => s.ncs).filter((l) => l.length > 0),
    /** Marks every nonce expired: the next signed request gets `stale=true`. */
    expireNonces: () => nonces.forEach((s) => (s.expired = true)),
    /** The next nonce handed out is already expired: its first use gets `stale=true`. */
    expireNextNonce: () => (expireNext = true),
  };
}

export type DigestGuard = ReturnType<typeof createDigestGuard>;
