import { setTimeout as delay } from "node:timers/promises";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { EmulatorState } from "../emulator-state";
import { EmulatorError } from "../errors";
import { dropConnection, requestMeta } from "../request-meta";

/**
 * Applies the first matching scripted fault to an authenticated API request: its latency, then a dropped socket
 * (before the handler, or flagged to drop after it), or an error status with optional `Retry-After`. A JSON fault
 * body is Ops Manager's error shape (429 → RATE_LIMITED, others → UNEXPECTED_ERROR); `body` sends raw HTML instead.
 */
export function injectFaults(state: EmulatorState) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const meta = requestMeta(request);
    const fault = state.faults.take(request.method, request.raw.url ?? request.url);
    if (!fault) return;
    if (meta.log) meta.log.fault = fault;
    if (fault.latencyMs) await delay(fault.latencyMs);
    if (fault.drop === "before") {
      dropConnection(request, reply);
      return reply;
    }
    if (fault.drop === "after") {
      meta.dropAfter = true;
      return;
    }
    if (fault.status === undefined) return;
    const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { "Retry-After": String(fault.retryAfter) };
    if (fault.body !== undefined) return reply.code(fault.status).headers(headers).type("text/html").send(fault.body);
    const code = fault.status === 429 ? "RATE_LIMITED" : "UNEXPECTED_ERROR";
    throw new EmulatorError(fault.status, code, `Injected fault (${fault.status}).`, [], headers);
  };
}
