/** When and how long to wait before trying again; fully defaulted once per client. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** No retry starts once this much time has passed since the first attempt (waits included). */
  readonly maxRetryTimeMs: number;
  /** First backoff ceiling; doubles per retry (full jitter picks uniformly below it). */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly random: () => number;
}

/** What a failed attempt says about retrying. */
export interface FailureFacts {
  /** Trying again may succeed (429, 5xx but 501, network trouble). */
  readonly retriable: boolean;
  /** The server may have applied the request although we saw no success. */
  readonly maybeApplied: boolean;
  readonly retryAfterMs?: number;
}

export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number }
  | { readonly retry: false; readonly reason: "not-retriable" | "may-have-applied" | "attempts" | "time" };

/** Safe to repeat: a second GET, PUT (upsert) or DELETE leaves the server as one would. */
const IDEMPOTENT = new Set(["GET", "HEAD", "PUT", "DELETE"]);

/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"), never shorter
 * than the server's Retry-After. A POST is repeated only when it cannot have been applied; otherwise the caller
 * gets an error with `maybeApplied` and re-reads. `attempt` is the number of attempts already made.
 */
export function retryDecision(method: string, facts: FailureFacts, attempt: number, elapsedMs: number, policy: RetryPolicy): RetryDecision {
  if (!facts.retriable) return { retry: false, reason: "not-retriable" };
  if (facts.maybeApplied && !IDEMPOTENT.has(method.toUpperCase())) return { retry: false, reason: "may-have-applied" };
  // A server that names its wait (429/503 with Retry-After) is not failing, it is pacing us: such retries are
  // bounded by the time budget alone, or a rate limit below Pulumi's parallelism fails resources that would
  // succeed a second later. The jitter goes on top, so requests told to wait alike do not return in a burst.
  const paced = facts.retryAfterMs !== undefined;
  if (!paced && attempt > policy.maxRetries) return { retry: false, reason: "attempts" };
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (Math.min(attempt, 30) - 1));
  const jitter = Math.floor(policy.random() * ceiling);
  const delayMs = paced ? (facts.retryAfterMs ?? 0) + jitter : jitter;
  if (elapsedMs + delayMs > policy.maxRetryTimeMs) return { retry: false, reason: "time" };
  return { retry: true, delayMs };
}

/**
 * `Retry-After` in milliseconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3). Undefined when absent or
 * unreadable, so the caller falls back to its own backoff.
 */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== "string" || text.trim() === "") return undefined;
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!/[a-z]/i.test(trimmed)) return undefined; // an HTTP date names its month; "-1" is not one
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
