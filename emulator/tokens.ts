import { randomBytes } from "node:crypto";
import type { ServiceAccount } from "./options";

/** One issued access token, as the emulator remembers it. */
interface IssuedToken {
  readonly clientId: string;
  expiresAt: number;
  revoked: boolean;
}

/** What the control plane shows of a token: never its value. */
export interface TokenView {
  readonly clientId: string;
  readonly expiresAt: string;
  readonly expired: boolean;
  readonly revoked: boolean;
}

/**
 * The service accounts and the access tokens issued to them ("Generate Service Account Token", "Revoke Service
 * Account Token": https://www.mongodb.com/docs/cloud-manager/reference/api/service-accounts/). In memory only: a
 * data file keeps integrations, not sessions, so a restarted emulator knows no token (as a client would expect
 * of any server restart: it fetches a new one after the 401).
 */
export class TokenRegistry {
  private accounts = new Map<string, ServiceAccount>();
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    private readonly configured: readonly ServiceAccount[],
    private readonly now: () => number = Date.now,
  ) {
    this.clear();
  }

  /** The account whose client credentials these are, or undefined (unknown ID or wrong secret). */
  authenticate(clientId: string, clientSecret: string): ServiceAccount | undefined {
    const account = this.accounts.get(clientId);
    return account && account.clientSecret === clientSecret ? account : undefined;
  }

  /** A new opaque token for `clientId`, valid for `lifetimeSeconds`. */
  issue(clientId: string, lifetimeSeconds: number): string {
    const value = `emu_at_${randomBytes(24).toString("base64url")}`;
    this.tokens.set(value, { clientId, expiresAt: this.now() + lifetimeSeconds * 1000, revoked: false });
    return value;
  }

  /** The account a live token belongs to; undefined when it is unknown, expired, revoked or its account is gone. */
  accountOf(token: string): ServiceAccount | undefined {
    const t = this.tokens.get(token);
    if (!t || t.revoked || this.now() >= t.expiresAt) return undefined;
    return this.accounts.get(t.clientId);
  }

  /** Revokes one token of `clientId` (the revoke endpoint: a token of another account is left alone). */
  revoke(token: string, clientId: string): void {
    const t = this.tokens.get(token);
    if (t && t.clientId === clientId) t.revoked = true;
  }

  /** Control plane: ends every live token (of one account, or all) now, as if its lifetime had run out. Returns how many. */
  expireAll(clientId?: string): number {
    return this.each(clientId, (t) => (t.expiresAt = Math.min(t.expiresAt, this.now())));
  }

  /** Control plane: revokes every live token (of one account, or all). Returns how many. */
  revokeAll(clientId?: string): number {
    return this.each(clientId, (t) => (t.revoked = true));
  }

  /** Control plane: what was issued, without the values. */
  list(): TokenView[] {
    return [...this.tokens.values()].map((t) => ({
      clientId: t.clientId,
      expiresAt: new Date(t.expiresAt).toISOString(),
      expired: this.now() >= t.expiresAt,
      revoked: t.revoked,
    }));
  }

  putAccount(account: ServiceAccount): void {
    this.accounts.set(account.clientId, structuredClone(account));
  }

  removeAccount(clientId: string): boolean {
    return this.accounts.delete(clientId);
  }

  /** Back to the configured accounts, no token issued. */
  clear(): void {
    this.accounts = new Map(this.configured.map((a) => [a.clientId, structuredClone(a)]));
    this.tokens.clear();
  }

  private each(clientId: string | undefined, fn: (t: IssuedToken) => void): number {
    const now = this.now();
    const hit = [...this.tokens.values()].filter((t) => !t.revoked && now < t.expiresAt && (clientId === undefined || t.clientId === clientId));
    hit.forEach(fn);
    return hit.length;
  }
}
