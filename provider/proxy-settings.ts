import { ConfigError, errorCodes } from "./errors";
import { printable, redactUrl } from "./redact";

/** Environment variables read for proxying, first match wins (curl's names). */
export const proxyVariables = {
  httpsProxy: ["HTTPS_PROXY", "https_proxy"],
  httpProxy: ["HTTP_PROXY", "http_proxy"],
  noProxy: ["NO_PROXY", "no_proxy"],
} as const;

/** Proxy settings read from the environment once, in `loadConnectionConfig` (config.ts), then passed down. */
export interface ProxySettings {
  /** Proxy for https:// servers (normalized URL, may carry user-info for proxy authentication). */
  readonly httpsProxy?: string;
  /** Proxy for http:// servers. */
  readonly httpProxy?: string;
  /** Hosts that bypass the proxy: comma or space separated names, `.suffix`, `host:port`, IPs, or `*`. */
  readonly noProxy?: string;
}

/** Proxy URLs from the environment; scheme-less values (`proxy:3128`) mean http:// as in curl. */
export function loadProxy(env: NodeJS.ProcessEnv): ProxySettings {
  const pick = (names: readonly string[]) => {
    for (const n of names) {
      const v = env[n]?.trim();
      if (v) return { name: n, value: v };
    }
    return undefined;
  };
  const url = (found: { name: string; value: string } | undefined): string | undefined => {
    if (!found) return undefined;
    try {
      const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(found.value) ? found.value : `http://${found.value}`);
      if (u.protocol === "http:" || u.protocol === "https:") return u.href;
    } catch {
      /* reported below */
    }
    throw new ConfigError(
      `Environment variable ${found.name} ("${printable(redactUrl(found.value), [], 80)}") is not a proxy URL such as http://proxy.example.com:3128. Fix or unset it.`,
      { code: errorCodes.CONFIG_INVALID, settings: [found.name] },
    );
  };
  const httpsProxy = url(pick(proxyVariables.httpsProxy));
  const httpProxy = url(pick(proxyVariables.httpProxy));
  const noProxy = pick(proxyVariables.noProxy)?.value;
  return { ...(httpsProxy ? { httpsProxy } : {}), ...(httpProxy ? { httpProxy } : {}), ...(noProxy ? { noProxy } : {}) };
}
