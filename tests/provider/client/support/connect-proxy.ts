import { createServer, type IncomingMessage } from "node:http";
import { connect, type Socket } from "node:net";
import { listen } from "./listen";

/**
 * A tiny HTTP CONNECT proxy on port 0: logs each tunnel target (and the Proxy-Authorization it was given),
 * then pipes bytes both ways. `requireAuth` answers 407 to tunnels without those Basic credentials.
 */
export async function startConnectProxy(o: { requireAuth?: string } = {}) {
  const tunnels: { target: string; proxyAuthorization?: string }[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((_req, res) => {
    res.writeHead(405).end("CONNECT only");
  });
  server.on("connect", (req: IncomingMessage, client: Socket, head: Buffer) => {
    sockets.add(client);
    const target = req.url ?? "";
    const auth = req.headers["proxy-authorization"];
    tunnels.push({ target, ...(auth ? { proxyAuthorization: auth } : {}) });
    if (o.requireAuth && auth !== `Basic ${Buffer.from(o.requireAuth).toString("base64")}`) {
      client.end("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    const [host = "", port = ""] = target.split(/:(?=\d+$)/);
    const upstream = connect(Number(port), host.replace(/^\[|\]$/g, ""), () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    const end = () => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on("error", end);
    client.on("error", end);
  });
  const listening = await listen(server);
  return {
    url: listening.url,
    tunnels,
    close: async () => {
      sockets.forEach((s) => s.destroy());
      await listening.close();
    },
  };
}
