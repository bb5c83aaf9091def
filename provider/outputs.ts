import type { SplitProps } from "./props";

/**
 * The resource's outputs: its address, the integration's fields, the server's current integration id, and the
 * URLs the type exposes. Plain JSON only (Pulumi rejects undefined and silently empties Dates and Maps), so
 * absent values are left out.
 */
export function outputs(props: SplitProps, fields: Record<string, unknown>, integrationId: unknown, serverUrl: string): Record<string, unknown> {
  const out: Record<string, unknown> = { groupId: props.groupId, type: props.type, ...fields };
  if (props.adoptExisting) out.adoptExisting = true;
  if (props.secretVersion !== undefined) out.secretVersion = props.secretVersion;
  if (typeof integrationId === "string") out.integrationId = integrationId;
  out.endpoints = props.def.endpoints?.({ serverUrl, groupId: props.groupId }) ?? {};
  return out;
}
