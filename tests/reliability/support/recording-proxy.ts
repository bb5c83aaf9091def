import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What the proxy saw of one request: enough to replay it (the test knows the key, so it can also sign its own). */
export interface SeenRequest {
  readonly method: string;
  readonly target: string;
  readonly authorization?: string;
  readonly body: string;
}

/** Requests to hold back: the proxy forwards them `ms` late, even when the client has given up by then. */
export interface Hold {
  readonly method: string;
  readonly ms: number;
  count: number;
}

/**
 * A plain HTTP forwarder in front of the emulator that records every request's Authorization header, as a
 * network observer would. The client talks to `url`; requests reach `upstream` byte for byte (same path and
 * query, so digest signatures stay valid). A dropped upstream connection drops the client's too.
 *
 * With `holdAnswers`, the server's answers reach the client late: the write is applied, the client does not know yet.
 * With `hold` set, matching signed requests reach the server late: a slow server that applies a write after the
 * client timed out and moved on (the emulator's own latency runs before it reads the body, so there a request the
 * client abandoned is never applied).
 */
export async function startRecordingProxy(upstream: string) {
  const seen: SeenRequest[] = [];
  const target = new URL(upstream);
  const state: { hold?: Hold; holdAnswers?: Hold } = {};
  const late: Promise<void>[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      seen.push({
        method: req.method ?? "",
        target: req.url ?? "",
        authorization: req.headers.authorization,
        body: body.toString("utf8"),
      });
      const forward = () =>
        new Promise<void>((resolve) => {
          const out = request(
            {
              hostname: target.hostname,
              port: target.port,
              method: req.method,
              path: req.url,
              headers: { ...req.headers, host: target.host },
              agent: false,
            },
            (answer) => {
              answer.on("end", resolve);
              if (res.destroyed) return void answer.resume();
              const held = state.holdAnswers;
              const wait =
                held && held.count > 0 && req.method === held.method && answer.statusCode === 200
                  ? (held.count--, held.ms)
                  : 0;
              answer.pause();
              setTimeout(() => {
                if (res.destroyed) return void answer.resume();
                res.writeHead(answer.statusCode ?? 502, answer.headers);
                answer.pipe(res);
              }, wait);
            },
          );
          out.on("error", () => {
            req.socket.destroy();
            resolve();
          });
          out.end(body);
        });
      const hold = state.hold;
      if (hold && hold.count > 0 && req.method === hold.method && req.headers.authorization) {
        hold.count -= 1;
        late.push(new Promise<void>((resolve) => setTimeout(() => void forward().then(resolve), hold.ms)));
      } else {
        void forward();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    /** Holds the next `count` signed requests with this method for `ms` before forwarding them. */
    hold(h: Hold) {
      state.hold = { ...h };
    },
    /** Holds the server's 200 answers to the next `count` requests with this method for `ms` (the server has applied them). */
    holdAnswers(h: Hold) {
      state.holdAnswers = { ...h };
    },
    /** Resolves when every held request has reached the server and been answered. */
    settled: () => Promise.all(late).then(() => undefined),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type RecordingProxy = Awaited<ReturnType<typeof startRecordingProxy>>;

/** The digest parameters of an Authorization header (nonce, nc, opaque, ...). */
export function digestParams(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g;
  const text = header.replace(/^\s*Digest\s+/i, "");
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2] : (m[3] ?? "");
  }
  return out;
}
