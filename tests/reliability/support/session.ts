import { createClient, type ClientOptions, type OpsManagerHttpClient } from "../../../provider/client";
import { loadConnectionConfig } from "../../../provider/config";
import type { Session } from "../../../provider/session";
import { OWNER_KEY, type KeyPair } from "../../../emulator/defaults";

/** A provider session whose client can be closed; what the reliability suites drive the provider with. */
export interface TestSession extends Session {
  readonly client: OpsManagerHttpClient;
}

/**
 * A provider session built the way the provider builds one (loadConnectionConfig → createClient), with extra stack
 * settings (`opsmanager:maxRetries`, `opsmanager:timeoutSeconds`, `opsmanager:caCert`, ...) and fast backoff.
 */
export function sessionWith(
  baseUrl: string,
  settings: Record<string, string> = {},
  key: KeyPair = OWNER_KEY,
  options: ClientOptions = {},
): TestSession {
  const all: Record<string, string> = {
    "opsmanager:baseUrl": baseUrl,
    "opsmanager:publicKey": key.publicKey,
    "opsmanager:privateKey": key.privateKey,
    ...settings,
  };
  const config = loadConnectionConfig((k) => all[k], {});
  return { config, client: createClient(config, { retryBaseDelayMs: 10, retryMaxDelayMs: 50, ...options }) };
}

/** Runs `fn` and returns its value or the error it threw (never rethrows). */
export async function outcome<T>(
  fn: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    return { ok: false, error };
  }
}
