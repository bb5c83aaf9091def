import { randomBytes } from "node:crypto";

/** What the server remembers about a nonce it issued. */
export interface NonceRecord {
  readonly issuedAt: number;
  /** The opaque value sent with this nonce; the client must echo it. */
  readonly opaque: string;
  /**
   * Every `nc` accepted so far: each may be used once. Arrival order is not enforced: a client with several
   * requests in flight on one nonce (keep-alive sockets in parallel) cannot control which arrives first, and
   * RFC 7616 asks the server to detect replays, not to serialise the client.
   */
  readonly usedNc: Set<number>;
  /** The highest `nc` accepted so far (for the `ncOrder: strict` setting). */
  highestNc: number;
}

/** Nonces kept at most; beyond it the oldest are forgotten (their clients get `stale=true` and re-sign). */
const MAX_NONCES = 10_000;

/**
 * The digest nonces the emulator has issued. A nonce can be reused for many requests (that is how clients save the
 * 401 round trip) with a new `nc` each time, until it is older than the lifetime.
 */
export class NonceRegistry {
  private readonly records = new Map<string, NonceRecord>();

  constructor(private readonly lifetimeMs: () => number, private readonly now: () => number = Date.now) {}

  /**
   * A new nonce: base64 of 16 random bytes, so it always ends in `==` and may contain `+` and `/`, the characters
   * naive challenge parsers break on.
   */
  issue(): { nonce: string; opaque: string } {
    this.prune();
    const nonce = randomBytes(16).toString("base64");
    const opaque = randomBytes(16).toString("hex");
    this.records.set(nonce, { issuedAt: this.now(), opaque, usedNc: new Set(), highestNc: 0 });
    return { nonce, opaque };
  }

  /** The record of a live nonce; undefined when it was never issued, was forgotten, or has expired. */
  live(nonce: string): NonceRecord | undefined {
    const record = this.records.get(nonce);
    if (!record) return undefined;
    if (this.now() - record.issuedAt > this.lifetimeMs()) {
      this.records.delete(nonce);
      return undefined;
    }
    return record;
  }

  /** Forgets every nonce (reset): clients holding one get `stale=true` on their next request. */
  clear(): void {
    this.records.clear();
  }

  private prune(): void {
    const now = this.now();
    for (const [nonce, record] of this.records) {
      if (now - record.issuedAt > this.lifetimeMs() || this.records.size >= MAX_NONCES) this.records.delete(nonce);
    }
  }
}
