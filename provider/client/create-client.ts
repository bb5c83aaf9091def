import { credentialSecret, type ConnectionConfig } from "../config";
import { ApiError, serverErrorCodes } from "../errors";
import { integrationPageSchema, invalidAnswer, parseAnswer, serverIntegrationSchema, toServerIntegration } from "./answers";
import { createAgents } from "./create-agents";
import { createHttp } from "./create-http";
import { integrationPath } from "./integration-path";
import { Pacer } from "./pacer";
import { ProjectReads } from "./project-reads";
import { requestToken, SERVICE_ACCOUNT_HINT } from "./request-token";
import { sendRequest, type RequestEvent, type Transport } from "./send-request";
import { TokenCache } from "./token-cache";
import type { GroupListing, OpsManagerClient, ServerIntegration, WriteRequest } from "./types";
import { withBearerAuth } from "./with-bearer-auth";
import { withDigestAuth } from "./with-digest-auth";

/** Knobs that are not connection settings: the types the caller manages, a debug hook, backoff timing. */
export interface ClientOptions {
  /**
   * The integration types the caller manages: a list puts the others (a newer server's types) in
   * `unknownTypes`. Default: every type the server lists counts as known.
   */
  readonly knownTypes?: readonly string[];
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
}

/** The API's maximum page size: one request covers every real project. */
export const ITEMS_PER_PAGE = 500;
/** A server that never ends its paging is broken; stop instead of looping forever. */
const MAX_PAGES = 100;

/** The client, plus `close()` to release its keep-alive sockets (optional: idle sockets do not keep Node alive). */
export interface OpsManagerHttpClient extends OpsManagerClient {
  close(): void;
}

/**
 * A client for one Ops Manager server and API key (or service account). Options become a fully defaulted
 * transport once: one axios instance with keep-alive agents and the digest interceptor (or the Bearer one and its
 * token cache), so the nonce or token and the sockets are reused by every call. Create one per provider process,
 * not per call. Reads of a project wait for this process's writes to it, and refresh's reads share one list per
 * project until a write or `readSnapshotMs` ends it (ProjectReads).
 */
export function createClient(config: ConnectionConfig, options: ClientOptions = {}): OpsManagerHttpClient {
  const agents = createAgents(config);
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  const now = () => Date.now();
  const policy = {
    maxRetries: config.maxRetries,
    maxRetryTimeMs: options.maxRetryTimeMs ?? config.maxRetryTimeMs,
    baseDelayMs: options.retryBaseDelayMs ?? 500,
    maxDelayMs: options.retryMaxDelayMs ?? 20_000,
    random: options.random ?? Math.random,
  };
  const http = createHttp(config, agents);
  const account = config.serviceAccount;
  // A service account: one token cache per client, filled through a bare instance of its own (the token endpoint
  // has its own rate limit, so its own pacer too). Otherwise digest with the API key.
  const tokenTransport = account && common(createHttp(config, agents), () => [account.clientSecret]);
  const tokens = account && tokenTransport ? new TokenCache(() => requestToken(tokenTransport, account), now) : undefined;
  function common(instance: typeof http, credentialSecrets: () => readonly string[]): Transport {
    const onRequest = options.onRequest ?? (() => {});
    return { http: instance, apiBase: config.apiBase, credentialSecrets, timeoutMs: config.timeoutMs, policy, onRequest, sleep, now, pacer: new Pacer(now, sleep) };
  }
  if (tokens) withBearerAuth(http, tokens);
  else withDigestAuth(http, { username: config.publicKey ?? "", password: config.privateKey ?? "" }, { allowNoQop: config.allowDigestWithoutQop });
  const secret = credentialSecret(config);
  const t: Transport = {
    ...common(http, tokens ? () => [secret, ...tokens.secrets()] : () => [secret]),
    ...(account ? { unauthorizedHint: SERVICE_ACCOUNT_HINT } : {}),
  };
  const known = options.knownTypes && new Set(options.knownTypes);
  const isKnown = (type: string) => !known || known.has(type);
  const reads = new ProjectReads((groupId) => listGroup(t, groupId, isKnown), config.readSnapshotMs, now);
  return {
    fetchIntegration: (groupId, type) => fetchIntegration(t, groupId, type),
    readIntegration: async (groupId, type) => (await reads.read(groupId)).integrations.find((e) => e.type === type),
    createIntegration: (groupId, type, request) => reads.write(groupId, () => writeIntegration(t, "POST", groupId, type, request)),
    putIntegration: (groupId, type, request) => reads.write(groupId, () => writeIntegration(t, "PUT", groupId, type, request)),
    deleteIntegration: (groupId, type) => reads.write(groupId, () => deleteIntegration(t, groupId, type)),
    // Lookups and the export command list afresh: they run in the program or the CLI, whose snapshots no write
    // of the provider process could drop, and they have no refresh's hundreds of reads to save.
    listIntegrations: async (groupId) => [...(await reads.fresh(groupId)).integrations],
    listGroup: (groupId) => reads.fresh(groupId),
    close: () => agents.destroy(),
  };
}

