import { STATUS_CODES } from "node:http";

/**
 * Every error the emulator answers with, in Ops Manager's wire shape. The API codes and their statuses are the ones
 * observed on real servers (see /work/shared/reference/api-notes.md); detail texts follow Atlas/OM wording where it
 * is known and are otherwise plain sentences. Codes prefixed `EMULATOR_` belong to the control plane only.
 */
export const ErrorCode = {
  GROUP_NOT_FOUND: { status: 404, detail: (id: string) => `No group with ID ${id} exists.` },
  INVALID_GROUP_ID: { status: 404, detail: (id: string) => `An invalid group ID ${id} was specified.` },
  NOT_IN_GROUP: { status: 401, detail: () => "Current user is not in the group, or the group does not exist." },
  // 401 in Ops Manager's error table (https://www.mongodb.com/docs/ops-manager/current/reference/api-error-codes/).
  USER_UNAUTHORIZED: { status: 401, detail: () => "Current user is not authorized to perform this action." },
  INTEGRATION_NOT_CONFIGURED: {
    status: 404,
    detail: (type: string) => `The integration of type '${type}' is not configured for this group.`,
  },
  INTEGRATION_ALREADY_CONFIGURED: {
    status: 409,
    detail: (type: string) => `The integration of type '${type}' is already configured for this group.`,
  },
  INTEGRATION_FIELDS_INVALID: { status: 400, detail: (why: string) => `Invalid integration fields: ${why}` },
  MISSING_ATTRIBUTE: { status: 400, detail: (name: string) => `The required attribute ${name} was not specified.` },
  INVALID_ATTRIBUTE: { status: 400, detail: (name: string) => `Invalid attribute ${name} specified.` },
  INVALID_ENUM_VALUE: { status: 400, detail: (value: string) => `An invalid enumeration value ${value} was specified.` },
  // The error table's wording (https://www.mongodb.com/docs/ops-manager/current/reference/api-error-codes/, per api-notes).
  INVALID_JSON: { status: 400, detail: () => "Received JSON does not match expected format." },
  // The code is in the error table (api-error-codes, above); the detail wording is a guess.
  INVALID_QUERY_PARAMETER: { status: 400, detail: (name: string) => `Invalid query parameter ${name} specified.` },
  RATE_LIMITED: {
    status: 429,
    detail: (path: string, limit: string) => `Resource ${path} is limited to ${limit} requests every 1 seconds.`,
  },
  RESOURCE_NOT_FOUND: { status: 404, detail: (path: string) => `Cannot find resource ${path}.` },
  UNEXPECTED_ERROR: { status: 500, detail: () => "Unexpected error." },
  // Control plane only.
  EMULATOR_LOOPBACK_ONLY: { status: 403, detail: () => "The emulator control plane only answers loopback clients." },
  EMULATOR_BAD_REQUEST: { status: 400, detail: (why: string) => `Bad control-plane request: ${why}` },
  EMULATOR_NOT_FOUND: { status: 404, detail: (what: string) => `${what} does not exist in the emulator.` },
} as const;

/** One of the codes above. */
export type ErrorCodeName = keyof typeof ErrorCode;

/** The JSON body Ops Manager sends with an error (the 401 digest challenge omits `errorCode` and `parameters`). */
export interface ErrorBody {
  readonly detail: string;
  readonly error: number;
  readonly errorCode?: string;
  readonly parameters?: readonly unknown[];
  readonly reason: string;
}

/** Thrown by handlers and validators; the error handler turns it into the wire body with its status. */
export class EmulatorError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    readonly detail: string,
    readonly parameters: readonly unknown[] = [],
    /** Extra response headers, e.g. `Retry-After`. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(`${status} ${errorCode}: ${detail}`);
    this.name = "EmulatorError";
  }

  /** The body in the exact key order Ops Manager uses. */
  toBody(): ErrorBody {
    return { detail: this.detail, error: this.status, errorCode: this.errorCode, parameters: this.parameters, reason: reasonPhrase(this.status) };
  }
}

type DetailArgs<C extends ErrorCodeName> = Parameters<(typeof ErrorCode)[C]["detail"]>;

/**
 * Builds the error for a code; `detailArgs` fill the detail sentence and, unless `parameters` is given, are also the
 * `parameters` array (Ops Manager puts the sentence's placeholders there).
 */
export function apiError<C extends ErrorCodeName>(
  code: C,
  detailArgs: DetailArgs<C>,
  options: { parameters?: readonly unknown[]; headers?: Record<string, string> } = {},
): EmulatorError {
  const entry = ErrorCode[code];
  const detail = (entry.detail as (...a: string[]) => string)(...(detailArgs as string[]));
  return new EmulatorError(entry.status, code, detail, options.parameters ?? detailArgs, options.headers);
}

/** The HTTP reason phrase for a status ("Not Found"), as Ops Manager puts in `reason`. */
export function reasonPhrase(status: number): string {
  return STATUS_CODES[status] ?? "Unknown";
}

/** The exact body of a real Ops Manager 401 digest challenge: no `errorCode`, no `parameters`, this key order. */
export const UNAUTHORIZED_BODY = {
  reason: "Unauthorized",
  error: 401,
  detail: "You are not authorized for this resource.",
} as const;
