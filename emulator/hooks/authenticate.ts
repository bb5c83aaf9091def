import type { FastifyReply, FastifyRequest } from "fastify";
import { verifyDigest } from "../digest";
import { formatDigestChallenge } from "../digest-header";
import type { EmulatorState } from "../emulator-state";
import { UNAUTHORIZED_BODY } from "../errors";
import { requestMeta } from "../request-meta";

/**
 * Digest authentication for every API request, before the body is read. A failure gets Ops Manager's exact 401:
 * a fresh challenge (`stale=true` when only the nonce was expired or unknown) and the errorCode-less body. The
 * challenge is never enveloped: it comes from the server's auth filter, not the API.
 */
export function authenticate(state: EmulatorState) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const meta = requestMeta(request);
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
