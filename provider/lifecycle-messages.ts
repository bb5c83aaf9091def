import type { ApiError } from "./errors";

/*
 * The lifecycle's own wording of the failures users meet most: a type the server does not accept, Slack created
 * outside the UI, a 409, a field the server kept.
 */

/** Create was refused because the server does not know the type; says which products document it. */
export function typeNotAccepted(type: string, err: ApiError, documentedFor: string): string {
  return (
    `The server does not accept integration type ${type} (${err.status} ${err.errorCode}: ${err.detail}). ` +
    `${type} is documented for ${documentedFor}. Set opsmanager:serverVersion to have preview check this before any request.`
  );
}

/** Why a UI-only type (Slack) cannot be created here, and the way to manage it anyway. */
export function connectInUiFirst(label: string, type: string, groupId: string, adopting: boolean, err: ApiError): string {
  const said = `${err.status}${err.errorCode ? ` ${err.errorCode}` : ""}${err.detail ? `: ${err.detail}` : ""}`;
  return (
    `Ops Manager refused to create the ${type} integration of project ${groupId} (${said}). ${label} integrations must be ` +
    `connected first in the Ops Manager UI (the project's Integrations page), which the API cannot do; the API only ` +
    `reconfigures an existing one. Connect ${label} in the UI, then manage it with this resource and ` +
    `adoptExisting: true${adopting ? " (already set: the project has none to adopt yet)" : ""}.`
  );
}

/** A POST met an integration this resource does not manage. */
export function alreadyExists(groupId: string, type: string): string {
  return (
    `Project ${groupId} already has a ${type} integration that this resource does not manage (configured by hand, ` +
    `by another stack, or held by a resource this update deletes later). It was left unchanged. To manage it from ` +
    `this resource, set adoptExisting: true (the next up replaces its settings with yours), remove it in Ops Manager, ` +
    `or run the update that deletes the other resource first.`
  );
}

/** The server kept fields the code does not set, and the type cannot be deleted and created again through the API. */
export function keptByUiOnlyType(type: string, groupId: string, kept: readonly string[], adopting: boolean): string {
  const fields = kept.join(", ");
  const where = adopting ? `The adopted ${type} integration in project ${groupId} holds` : `The server still holds ${fields} of the ${type} integration of project ${groupId}`;
  return (
    `${adopting ? `${where} ${fields}` : where}, which this resource does not set, and a ${type} integration cannot be ` +
    `created again through the API. Set ${fields} in code, or clear it in the Ops Manager UI, then run up again.`
  );
}

/** Deleting and creating again (to drop kept fields) failed midway. */
export function recreateFailed(type: string, groupId: string, kept: readonly string[], err: unknown): string {
  return (
    `The server kept ${kept.join(", ")} of the ${type} integration of project ${groupId} after the update (its PUT merges ` +
    `what it is sent instead of replacing the configuration), and deleting and re-creating it with exactly the fields in code failed midway: ` +
    `${String((err as Error)?.message ?? err)} Run \`pulumi up\` again (it upserts the integration), or ` +
    `\`pulumi refresh\` to see what the server holds.`
  );
}
