import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";

/** A response as the tests look at it. */
export interface TestResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  /** The body parsed as JSON (throws when it is not JSON). */
  json(): any;
}

/** What to send; `target` is sent on the wire exactly as given (no normalisation). */
export interface RawRequest {
  readonly method: string;
  /** Server root, e.g. http://127.0.0.1:1234 */
  readonly origin: string;
  /** Path and query exactly as sent. */
  readonly target: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** Trusted CA for HTTPS. */
  readonly ca?: string;
}

/**
 * One HTTP(S) request with Node's own client (fetch would normalise the target and cannot take a CA without
 * undici). A connection reset rejects, which the drop-fault tests rely on.
 */
export function rawRequest(r: RawRequest): Promise<TestResponse> {
  const url = new URL(r.origin);
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      {
        method: r.method,
        hostname: url.hostname.replace(/^\[|\]$/g, ""),
        port: url.port,
        path: r.target,
        headers: { ...(r.body !== undefined ? { "content-type": "application/json" } : {}), ...r.headers },
        ca: r.ca,
        agent: false,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(r.body);
  });
}
