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
 * MongoDB's pages disagree on what a PUT does with a field it is not sent (the update page: it merges; the
 * integrations overview: it replaces), so a field the user removed since `previous` is sent with its documented
 * default when it has one (Datadog's region "US", Slack's channelName ""), and as `null` when it has none: a
 * replacing server drops it either way, a merging one that clears null drops it, and on one that keeps it `update`
 * sees it in the answer and re-creates the integration (lifecycle.ts, reconcile.ts `heldBeyond`). A field the API
 * lists as required but the UI defaults (`alwaysSent`: Prometheus's listenAddress) is always sent, its default
 * when code leaves it out.
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
    } else if (spec.serverDefault !== undefined && (previous[name] !== undefined || spec.alwaysSent)) {
      body[name] = spec.serverDefault;
    } else if (previous[name] !== undefined) {
      body[name] = null;
    }
  }
  return { body, secrets };
}
