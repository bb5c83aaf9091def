import { findIntegration } from "../integrations/registry";

/**
 * The string values of `fields` that must never appear in an error: the type's secret fields, plus any field the
 * registry does not know (we cannot tell, so we assume secret).
 */
export function secretValues(type: string, fields: Record<string, unknown>): string[] {
  const def = findIntegration(type);
  const secret = new Set<string>(def?.secretFields ?? []);
  const known = new Set(Object.keys(def?.fields ?? {}));
  return Object.entries(fields)
    // `type` and the server's `id` travel in bodies too; they are not secrets, and scrubbing them would turn every
    // message about a WEBHOOK into one about "[REDACTED]".
    .filter(([name]) => name !== "type" && name !== "id")
    .filter(([name, value]) => typeof value === "string" && (secret.has(name) || !known.has(name)))
    .map(([, value]) => value as string);
}
