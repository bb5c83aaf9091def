import type { FastifyRequest } from "fastify";
import type { ApiKey } from "./options";
import type { RequestLogEntry } from "./request-log";

/** What the hooks learn about a request and the route runner needs later. */
export interface RequestMeta {
  /** The request's log entry, filled in as it is answered. */
  log?: RequestLogEntry;
  /** The API key that passed digest authentication. */
  key?: ApiKey;
  /** A fault said: run the handler, then destroy the socket without answering. */
  dropAfter?: boolean;
}

// Keyed by the raw request so nothing is added to Fastify's types and entries vanish with the request.
const metas = new WeakMap<object, RequestMeta>();

/** The mutable metadata of a request (created on first use). */
export function requestMeta(request: FastifyRequest): RequestMeta {
  let meta = metas.get(request.raw);
  if (!meta) metas.set(request.raw, (meta = {}));
  return meta;
}

/** Ends a request without an answer, as a crashed server or a cut connection would. */
export function dropConnection(request: FastifyRequest, reply: { hijack(): void }): void {
  const meta = requestMeta(request);
  if (meta.log) meta.log.status = null;
  reply.hijack();
  request.raw.socket.destroy();
}
