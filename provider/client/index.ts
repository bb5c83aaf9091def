/** The Ops Manager client: what the provider and the tests import. */
export { createClient, type ClientOptions, type OpsManagerHttpClient } from "./create-client";
export { proxyFor } from "./proxy-for";
export { parseChallenge, type DigestChallenge, type DigestAlgorithm } from "./parse-challenge";
export { digestAuthorization, type DigestCredentials, type DigestTarget } from "./digest-authorization";
export { parseRetryAfter, retryDecision, type RetryPolicy, type RetryDecision, type FailureFacts } from "./retry-decision";
export type { RequestEvent } from "./send-request";
export type { OpsManagerClient, ServerIntegration } from "./types";
