import type { AxiosInstance, AxiosResponse, InternalAxiosRequestConfig } from "axios";
import type { AccessToken, TokenCache } from "./token-cache";

/**
 * The attaching half of service-account authentication (making the token is token-cache.ts): every request of
 * `http` carries `Authorization: Bearer <token>`. A 401 answers a request whose token the server no longer takes
 * (expired early, revoked): the token is dropped, and the request goes out once more with a new one. A second 401
 * is returned to the caller, who maps it to an error. Errors of the token request reject the request as they are.
 */

/** Per-request bookkeeping; a class instance so axios's config merge keeps it by reference (as with-digest-auth.ts does). */
class BearerAttempt {
  token: AccessToken | undefined;
  resent = false;
}

const kBearer = Symbol("opsmanager.bearer");
type Config = InternalAxiosRequestConfig & { [kBearer]?: BearerAttempt };

export function withBearerAuth(http: AxiosInstance, tokens: TokenCache): void {
  http.interceptors.request.use(async (config: Config) => {
    const attempt = (config[kBearer] ??= new BearerAttempt());
    attempt.token = await tokens.get();
    config.headers.set("Authorization", `Bearer ${attempt.token.value}`);
    return config;
  });

  http.interceptors.response.use(async (response: AxiosResponse) => {
    const config = response.config as Config;
    const attempt = config[kBearer];
    if (response.status !== 401 || !attempt?.token || attempt.resent) return response;
    attempt.resent = true;
    tokens.refused(attempt.token);
    return http.request(config);
  });
}
