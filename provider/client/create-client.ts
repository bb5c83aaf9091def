import type { ConnectionConfig } from "../config";
import { createAgents } from "./create-agents";
import { createHttp } from "./create-http";
import { deleteIntegration } from "./delete-integration";
import { getIntegration } from "./get-integration";
import { listGroup } from "./list-integrations";
import { Pacer } from "./pacer";
import { ProjectReads, type ReadWindow } from "./project-reads";
import type { RequestEvent, Transport } from "./send-request";
import type { OpsManagerClient } from "./types";
import { writeIntegration } from "./write-integration";

/** Knobs that are not connection settings: a debug hook, and backoff timing (tests shorten it). */
export interface ClientOptions {
  /** Called after every HTTP attempt with method, URL, status or error code and timing; never headers or bodies. */
  readonly onRequest?: (event: RequestEvent) => void;
  /** Backoff ceiling for the first retry; doubles per retry. Default 500 ms. */
  readonly retryBaseDelayMs?: number;
  /** Largest backoff ceiling. Default 20 s. */
  readonly retryMaxDelayMs?: number;
  /** Overrides config.maxRetryTimeMs. */
  readonly maxRetryTimeMs?: number;
  /** Source of jitter in [0, 1). Default Math.random. */
  readonly random?: () => number;
  /** How long concurrent reads of a project are collected into one list request. Default {@link READ_WINDOW}. */
  readonly readWindow?: ReadWindow;
}

/**
 * Reads are collected until none arrived for 50 ms, for at most 2 s after a batch's first read (see ProjectReads
 * for the measurements behind these figures); the cost is up to that much latency per read.
 */
export const READ_WINDOW: ReadWindow = { idleMs: 50, maxWaitMs: 2000 };

/** The client, plus `close()` to release its keep-alive sockets (optional: idle sockets do not keep Node alive). */
export interface OpsManagerHttpClient extends OpsManagerClient {
  close(): void;
}

/**
 * A client for one Ops Manager server and API key. Options become a fully defaulted transport once: one axios
 * instance with keep-alive agents and the digest interceptor, so the nonce and the sockets are reused by every
 * call. Create one per provider process, not per call.
 */
export function createClient(config: ConnectionConfig, options: ClientOptions = {}): OpsManagerHttpClient {
  const agents = createAgents(config);
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  const now = () => Date.now();
  const t: Transport = {
    http: createHttp(config, agents),
    apiBase: config.apiBase,
    privateKey: config.privateKey,
    timeoutMs: config.timeoutMs,
    policy: {
      maxRetries: config.maxRetries,
      maxRetryTimeMs: options.maxRetryTimeMs ?? config.maxRetryTimeMs,
      baseDelayMs: options.retryBaseDelayMs ?? 500,
      maxDelayMs: options.retryMaxDelayMs ?? 20_000,
      random: options.random ?? Math.random,
    },
    onRequest: options.onRequest ?? (() => {}),
    sleep,
    now,
    pacer: new Pacer(now, sleep),
  };
  const reads = new ProjectReads((groupId) => listGroup(t, groupId), options.readWindow ?? READ_WINDOW, now);
  return {
    getIntegration: (groupId, type) => getIntegration(t, groupId, type),
    readIntegration: async (groupId, type) => (await reads.read(groupId)).integrations.find((e) => e.type === type),
    createIntegration: (groupId, type, fields) => reads.write(groupId, () => writeIntegration(t, "POST", groupId, type, fields)),
    putIntegration: (groupId, type, fields) => reads.write(groupId, () => writeIntegration(t, "PUT", groupId, type, fields)),
    deleteIntegration: (groupId, type) => reads.write(groupId, () => deleteIntegration(t, groupId, type)),
    listIntegrations: async (groupId) => [...(await reads.read(groupId)).integrations],
    listGroup: (groupId) => reads.read(groupId),
    close: () => agents.destroy(),
  };
}
