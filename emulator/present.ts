import { maskSecret, type MaskStyle } from "../provider/integrations/mask";
import type { IntegrationLookup } from "./options";
import type { StoredIntegration } from "./store";

/** The wire view of an integration: `id`, `type` and its fields, secrets masked, write-only fields left out. */
export type PresentedIntegration = Record<string, unknown> & { readonly id: string; readonly type: string };

/**
 * What the server shows for a stored integration: fields never sent appear with their `serverDefault` (Datadog's
 * region "US", Slack's channelName ""). Keys are sorted as Ops Manager's JSON serialiser sorts them.
 * A type the registry does not know (seeded unvalidated) is shown as stored, since its secrets are unknown.
 */
export function presentIntegration(
  stored: StoredIntegration,
  lookup: IntegrationLookup,
  style: MaskStyle,
  webhookSecret: "masked" | "redacted" = "redacted",
): PresentedIntegration {
  const def = lookup(stored.type);
  const view: Record<string, unknown> = { id: stored.id, type: stored.type };
  for (const [name, value] of Object.entries(stored.fields)) {
    if (name === "id" || name === "type") continue;
    const spec = def?.fields[name];
    if (spec?.writeOnly && !spec.shownWhenSet) continue;
    view[name] = spec?.secret && typeof value === "string" ? maskSecret(value, style, spec.kind === "url" ? "url" : "text") : value;
    // "the secret is completely redacted" (settings.ts webhookSecret, the default); `masked` shows the last four.
    if (spec?.mayBeRedacted && webhookSecret === "redacted" && style !== "clear") view[name] = "******";
  }
  for (const [name, spec] of Object.entries(def?.fields ?? {})) {
    if (view[name] === undefined && spec.serverDefault !== undefined && !spec.writeOnly) view[name] = spec.serverDefault;
  }
  const sorted = Object.fromEntries(Object.keys(view).sort().map((k) => [k, view[k]]));
  return sorted as PresentedIntegration;
}
