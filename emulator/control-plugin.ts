import type { FastifyInstance } from "fastify";
import type { EmulatorState } from "./emulator-state";
import { apiError } from "./errors";
import { controlRoutes } from "./routes/control";

/** True for 127.0.0.0/8 and ::1, plain or IPv4-mapped: the only clients the control plane answers. */
export function isLoopback(address: string | undefined): boolean {
  const a = (address ?? "").replace(/^::ffff:/i, "");
  return a === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/**
 * The control plane under `/__emulator`: kept apart from the API (no digest, not logged, no faults) and refused
 * with 403 to any client that is not on loopback, since it can read every secret and rewrite every key.
 */
export async function controlPlugin(control: FastifyInstance, opts: { state: EmulatorState }): Promise<void> {
  control.addHook("onRequest", async (request) => {
    if (!isLoopback(request.socket.remoteAddress)) throw apiError("EMULATOR_LOOPBACK_ONLY", []);
  });
  for (const route of controlRoutes) {
    control.route({
      method: route.method,
      url: route.url,
      handler: async (request, reply) => {
        const ctx = {
          state: opts.state,
          params: request.params as Record<string, string>,
          query: request.query as Record<string, unknown>,
          body: request.body,
        };
        const result = route.handler(ctx);
        return result.body === undefined ? reply.code(result.status).send() : reply.code(result.status).send(result.body);
      },
    });
  }
}
