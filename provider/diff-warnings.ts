import type { ExplainedDiff } from "./diff";
import { findIntegration } from "./integrations/registry";

/** The README section that explains what removing a field costs on each kind of server. */
const REMOVING = 'README "Removing a field from code"';

/**
 * What `preview` and `up` must say that a diff cannot carry (the engine's DiffResult has no prose). Never a secret:
 * fields are named, values never shown.
 *
 * - A removed field is an update (diff.ts): one PUT, which is all it costs where PUT replaces the configuration (the
 *   integrations overview page) or clears a null. Where PUT merges (the update page), the PUT's answer shows the
 *   field kept and the same `up` deletes and re-creates the integration; the preview cannot know which server it is.
 * - A field whose change the docs warn about (the type's `onChange`, e.g. PagerDuty's serviceKey) gets that warning.
 */
export function diffWarnings(news: Record<string, unknown>, { result, changes }: ExplainedDiff): string[] {
  const def = findIntegration(news.type);
  if (!def) return [];
  const where = `${def.type} in project ${String(news.groupId)}`;
  const replacing = (result.replaces ?? []).length > 0;
  // Removed fields with a documented default are sent as that default, so only the others depend on the server.
  const removed = changes.filter((c) => c.kind === "delete" && def.fields[c.name]?.serverDefault === undefined).map((c) => c.name);
  const changed = changes.map((c) => c.name);
  const warnings: string[] = [];
  if (removed.length > 0 && !replacing) {
    warnings.push(
      `${where}: ${removed.join(", ")} removed from code. The update sends one PUT without ${removed.length > 1 ? "them" : "it"}; ` +
        "a server whose PUT replaces the configuration (or clears a field sent as null) then holds exactly the code's fields. " +
        `A server whose PUT merges keeps ${removed.length > 1 ? "them" : "it"}: the same up then deletes the integration and creates it ` +
        `again, and alerts raised in between have no ${def.label} integration (${REMOVING}).`,
    );
  }
  for (const name of changed) {
    const note = def.onChange?.[name];
    if (note) warnings.push(`${where}: ${name} changes. ${note}`);
  }
  return warnings;
}
