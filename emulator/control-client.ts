import { httpsTransport, type ControlTransport } from "./control-transport";
import type { FaultRule } from "./faults";
import type { ApiKey, ServiceAccount } from "./options";
import type { RequestLogEntry } from "./request-log";
import type { SeedOptions } from "./seed";
import type { Settings, SettingsPatch } from "./settings";
import type { StoredIntegration, StoreSnapshot } from "./store";
import type { TokenView } from "./tokens";

/** A control-plane call that did not succeed; `body` is the emulator's error body. */
export class ControlError extends Error {
  override name = "ControlError";
  constructor(readonly status: number, readonly body: unknown, what: string) {
    super(`${what} failed with ${status}: ${JSON.stringify(body)}`);
  }
}

const seg = encodeURIComponent;

/**
 * A tiny typed client for the emulator's control plane (`/__emulator`), on Node's global fetch. Tests use it to
 * set up state, script faults and count round trips; it never touches the emulated API.
 */
export class ControlClient {
  private readonly transport: ControlTransport;

  /**
   * @param controlUrl e.g. `http://127.0.0.1:41234/__emulator` (RunningEmulator.controlUrl)
   * @param options.ca the certificate to trust when the emulator serves HTTPS with a self-signed one
   */
  constructor(readonly controlUrl: string, options: { ca?: string | Buffer } = {}) {
    this.transport = options.ca ? httpsTransport(options.ca) : (url, init) => fetch(url, init);
  }

  /** Back to the configured start: no integrations, default settings, no faults, empty log, nonces forgotten. */
  async reset(): Promise<void> {
    await this.call("POST", "/reset");
  }

  /** Stores an integration (replacing any), validated by the registry unless `unvalidated`; returns it raw. */
  seed(groupId: string, type: string, fields: Record<string, unknown>, options: Pick<SeedOptions, "unvalidated"> = {}): Promise<StoredIntegration> {
    return this.call("PUT", `/groups/${seg(groupId)}/integrations/${seg(type)}${query(options)}`, fields);
  }

  /** Changes fields of a stored integration behind the provider's back (as a UI edit would); its id changes. */
  change(groupId: string, type: string, fields: Record<string, unknown>, options: Pick<SeedOptions, "unvalidated"> = {}): Promise<StoredIntegration> {
    return this.call("PATCH", `/groups/${seg(groupId)}/integrations/${seg(type)}${query(options)}`, fields);
  }

  /** Deletes an integration behind the provider's back; false when there was none. */
  async remove(groupId: string, type: string): Promise<boolean> {
    return (await this.call("DELETE", `/groups/${seg(groupId)}/integrations/${seg(type)}`, undefined, [404])) !== NOT_FOUND;
  }

  /** The raw, unmasked state: everything, or one group's integrations. */
  raw(): Promise<StoreSnapshot>;
  raw(groupId: string): Promise<StoredIntegration[]>;
  raw(groupId?: string): Promise<StoreSnapshot | StoredIntegration[]> {
    return this.call("GET", groupId === undefined ? "/state" : `/groups/${seg(groupId)}/integrations`);
  }

  /** Creates a group (no-op when it exists). */
  async addGroup(groupId: string): Promise<void> {
    await this.call("PUT", `/groups/${seg(groupId)}`);
  }

  /** Deletes a group and its integrations; false when there was none. */
  async removeGroup(groupId: string): Promise<boolean> {
    return (await this.call("DELETE", `/groups/${seg(groupId)}`, undefined, [404])) !== NOT_FOUND;
  }

  /** Adds or replaces an API key; groups named in its roles are created. */
  addKey(key: ApiKey): Promise<ApiKey> {
    const { publicKey, ...rest } = key;
    return this.call("PUT", `/keys/${seg(publicKey)}`, rest);
  }

  /** Deletes an API key; false when there was none. */
  async removeKey(publicKey: string): Promise<boolean> {
    return (await this.call("DELETE", `/keys/${seg(publicKey)}`, undefined, [404])) !== NOT_FOUND;
  }

  /** Queues a scripted fault; returns the whole queue. */
  fault(rule: FaultRule): Promise<FaultRule[]> {
    return this.call("POST", "/faults", rule);
  }

  /** The pending faults with their remaining counts. */
  faults(): Promise<FaultRule[]> {
    return this.call("GET", "/faults");
  }

  async clearFaults(): Promise<void> {
    await this.call("DELETE", "/faults");
  }

  /** Changes settings (nonce lifetime, mask style, rate limit, latency) and returns them all; no patch reads them. */
  settings(patch?: SettingsPatch): Promise<Settings> {
    return patch === undefined ? this.call("GET", "/settings") : this.call("PATCH", "/settings", patch);
  }

  /** The API request log, oldest first. */
  requests(): Promise<RequestLogEntry[]> {
    return this.call("GET", "/requests");
  }

  /** Adds or replaces a service account (its roles' groups are created). */
  async addServiceAccount(account: ServiceAccount): Promise<void> {
    const { clientId, ...rest } = account;
    await this.call("PUT", `/service-accounts/${seg(clientId)}`, rest);
  }

  async removeServiceAccount(clientId: string): Promise<boolean> {
    return (await this.call("DELETE", `/service-accounts/${seg(clientId)}`, undefined, [404])) !== NOT_FOUND;
  }

  /** Issued Bearer tokens (without their values). */
  async tokens(): Promise<TokenView[]> {
    return this.call("GET", "/tokens");
  }

  /** Ends every issued token now (of one service account, or all), as if its lifetime had run out. */
  async expireTokens(clientId?: string): Promise<number> {
    return (await this.call<{ expired: number }>("POST", `/tokens/expire${clientId ? `?clientId=${encodeURIComponent(clientId)}` : ""}`)).expired;
  }

  /** Revokes every issued token now (of one service account, or all). */
  async revokeTokens(clientId?: string): Promise<number> {
    return (await this.call<{ revoked: number }>("POST", `/tokens/revoke${clientId ? `?clientId=${encodeURIComponent(clientId)}` : ""}`)).revoked;
  }

  async clearRequests(): Promise<void> {
    await this.call("DELETE", "/requests");
  }

  private async call<T>(method: string, path: string, body?: unknown, tolerated: number[] = []): Promise<T> {
    const response = await this.transport(this.controlUrl + path, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (tolerated.includes(response.status)) return NOT_FOUND as T;
    if (!response.ok) throw new ControlError(response.status, parsed, `${method} ${path}`);
    return parsed as T;
  }
}

/** Marks a tolerated 404 inside `call`. */
const NOT_FOUND = Symbol("not found");

function query(options: Pick<SeedOptions, "unvalidated">): string {
  return options.unvalidated ? "?unvalidated=true" : "";
}
