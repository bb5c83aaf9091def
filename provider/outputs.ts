import type { SplitProps } from "./props";

/**
 * The resource's outputs: its address, the integration's fields, and the server's current integration id.
 * Plain JSON only (Pulumi rejects undefined and silently empties Dates and Maps), so absent values are left out.
 */
export function outputs(props: SplitProps, fields: Record<string, unknown>, integrationId: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = { groupId: props.groupId, type: props.type, ...fields };
  if (props.adoptExisting) out.adoptExisting = true;
  if (typeof integrationId === "string") out.integrationId = integrationId;
  return out;
}
