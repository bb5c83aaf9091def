import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";

/**
 * Server-side digest verification for tests, written independently of the client's code (its own parser and
 * hashing): RFC 7616 MD5 with qop=auth, checking the uri (path + query) against the request line, nc replay,
 * cnonce reuse and opaque echo. Any protocol slip is recorded in `violations`.
 */
export interface DigestGuardOptions {
  readonly username: string;
  readonly password: string;
  readonly realm?: string;
  readonly opaque?: string;
}

export type GuardResult = { ok: true; nonce: string; nc: number } | { ok: false; status: 401; headers: Record<string, string> };

function params(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of header.slice("Digest ".length).matchAll(/([a-zA-Z]+)=(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
    out[(m[1] ?? "").toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : (m[3] ?? "");
  }
  return out;
}

const md5 = (s: string) => createHash("md5").update(s).digest("hex");

export function createDigestGuard(o: DigestGuardOptions) {
  const realm = o.realm ?? "MMS Public API";
  const nonces = new Map<string, { expired: boolean; ncs: number[] }>();
  const cnonces = new Set<string>();
  const violations: string[] = [];
  let expireNext = false;

  const challenge = (stale: boolean): GuardResult => {
    const nonce = randomBytes(16).toString("base64"); // 24 chars ending in "=="
    nonces.set(nonce, { expired: expireNext, ncs: [] });
    expireNext = false;
    const q = (s: string) => `"${s.replace(/[\\"]/g, "\\$&")}"`;
    const parts = [`realm=${q(realm)}`, `domain=""`, `nonce=${q(nonce)}`, `algorithm=MD5`, `qop="auth"`, `stale=${stale}`];
    if (o.opaque !== undefined) parts.push(`opaque=${q(o.opaque)}`);
    return { ok: false, status: 401, headers: { "WWW-Authenticate": `Digest ${parts.join(", ")}` } };
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
    if (p.qop !== "auth") return slip(`qop ${p.qop}`);
    if (!/^[0-9a-f]{8}$/.test(p.nc ?? "")) return slip(`nc ${p.nc} is not 8 hex digits`);
    if (o.opaque !== undefined && p.opaque !== o.opaque) return slip("opaque not echoed");
    if (!p.cnonce || cnonces.has(p.cnonce)) return slip(`cnonce ${p.cnonce} missing or reused`);
    const nc = parseInt(p.nc ?? "", 16);
    if (state.ncs.includes(nc)) return slip(`nc ${nc} replayed`);
    const ha1 = md5(`${o.username}:${realm}:${o.password}`);
    const ha2 = md5(`${req.method}:${p.uri}`);
    const expected = md5(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:auth:${ha2}`);
    if (p.username !== o.username || p.response !== expected) return challenge(false); // wrong keys: not a slip
    cnonces.add(p.cnonce);
    state.ncs.push(nc);
    return { ok: true, nonce: p.nonce ?? "", nc };
  }

  return {
    check,
    violations,
    /** nc values accepted per nonce, in arrival order. */
    ncsByNonce: () => [...nonces.values()].map((s) => s.ncs).filter((l) => l.length > 0),
    /** Marks every nonce expired: the next signed request gets `stale=true`. */
    expireNonces: () => nonces.forEach((s) => (s.expired = true)),
    /** The next nonce handed out is already expired: its first use gets `stale=true`. */
    expireNextNonce: () => (expireNext = true),
  };
}

export type DigestGuard = ReturnType<typeof createDigestGuard>;
