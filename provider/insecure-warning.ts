import type * as Pulumi from "@pulumi/pulumi";
import { connectionSettings, isLoopbackUrl, parseFlag, rawSetting } from "./connection-settings";

/**
 * The warnings owed for connection settings that weaken security, read from raw settings (stack config first, then
 * the environment) with the same flag parser the provider uses, so "1" warns exactly like "true". Shared by the
 * program (below) and the export command.
 */
export function securityWarnings(get: (key: string) => string | undefined, env: NodeJS.ProcessEnv): string[] {
  const raw = (s: { key: string; env: string }) => rawSetting(s, get, env);
  const warnings: string[] = [];
  const skip = connectionSettings.insecureSkipVerify;
  const skipValue = raw(skip);
  if (parseFlag(skipValue)) {
    warnings.push(
      `${skip.key} (${skip.env}) is ${skipValue}: the Ops Manager server's TLS certificate is not verified, so anyone on the network ` +
        `path can impersonate it and read the integrations' secrets. Trust its CA with ${connectionSettings.caCert.key} instead.`,
    );
  }
  const http = connectionSettings.allowHttp;
  const baseUrl = raw(connectionSettings.baseUrl);
  if (parseFlag(raw(http)) && baseUrl && /^http:\/\//i.test(baseUrl) && !isLoopbackUrl(baseUrl)) {
    warnings.push(
      `${http.key} (${http.env}) lets ${connectionSettings.baseUrl.key} use http:// to another machine: the integrations' secrets ` +
        `cross the network in clear and anyone on the path can change what is sent. Use https://.`,
    );
  }
  const noQop = connectionSettings.allowDigestWithoutQop;
  if (parseFlag(raw(noQop))) {
    warnings.push(`${noQop.key} (${noQop.env}) is on: a digest answer without qop can be replayed by anyone who sees it.`);
  }
  return warnings;
}

let warned = false;

/**
 * Warns once per program (see {@link securityWarnings}). The warning is raised in the program, not the provider:
 * a dynamic provider's own output is not shown to the user, a program's `pulumi.log.warn` is.
 */
export function warnIfInsecure(get?: (key: string) => string | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  if (warned) return false;
  const pulumi = require("@pulumi/pulumi") as typeof Pulumi;
  const warnings = securityWarnings(get ?? ((key) => pulumi.runtime.getConfig(key)), env);
  if (warnings.length === 0) return false;
  warned = true;
  for (const w of warnings) void pulumi.log.warn(w);
  return true;
}
