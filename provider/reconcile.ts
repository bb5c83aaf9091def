import { isMasked, matchesMask } from "./integrations/mask";
import type { AnyIntegration } from "./integrations/registry";
import type { ServerIntegration } from "./client/types";

/**
 * What state should say a field holds, given what we stored and what the server shows.
 *
 * Secrets are never learned from the server: a mask whose visible characters fit the stored secret keeps the
 * stored secret; one that does not (rotated outside code) is recorded as the mask itself, so the next diff sees
 * a change and `up` restores the secret from code. A server that answers in clear is compared exactly.
 * Write-only fields (never returned) keep what we stored.
 */
export function reconcileFields(
  def: AnyIntegration,
  stored: Record<string, unknown>,
  server: ServerIntegration,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(def.fields)) {
    const mine = stored[name];
    const theirs = server[name];
    let value: unknown;
    if (spec.writeOnly) value = mine;
    else if (spec.secret && isMasked(theirs)) value = typeof mine === "string" && matchesMask(mine, theirs) ? mine : theirs;
    else if (theirs === undefined || theirs === null) value = undefined;
    else if (mine === undefined && theirs === spec.serverDefault) value = undefined; // the default we never set
    else value = theirs;
    if (value !== undefined) result[name] = value;
  }
  return result;
}

/** Fields that differ between what we sent and what the server now shows (for adopting after a lost answer). */
export function sameAsServer(def: AnyIntegration, sent: Record<string, unknown>, server: ServerIntegration): boolean {
  const seen = reconcileFields(def, sent, server);
  return Object.keys(def.fields).every((n) => (seen[n] ?? def.fields[n]?.serverDefault) === (sent[n] ?? def.fields[n]?.serverDefault));
}
