import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { PLUGIN_DOWNLOAD_URL } from "../../../provider/plugin/release";

/**
 * A plugin download server on an ephemeral port: serves the files of `dir` by name with their Content-Length (the
 * engine's downloader reads the size from it) and logs every request, as a company mirror of the release would.
 */
export class DownloadServer {
  readonly requests: string[] = [];
  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async serve(dir: string): Promise<DownloadServer> {
    const requests: string[] = [];
    const server = http.createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      const file = path.join(dir, path.basename(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)));
      if (req.method !== "GET" || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "Content-Type": "application/gzip", "Content-Length": fs.statSync(file).size });
      fs.createReadStream(file).pipe(res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const self = new DownloadServer(server, `http://127.0.0.1:${port}/downloads`);
    (self as { requests: string[] }).requests = requests;
    return self;
  }

  /**
   * `PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES` sending the engine here instead of the schema's `pluginDownloadURL`: a
   * `regexp=URL` pair whose regexp matches the start of that URL (pulumi/pulumi sdk/go/common/workspace/plugins.go).
   */
  overrides(): string {
    const origin = PLUGIN_DOWNLOAD_URL.slice(0, PLUGIN_DOWNLOAD_URL.indexOf("/releases/"));
    return `^${origin.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/=${this.url}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
