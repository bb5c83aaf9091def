import type { FastifyReply, FastifyRequest } from "fastify";
import type { EmulatorState } from "../emulator-state";
import { requestMeta } from "../request-meta";

/**
 * Starts a request-log entry when an API request arrives and records the status sent, so tests and benchmarks can
 * count round trips (challenges included) from the control plane.
 */
export function trackRequest(state: EmulatorState) {
  return {
    onRequest: async (request: FastifyRequest) => {
      requestMeta(request).log = state.log.start(request.method, request.raw.url ?? request.url);
    },
    onResponse: async (request: FastifyRequest, reply: FastifyReply) => {
      const entry = requestMeta(request).log;
      if (entry && !reply.raw.destroyed) entry.status = reply.statusCode;
    },
  };
}
