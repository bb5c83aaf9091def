import { connectionSettings, rawSetting, SERVER_VERSION } from "./connection-settings";
import type { Target } from "./integrations/availability";

/** Cloud Manager's only address (its API pages: "Base URL: https://cloud.mongodb.com/api/public/v1.0"). */
const CLOUD_MANAGER_HOST = "cloud.mongodb.com";

/**
 * What the provider knows of its server without asking it (preview makes no request): Cloud Manager from its URL,
 * Ops Manager's version from `opsmanager:serverVersion` (the API does not expose one: the root resource gives only
 * a build hash). Undefined when neither says; a server refusal then explains itself at `up`.
 */
export function targetFrom(get: (key: string) => string | undefined, env: NodeJS.ProcessEnv): Target | undefined {
  const read = (s: { key: string; env: string }) => rawSetting(s, get, env);
  const baseUrl = read(connectionSettings.baseUrl);
  try {
    if (baseUrl && new URL(baseUrl).hostname.toLowerCase() === CLOUD_MANAGER_HOST) return { product: "cloud-manager" };
  } catch {
    // A malformed URL is reported when the connection is opened, with the setting's name.
  }
  const version = read(connectionSettings.serverVersion);
  return version && SERVER_VERSION.test(version) ? { product: "ops-manager", version } : undefined;
}
