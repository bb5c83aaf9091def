import { z } from "zod";
import type { ServiceAccount } from "../config";
import { connectionSettings } from "../connection-settings";
import { ApiError, errorCodes } from "../errors";
import { invalidAnswer, parseAnswer } from "./answers";
import { sendRequest, type Transport } from "./send-request";
import type { GrantedToken } from "./token-cache";

/**
 * The token endpoint's answer ("Generate Service Account Token", Cloud Manager reference
 * api/service-accounts/generate-oauth2-token): `access_token`, `token_type` ("Bearer"), `expires_in` in seconds.
 */
const tokenAnswerSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i, { error: "must be Bearer" }),
  expires_in: z.number().positive(),
});

const { clientId, clientSecret } = connectionSettings;

/** What to check when the token endpoint refuses the credentials; names the settings, never the secret. */
export const SERVICE_ACCOUNT_HINT =
  `Check ${clientId.key} and ${clientSecret.key} (${clientId.env} / ${clientSecret.env}): the client ID must be the ` +
  "service account's, the secret one of its current secrets (they expire, 8 hours to a year after they were made), " +
  "and the service account must still exist and have access to the project.";

/**
 * Exchanges the service account's client credentials for an access token: a form POST to the token endpoint with
 * HTTP Basic `clientId:clientSecret` and `grant_type=client_credentials`, as the docs' example request sends it.
 * 429, 5xx and network failures are retried like any call (the request changes nothing on the server, so even a
 * 500 is repeated); a refusal (400, 401, 403) fails at once with a message naming `opsmanager:clientId`.
 * `t` must be a transport without authentication of its own (no digest, no Bearer).
 */
export async function requestToken(t: Transport, account: ServiceAccount): Promise<GrantedToken> {
  const basic = Buffer.from(`${account.clientId}:${account.clientSecret}`, "utf8").toString("base64");
  let answer;
  try {
    answer = await sendRequest(t, {
      method: "POST",
      path: "",
      url: account.tokenUrl,
      form: { grant_type: "client_credentials" },
      headers: { Authorization: `Basic ${basic}`, Accept: "application/json" },
      secrets: [basic],
      idempotent: true,
    });
  } catch (err) {
    if (err instanceof ApiError && [400, 401, 403].includes(err.status)) {
      const why = err.detail ? ` (${err.detail})` : "";
      throw new ApiError({
        ...err.fields,
        message:
          `The token endpoint ${err.url} refused service account ${clientId.key} "${account.clientId}": HTTP ${err.status}${why}. ` +
          SERVICE_ACCOUNT_HINT,
        code: errorCodes.TOKEN_REFUSED,
        secrets: [account.clientSecret, basic],
      });
    }
    throw err;
  }
  const parsed = parseAnswer(answer, tokenAnswerSchema, "a token (access_token, token_type Bearer, expires_in)");
  if (/[\s\p{Cc}]/u.test(parsed.access_token)) throw invalidAnswer(answer, "access_token holds spaces or control characters");
  return { value: parsed.access_token, expiresInSeconds: parsed.expires_in };
}
