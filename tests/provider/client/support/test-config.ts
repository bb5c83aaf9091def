import type { WriteRequest } from "../../../../provider/client/types";
import type { ConnectionConfig } from "../../../../provider/config";

/** A canary private key: every redaction spec checks it never shows up. */
export const CANARY_PRIVATE_KEY = "canary-private-7f3e9a2b-5c1d-4e8f-9a0b-1c2d3e4f5a6b";
export const PUBLIC_KEY = "pubkeyab";

/** A fully defaulted config pointing at a test server root, with fast timings. */
export function testConfig(serverRoot: string, overrides: Partial<ConnectionConfig> = {}): ConnectionConfig {
  return {
    apiBase: `${serverRoot}/api/public/v1.0`,
    publicKey: PUBLIC_KEY,
    privateKey: CANARY_PRIVATE_KEY,
    insecureSkipVerify: false,
    allowHttp: false,
    allowDigestWithoutQop: false,
    timeoutMs: 2_000,
    maxRetries: 3,
    maxRetryTimeMs: 10_000,
    readSnapshotMs: 30_000,
    proxy: {},
    ...overrides,
  };
}

/** Digest guard options matching {@link testConfig}'s keys. */
export const GOOD_KEYS = { username: PUBLIC_KEY, password: CANARY_PRIVATE_KEY } as const;

export const GROUP = "5f4d3c2b1a0987654321fedc";

/**
 * A WEBHOOK write as the provider would send it: `type` in the body, and its secret fields (`url`, `secret`) listed
 * for redaction. The client knows nothing of integration types; the provider's writeRequest builds this for real.
 */
export function webhookRequest(fields: { url: string; secret?: string }): WriteRequest {
  return { body: { ...fields, type: "WEBHOOK" }, secrets: Object.values(fields) };
}
