import { isMasked } from "./integrations/mask";
import type { AnyIntegration } from "./integrations/registry";

/**
 * The request body for POST/PUT, built from the user's inputs only (never from what the server showed).
 *
 * PUT merges the fields it is sent ("the request will update the changed fields"), so a field the user removed since
 * `previous` is sent with its documented default when it has one (Datadog's region "US", Slack's channelName "").
 * A removed field without one cannot be cleared in place on every server (a null may be ignored): `diff` replaces
 * the integration instead, and `update` checks the server's answer (see reconcile.ts `heldBeyond`).
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
    } else if (previous[name] !== undefined && spec.serverDefault !== undefined) {
      body[name] = spec.serverDefault;
    }
  }
  return body;
}
