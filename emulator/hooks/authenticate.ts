import type { FastifyReply, FastifyRequest } from "fastify";
import { verifyDigest } from "../digest";
import { formatDigestChallenge } from "../digest-header";
import type { EmulatorState } from "../emulator-state";
import { UNAUTHORIZED_BODY } from "../errors";
import { requestMeta } from "../request-meta";

/** The `WWW-Authenticate` of RFC 6750 §3.1 for a token that is no longer accepted (the `oauth` reading). */
const BEARER_CHALLENGE = 'Bearer error="invalid_token", error_description="The access token expired or was revoked"';

/**
 * Bearer authentication: a service account's access token ("Generate Service Account Token": `token_type`
 * "Bearer", "The service account access token for authenticating API requests",
 * https://www.mongodb.com/docs/cloud-manager/reference/api/service-accounts/generate-oauth2-token/). A token that
 * is unknown, expired or revoked gets a 401 whose shape the docs leave open: the `bearerRefusal` setting picks.
 */
function authenticateBearer(state: EmulatorState, request: FastifyRequest, reply: FastifyReply, token: string) {
  const meta = requestMeta(request);
  const account = state.tokens.accountOf(token);
  if (account) {
    meta.key = { publicKey: account.clientId, privateKey: account.clientSecret, roles: account.roles };
    if (meta.log) Object.assign(meta.log, { authenticated: true, publicKey: account.clientId });
    return undefined;
  }
  if (meta.log) Object.assign(meta.log, { challenged: true, authError: "bearer token unknown, expired or revoked" });
  if (state.settings.bearerRefusal === "oauth") {
    const body = { error: "invalid_token", error_description: "The access token expired or was revoked." };
    return reply.code(401).header("WWW-Authenticate", BEARER_CHALLENGE).type("application/json").send(JSON.stringify(body));
  }
  const challenge = formatDigestChallenge({ ...state.nonces.issue(), stale: false });
  return reply.code(401).header("WWW-Authenticate", challenge).type("application/json").send(JSON.stringify(UNAUTHORIZED_BODY));
}

/**
 * Digest authentication (or Bearer, above) for every API request, before the body is read. A failure gets Ops Manager's exact 401:
 * a fresh challenge (`stale=true` when only the nonce was expired or unknown) and the errorCode-less body. The
 * challenge is never enveloped: it comes from the server's auth filter, not the API.
 */
export function authenticate(state: EmulatorState) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const meta = requestMeta(request);
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? "");
    if (bearer) return authenticateBearer(state, request, reply, bearer[1]!);
    const outcome = verifyDigest(
      { method: request.method, rawUrl: request.raw.url ?? request.url, authorization: request.headers.authorization },
      (publicKey) => state.store.findKey(publicKey),
      state.nonces,
      state.settings.ncOrder,
    );
    if (outcome.ok) {
      meta.key = outcome.key;
      if (meta.log) Object.assign(meta.log, { authenticated: true, publicKey: outcome.key.publicKey });
      return;
    }
    if (meta.log) Object.assign(meta.log, { challenged: true, authError: outcome.reason });
    const challenge = formatDigestChallenge({ ...state.nonces.issue(), stale: outcome.stale });
    return reply.code(401).header("WWW-Authenticate", challenge).type("application/json").send(JSON.stringify(UNAUTHORIZED_BODY));
  };
}
