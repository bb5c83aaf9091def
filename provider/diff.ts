import type * as pulumi from "@pulumi/pulumi";
import { DRIFT, FINGERPRINT_KEY, isFingerprint, sameSecret } from "./fingerprint";
import { findIntegration } from "./integrations/registry";
import { storedFields } from "./outputs";
import { UNKNOWN } from "./split-props";

/** Inputs whose change needs a new integration: the natural id is `{groupId}/{TYPE}`. */
const REPLACE_ON = ["groupId", "type"] as const;

/**
 * One property the diff found changing, as the engine's detailed diff names it: added, deleted or updated, whether
 * it forces a replacement, and whether it is a secret field. A secret's old value is only in the old inputs (state's
 * outputs keep its fingerprint under another name), so it is displayed from there (`[secret] => [secret]`); any
 * other field's old value is the one in state's outputs, which is the server's after a refresh.
 */
export interface PropertyChange {
  readonly name: string;
  readonly kind: "add" | "delete" | "update";
  readonly replace: boolean;
  readonly secret: boolean;
  /** A secret whose stored fingerprint is comparable and differs from the new value: the change was made in code. */
  readonly changedInCode?: boolean;
}

/** The diff, and the properties behind it (empty when nothing changes). */
export interface ExplainedDiff {
  readonly result: pulumi.dynamic.DiffResult;
  readonly changes: readonly PropertyChange[];
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
  return explainDiff(stored, news).result;
}

/** {@link diff}, with each property that changes named (for the engine's detailed diff: `pulumi preview --diff`). */
export function explainDiff(stored: Record<string, unknown>, news: Record<string, unknown>): ExplainedDiff {
  const olds = storedFields(stored);
  const replaced = REPLACE_ON.filter((k) => news[k] === UNKNOWN || olds[k] !== news[k]);
  if (replaced.length > 0) {
    const changes = replaced.map((name) => ({ name, kind: "update" as const, replace: true, secret: false }));
    return { result: { changes: true, replaces: [...replaced] }, changes };
  }
  const def = findIntegration(news.type);
  if (!def) return { result: { changes: true }, changes: [] }; // check rejects unknown types; never claim "no change" on what we can't read
  const key = news[FINGERPRINT_KEY];
  const changes: PropertyChange[] = [];
  for (const [name, spec] of Object.entries(def.fields)) {
    const before = olds[name] ?? spec.serverDefault;
    const after = news[name] ?? spec.serverDefault;
    let changed: boolean;
    if (after === UNKNOWN) changed = true;
    else if (!spec.secret) changed = before !== after;
    else {
      const ctx = { where: `${String(news.groupId)}/${def.type}/${name}`, ...(typeof key === "string" ? { resourceKey: key } : {}) };
      changed = !sameSecret(before, after, ctx);
    }
    if (!changed) continue;
    // A field removed from code is an update (one PUT; lifecycle.ts re-creates only if the answer shows it kept),
    // except a write-only field the server never shows: no answer could prove it gone, so the integration is deleted
    // and created again with exactly the new configuration, and the preview names the field as the reason.
    const removed = olds[name] !== undefined && news[name] === undefined;
    const unseen = removed && spec.serverDefault === undefined && spec.writeOnly && !spec.shownWhenSet;
    const kind = olds[name] === undefined ? "add" : news[name] === undefined ? "delete" : "update";
    const changedInCode = spec.secret && kind === "update" && after !== UNKNOWN && isFingerprint(olds[name]) && olds[name] !== DRIFT;
    changes.push({ name, kind, replace: unseen, secret: spec.secret === true, ...(changedInCode ? { changedInCode } : {}) });
  }
  const replaces = changes.filter((c) => c.replace).map((c) => c.name);
  if (replaces.length > 0) return { result: { changes: true, replaces, deleteBeforeReplace: true }, changes };
  if (news.secretVersion === UNKNOWN || olds.secretVersion !== news.secretVersion) {
    const kind = olds.secretVersion === undefined ? "add" : news.secretVersion === undefined ? "delete" : "update";
    changes.push({ name: "secretVersion", kind, replace: false, secret: false });
  }
  return { result: { changes: changes.length > 0 }, changes };
}
