import { serverErrorCodes } from "./error-codes";
import type { ApiErrorInit } from "./errors";
import { printable } from "./redact";

/*
 * What an ApiError says: the hints by Ops Manager error code and status. The error classes (errors.ts) carry the
 * facts; this file turns them into a sentence. The lifecycle's own sentences are in lifecycle-messages.ts.
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
