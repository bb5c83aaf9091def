import { errorCodes, OpsManagerError } from "../errors";

/**
 * `/groups/{groupId}/integrations[/{TYPE}]`, each segment percent-encoded so an odd id can never change the
 * path (or the digest `uri`). An empty or control-character id is a caller bug: thrown before any request.
 */
export function integrationPath(groupId: string, type?: string): string {
  if (typeof groupId !== "string" || groupId.trim() === "" || /[\p{Cc}]/u.test(groupId)) {
    throw new OpsManagerError("groupId must be a non-empty project id (24 hex characters in Ops Manager).", {
      code: errorCodes.INVALID_ARGUMENT,
    });
  }
  const base = `/groups/${encodeURIComponent(groupId)}/integrations`;
  return type === undefined ? base : `${base}/${encodeURIComponent(type)}`;
}
