import { createClient } from "../../provider/client";
import { loadConnectionConfig } from "../../provider/config";
import type { Session } from "../../provider/session";
import { OWNER_KEY } from "../../emulator/defaults";

/** A provider session (config + one client) against an emulator, built from this repository's sources. */
export function sessionFor(apiBase: string, key: { publicKey: string; privateKey: string } = OWNER_KEY): Session {
  const settings: Record<string, string> = {
    "opsmanager:baseUrl": apiBase,
    "opsmanager:publicKey": key.publicKey,
    "opsmanager:privateKey": key.privateKey,
  };
  const config = loadConnectionConfig((k) => settings[k], {});
  return { config, client: createClient(config, { retryBaseDelayMs: 10 }) };
}
