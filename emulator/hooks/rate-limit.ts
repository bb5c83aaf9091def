import type { FastifyRequest } from "fastify";
import type { EmulatorState } from "../emulator-state";
import { apiError } from "../errors";
import { requestMeta } from "../request-meta";

/**
 * Enforces the `rateLimitPerSecond` setting per API key (after authentication, since the limit is per key):
 * over it, 429 RATE_LIMITED with `Retry-After` in seconds, as Atlas/Ops Manager answer.
 */
export function rateLimit(state: EmulatorState) {
  return async (request: FastifyRequest) => {
    const key = requestMeta(request).key;
    const limit = state.settings.rateLimitPerSecond;
    const wait = key && state.rateLimiter.check(key.publicKey, limit);
    if (wait === undefined) return;
    const path = request.url.split("?")[0] ?? request.url;
    throw apiError("RATE_LIMITED", [path, String(limit)], { headers: { "Retry-After": String(wait) } });
  };
}
