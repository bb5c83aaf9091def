import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A listening test server: its root URL and a close that also drops keep-alive connections. */
export interface Listening {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1, port 0 (the OS picks a free port). `host` only changes the URL (e.g. "localhost" for TLS names). */
export async function listen(server: Server, scheme: "http" | "https" = "http", host = "127.0.0.1"): Promise<Listening> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${scheme}://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
