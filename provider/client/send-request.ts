import type { AxiosInstance } from "axios";
import { OpsManagerError, type ApiError } from "../errors";
import { redactUrl } from "../redact";
import { classifyNetworkError } from "./classify-network-error";
import type { Pacer } from "./pacer";
import { parseRetryAfter, retryDecision, type FailureFacts, type RetryPolicy } from "./retry-decision";
import { toApiError, type Failure } from "./to-api-error";

/** One API call, relative to the client's apiBase. */
export interface ApiRequest {
  readonly method: "GET" | "POST" | "PUT" | "DELETE";
  /** Path and query under apiBase, e.g. `/groups/abc/integrations?pageNum=1`. */
  readonly path: string;
  readonly body?: Record<string, unknown>;
  /** Values in the body to scrub from any error (secret fields). */
  readonly secrets?: readonly string[];
  /** An absolute URL instead of apiBase + path (the token endpoint lies outside the Public API). */
  readonly url?: string;
  /** A form body (`application/x-www-form-urlencoded`) instead of JSON. */
  readonly form?: Record<string, string>;
  /** Extra request headers (the token request's Basic credentials); never shown anywhere. */
  readonly headers?: Record<string, string>;
  /** A POST that may be repeated whatever happened to it (a token request): retried like a GET. */
  readonly idempotent?: boolean;
}

/** A 2xx answer, with what a later parse error needs to describe itself. */
export interface ApiAnswer {
  readonly status: number;
  readonly body: string;
  readonly method: string;
  readonly url: string;
  readonly attempts: number;
  readonly secrets: readonly (string | undefined)[];
}

/** What the debug hook sees after every attempt: no headers, no body, no credentials. */
export interface RequestEvent {
  readonly method: string;
  readonly url: string;
  readonly attempt: number;
  readonly status?: number;
  readonly error?: string;
  readonly durationMs: number;
  /** Set when another attempt follows after this many milliseconds. */
  readonly retryInMs?: number;
}

/** Everything the loop needs, fully defaulted once per client. */
export interface Transport {
  readonly http: AxiosInstance;
  readonly apiBase: string;
  /** The credential secrets to scrub from every error: the private key, or the client secret and every token so far. */
  readonly credentialSecrets: () => readonly string[];
  /** What a 401 means for these credentials (which settings to check); the default speaks of the API key. */
  readonly unauthorizedHint?: string;
  readonly timeoutMs: number;
  readonly policy: RetryPolicy;
  readonly onRequest: (event: RequestEvent) => void;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
  /** The client's shared pause and pace under 429/503 + Retry-After: every attempt waits for its slot. */
  readonly pacer: Pacer;
}

function factsOf(method: string, failure: Failure, now: number, idempotent = false): FailureFacts {
  const write = method !== "GET" && !idempotent;
  if (failure.kind === "network") return { retriable: failure.net.retriable, maybeApplied: write && !failure.net.notSent };
  if (failure.kind !== "status") return { retriable: false, maybeApplied: write };
  const s = failure.status;
  const retriable = s === 429 || (s >= 500 && s <= 599 && s !== 501);
  // 429, 501 and 503 (overloaded, rate limited) are refusals; other 5xx may come after the work was done.
  const refused = s < 500 || s === 501 || s === 503;
  const retryAfterMs = s === 429 || s === 503 ? parseRetryAfter(failure.headers["retry-after"], now) : undefined;
  return { retriable, maybeApplied: write && !refused, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
}

/**
 * Sends one call with retries; resolves with a 2xx answer or rejects with an {@link ApiError}. Digest challenges
 * are answered inside the axios instance and never count as attempts.
 *
 * Retried: network errors, timeouts, 429 and 5xx except 501, with full-jitter backoff that never undercuts
 * Retry-After, up to `maxRetries` and while the `maxRetryTimeMs` budget allows. A POST (create) is repeated only
 * when it cannot have been applied: connection refused / DNS / unreachable (nothing sent), 429, 503. After a
 * reset, a timeout, 500/502/504 it rejects with `maybeApplied: true, retriable: true` so the provider re-reads.
 *
 * Why not axios-retry (4.5, read in node_modules): it only sees rejected requests, so with our
 * `validateStatus: () => true` it would need `validateResponse`, which routes every response through the error
 * path; `exponentialDelay` adds 0–20 % jitter instead of full jitter; there is no total time budget; with
 * `shouldResetTimeout: false` the per-request timeout becomes a shrinking budget across retries; it re-enters
 * the instance from inside its response interceptor, nesting with the digest interceptor's own re-send; and it
 * decides by method only, with no notion of "this POST was never sent". This loop is shorter than the glue.
 *
 * Every attempt first takes a slot from the client's {@link Pacer}: one 429/503 with Retry-After pauses all of the
 * client's requests, not just the one that was refused.
 */
export async function sendRequest(t: Transport, req: ApiRequest): Promise<ApiAnswer> {
  const url = req.url ?? `${t.apiBase}${req.path}`;
  const shownUrl = redactUrl(url);
  const secrets = () => [...t.credentialSecrets(), ...(req.secrets ?? [])];
  const data = req.form ? new URLSearchParams(req.form).toString() : req.body === undefined ? undefined : JSON.stringify(req.body);
  const contentType = req.form ? "application/x-www-form-urlencoded" : "application/json";
  const headers = { ...(data === undefined ? {} : { "Content-Type": contentType }), ...req.headers };
  let start: number | undefined;
  for (let attempt = 1; ; attempt++) {
    const slot = await t.pacer.slot();
    const began = t.now();
    start ??= began;
    let failure: Failure;
    try {
      const res = await t.http.request<string>({ method: req.method, url, data, headers });
      const body = typeof res.data === "string" ? res.data : "";
      if (res.status >= 200 && res.status < 300) {
        t.pacer.answered(slot, res.status, undefined);
        t.onRequest({ method: req.method, url: shownUrl, attempt, status: res.status, durationMs: t.now() - began });
        return { status: res.status, body, method: req.method, url, attempts: attempt, secrets: secrets() };
      }
      failure = { kind: "status", status: res.status, headers: { ...res.headers }, body };
    } catch (error) {
      // Our own error from inside the instance (a refused or failed token request): already final and redacted.
      if (error instanceof OpsManagerError) throw error;
      failure = { kind: "network", error, net: classifyNetworkError(error, t.timeoutMs) };
    }
    const facts = factsOf(req.method, failure, t.now(), req.idempotent);
    t.pacer.answered(slot, failure.kind === "status" ? failure.status : undefined, facts.retryAfterMs);
    const decision = retryDecision(req.idempotent ? "PUT" : req.method, facts, attempt, t.now() - start, t.policy);
    t.onRequest({
      method: req.method, url: shownUrl, attempt, durationMs: t.now() - began,
      ...(failure.kind === "status" ? { status: failure.status } : { error: failure.kind === "network" ? failure.net.sysCode : "invalid" }),
      ...(decision.retry ? { retryInMs: decision.delayMs } : {}),
    });
    if (!decision.retry) {
      const error: ApiError = toApiError(failure, {
        method: req.method, url, attempts: attempt, secrets: secrets(), retriable: facts.retriable, maybeApplied: facts.maybeApplied,
        stopped: decision, timeBudgetMs: t.policy.maxRetryTimeMs,
        ...(t.unauthorizedHint ? { unauthorizedHint: t.unauthorizedHint } : {}),
      });
      throw error;
    }
    await t.sleep(decision.delayMs);
  }
}
