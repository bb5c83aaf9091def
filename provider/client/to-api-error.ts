import { z } from "zod";
import { ApiError, errorCodes } from "../errors";
import { excerpt } from "../redact";
import type { NetworkFailure } from "./classify-network-error";
import { parseChallenge } from "./parse-challenge";
import type { RetryDecision } from "./retry-decision";

/** Why an attempt did not succeed, as the retry loop saw it. */
export type Failure =
  | { readonly kind: "status"; readonly status: number; readonly headers: Record<string, unknown>; readonly body: string }
  | { readonly kind: "network"; readonly error: unknown; readonly net: NetworkFailure }
  | { readonly kind: "invalid"; readonly status: number; readonly problem: string; readonly body?: string };

/** Where the failure happened and what the retry loop concluded. */
export interface FailureContext {
  readonly method: string;
  readonly url: string;
  readonly attempts: number;
  readonly secrets: readonly (string | undefined)[];
  readonly retriable: boolean;
  readonly maybeApplied: boolean;
  readonly stopped?: RetryDecision;
  readonly timeBudgetMs?: number;
  /** The hint for a 401, when the credentials are not an API key (a service account names its own settings). */
  readonly unauthorizedHint?: string;
}

const header = (headers: Record<string, unknown>, name: string) => {
  const v = headers[name];
  return typeof v === "string" ? v : undefined;
};

function stopNote(ctx: FailureContext): string {
  if (ctx.stopped?.retry !== false) return "";
  if (ctx.stopped.reason === "may-have-applied") {
    return " The request may have reached the server, so it was not repeated: re-read the integration (pulumi refresh) before trying again.";
  }
  if (ctx.stopped.reason === "time") return ` Stopped retrying: the retry time budget (${(ctx.timeBudgetMs ?? 0) / 1000} s) ran out.`;
  return "";
}

const NO_QOP_HINT =
  "The server offers digest authentication only without qop (RFC 2069), whose answers can be replayed, so no credentials were sent. " +
  "Ops Manager sends qop=\"auth\": check that opsmanager:baseUrl reaches it directly; to accept the weaker scheme set opsmanager:allowDigestWithoutQop true.";

/**
 * `{detail, error, errorCode, parameters, reason}`; every field optional (a real 401 has no errorCode), and a
 * field of the wrong type is dropped rather than failing the whole body.
 */
const errorBodySchema = z.object({
  detail: z.string().optional().catch(undefined),
  errorCode: z.string().optional().catch(undefined),
  reason: z.string().optional().catch(undefined),
  error: z.number().optional().catch(undefined),
  /** OAuth 2.0 errors (the token endpoint, RFC 6749 §5.2) explain themselves here instead of in `detail`. */
  error_description: z.string().optional().catch(undefined),
});

/** Ops Manager's error body, or undefined when the body is not a JSON object (HTML from a proxy, empty, text). */
function parseErrorBody(text: string): z.output<typeof errorBodySchema> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const parsed = errorBodySchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** The one place a failure becomes an {@link ApiError}: body parsed if it is Ops Manager's JSON, excerpted if not. */
export function toApiError(failure: Failure, ctx: FailureContext): ApiError {
  const common = {
    method: ctx.method, url: ctx.url, attempts: ctx.attempts, secrets: ctx.secrets, retriable: ctx.retriable, maybeApplied: ctx.maybeApplied,
  };
  if (failure.kind === "network") {
    const { net } = failure;
    return new ApiError({ ...common, status: 0, code: net.code, problem: net.problem, hint: net.hint + stopNote(ctx), cause: failure.error });
  }
  if (failure.kind === "invalid") {
    return new ApiError({
      ...common,
      status: failure.status,
      code: errorCodes.INVALID_RESPONSE,
      problem: `unexpected answer: ${failure.problem}`,
      ...(failure.body === undefined ? {} : { bodyExcerpt: excerpt(failure.body, ctx.secrets) }),
      hint: "Check that opsmanager:baseUrl points at the Ops Manager server itself, not a proxy or login page.",
    });
  }
  const body = parseErrorBody(failure.body);
  const requestId = header(failure.headers, "x-request-id");
  // A 401 whose only digest challenge lacks qop was refused by this client, not by the server (issue 15).
  const www = failure.headers["www-authenticate"] as string | string[] | undefined;
  const noQop = failure.status === 401 && !parseChallenge(www) && parseChallenge(www, { allowNoQop: true }) !== undefined;
  const error = new ApiError({
    ...common,
    status: failure.status,
    ...(body?.errorCode ? { errorCode: body.errorCode } : {}),
    ...(body?.detail ? { detail: body.detail } : body?.error_description ? { detail: body.error_description } : body?.reason ? { detail: body.reason } : {}),
    ...(body ? {} : { bodyExcerpt: excerpt(failure.body, ctx.secrets) }),
    ...(requestId ? { requestId } : {}),
    ...(noQop ? { hint: NO_QOP_HINT } : failure.status === 401 && ctx.unauthorizedHint ? { hint: ctx.unauthorizedHint } : {}),
  });
  const note = stopNote(ctx);
  return note ? new ApiError({ ...error.fields, message: error.message + note }) : error;
}
