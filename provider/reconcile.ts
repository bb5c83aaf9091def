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
 * the next diff sees a change and `up` restores the secret from code. Write-only fields (never returned), and
 * fields a server may leave out (legacy Slack's teamName) when it does, keep what we stored.
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
    if (spec.writeOnly || (spec.mayBeOmitted && theirs === undefined)) value = mine;
    else if (isUnset(theirs)) value = undefined;
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

/** A server value that means "not set": absent, null, or "" for a field with no default (no input can be ""). */
function isUnset(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

/**
 * The fields the server holds that `fields` does not set (values other than the field's documented default).
 * PUT merges, and what a server does with a field sent as null is undocumented, so a field removed from code may
 * still be there after an update: this is how the provider notices. Write-only fields are never shown, so they
 * cannot be checked here, except those a server shows while it holds one (`shownWhenSet`).
 */
export function heldBeyond(def: AnyIntegration, fields: Record<string, unknown>, server: ServerIntegration): string[] {
  return Object.entries(def.fields)
    .filter(([name, spec]) => fields[name] === undefined && (!spec.writeOnly || spec.shownWhenSet) && !isUnset(server[name]) && server[name] !== spec.serverDefault)
    .map(([name]) => name);
}
