import { isMasked } from "./integrations/mask";
import type { AnyIntegration } from "./integrations/registry";

/**
 * The request body for POST/PUT, built from the user's inputs only (never from what the server showed).
 *
 * PUT merges the fields it is sent, so a field the user removed since `previous` must be cleared explicitly:
 * with its server default when it has one, otherwise with null.
 */
export function requestBody(
  def: AnyIntegration,
  fields: Record<string, unknown>,
  previous: Record<string, unknown> = {},
): Record<string, unknown> {
  const body: Record<string, unknown> = { type: def.type };
  for (const [name, spec] of Object.entries(def.fields)) {
    const value = fields[name];
    if (value !== undefined) {
      // Sending a mask back would store "******1234" as the secret (a bug peers shipped); refuse loudly instead.
      if (spec.secret && isMasked(value)) {
        throw new Error(`${def.type}.${name} looks like a masked value ("******..."); set the real secret in code`);
      }
      body[name] = value;
    } else if (previous[name] !== undefined) {
      body[name] = spec.serverDefault ?? null;
    }
  }
  return body;
}
