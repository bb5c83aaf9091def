/*
 * The connection settings users can set: stack config key, environment variable, type, default and description.
 * The README's table (scripts/settings-table.ts, `npm run docs`), the plugin schema's config, every config error
 * and the export command's hints come from this one table.
 */

/** What `opsmanager:serverVersion` accepts: major.minor, optionally more parts. */
export const SERVER_VERSION = /^\d+\.\d+(\.\d+)*$/;

/** Every Public API v1.0 path starts here; `baseUrl` may include it or not. */
export const API_PATH = "/api/public/v1.0";

/** One connection setting: its stack config key, its environment fallback, and what the docs say about it. */
export interface ConnectionSetting {
  readonly key: string;
  readonly env: string;
  /** The value's type in stack config (the plugin schema's config types come from here): a flag, a decimal, a count. */
  readonly type: "string" | "boolean" | "number" | "integer";
  /** Set with `pulumi config set --secret`; its value is never printed. */
  readonly secret: boolean;
  readonly required: boolean;
  readonly default?: string;
  readonly example: string;
  readonly description: string;
}

/**
 * THE table of connection settings: stack config key → environment variable. Docs are generated from it, and
 * every config error names both so the user can fix whichever they use.
 */
export const connectionSettings = {
  baseUrl: {
    key: "opsmanager:baseUrl", env: "OPSMANAGER_BASE_URL", type: "string", secret: false, required: true,
    example: "https://om.example.com:8443",
    description: "Root URL of the Ops Manager server; a URL already ending in /api/public/v1.0 is accepted too.",
  },
  publicKey: {
    key: "opsmanager:publicKey", env: "OPSMANAGER_PUBLIC_KEY", type: "string", secret: false, required: false,
    example: "abcdefgh", description: "Public key of an Ops Manager programmatic API key (the digest user name). Required unless a service account (clientId) is used.",
  },
  privateKey: {
    key: "opsmanager:privateKey", env: "OPSMANAGER_PRIVATE_KEY", type: "string", secret: true, required: false,
    example: "01234567-89ab-cdef-0123-456789abcdef", description: "Private key of that API key (the digest password). Required with publicKey.",
  },
  clientId: {
    key: "opsmanager:clientId", env: "OPSMANAGER_CLIENT_ID", type: "string", secret: false, required: false,
    example: "mdb_sa_id_0123456789abcdef01234567",
    description: "Client ID of a Cloud Manager service account (OAuth 2.0 client credentials), instead of publicKey/privateKey.",
  },
  clientSecret: {
    key: "opsmanager:clientSecret", env: "OPSMANAGER_CLIENT_SECRET", type: "string", secret: true, required: false,
    example: "mdb_sa_sk_0123456789abcdef", description: "Secret of that service account (it expires: 8 hours to a year).",
  },
  caCert: {
    key: "opsmanager:caCert", env: "OPSMANAGER_CA_CERT", type: "string", secret: false, required: false,
    example: "./om-ca.pem",
    description: "PEM text, or the path of a PEM file, of the CA that signed the server's certificate (trusted in addition to the public CAs).",
  },
  insecureSkipVerify: {
    key: "opsmanager:insecureSkipVerify", env: "OPSMANAGER_INSECURE_SKIP_VERIFY", type: "boolean", secret: false, required: false,
    default: "false", example: "true", description: "true skips TLS certificate verification: for test servers only.",
  },
  allowHttp: {
    key: "opsmanager:allowHttp", env: "OPSMANAGER_ALLOW_HTTP", type: "boolean", secret: false, required: false,
    default: "false", example: "true",
    description: "true allows an http:// baseUrl on a host other than this machine (secrets then cross the network in clear; warns).",
  },
  allowDigestWithoutQop: {
    key: "opsmanager:allowDigestWithoutQop", env: "OPSMANAGER_ALLOW_DIGEST_WITHOUT_QOP", type: "boolean", secret: false, required: false,
    default: "false", example: "true",
    description: "true answers digest challenges without qop (RFC 2069, replayable); Ops Manager always sends qop=\"auth\".",
  },
  timeoutSeconds: {
    key: "opsmanager:timeoutSeconds", env: "OPSMANAGER_TIMEOUT_SECONDS", type: "number", secret: false, required: false,
    default: "30", example: "60", description: "Time allowed for one HTTP request, in seconds.",
  },
  maxRetries: {
    key: "opsmanager:maxRetries", env: "OPSMANAGER_MAX_RETRIES", type: "integer", secret: false, required: false,
    default: "3", example: "5", description: "Retries of a call that failed with 429, 5xx or a network error (0 to 10).",
  },
  readSnapshotSeconds: {
    key: "opsmanager:readSnapshotSeconds", env: "OPSMANAGER_READ_SNAPSHOT_SECONDS", type: "number", secret: false, required: false,
    default: "30", example: "0",
    description: "How long, in seconds, a refresh reuses the integrations it listed for a project, so it costs one request per project (dropped as soon as this run writes to the project; never kept beyond one command). 0 sends one request per read.",
  },
  serverVersion: {
    key: "opsmanager:serverVersion", env: "OPSMANAGER_SERVER_VERSION", type: "string", secret: false, required: false,
    example: "7.0",
    description: "The Ops Manager version (major.minor), so preview refuses an integration type that version does not document. Unneeded for Cloud Manager (known from its URL).",
  },
} as const satisfies Record<string, ConnectionSetting>;

/** A setting as the user gave it: stack config first, else the environment; blank counts as unset. */
export function rawSetting(
  s: { readonly key: string; readonly env: string },
  get: (key: string) => string | undefined,
  env: NodeJS.ProcessEnv,
): string | undefined {
  return get(s.key)?.trim() || env[s.env]?.trim() || undefined;
}

/** THE parser of on/off settings (`true`/`false`/`1`/`0`, any case), shared by the provider, its warnings and the export command. */
export function parseFlag(raw: string | undefined): boolean | undefined {
  const v = raw?.trim().toLowerCase();
  return v === "true" || v === "1" ? true : v === "false" || v === "0" ? false : undefined;
}

/** Whether a URL's host is this machine (localhost, 127.0.0.0/8, ::1): the one place http:// is fine by default. */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, "").toLowerCase();
  } catch {
    return false;
  }
  return host === "localhost" || host.endsWith(".localhost") || /^127\.\d+\.\d+\.\d+$/.test(host) || host === "::1";
}
