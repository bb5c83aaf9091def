/**
 * A sliding one-second window per API key. Only admitted requests count, so after `Retry-After` seconds a client
 * that backed off is served again; that is the behaviour a retry policy is tested against.
 */
export class RateLimiter {
  private readonly windows = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Admits the request (undefined) or says how many whole seconds to wait (at least 1), when `limit` requests were
   * already admitted in the last second. A limit of 0 admits everything.
   */
  check(publicKey: string, limit: number): number | undefined {
    if (limit <= 0) return undefined;
    const now = this.now();
    const recent = (this.windows.get(publicKey) ?? []).filter((t) => now - t < 1000);
    if (recent.length >= limit) {
      this.windows.set(publicKey, recent);
      return Math.max(1, Math.ceil((recent[0]! + 1000 - now) / 1000));
    }
    recent.push(now);
    this.windows.set(publicKey, recent);
    return undefined;
  }

  clear(): void {
    this.windows.clear();
  }
}
