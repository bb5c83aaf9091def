import { randomBytes } from "node:crypto";
import type { AxiosInstance, AxiosResponse, InternalAxiosRequestConfig } from "axios";
import { digestAuthorization, type DigestCredentials } from "./digest-authorization";
import { parseChallenge, type DigestChallenge } from "./parse-challenge";

/**
 * Digest auth as an axios interceptor pair, written here because no package does it right: the npm name
 * `axios-digest-auth` does not exist, and its nearest package (`@mhoc/axios-digest-auth` 0.8) pins a vulnerable
 * axios 0.22, signs the path without its query string, splits challenges on `=` (breaking padded nonces), drops
 * `opaque` and pays two requests for every call.
 *
 * Here the nonce is kept per client and reused, so only the first call pays the 401 round trip; `nc` counts up
 * per nonce (JS runs one interceptor at a time, so concurrent requests never share a count). While the first
 * challenge is being fetched, other requests wait for it instead of each paying their own 401.
 */

/** Per-request digest bookkeeping; a class instance so axios's config merge keeps it by reference. */
class DigestAttempt {
  /** The nonce this request was signed with; undefined when it went out unsigned. */
  nonce: string | undefined;
  /** The nonce came from a 401 answering this very request, so another 401 means the keys are wrong. */
  fresh = false;
  resends = 0;
  staleResends = 0;
  /** A nonce of this request's own (see the non-stale re-challenge below), with its own `nc`. */
  own: { challenge: DigestChallenge; nc: number } | undefined;
  /** This request is fetching the client's first challenge; others wait for it. */
  probing = false;
  /** Method and body set aside while a bodiless GET fetches the first challenge (issue 15). */
  held: { method: string | undefined; data: unknown } | undefined;
  /** The bodiless probe was answered without a challenge: send the request itself. */
  probed = false;
}

const kDigest = Symbol("opsmanager.digest");
type Config = InternalAxiosRequestConfig & { [kDigest]?: DigestAttempt };

function attemptOf(config: Config | undefined): DigestAttempt | undefined {
  if (!config) return undefined;
  return (config[kDigest] ??= new DigestAttempt());
}

/** Path plus query string exactly as axios will put it on the request line. */
function requestUri(http: AxiosInstance, config: Config): string {
  const u = new URL(http.getUri(config));
  return `${u.pathname}${u.search}`;
}

/** Puts back what a bodiless probe set aside; true when there was something. */
function restore(config: Config, attempt: DigestAttempt): boolean {
  if (!attempt.held) return false;
  config.method = attempt.held.method;
  config.data = attempt.held.data;
  attempt.held = undefined;
  return true;
}

/** Settings of the digest exchange (see parseChallenge). */
export interface DigestOptions {
  /** Answer challenges without `qop` (RFC 2069: no cnonce, replayable). Off unless the user opts in. */
  readonly allowNoQop?: boolean;
}

/** Installs digest signing on `http`. Every request of that instance is signed with `credentials`. */
export function withDigestAuth(http: AxiosInstance, credentials: DigestCredentials, options: DigestOptions = {}): void {
  const shared: {
    challenge?: DigestChallenge;
    nc: number;
    probe?: { done: Promise<void>; release: () => void };
    /** A signed request of this client has been accepted: the key is right, whatever a later 401 says. */
    authenticated?: boolean;
  } = { nc: 0 };

  const release = (attempt: DigestAttempt | undefined) => {
    if (!attempt?.probing) return;
    attempt.probing = false;
    shared.probe?.release();
    shared.probe = undefined;
  };

  http.interceptors.request.use(async (config: Config) => {
    const attempt = attemptOf(config) as DigestAttempt;
    while (!shared.challenge && shared.probe && !attempt.probing) await shared.probe.done;
    const challenge = attempt.own?.challenge ?? shared.challenge;
    if (!challenge) {
      if (!attempt.probing) {
        let release = () => {};
        const done = new Promise<void>((resolve) => (release = resolve));
        shared.probe = { done, release };
        attempt.probing = true;
      }
      attempt.nonce = undefined;
      config.headers.delete("Authorization");
      // Never send a body unsigned (it may hold integration secrets and would be refused anyway): the first
      // challenge is fetched with a bodiless GET of the same URL, then the request itself goes out signed.
      if (config.data !== undefined && !attempt.probed && !attempt.held) {
        attempt.held = { method: config.method, data: config.data };
        config.method = "get";
        config.data = undefined;
      }
      return config;
    }
    const nc = attempt.own ? ++attempt.own.nc : ++shared.nc;
    const target = { method: config.method ?? "get", uri: requestUri(http, config) };
    const cnonce = randomBytes(16).toString("hex");
    config.headers.set("Authorization", digestAuthorization(challenge, credentials, target, nc, cnonce).header);
    attempt.nonce = challenge.nonce;
    return config;
  });

  http.interceptors.response.use(
    async (response: AxiosResponse) => {
      const config = response.config as Config;
      const attempt = attemptOf(config) as DigestAttempt;
      const challenge = response.status === 401 ? parseChallenge(response.headers["www-authenticate"], options) : undefined;
      if (response.status !== 401 && attempt.nonce !== undefined) shared.authenticated = true;
      // A server or proxy that wants `nc` strictly increasing per nonce answers requests that overtook each other
      // on the wire with a plain 401 (no stale), although the key is right: once this client has been accepted,
      // such a 401 earns one more try, signed with the new nonce kept to this request alone so no other in-flight
      // request can overtake it again. A second 401 then means the key really is wrong (revoked mid-run).
      if (challenge && !challenge.stale && attempt.fresh && shared.authenticated && !attempt.own && attempt.resends < 3) {
        attempt.own = { challenge, nc: 0 };
        attempt.resends += 1;
        release(attempt);
        restore(config, attempt);
        return http.request(config);
      }
      const resend =
        challenge !== undefined &&
        attempt.resends < 3 &&
        (attempt.nonce === undefined || // the normal first round trip: we sent no credentials
          (challenge.stale && attempt.staleResends < 1) || // our nonce expired: same keys, new nonce, once
          !attempt.fresh); // signed with a cached nonce the server may have forgotten: re-challenge once
      if (!challenge || !resend) {
        // A 401 to credentials signed with a fresh nonce means the keys are wrong: the caller maps it, no retry.
        release(attempt);
        // The bodiless probe met no challenge: a refusal that does not depend on the method (401, 403, 407, 429,
        // 5xx) is the answer; anything else means this URL asks no digest, so the request itself goes out.
        if (![401, 403, 407, 429].includes(response.status) && response.status < 500 && restore(config, attempt)) {
          attempt.probed = true;
          return http.request(config);
        }
        restore(config, attempt);
        return response;
      }
      // Adopt the new nonce unless a concurrent request already moved past the one this request used.
      if (!shared.challenge || attempt.nonce === shared.challenge.nonce || attempt.nonce === undefined) {
        if (shared.challenge?.nonce !== challenge.nonce) shared.nc = 0;
        shared.challenge = challenge;
      }
      if (challenge.stale && attempt.nonce !== undefined) attempt.staleResends += 1;
      attempt.resends += 1;
      attempt.fresh = true;
      attempt.own = undefined;
      release(attempt);
      restore(config, attempt);
      return http.request(config);
    },
    (error: { config?: Config }) => {
      release(error?.config?.[kDigest]);
      return Promise.reject(error);
    },
  );
}
