import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { apiPlugin } from "./api-plugin";
import { controlPlugin } from "./control-plugin";
import { API_BASE_PATH, CONTROL_BASE_PATH, OAUTH_BASE_PATH } from "./defaults";
import { createEmulatorState, type EmulatorState } from "./emulator-state";
import { apiError, EmulatorError } from "./errors";
import { oauthPlugin } from "./oauth-plugin";
import { resolveOptions, type EmulatorOptions } from "./options";
import { sendApi } from "./reply";

const states = new WeakMap<FastifyInstance, EmulatorState>();

/** Every error in Ops Manager's wire shape; anything unexpected is a 500 UNEXPECTED_ERROR (never a stack trace). */
function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof EmulatorError) return sendApi(request, reply, error.status, error.toBody(), error.headers);
  const status = "statusCode" in error && error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
  const wrapped = new EmulatorError(status, status === 400 ? "INVALID_JSON" : "UNEXPECTED_ERROR", status === 500 ? "Unexpected error." : error.message);
  return sendApi(request, reply, status, wrapped.toBody());
}

/**
 * Builds an Ops Manager emulator (a Fastify instance) without listening: the Public API under `/api/public/v1.0`,
 * the service accounts' token endpoints under `/api/oauth` and the control plane under `/__emulator`. `main.ts` and `startEmulator` bind ports; tests may also call
 * `app.inject()`. With `options.tls` the instance serves HTTPS once listening.
 */
export function createEmulator(options: EmulatorOptions = {}): FastifyInstance {
  const config = resolveOptions(options);
  const state = createEmulatorState(config);
  const common = { logger: false, forceCloseConnections: true } as const;
  const app = (
    config.tls ? Fastify({ ...common, https: { cert: config.tls.cert, key: config.tls.key } }) : Fastify(common)
  ) as unknown as FastifyInstance;
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(async (request, reply) => {
    const error = apiError("RESOURCE_NOT_FOUND", [(request.raw.url ?? request.url).split("?")[0] ?? ""]);
    return sendApi(request, reply, error.status, error.toBody());
  });
  app.register(apiPlugin, { prefix: API_BASE_PATH, state });
  app.register(oauthPlugin, { prefix: OAUTH_BASE_PATH, state });
  app.register(controlPlugin, { prefix: CONTROL_BASE_PATH, state });
  states.set(app, state);
  return app;
}

/** The live state behind an emulator built by {@link createEmulator} (in-process tests and `main` read it). */
export function emulatorState(app: FastifyInstance): EmulatorState {
  const state = states.get(app);
  if (!state) throw new Error("not an emulator built by createEmulator()");
  return state;
}