/** True for the one 404 that means "absent": other 404s (GROUP_NOT_FOUND, a wrong baseUrl) are real errors. */
function isNotConfigured(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404 && error.errorCode === serverErrorCodes.INTEGRATION_NOT_CONFIGURED;
}

/** GET one integration; undefined when the project has none of that type. */
async function fetchIntegration(t: Transport, groupId: string, type: string): Promise<ServerIntegration | undefined> {
  let answer;
  try {
    answer = await sendRequest(t, { method: "GET", path: integrationPath(groupId, type) });
  } catch (error) {
    if (isNotConfigured(error)) return undefined;
    throw error;
  }
  const entry = parseAnswer(answer, serverIntegrationSchema, `a ${type} integration`);
  if (entry.type !== type) throw invalidAnswer(answer, `a ${type} integration expected, but the answer has type ${JSON.stringify(entry.type.slice(0, 40))}`);
  return entry;
}

/**
 * Everything a project holds, following `pageNum` until the entries seen reach `totalCount` or a page comes back
 * empty (or short, when a server omits totalCount). Types the caller does not know are kept apart.
 */
async function listGroup(t: Transport, groupId: string, isKnown: (type: string) => boolean): Promise<GroupListing> {
  const integrations: ServerIntegration[] = [];
  const unknownTypes: string[] = [];
  let seen = 0;
  for (let pageNum = 1; pageNum <= MAX_PAGES; pageNum++) {
    const path = `${integrationPath(groupId)}?pageNum=${pageNum}&itemsPerPage=${ITEMS_PER_PAGE}`;
    const answer = await sendRequest(t, { method: "GET", path });
    const page = parseAnswer(answer, integrationPageSchema, "a page of integrations");
    for (const [i, entry] of page.results.entries()) {
      const found = toServerIntegration(entry, answer, `results.${i}`); // throws on a malformed entry
      if (isKnown(found.type)) integrations.push(found);
      else unknownTypes.push(found.type);
    }
    seen += page.results.length;
    const done = page.totalCount === undefined ? page.results.length < ITEMS_PER_PAGE : seen >= page.totalCount;
    if (page.results.length === 0 || done) return { integrations, unknownTypes };
    if (pageNum === MAX_PAGES) throw invalidAnswer(answer, `paging did not end after ${MAX_PAGES} pages`);
  }
  return { integrations, unknownTypes };
}

/**
 * POST (create) or PUT (upsert) the caller's body and return the entry of that type from the answer, which lists
 * every integration of the project (a bare object is accepted too). A POST that meets an existing one rejects
 * with errorCode INTEGRATION_ALREADY_CONFIGURED, even if the server's 409 body did not say so.
 */
async function writeIntegration(t: Transport, method: "POST" | "PUT", groupId: string, type: string, request: WriteRequest): Promise<ServerIntegration> {
  let answer;
  try {
    answer = await sendRequest(t, { method, path: integrationPath(groupId, type), body: request.body, secrets: request.secrets });
  } catch (error) {
    if (method === "POST" && error instanceof ApiError && error.status === 409 && !error.errorCode) {
      const code = serverErrorCodes.INTEGRATION_ALREADY_CONFIGURED;
      throw new ApiError({ ...error.fields, errorCode: code, code });
    }
    throw error;
  }
  const value = parseAnswer(answer, integrationPageSchema.or(serverIntegrationSchema), `the project's integrations`);
  const entries = "results" in value && Array.isArray(value.results) ? value.results : [value];
  for (const [i, entry] of entries.entries()) {
    const found = toServerIntegration(entry, answer, `results.${i}`);
    if (found.type === type) return found;
  }
  throw invalidAnswer(answer, `the answer lists no ${type} integration`);
}

/** DELETE; true when removed (200 or 204), false when it was already gone (404 INTEGRATION_NOT_CONFIGURED). */
async function deleteIntegration(t: Transport, groupId: string, type: string): Promise<boolean> {
  try {
    await sendRequest(t, { method: "DELETE", path: integrationPath(groupId, type) });
    return true;
  } catch (error) {
    if (isNotConfigured(error)) return false;
    throw error;
  }
}
