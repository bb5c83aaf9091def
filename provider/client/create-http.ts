import axios, { type AxiosInstance } from "axios";
import type { ConnectionConfig } from "../config";
import type { Agents } from "./create-agents";

/** Larger answers are refused: the biggest real one (a 500-item page) is a few hundred KB. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * The client's one axios instance. Every status resolves (`validateStatus`) so errors are mapped in one place;
 * bodies stay text so a non-JSON answer is seen as such; no redirects are followed (the digest signature covers
 * the URL, and a redirect usually means a wrong baseUrl); `proxy: false` because the agents already decided.
 * No authentication: the client attaches digest or Bearer (create-client.ts); the token request goes out bare.
 */
export function createHttp(config: ConnectionConfig, agents: Agents): AxiosInstance {
  const http = axios.create({
    timeout: config.timeoutMs,
    proxy: false,
    maxRedirects: 0,
    validateStatus: () => true,
    responseType: "text",
    transformRequest: [(data: unknown) => data],
    transformResponse: [(data: unknown) => data],
    maxContentLength: MAX_BODY_BYTES,
    maxBodyLength: MAX_BODY_BYTES,
    httpAgent: agents.httpAgent,
    httpsAgent: agents.httpsAgent,
    headers: { Accept: "application/json", "User-Agent": "pulumi-opsmanager-integrations" },
    transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
  });
  return http;
}
