import { request } from "node:https";

/** The part of a fetch Response the control client reads. */
export interface TransportResponse {
  readonly status: number;
  readonly ok: boolean;
  text(): Promise<string>;
}

/** A fetch-shaped function the control client calls. */
export type ControlTransport = (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => Promise<TransportResponse>;

/**
 * A transport that trusts `ca`, for an emulator serving HTTPS with a test-made certificate: Node's global fetch
 * cannot be given a CA without the undici package, and the control plane shares the API's port and TLS.
 */
export function httpsTransport(ca: string | Buffer): ControlTransport {
  return (url, init) =>
    new Promise((resolve, reject) => {
      const req = request(url, { method: init.method, headers: init.headers, ca }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          resolve({ status, ok: status >= 200 && status < 300, text: async () => text });
        });
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(init.body);
    });
}
