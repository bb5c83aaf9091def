import type { KeyPair } from "../../../emulator/defaults";
import { parseChallenge, signDigest, type Challenge } from "./digest-signer";
import { rawRequest, type TestResponse } from "./http";

/** Ways to sign a request wrongly on purpose. */
export interface SendOptions {
  /** Sign this uri instead of the request target. */
  readonly uri?: string;
  /** Use this nc instead of the next one. */
  readonly nc?: number;
  readonly password?: string;
  readonly omitOpaque?: boolean;
  /** Re-sign once when the server says `stale=true` (default true). */
  readonly retryStale?: boolean;
  readonly headers?: Record<string, string>;
}

/**
 * A test-only digest client that keeps the last challenge and reuses its nonce with an increasing nc, as a good
 * client does, so tests can count round trips and provoke every failure the emulator must catch.
 */
export class DigestClient {
  challenge: Challenge | undefined;
  nc = 0;

  constructor(readonly apiBase: string, readonly key: KeyPair, readonly ca?: string) {}

  /** Server root of apiBase. */
  get origin(): string {
    return new URL(this.apiBase).origin;
  }

  /** Sends `method basePath+path`; fetches a challenge first when it has none. `body` objects are sent as JSON. */
  async send(method: string, path: string, body?: unknown, o: SendOptions = {}): Promise<TestResponse> {
    const target = new URL(this.apiBase).pathname + path;
    if (!this.challenge) {
      const probe = await this.raw(method, target);
      if (probe.status !== 401) return probe;
      this.adopt(probe);
    }
    let response = await this.signed(method, target, body, o);
    if (response.status === 401 && response.headers["www-authenticate"]) {
      const stale = this.adopt(response);
      if (stale && o.retryStale !== false) response = await this.signed(method, target, body, { ...o, nc: undefined });
    }
    return response;
  }

  /** An unsigned request (to get a challenge, or to send a hand-made Authorization header). */
  raw(method: string, target: string, body?: unknown, headers: Record<string, string> = {}): Promise<TestResponse> {
    return rawRequest({ method, origin: this.origin, target, headers, body: encode(body), ca: this.ca });
  }

  /** Keeps the challenge of a 401 and restarts nc; returns its `stale` flag. */
  adopt(response: TestResponse): boolean {
    this.challenge = parseChallenge(String(response.headers["www-authenticate"]));
    this.nc = 0;
    return this.challenge.stale === "true";
  }

  private signed(method: string, target: string, body: unknown, o: SendOptions): Promise<TestResponse> {
    const nc = o.nc ?? ++this.nc;
    const authorization = signDigest({
      method,
      uri: o.uri ?? target,
      username: this.key.publicKey,
      password: o.password ?? this.key.privateKey,
      challenge: this.challenge!,
      nc,
      omitOpaque: o.omitOpaque,
    });
    return this.raw(method, target, body, { ...o.headers, authorization });
  }
}

function encode(body: unknown): string | undefined {
  return body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
}
