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
  if (attempt > policy.maxRetries) return { retry: false, reason: "attempts" };
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const delayMs = Math.max(Math.floor(policy.random() * ceiling), facts.retryAfterMs ?? 0);
  if (elapsedMs + delayMs > policy.maxRetryTimeMs) return { retry: false, reason: "time" };
  return { retry: true, delayMs };
}
