/** An access token and the instant (ms since the epoch, by the cache's clock) after which it is no longer used. */
export interface AccessToken {
  readonly value: string;
  readonly expiresAt: number;
}

/** What the token endpoint granted: the token and its lifetime (`expires_in`, seconds). */
export interface GrantedToken {
  readonly value: string;
  readonly expiresInSeconds: number;
}

/** A token is fetched again this long before it expires, so no request goes out with one about to lapse. */
export const REFRESH_MARGIN_MS = 60_000;

/**
 * The credential half of service-account authentication (attaching it is with-bearer-auth.ts): one token per
 * client, so one per provider process, fetched on first use and reused until it is within a minute of expiring.
 * Concurrent callers share one token request. A token the server refused (401) is dropped once, so the next
 * caller fetches a new one; callers that were refused with an older token share that same new one.
 *
 * A lifetime of two minutes or less (a test server's) is refreshed at half its life instead, so a short-lived
 * token is not fetched again for every request.
 */
export class TokenCache {
  private current: AccessToken | undefined;
  private pending: Promise<AccessToken> | undefined;
  /** Every token this cache was ever given: redaction scrubs them all from errors. */
  private readonly granted: string[] = [];

  constructor(
    private readonly fetchToken: () => Promise<GrantedToken>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The token to use now: the cached one while fresh, else the one being fetched, else a new fetch. */
  get(): Promise<AccessToken> {
    const t = this.current;
    if (t && this.now() < t.expiresAt) return Promise.resolve(t);
    this.pending ??= this.fetchToken()
      .then((granted) => {
        this.granted.push(granted.value);
        const lifetimeMs = granted.expiresInSeconds * 1000;
        const margin = Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2);
        const token = { value: granted.value, expiresAt: this.now() + lifetimeMs - margin };
        this.current = token;
        return token;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  /** The server answered 401 to a request carrying `token`: stop using it, unless a newer one already replaced it. */
  refused(token: AccessToken): void {
    if (this.current === token) this.current = undefined;
  }

  /** The token values granted so far (secrets: for redaction only). */
  secrets(): readonly string[] {
    return this.granted;
  }
}
