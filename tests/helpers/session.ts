import type { ClientOptions, OpsManagerHttpClient } from "../../provider/client";
import { loadConnectionConfig } from "../../provider/config";
import { openSession, type Session } from "../../provider/session";
import { OWNER_KEY, type KeyPair } from "../../emulator/defaults";

/** A provider session whose client can be closed. */
export interface TestSession extends Session {
  readonly client: OpsManagerHttpClient;
}

/**
 * A provider session built the way the provider builds one (loadConnectionConfig → openSession), against an
 * emulator or any server, with extra stack settings (`opsmanager:maxRetries`, `opsmanager:caCert`, ...), another
 * API key, and fast backoff.
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
  return openSession(config, { retryBaseDelayMs: 10, retryMaxDelayMs: 50, ...options }) as TestSession;
}
