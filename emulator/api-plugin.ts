import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { groupContext, integrationContext } from "./api-context";
import type { EmulatorState } from "./emulator-state";
import { apiError } from "./errors";
import { addLatency } from "./hooks/add-latency";
import { authenticate } from "./hooks/authenticate";
import { injectFaults } from "./hooks/inject-faults";
import { rateLimit } from "./hooks/rate-limit";
import { trackRequest } from "./hooks/track-request";
import { sendApi } from "./reply";
import { dropConnection, requestMeta } from "./request-meta";
import { integrationRoutes, type ApiResult, type ApiRoute } from "./routes/integrations";

/** Runs a route: the shared checks, the handler, then the answer (or a dropped socket when a fault says so). */
function runRoute(route: ApiRoute, state: EmulatorState) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    let result: ApiResult | undefined;
    let failure: unknown;
    try {
      result =
        route.scope === "group"
          ? route.handler(groupContext(request, state, route.access))
          : route.handler(integrationContext(request, state, route.access));
    } catch (error) {
      failure = error;
    }
    if (requestMeta(request).dropAfter) return dropConnection(request, reply);
    if (!result) throw failure;
    return sendApi(request, reply, result.status, result.body);
  };
}

/**
 * The emulated Public API, registered under `/api/public/v1.0`. Hooks run in order: request log, global latency,
 * digest authentication (401 before the body is read), rate limit, scripted faults; then the route table.
 * Bodies are kept as text whatever their Content-Type and parsed by the handler, so a malformed body is reported
 * only after the route's own checks (and never before authentication).
 */
export async function apiPlugin(api: FastifyInstance, opts: { state: EmulatorState }): Promise<void> {
  const { state } = opts;
  api.removeAllContentTypeParsers();
  api.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => done(null, body));
  const track = trackRequest(state);
  api.addHook("onRequest", track.onRequest);
  api.addHook("onResponse", track.onResponse);
  api.addHook("onRequest", addLatency(state));
  api.addHook("onRequest", authenticate(state));
  api.addHook("onRequest", rateLimit(state));
  api.addHook("onRequest", injectFaults(state));
  for (const route of integrationRoutes) api.route({ method: route.method, url: route.url, handler: runRoute(route, state) });
  api.setNotFoundHandler(async (request, reply) => {
    const path = (request.raw.url ?? request.url).split("?")[0] ?? "";
    const error = apiError("RESOURCE_NOT_FOUND", [path]);
    return sendApi(request, reply, error.status, error.toBody());
  });
}
