import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { EmulatorState } from "./emulator-state";
import { injectFaults } from "./hooks/inject-faults";
import { trackRequest } from "./hooks/track-request";
import type { ServiceAccount } from "./options";

/*
 * The OAuth 2.0 endpoints of Cloud Manager's service accounts, registered under `/api/oauth`:
 * - POST /token ("Generate Service Account Token",
 *   https://www.mongodb.com/docs/cloud-manager/reference/api/service-accounts/generate-oauth2-token/): HTTP Basic
 *   base64(clientId:clientSecret), `Content-Type: application/x-www-form-urlencoded`, body
 *   `grant_type=client_credentials`; answers `{access_token, expires_in, token_type: "Bearer"}`.
 * - POST /revoke ("Revoke Service Account Token", .../service-accounts/revoke-oauth2-token/): the same Basic
 *   credentials, body `token=…&token_type_hint=access_token`; 200 with no body.
 * Both pages list 400 (invalid_request, unsupported_grant_type, invalid_grant), 401 (invalid_client), 403, 429
 * and 500 answers; only the 429 body is shown (`{"error": "rate_limited", "error_description": …}`), so the others
 * follow that shape with RFC 6749 §5.2's codes: a guess. Scripted faults (control plane) apply here too.
 */

/** An OAuth error answer in the shape the docs show for 429. */
function oauthError(reply: FastifyReply, status: number, error: string, description: string) {
  return reply.code(status).type("application/json").send(JSON.stringify({ error, error_description: description }));
}

/** The service account named by the request's Basic credentials, or undefined. */
function basicAccount(state: EmulatorState, request: FastifyRequest): ServiceAccount | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(request.headers.authorization ?? "");
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return state.tokens.authenticate(decoded.slice(0, colon), decoded.slice(colon + 1));
}

/** The form body, or undefined when the request is not `application/x-www-form-urlencoded`. */
function formOf(request: FastifyRequest): URLSearchParams | undefined {
  const type = String(request.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") return undefined;
  return new URLSearchParams(typeof request.body === "string" ? request.body : "");
}

export async function oauthPlugin(app: FastifyInstance, opts: { state: EmulatorState }): Promise<void> {
  const { state } = opts;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => done(null, body));
  const track = trackRequest(state);
  app.addHook("onRequest", track.onRequest);
  app.addHook("onResponse", track.onResponse);
  app.addHook("onRequest", injectFaults(state));

  app.post("/token", async (request, reply) => {
    const account = basicAccount(state, request);
    if (!account) return oauthError(reply, 401, "invalid_client", "Invalid client credentials.");
    const form = formOf(request);
    if (!form) return oauthError(reply, 400, "invalid_request", "The body must be application/x-www-form-urlencoded.");
    if (form.get("grant_type") !== "client_credentials") {
      return oauthError(reply, 400, "unsupported_grant_type", "Only grant_type=client_credentials is supported.");
    }
    const lifetime = state.settings.tokenLifetimeSeconds;
    const token = state.tokens.issue(account.clientId, lifetime);
    return reply.code(200).type("application/json").send(JSON.stringify({ access_token: token, expires_in: lifetime, token_type: "Bearer" }));
  });

  app.post("/revoke", async (request, reply) => {
    const account = basicAccount(state, request);
    if (!account) return oauthError(reply, 401, "invalid_client", "Invalid client credentials.");
    const token = formOf(request)?.get("token");
    if (!token) return oauthError(reply, 400, "invalid_request", "The token to revoke is missing.");
    state.tokens.revoke(token, account.clientId);
    return reply.code(200).send();
  });
}
