import * as pulumi from "@pulumi/pulumi";
import { connectionSettings } from "./config";

let warned = false;

/**
 * Warns once per program when TLS verification is switched off. The warning is raised in the program, not the
 * provider: a dynamic provider's own output is not shown to the user, a program's `pulumi.log.warn` is.
 */
export function warnIfInsecure(get: (key: string) => string | undefined = pulumi.runtime.getConfig, env: NodeJS.ProcessEnv = process.env): boolean {
  const { key, env: variable } = connectionSettings.insecureSkipVerify;
  const value = get(key) ?? env[variable];
  if (warned || value?.trim().toLowerCase() !== "true") return false;
  warned = true;
  void pulumi.log.warn(
    `${key} (${variable}) is true: the Ops Manager server's TLS certificate is not verified, so anyone on the network ` +
      `path can impersonate it and read the integrations' secrets. Trust its CA with ${connectionSettings.caCert.key} instead.`,
  );
  return true;
}
