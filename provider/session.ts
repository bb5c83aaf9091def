import type * as CreateClient from "./client/create-client";
import type { OpsManagerClient } from "./client/types";
import { loadConnectionConfig, type ConnectionConfig } from "./config";
import { integrationTypes } from "./integrations/registry";

/** The connection a provider process uses: validated once, one client (so keep-alive and the digest nonce are reused). */
export interface Session {
  readonly config: ConnectionConfig;
  readonly client: OpsManagerClient;
}

/**
 * What the provider object carries between calls inside the provider process. `configure` fills `readConfig`;
 * the session is opened on first use, so `check` and `diff` (and so `preview`) never need credentials.
 */
export interface SessionHolder {
  readConfig?: (key: string) => string | undefined;
  session?: Session;
  /** Where warnings go; the engine that started this process when absent (engine-log.ts). Tests set it. */
  warn?: (message: string) => Promise<void>;
}

/** The server root (what users call the base URL), for URLs outside the Public API such as Prometheus's. */
export function serverUrl(session: Session): string {
  return session.config.apiBase.replace(/\/api\/public\/v1\.0$/, "");
}

/**
 * The holder's session, opened from stack config (falling back to the environment) on first use. The HTTP client
 * (axios, the proxy agent: ~80 ms to load) is required here, not imported at the top: a provider process that only
 * answers check and diff — every preview — never loads it.
 */
export function sessionOf(holder: SessionHolder): Session {
  if (!holder.session) {
    holder.session = openSession(loadConnectionConfig(holder.readConfig ?? (() => undefined), process.env));
  }
  return holder.session;
}

/** A session for validated settings: one client that knows this package's integration types. */
export function openSession(config: ConnectionConfig, options: CreateClient.ClientOptions = {}): Session {
  const { createClient } = require("./client/create-client") as typeof CreateClient;
  return { config, client: createClient(config, { knownTypes: integrationTypes, ...options }) };
}

/** Stores how to read stack config; called by the engine before any other method in a provider process. */
export function configure(holder: SessionHolder, get: (key: string) => unknown): void {
  holder.readConfig = (key) => {
    const value = get(key);
    if (value === undefined || value === null) return undefined;
    return typeof value === "string" ? value : JSON.stringify(value);
  };
  holder.session = undefined;
}
