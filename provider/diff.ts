import type * as pulumi from "@pulumi/pulumi";
import { FINGERPRINT_KEY, sameSecret } from "./fingerprint";
import { findIntegration } from "./integrations/registry";
import { storedFields } from "./outputs";
import { UNKNOWN } from "./split-props";

/** Inputs whose change needs a new integration: the natural id is `{groupId}/{TYPE}`. */
const REPLACE_ON = ["groupId", "type"] as const;

/**
 * Compares stored outputs with new inputs, with no API call. Secrets are compared with the fingerprint state
 * holds, keyed with the resource's fingerprint key that check put into the new inputs; a field absent on one side
 * equals the server's default for it (Slack's channelName reads back as ""); a value unknown during preview counts
 * as a change. Removing a field with no default replaces the integration (delete, then create), since a PUT may
 * keep what it is not sent.
 */
export function diff(stored: Record<string, unknown>, news: Record<string, unknown>): pulumi.dynamic.DiffResult {
  const olds = storedFields(stored);
  const replaces = REPLACE_ON.filter((k) => news[k] === UNKNOWN || olds[k] !== news[k]);
  if (replaces.length > 0) return { changes: true, replaces: [...replaces] };
  const def = findIntegration(news.type);
  if (!def) return { changes: true }; // check rejects unknown types; never claim "no change" on what we can't read
  // A field removed from code that has no documented default cannot be cleared in place on a server that ignores
  // null (undocumented), so the integration is deleted and created again with exactly the new configuration. The
  // preview names the field as the reason for the replacement.
  const removed = Object.entries(def.fields)
    .filter(([name, spec]) => olds[name] !== undefined && news[name] === undefined && spec.serverDefault === undefined)
    .map(([name]) => name);
  if (removed.length > 0) return { changes: true, replaces: removed, deleteBeforeReplace: true };
  if (news.secretVersion === UNKNOWN || olds.secretVersion !== news.secretVersion) return { changes: true };
  const key = news[FINGERPRINT_KEY];
  const changed = Object.entries(def.fields).some(([name, spec]) => {
    const before = olds[name] ?? spec.serverDefault;
    const after = news[name] ?? spec.serverDefault;
    if (after === UNKNOWN) return true;
    if (!spec.secret) return before !== after;
    const ctx = { where: `${String(news.groupId)}/${def.type}/${name}`, ...(typeof key === "string" ? { resourceKey: key } : {}) };
    return !sameSecret(before, after, ctx);
  });
  return { changes: changed };
}
