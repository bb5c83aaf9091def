/**
 * The codes this package produces itself, in one place so the provider and the docs can switch on them.
 * Ops Manager's own codes (`GROUP_NOT_FOUND`, ...) travel as {@link ApiError.errorCode} and become `code` too.
 */
export const errorCodes = {
  /** A required connection setting is absent. */
  CONFIG_MISSING: "CONFIG_MISSING",
  /** A connection setting is present but malformed. */
  CONFIG_INVALID: "CONFIG_INVALID",
  /** A caller passed something the API cannot address (e.g. an empty group id). */
  INVALID_ARGUMENT: "INVALID_ARGUMENT",
  /** The server answered with an error status but no `errorCode` of its own. */
  HTTP_ERROR: "HTTP_ERROR",
  /** No HTTP answer: connection refused or reset, DNS failure, proxy failure. */
  NETWORK_ERROR: "NETWORK_ERROR",
  /** No answer within `timeoutMs`. */
  TIMEOUT: "TIMEOUT",
  /** The server's certificate was not trusted, or TLS could not be negotiated. */
  TLS_ERROR: "TLS_ERROR",
  /** The server answered, but not with what the Public API returns (HTML, wrong shape, too big). */
  INVALID_RESPONSE: "INVALID_RESPONSE",
  /** The token endpoint refused the service account's client credentials (400/401/403). */
  TOKEN_REFUSED: "TOKEN_REFUSED",
  /** The server kept a field the code does not set (PUT merges) and removing it (delete + re-create) failed. */
  FIELDS_KEPT_BY_SERVER: "FIELDS_KEPT_BY_SERVER",
} as const;

/** Ops Manager error codes the client or the provider react to (see the api notes). */
export const serverErrorCodes = {
  INTEGRATION_NOT_CONFIGURED: "INTEGRATION_NOT_CONFIGURED",
  INTEGRATION_ALREADY_CONFIGURED: "INTEGRATION_ALREADY_CONFIGURED",
  RATE_LIMITED: "RATE_LIMITED",
} as const;
