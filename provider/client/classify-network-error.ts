import { errorCodes } from "../errors";

/** What a failure without an HTTP answer means for retrying and for the user. */
export interface NetworkFailure {
  readonly code: (typeof errorCodes)["NETWORK_ERROR" | "TIMEOUT" | "TLS_ERROR" | "INVALID_RESPONSE"];
  /** The lower error's code (ECONNREFUSED, CERT_HAS_EXPIRED, ...), for logs. */
  readonly sysCode: string;
  /** The request surely never reached the server (no connection was made), so even a POST may be resent. */
  readonly notSent: boolean;
  /** A later attempt may succeed. */
  readonly retriable: boolean;
  readonly problem: string;
  readonly hint: string;
}

const REACH_HINT = "Check opsmanager:baseUrl, that Ops Manager is up and reachable from this machine, and the proxy settings (HTTPS_PROXY, NO_PROXY).";
const TLS_HINT =
  "To trust a private CA set opsmanager:caCert (OPSMANAGER_CA_CERT) to its PEM text or file path; for a throwaway test server only, set opsmanager:insecureSkipVerify true.";

/** Connection never established: nothing was sent. */
const NOT_CONNECTED: Record<string, [string, boolean]> = {
  ECONNREFUSED: ["connection refused (nothing listens at that address and port)", true],
  ENOTFOUND: ["host name not found (DNS)", false],
  EAI_AGAIN: ["host name lookup failed temporarily (DNS)", true],
  EHOSTUNREACH: ["host unreachable", true],
  ENETUNREACH: ["network unreachable", true],
};

const TLS_CODES = new Set([
  "SELF_SIGNED_CERT_IN_CHAIN", "DEPTH_ZERO_SELF_SIGNED_CERT", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "CERT_HAS_EXPIRED", "CERT_NOT_YET_VALID", "CERT_UNTRUSTED", "CERT_SIGNATURE_FAILURE",
  "CERT_REVOKED", "INVALID_CA", "ERR_TLS_CERT_ALTNAME_INVALID",
]);

function codeOf(error: unknown): string {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code !== "ERR_NETWORK" && code !== "ERR_BAD_REQUEST") return code;
  }
  return "UNKNOWN";
}

/** Classifies an axios rejection (no HTTP answer). `timeoutMs` is only for the message. */
export function classifyNetworkError(error: unknown, timeoutMs: number): NetworkFailure {
  const sysCode = codeOf(error);
  const message = error instanceof Error ? error.message : "";
  const base = { sysCode, notSent: false };
  const known = NOT_CONNECTED[sysCode];
  if (known) return { ...base, code: errorCodes.NETWORK_ERROR, notSent: true, retriable: known[1], problem: `${known[0]}, ${sysCode}`, hint: REACH_HINT };
  if (sysCode === "ETIMEDOUT" || sysCode === "ECONNABORTED" || /timeout/i.test(message)) {
    const problem = `no answer within ${timeoutMs / 1000} s (opsmanager:timeoutSeconds)`;
    return { ...base, code: errorCodes.TIMEOUT, retriable: true, problem, hint: `${REACH_HINT} Raise opsmanager:timeoutSeconds if the server is just slow.` };
  }
  if (TLS_CODES.has(sysCode)) {
    const altname = sysCode === "ERR_TLS_CERT_ALTNAME_INVALID";
    const problem = altname ? "the server's TLS certificate does not name this host" : `the server's TLS certificate is not trusted (${sysCode})`;
    const hint = altname ? `Use the host name the certificate names in opsmanager:baseUrl. ${TLS_HINT}` : TLS_HINT;
    return { ...base, code: errorCodes.TLS_ERROR, notSent: true, retriable: false, problem, hint };
  }
  if (sysCode === "ECONNRESET" || sysCode === "EPIPE" || /socket hang up/i.test(message)) {
    // Dropped during the TLS handshake: the request itself was never written.
    const notSent = /before secure TLS connection was established/i.test(message);
    return { ...base, code: errorCodes.NETWORK_ERROR, notSent, retriable: true, problem: `connection dropped before an answer arrived (${sysCode})`, hint: REACH_HINT };
  }
  if (sysCode === "EPROTO" || sysCode.startsWith("ERR_SSL") || /wrong version number/i.test(message)) {
    return {
      ...base, code: errorCodes.TLS_ERROR, notSent: true, retriable: false, problem: `TLS failed (${sysCode})`,
      hint: "Check that opsmanager:baseUrl uses the scheme the port speaks (https:// vs http://). " + TLS_HINT,
    };
  }
  if (sysCode === "ERR_BAD_RESPONSE" || /maxContentLength/i.test(message)) {
    return { ...base, code: errorCodes.INVALID_RESPONSE, retriable: false, problem: "the answer was too large or malformed", hint: "Check that opsmanager:baseUrl points at Ops Manager." };
  }
  return { ...base, code: errorCodes.NETWORK_ERROR, retriable: false, problem: `request failed (${sysCode})`, hint: REACH_HINT };
}
