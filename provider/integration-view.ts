import type { ServerIntegration } from "./client/types";
import { isMasked, maskSecret } from "./integrations/mask";
import type { IntegrationType } from "./generated/args";
import { findIntegration } from "./integrations/registry";

/** An integration as the server shows it, with every secret field masked and listed in `maskedFields`. */
export interface IntegrationView {
  readonly groupId: string;
  readonly type: IntegrationType;
  /** The server's id for the current configuration (changes on every update). */
  readonly integrationId?: string;
  /** Field values; secret fields only ever appear masked (`******` + last four characters). */
  readonly values: Readonly<Record<string, unknown>>;
  /** The fields whose values are masks, not real values. */
  readonly maskedFields: readonly string[];
}

/** Turns a server entry into a view that can be logged or exported: a server answering in clear is masked here. */
export function toView(groupId: string, entry: ServerIntegration): IntegrationView {
  const def = findIntegration(entry.type);
  const values: Record<string, unknown> = {};
  const maskedFields: string[] = [];
  for (const [name, value] of Object.entries(entry)) {
    if (name === "type" || name === "id") continue;
    const secret = def ? def.secretFields.includes(name) : true; // an unknown type's fields are all treated as secret
    if (secret && typeof value === "string") {
      values[name] = isMasked(value) ? value : maskSecret(value, "om");
      maskedFields.push(name);
    } else {
      values[name] = value;
    }
  }
  // Callers list only known types (the client is given them), so the cast holds; `def` is still checked above.
  return { groupId, type: entry.type as IntegrationType, integrationId: entry.id, values, maskedFields };
}
