import type { FastifyReply, FastifyRequest } from "fastify";

/** True for a query flag set to `true` (any case), as Ops Manager reads `pretty` and `envelope`. */
function flag(value: unknown): boolean {
  return typeof value === "string" && value.toLowerCase() === "true";
}

/**
 * Sends an API answer honouring the query flags: `pretty=true` indents the JSON; `envelope=true` answers HTTP 200
 * with `{"status": <real status>, "content": <body>}` for clients that cannot read status codes (a body-less 204
 * becomes `content: {}`). Every API answer, errors included, goes through here.
 */
export function sendApi(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  body?: unknown,
  headers: Readonly<Record<string, string>> = {},
): FastifyReply {
  const query = (request.query ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(headers)) reply.header(name, value);
  const payload = flag(query.envelope) ? { status, content: body ?? {} } : body;
  const httpStatus = flag(query.envelope) ? 200 : status;
  if (payload === undefined) return reply.code(httpStatus).send();
  const text = JSON.stringify(payload, null, flag(query.pretty) ? 2 : undefined);
  return reply.code(httpStatus).type("application/json").send(text);
}
