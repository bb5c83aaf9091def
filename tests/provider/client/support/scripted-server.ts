import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { createDigestGuard, type DigestGuard, type DigestGuardOptions } from "./digest-guard";
import { listen } from "./listen";

/** One scripted answer. `body` strings are sent as is, anything else as JSON. */
export interface Reply {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  /** Never answer (the client must time out). */
  readonly hang?: boolean;
  /** Drop the connection without answering (ECONNRESET / socket hang up). */
  readonly drop?: boolean;
}

export interface LoggedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
  /** Passed the digest guard (false for challenge round trips). */
  readonly served: boolean;
  readonly at: number;
  /** The client's port: the same port across requests means the connection was kept alive. */
  readonly remotePort: number;
}

export type Script = readonly (Reply | ((req: LoggedRequest) => Reply))[] | ((req: LoggedRequest, index: number) => Reply);

export interface ScriptedServerOptions {
  readonly script: Script;
  /** Require digest auth (challenge round trips are logged but do not consume the script). */
  readonly digest?: DigestGuardOptions;
  readonly tls?: { key: string; cert: string };
  /** Host name put in `url` (TLS tests need the certificate's name). */
  readonly host?: string;
}

/**
 * A real server on port 0 answering from a script, logging every request: the retry and error-mapping specs
 * assert on this log (octokit's style). When the script runs out, the last reply repeats.
 */
export async function startScriptedServer(o: ScriptedServerOptions) {
  const log: LoggedRequest[] = [];
  const guard: DigestGuard | undefined = o.digest ? createDigestGuard(o.digest) : undefined;
  let served = 0;
  const hung: ServerResponse[] = [];

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const check = guard?.check(req);
      const entry: LoggedRequest = {
        method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8"),
        served: !check || check.ok, at: Date.now(), remotePort: req.socket.remotePort ?? 0,
      };
      log.push(entry);
      if (check && !check.ok) {
        res.writeHead(check.status, { ...check.headers, "Content-Type": "application/json" });
        res.end(JSON.stringify({ reason: "Unauthorized", error: 401, detail: "You are not authorized for this resource." }));
        return;
      }
      const index = served++;
      const step = typeof o.script === "function" ? o.script(entry, index) : o.script[Math.min(index, o.script.length - 1)];
      const reply = typeof step === "function" ? step(entry) : (step ?? { status: 500 });
      if (reply.hang) return void hung.push(res);
      if (reply.drop) return void req.socket.destroy();
      const body = reply.body === undefined ? "" : typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
      const type = typeof reply.body === "string" ? "text/html" : "application/json";
      res.writeHead(reply.status ?? 200, { "Content-Type": type, ...reply.headers });
      res.end(body);
    });
  };

  const server = o.tls ? createHttpsServer(o.tls, handler) : createHttpServer(handler);
  const listening = await listen(server, o.tls ? "https" : "http", o.host);
  return {
    url: listening.url,
    log,
    /** Requests that passed the guard and consumed the script. */
    served: () => log.filter((r) => r.served),
    guard,
    close: async () => {
      hung.forEach((r) => r.destroy());
      await listening.close();
    },
  };
}

export type ScriptedServer = Awaited<ReturnType<typeof startScriptedServer>>;
