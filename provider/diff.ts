import type * as pulumi from "@pulumi/pulumi";
import { FINGERPRINT_KEY, sameSecret } from "./fingerprint";
import { findIntegration } from "./integrations/registry";
import { storedFields } from "./outputs";
import { UNKNOWN } from "./split-props";

/** Inputs whose change needs a new integration: the natural id is `{groupId}/{TYPE}`. */
const REPLACE_ON = ["groupId", "type"] as const;

/** What changes between state and the new inputs, by field, for messages: the engine's diff carries no prose. */
export interface FieldChanges {
  /** Fields removed from code that have no documented default: one PUT clears them only on some servers. */
  readonly removed: readonly string[];
  /** Fields whose value changes (secrets compared by fingerprint), added ones included. */
  readonly changed: readonly string[];
}

/**
 * Compares stored outputs with new inputs, with no API call. Secrets are compared with the fingerprint state
 * holds, keyed with the resource's fingerprint key that check put into the new inputs; a field absent on one side
 * equals the server's default for it (Slack's channelName reads back as ""); a value unknown during preview counts
 * as a change.
 *
 * A field removed from code is an update: one PUT, which clears it on a server whose PUT replaces the configuration
 * (or clears a null); on a server that merges, the update sees the field kept in the PUT's answer and deletes and
 * re-creates the integration (lifecycle.ts). Only a removed field the server never shows (write-only, so no answer
 * can prove it gone) still replaces the integration, delete first, naming the field.
 */
export function diff(stored: Record<string, unknown>, news: Record<string, unknown>): pulumi.dynamic.DiffResult {
  const olds = storedFields(stored);
  const replaces = REPLACE_ON.filter((k) => news[k] === UNKNOWN || olds[k] !== news[k]);
  if (replaces.length > 0) return { changes: true, replaces: [...replaces] };
  const def = findIntegration(news.type);
  if (!def) return { changes: true }; // check rejects unknown types; never claim "no change" on what we can't read
  const unseen = fieldChanges(stored, news).removed.filter((name) => def.fields[name]?.writeOnly && !def.fields[name]?.shownWhenSet);
  if (unseen.length > 0) return { changes: true, replaces: unseen, deleteBeforeReplace: true };
  if (news.secretVersion === UNKNOWN || olds.secretVersion !== news.secretVersion) return { changes: true };
  return { changes: fieldChanges(stored, news).changed.length > 0 };
}

/** The fields {@link diff} sees removed or changed (empty for a type change or an unknown type). */
export function fieldChanges(stored: Record<string, unknown>, news: Record<string, unknown>): FieldChanges {
  const olds = storedFields(stored);
  const def = findIntegration(news.type);
  if (!def || olds.type !== news.type) return { removed: [], changed: [] };
  const removed = Object.entries(def.fields)
    .filter(([name, spec]) => olds[name] !== undefined && news[name] === undefined && spec.serverDefault === undefined)
    .map(([name]) => name);
  const key = news[FINGERPRINT_KEY];
  const changed = Object.entries(def.fields)
    .filter(([name, spec]) => {
      const before = olds[name] ?? spec.serverDefault;
      const after = news[name] ?? spec.serverDefault;
      if (after === UNKNOWN) return true;
      if (!spec.secret) return before !== after;
      const ctx = { where: `${String(news.groupId)}/${def.type}/${name}`, ...(typeof key === "string" ? { resourceKey: key } : {}) };
      return !sameSecret(before, after, ctx);
    })
    .map(([name]) => name);
  return { removed, changed };
}
