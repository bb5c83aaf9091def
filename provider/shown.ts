/** An Ops Manager project (group) id: 24 hexadecimal characters. */
export const GROUP_ID = /^[0-9a-fA-F]{24}$/;

/**
 * A short, safe rendering of a bad value for a message: no secret can be long enough to matter, and none is echoed
 * whole (a string over 40 characters is described by its length only).
 */
export function shown(value: unknown): string {
  if (typeof value === "string") return value.length > 40 ? `a ${value.length}-character string` : JSON.stringify(value);
  return value === null ? "null" : typeof value;
}

/** The one sentence for a value that is not a project id, naming the argument (`groupId`, `--group`). */
export function groupIdReason(value: unknown, name = "groupId"): string {
  return `${name} must be an Ops Manager project id (24 hexadecimal characters), got ${shown(value)}`;
}
