import { errorCodes } from "./error-codes";
import { describeApiError } from "./api-error-message";
import { printable, redactText, redactUrl } from "./redact";

export { errorCodes, serverErrorCodes } from "./error-codes";

type Secrets = readonly (string | undefined)[];

/** Options shared by every error of this package. */
export interface OpsManagerErrorOptions {
  /** Machine-readable: one of {@link errorCodes} or a server `errorCode`. */
  readonly code: string;
  /** The lower error; it is replaced by a sanitized copy (name, code, message, frames), never kept as is. */
  readonly cause?: unknown;
  /** Values to scrub from the message and the cause; used during construction only, never stored. */
  readonly secrets?: Secrets;
}

/**
 * The root of every error this package throws, so callers can tell ours from bugs with one `instanceof`.
 * Secrets are removed when the error is built; nothing reachable from it (message, stack, cause, JSON, inspect)
 * can show the private key or a credential header.
 */
export class OpsManagerError extends Error {
  /** Machine-readable reason; stable across versions. */
  readonly code: string;

  constructor(message: string, options: OpsManagerErrorOptions) {
    const secrets = options.secrets ?? [];
    super(redactText(message, secrets), options.cause === undefined ? undefined : { cause: sanitizeCause(options.cause, secrets) });
    this.code = options.code;
  }

  /** Only the safe, documented fields: `JSON.stringify(err)` is fit for logs. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message };
  }
}
OpsManagerError.prototype.name = "OpsManagerError";

/** Stack configuration or environment is missing or malformed; the message names the key, the variable and the fix. */
export class ConfigError extends OpsManagerError {
  /** The stack config keys at fault (e.g. `opsmanager:baseUrl`). */
  readonly settings: readonly string[];

  constructor(message: string, options: OpsManagerErrorOptions & { readonly settings: readonly string[] }) {
    super(message, options);
    this.settings = [...options.settings];
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), settings: this.settings };
  }
}
ConfigError.prototype.name = "ConfigError";

/**
 * A copy of a lower error that is safe to keep as `cause`: an axios error holds the request config (headers
 * with the digest response, the body with secret fields), so only name, code, message and stack frames survive.
 */
export function sanitizeCause(error: unknown, secrets: Secrets = [], depth = 0): Error {
  if (error instanceof OpsManagerError) return error;
  const source = error instanceof Error ? error : undefined;
  const message = printable(source ? source.message : String(error), secrets, 300);
  const copy = new Error(message);
  Object.defineProperty(copy, "name", { value: printable(source?.name ?? "Error", secrets, 60), enumerable: false, configurable: true, writable: true });
  const code = (source as { code?: unknown } | undefined)?.code;
  if (typeof code === "string" || typeof code === "number") Object.assign(copy, { code: printable(String(code), secrets, 60) });
  const frames = (source?.stack ?? "").split("\n").filter((l) => /^\s+at /.test(l)).slice(0, 20);
  copy.stack = [`${copy.name}: ${message}`, ...frames.map((f) => redactText(f, secrets))].join("\n");
  if (source?.cause !== undefined && depth < 3) {
    Object.defineProperty(copy, "cause", { value: sanitizeCause(source.cause, secrets, depth + 1), enumerable: false, configurable: true, writable: true });
  }
  return copy;
}

