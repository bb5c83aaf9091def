import { BlockList, isIP } from "node:net";
import type { ProxySettings } from "../proxy-settings";

/** Whether `host`/`port` matches one NO_PROXY entry: `*`, a name (and its subdomains), `.suffix`, `*.suffix`, an IP or CIDR, each optionally `:port`. */
function matches(entry: string, host: string, port: string): boolean {
  if (entry === "*") return true;
  let name = entry;
  let entryPort: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) [, name = "", entryPort] = bracketed;
  else if ((entry.match(/:/g) ?? []).length === 1) [name = "", entryPort] = entry.split(":");
  if (entryPort !== undefined && entryPort !== port) return false;
  const cidr = /^(.+)\/(\d{1,3})$/.exec(name);
  if (cidr && isIP(cidr[1] ?? "") && isIP(host)) {
    const family = isIP(cidr[1] ?? "") === 6 ? "ipv6" : "ipv4";
    if ((isIP(host) === 6 ? "ipv6" : "ipv4") !== family) return false;
    const list = new BlockList();
    list.addSubnet(cidr[1] ?? "", Number(cidr[2]), family);
    return list.check(host, family);
  }
  name = name.replace(/^\*?\./, "");
  return host === name || host.endsWith(`.${name}`);
}

/**
 * The proxy URL a request to `url` must go through, or undefined to connect directly. HTTPS_PROXY applies to
 * https:// servers, HTTP_PROXY to http:// ones, and NO_PROXY (as curl reads it) exempts hosts. The settings come
 * from {@link loadConnectionConfig}; this function never reads the environment itself.
 */
export function proxyFor(url: string | URL, proxy: ProxySettings): string | undefined {
  const u = typeof url === "string" ? new URL(url) : url;
  const chosen = u.protocol === "https:" ? proxy.httpsProxy : u.protocol === "http:" ? proxy.httpProxy : undefined;
  if (!chosen) return undefined;
  const host = u.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const port = u.port || (u.protocol === "https:" ? "443" : "80");
  const entries = (proxy.noProxy ?? "").toLowerCase().split(/[\s,]+/).filter(Boolean);
  return entries.some((e) => matches(e, host, port)) ? undefined : chosen;
}
