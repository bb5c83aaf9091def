import { z } from "zod";

/**
 * One scripted failure, consumed by the next `count` authenticated API requests that match it. Matching happens
 * after digest authentication, so which request fails does not depend on whether the client reuses nonces.
 */
export const faultRuleSchema = z
  .strictObject({
    /** Answer with this status instead of running the handler (400-599). */
    status: z.number().int().min(400).max(599).optional(),
    /** How many matching requests this rule affects. */
    count: z.number().int().positive(),
    /**
     * Let this many matching requests through untouched first: the second PUT of an update that deletes and
     * re-creates an integration fails while the first one succeeds.
     */
    skip: z.number().int().positive().optional(),
    /** Seconds for a `Retry-After` header on the status answer. */
    retryAfter: z.number().int().nonnegative().optional(),
    /** Delay before anything else happens. */
    latencyMs: z.number().int().nonnegative().optional(),
    /** Destroy the socket: "before" the handler runs, or "after" it applied the change, without answering. */
    drop: z.enum(["before", "after"]).optional(),
    /** Only requests with this HTTP method (case-insensitive). */
    method: z.string().min(1).optional(),
    /** Only requests whose path-and-query contains this text. */
    pathIncludes: z.string().min(1).optional(),
    /** Raw body for the status answer, sent as text/html (proxies and gateways answer HTML, not JSON). */
    body: z.string().optional(),
  })
  .refine((r) => r.status !== undefined || r.drop !== undefined || r.latencyMs !== undefined, {
    error: "a fault needs status, drop or latencyMs",
  });

/** A scripted failure. */
export type FaultRule = z.infer<typeof faultRuleSchema>;

/** What a request got from the queue: the rule without its remaining count. */
export type AppliedFault = Omit<FaultRule, "count" | "skip">;

/** The queue of scripted failures, in the order they were added. */
export class FaultQueue {
  private rules: FaultRule[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ ...rule });
  }

  /** The pending rules with their remaining counts. */
  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
  }

  /** Consumes one use of the first rule matching the request, if any. */
  take(method: string, rawUrl: string): AppliedFault | undefined {
    const rule = this.rules.find(
      (r) =>
        (r.method === undefined || r.method.toUpperCase() === method.toUpperCase()) &&
        (r.pathIncludes === undefined || rawUrl.includes(r.pathIncludes)),
    );
    if (!rule) return undefined;
    if (rule.skip !== undefined) {
      rule.skip = rule.skip > 1 ? rule.skip - 1 : undefined;
      return undefined;
    }
    rule.count -= 1;
    if (rule.count <= 0) this.rules = this.rules.filter((r) => r !== rule);
    const { count: _count, skip: _skip, ...applied } = rule;
    return applied;
  }
}