/** Everything known about a failed call; {@link ApiError} turns it into a message. */
export interface ApiErrorInit {
  /** HTTP status, or 0 when no HTTP answer arrived (network, timeout, TLS). */
  readonly status: number;
  /** Defaults to `errorCode`, else {@link errorCodes.HTTP_ERROR}. */
  readonly code?: string;
  /** Ops Manager's `errorCode` from the body; real 401 bodies have none. */
  readonly errorCode?: string;
  /** Ops Manager's `detail` sentence. */
  readonly detail?: string;
  readonly method: string;
  /** The full request URL; user-info and credential-like query values are removed. */
  readonly url: string;
  readonly requestId?: string;
  /** HTTP attempts made, retries included (digest challenge round trips are not counted). */
  readonly attempts?: number;
  /** Trying again later may succeed (429, 5xx, network). */
  readonly retriable?: boolean;
  /** A write may have been applied although it failed (connection dropped after sending): re-read before redoing. */
  readonly maybeApplied?: boolean;
  /** A short excerpt of a body that was not the expected JSON. */
  readonly bodyExcerpt?: string;
  /** What went wrong in words, when the status alone does not say it (network failure, malformed answer). */
  readonly problem?: string;
  /** What to do; by default chosen from the error code and status. */
  readonly hint?: string;
  /** Replaces the composed message (the provider rewords e.g. a 409 in its own terms); still redacted. */
  readonly message?: string;
  readonly cause?: unknown;
  /** Scrubbed from every text; never stored. */
  readonly secrets?: Secrets;
}

/**
 * A call to the Ops Manager Public API failed. Modelled on octokit's RequestError: status, the server's own
 * error code and detail, and where it happened, but no request object (it holds the signed header and the body).
 */
export class ApiError extends OpsManagerError {
  /** HTTP status, or 0 when no HTTP answer arrived. */
  readonly status: number;
  /** Ops Manager's own code (absent on real 401s and on non-JSON answers). */
  declare readonly errorCode?: string;
  /** Ops Manager's explanation, redacted and bounded. */
  declare readonly detail?: string;
  readonly method: string;
  /** The request URL without credentials. */
  readonly url: string;
  /** The server's `X-Request-Id`, when it sends one, for support tickets. */
  declare readonly requestId?: string;
  /** HTTP attempts made, retries included. */
  readonly attempts: number;
  /** Trying again later may succeed. */
  readonly retriable: boolean;
  /** The write may have been applied although the call failed: re-read the integration before redoing it. */
  readonly maybeApplied: boolean;

  constructor(init: ApiErrorInit) {
    const secrets = init.secrets ?? [];
    const clean: ApiErrorInit = {
      ...init,
      url: redactUrl(init.url, secrets),
      detail: init.detail === undefined ? undefined : printable(init.detail, secrets, 500),
      errorCode: init.errorCode === undefined ? undefined : printable(init.errorCode, secrets, 80),
      requestId: init.requestId === undefined ? undefined : printable(init.requestId, secrets, 100),
    };
    super(init.message ?? describeApiError(clean, secrets), {
      code: init.code ?? clean.errorCode ?? errorCodes.HTTP_ERROR,
      cause: init.cause,
      secrets,
    });
    this.status = init.status;
    if (clean.errorCode !== undefined) (this as { errorCode?: string }).errorCode = clean.errorCode;
    if (clean.detail !== undefined) (this as { detail?: string }).detail = clean.detail;
    this.method = init.method.toUpperCase();
    this.url = clean.url;
    if (clean.requestId !== undefined) (this as { requestId?: string }).requestId = clean.requestId;
    this.attempts = init.attempts ?? 1;
    this.retriable = init.retriable ?? false;
    this.maybeApplied = init.maybeApplied ?? false;
  }

  /**
   * The fields this error was built from, already redacted, plus its sanitized cause: spread it into a new
   * ApiError to reword the message while keeping status, codes and the chain (`{ ...err.fields, message }`).
   */
  get fields(): ApiErrorInit {
    const { status, code, errorCode, detail, method, url, requestId, attempts, retriable, maybeApplied, cause } = this;
    return { status, code, errorCode, detail, method, url, requestId, attempts, retriable, maybeApplied, cause };
  }

  override toJSON(): Record<string, unknown> {
    const { status, errorCode, detail, method, url, requestId, attempts, retriable, maybeApplied } = this;
    return { ...super.toJSON(), status, errorCode, detail, method, url, requestId, attempts, retriable, maybeApplied };
  }
}
ApiError.prototype.name = "ApiError";
