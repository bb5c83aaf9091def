import type { ServerIntegration } from "./client/types";
import { DRIFT, secretFitsServer } from "./fingerprint";
import type { AnyIntegration } from "./integrations/registry";

/** Where the fields live and the key for mask checks (see fingerprint.ts); absent when comparing plaintext. */
export interface ReconcileContext {
  readonly groupId: string;
  readonly viewKey?: Buffer;
}

/**
 * What state should say a field holds, given what we stored and what the server shows.
 *
 * Secrets are never learned from the server: a mask (or a clear value, from older servers) that fits what state
 * holds keeps it; one that does not — the secret was rotated outside code — is recorded as the drift marker, so
 * the next diff sees a change and `up` restores the secret from code. Write-only fields (never returned) keep
 * what we stored.
 */
export function reconcileFields(
  def: AnyIntegration,
  stored: Record<string, unknown>,
  server: ServerIntegration,
  where: ReconcileContext = { groupId: "" },
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(def.fields)) {
    const mine = stored[name];
    const theirs = server[name];
    let value: unknown;
    if (spec.writeOnly) value = mine;
    else if (theirs === undefined || theirs === null) value = undefined;
    else if (spec.secret && typeof theirs === "string") {
      const ctx = { where: `${where.groupId}/${def.type}/${name}`, ...(where.viewKey ? { viewKey: where.viewKey } : {}) };
      value = secretFitsServer(mine, theirs, ctx) ? mine : DRIFT;
    } else if (mine === undefined && theirs === spec.serverDefault) value = undefined; // the default we never set
    else value = theirs;
    if (value !== undefined) result[name] = value;
  }
  return result;
}

/** Whether the server holds what we sent (for adopting our own write after its answer was lost). */
export function sameAsServer(def: AnyIntegration, sent: Record<string, unknown>, server: ServerIntegration): boolean {
  const seen = reconcileFields(def, sent, server);
  return Object.entries(def.fields).every(([n, spec]) => (seen[n] ?? spec.serverDefault) === (sent[n] ?? spec.serverDefault));
}
