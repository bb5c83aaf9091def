import type { WriteRequest } from "./client/types";
import { isMasked } from "./integrations/mask";
import type { SplitProps } from "./split-props";

/*
 * The one place a request body is built: from a resource's split props to what goes on the wire, with the values
 * the client must redact from any error.
 */

/**
 * The POST/PUT body, built from the user's inputs only (never from what the server showed), `type` included, and
 * the secret values in it, which the client scrubs from every error and log line.
 *
 * PUT merges the fields it is sent ("the request will update the changed fields"), so a field the user removed since
 * `previous` is sent with its documented default when it has one (Datadog's region "US", Slack's channelName "").
 * A removed field without one cannot be cleared in place on every server (a null may be ignored): `diff` replaces
 * the integration instead, and `update` checks the server's answer (see reconcile.ts `heldBeyond`).
 */
export function writeRequest(props: SplitProps, previous: Record<string, unknown> = {}): WriteRequest {
  const { def, fields } = props;
  const body: Record<string, unknown> = { type: def.type };
  const secrets: string[] = [];
  for (const [name, spec] of Object.entries(def.fields)) {
    const value = fields[name];
    if (value !== undefined) {
      // Sending a mask back would store "******1234" as the secret (a bug peers shipped); refuse loudly instead.
      if (spec.secret && isMasked(value)) {
        throw new Error(`${def.type}.${name} looks like a masked value ("******..."); set the real secret in code`);
      }
      body[name] = value;
      if (spec.secret && typeof value === "string") secrets.push(value);
    } else if (previous[name] !== undefined && spec.serverDefault !== undefined) {
      body[name] = spec.serverDefault;
    }
  }
  return { body, secrets };
}
