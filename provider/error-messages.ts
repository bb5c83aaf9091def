import { serverErrorCodes } from "./error-codes";
import type { ApiError, ApiErrorInit } from "./errors";
import { printable } from "./redact";

/*
 * What errors say: the hints by Ops Manager error code and status, and the provider's own wording of the failures
 * users meet most (a type the server does not accept, Slack created outside the UI, a 409, a field the server kept).
 * The error classes (errors.ts) carry the facts; this file turns them into sentences.
 */

const GROUP_HINT = "Check the groupId (the project id, 24 hex characters) and that the API key has access to that project.";
const FIELDS_HINT = "The server rejected the integration's fields (see the detail); fix the resource's inputs.";

/** What to do, by Ops Manager error code. */
const HINTS: Record<string, string> = {
  GROUP_NOT_FOUND: GROUP_HINT,
  INVALID_GROUP_ID: GROUP_HINT,
  NOT_IN_GROUP: GROUP_HINT,
  USER_UNAUTHORIZED:
    "The API key lacks the role this call needs: reading integrations needs Project Read Only, changing them needs Project Owner (or Organization Owner).",
  IP_ADDRESS_NOT_ON_ACCESS_LIST: "Add this machine's public IP address to the API key's access list in Ops Manager (Access Manager, API Keys, the key, Edit).",
  INTEGRATION_FIELDS_INVALID: FIELDS_HINT,
  INVALID_ATTRIBUTE: FIELDS_HINT,
  MISSING_ATTRIBUTE: FIELDS_HINT,
  INVALID_ENUM_VALUE: FIELDS_HINT,
  INTEGRATION_ALREADY_CONFIGURED:
    "A project holds at most one integration per type: remove the existing one or manage it with this resource instead of creating another.",
  INTEGRATION_NOT_CONFIGURED: "No integration of this type is configured in the project.",
};

function defaultHint(i: ApiErrorInit): string {
  const retries = (i.attempts ?? 1) - 1;
  const retried = retries > 0 ? ` (retried ${retries === 1 ? "once" : `${retries} times`})` : "";
  const hint = i.errorCode ? HINTS[i.errorCode] : undefined;
  if (hint) return hint;
  if (i.errorCode === serverErrorCodes.RATE_LIMITED || i.status === 429) {
    return `Ops Manager is rate limiting this API key${retried}. Run again later, or lower the parallelism (pulumi up --parallel 2).`;
  }
  if (i.status === 401) return "The server rejected the API key: check opsmanager:publicKey and opsmanager:privateKey (OPSMANAGER_PUBLIC_KEY / OPSMANAGER_PRIVATE_KEY).";
  if (i.status === 403) return HINTS.USER_UNAUTHORIZED ?? "";
  if (i.status === 407) return "The proxy wants credentials: put them in the proxy URL (HTTPS_PROXY=http://user:password@proxy:3128).";
  if (i.status === 404) return "Check opsmanager:baseUrl (it must lead to the Ops Manager Public API) and the groupId.";
  if (i.status >= 500) return `Ops Manager answered with a server error${retried}. Try again later, or check the Ops Manager server logs.`;
  if (i.status >= 300 && i.status < 400) {
    return "The server redirected the call; set opsmanager:baseUrl to the address it redirects to (redirects are not followed because the digest signature covers the URL).";
  }
  return "";
}

/** The message of an {@link ApiError}: what was called, what came back, and what to do. */
export function describeApiError(i: ApiErrorInit, secrets: readonly (string | undefined)[]): string {
  let where = i.url;
  try {
    const u = new URL(i.url);
    where = `${u.pathname}${u.search} on ${u.origin}`;
  } catch {
    /* keep the redacted text as is */
  }
  const what = i.status
    ? `HTTP ${i.status}${i.errorCode ? ` ${i.errorCode}` : ""}`
    : (i.problem ?? "no answer");
  const said = (i.detail ?? i.bodyExcerpt)?.replace(/[.\s]+$/, "");
  const why = i.status && i.problem ? ` (${i.problem})` : "";
  const after = (i.attempts ?? 1) > 1 ? ` after ${i.attempts} attempts` : "";
  const hint = i.hint ?? defaultHint(i);
  const text = `Ops Manager API ${i.method.toUpperCase()} ${where} failed${after}: ${what}${why}${said ? `: ${said}` : ""}.${hint ? ` ${hint}` : ""}`;
  return printable(text, secrets, 2000);
}


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
