import { toStoredSecret } from "./fingerprint";
import type { SplitProps } from "./props";

/**
 * The resource's outputs: its address, the integration's fields — secrets only as keyed fingerprints (see
 * fingerprint.ts: Pulumi's SDK logs outputs in clear at debug level) — the server's current integration id, and
 * the URLs the type exposes. Plain JSON only (Pulumi rejects undefined and silently empties Dates and Maps).
 * The resource's fingerprint key is an input only: it never appears here.
 */
export function outputs(
  props: SplitProps,
  fields: Record<string, unknown>,
  integrationId: unknown,
  serverUrl: string,
  viewKey?: Buffer,
): Record<string, unknown> {
  const out: Record<string, unknown> = { groupId: props.groupId, type: props.type };
  for (const [name, value] of Object.entries(fields)) {
    const spec = props.def.fields[name];
    const ctx = { where: `${props.groupId}/${props.type}/${name}`, resourceKey: props.fingerprintKey, viewKey };
    out[name] = spec?.secret ? toStoredSecret(value, ctx, !spec.writeOnly) : value;
  }
  if (props.adoptExisting) out.adoptExisting = true;
  if (props.secretVersion !== undefined) out.secretVersion = props.secretVersion;
  if (typeof integrationId === "string") out.integrationId = integrationId;
  out.endpoints = props.def.endpoints?.({ serverUrl, groupId: props.groupId }) ?? {};
  return out;
}
