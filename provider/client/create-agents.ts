import * as http from "node:http";
import * as https from "node:https";
import { checkServerIdentity as checkIdentity, rootCertificates, type PeerCertificate } from "node:tls";
import { HttpsProxyAgent } from "https-proxy-agent";
import type { ConnectionConfig } from "../config";
import { proxyFor } from "./proxy-for";

/** The agents of one client: keep-alive pools that honour caCert, insecureSkipVerify and the proxy settings. */
export interface Agents {
  readonly httpAgent: http.Agent;
  readonly httpsAgent: http.Agent;
  /** The proxy in use, if any (with user-info; redact before showing). */
  readonly proxy?: string;
  /** Closes pooled sockets. */
  destroy(): void;
}

/**
 * Idle pooled sockets are closed after this long, well before servers and load balancers drop idle
 * connections (Jetty, nginx, ELB: 30–75 s), so a request rarely lands on a socket the server is closing.
 */
const FREE_SOCKET_TIMEOUT_MS = 4_000;

type TlsOptions = { ca?: string[]; rejectUnauthorized: boolean };
type ConnectOpts = Parameters<HttpsProxyAgent<string>["connect"]>[1];

/**
 * https-proxy-agent upgrades the tunnel to TLS with the request's options only (it replaces the agent's own
 * `options`), so `ca` and `rejectUnauthorized` given to its constructor would reach the proxy, not the server.
 *
 * It also drops `host` and sets no `servername` for an IP-address target (7.0.6), and Node then checks the
 * certificate against the name "localhost" (issue 15). So the identity check is pinned to the target host here,
 * the one in baseUrl, whatever the agent passes on.
 */
class TlsTunnelAgent extends HttpsProxyAgent<string> {
  constructor(proxy: string, private readonly tls: TlsOptions, options: http.AgentOptions) {
    super(proxy, options);
  }

  override connect(req: http.ClientRequest, opts: ConnectOpts) {
    const target = String(opts.host ?? "").replace(/^\[|\]$/g, "");
    const checkServerIdentity = (_name: string, cert: PeerCertificate) => checkIdentity(target, cert);
    return super.connect(req, { ...opts, ...this.tls, checkServerIdentity } as ConnectOpts);
  }
}

/** Builds the agents once per client; the proxy decision is made once too, since every call goes to `apiBase`. */
export function createAgents(config: ConnectionConfig): Agents {
  const tls: TlsOptions = {
    rejectUnauthorized: !config.insecureSkipVerify,
    ...(config.caCert ? { ca: [...rootCertificates, config.caCert] } : {}),
  };
  const pool: http.AgentOptions = { keepAlive: true, timeout: FREE_SOCKET_TIMEOUT_MS };
  const proxy = proxyFor(config.apiBase, config.proxy);
  if (proxy) {
    const agent = new TlsTunnelAgent(proxy, tls, pool);
    return { httpAgent: agent, httpsAgent: agent, proxy, destroy: () => agent.destroy() };
  }
  const httpAgent = new http.Agent(pool);
  const httpsAgent = new https.Agent({ ...pool, ...tls });
  return {
    httpAgent,
    httpsAgent,
    destroy: () => {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
