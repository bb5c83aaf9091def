import { errorCodes, OpsManagerError } from "../errors";
import { shown as describe } from "../shown";

/**
 * One path segment, or the problem with it. Percent-encoding alone is not enough: `.` and `..` are not encoded and
 * would move the request up the path (`/groups/../integrations`), and an encoded slash or backslash is decoded by
 * some servers and proxies. Such values are never a project id or a type (issue 15).
 */
function segment(name: string, value: unknown, what: string): string {
  if (typeof value !== "string" || value.trim() === "" || value === "." || value === ".." || /[/\\\p{Cc}]/u.test(value)) {
    throw new OpsManagerError(`${name} must be ${what}, without slashes, "." or ".." (got ${describe(value)}).`, {
      code: errorCodes.INVALID_ARGUMENT,
    });
  }
  return encodeURIComponent(value);
}

/**
 * `/groups/{groupId}/integrations[/{TYPE}]`, each segment checked and percent-encoded so an odd value can never
 * change the path (or the digest `uri`). A bad segment is a caller bug: thrown before any request.
 */
export function integrationPath(groupId: string, type?: string): string {
  const base = `/groups/${segment("groupId", groupId, "a non-empty project id (24 hex characters in Ops Manager)")}/integrations`;
  return type === undefined ? base : `${base}/${segment("type", type, "an integration type such as SLACK")}`;
}
