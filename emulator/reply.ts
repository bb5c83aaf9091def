import type { FastifyReply, FastifyRequest } from "fastify";

/** True for a query flag set to `true` (any case), as Ops Manager reads `pretty` and `envelope`. */
function flag(value: unknown): boolean {
  return typeof value === "string" && value.toLowerCase() === "true";
}

/** A paged list answer (`{links, results, totalCount}`): with `envelope=true` it is its own envelope. */
function isList(body: unknown): body is Record<string, unknown> {
  return typeof body === "object" && body !== null && Array.isArray((body as { results?: unknown }).results);
}

/**
 * Sends an API answer honouring the query flags: `pretty=true` indents the JSON; `envelope=true` answers HTTP 200
 * for clients that cannot read status codes. "For endpoints that return a list of results, the results object is an
 * envelope. Ops Manager adds the status field to the response body"
 * (https://www.mongodb.com/docs/ops-manager/current/reference/api/third-party-integration-settings-update/, query
 * parameters): a list gains `status`. "For endpoints that return one result, the response body includes: status ...
 * content" (Cloud Manager's query-parameter text, `base-query-single-parameters`,
 * https://www.mongodb.com/docs/cloud-manager/reference/api/third-party-integration-settings-update/): anything
 * else becomes `{"status", "content"}` (a body-less 204 becomes `content: {}`; errors are enveloped the same way).
 * Every API answer, errors included, goes through here.
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
  const payload = !flag(query.envelope) ? body : isList(body) ? { ...body, status } : { status, content: body ?? {} };
  const httpStatus = flag(query.envelope) ? 200 : status;
  if (payload === undefined) return reply.code(httpStatus).send();
  const text = JSON.stringify(payload, null, flag(query.pretty) ? 2 : undefined);
  return reply.code(httpStatus).type("application/json").send(text);
}
