import { toStoredSecret } from "./fingerprint";
import type { SplitProps } from "./props";

/**
 * The resource's outputs: its address, the integration's fields — secrets only as fingerprints (see
 * fingerprint.ts: Pulumi's SDK logs outputs in clear at debug level) — the server's current integration id, and
 * the URLs the type exposes. Plain JSON only (Pulumi rejects undefined and silently empties Dates and Maps).
 */
export function outputs(
  props: SplitProps,
  fields: Record<string, unknown>,
  integrationId: unknown,
  serverUrl: string,
  previous: Record<string, unknown> = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = { groupId: props.groupId, type: props.type };
  for (const [name, value] of Object.entries(fields)) {
    out[name] = props.def.fields[name]?.secret ? toStoredSecret(value, previous[name]) : value;
  }
  if (props.adoptExisting) out.adoptExisting = true;
  if (props.secretVersion !== undefined) out.secretVersion = props.secretVersion;
  if (typeof integrationId === "string") out.integrationId = integrationId;
  out.endpoints = props.def.endpoints?.({ serverUrl, groupId: props.groupId }) ?? {};
  return out;
}
