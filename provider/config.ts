import { z } from "zod";
import { loadCaCert } from "./ca-cert";
import { API_PATH, connectionSettings, isLoopbackUrl, parseFlag, SERVER_VERSION, type ConnectionSetting } from "./connection-settings";
import { ConfigError, errorCodes } from "./errors";
import { loadProxy, type ProxySettings } from "./proxy-settings";
import { printable, redactUrl } from "./redact";

/** How the client connects: validated and fully defaulted, so nothing below has to check or default again. */
export interface ConnectionConfig {
  /** Server root + `/api/public/v1.0`, without a trailing slash. */
  readonly apiBase: string;
  /** The digest user name; absent when a service account is used instead. */
  readonly publicKey?: string;
  /** The digest password. Never printed; errors redact it. Absent when a service account is used instead. */
  readonly privateKey?: string;
  /** OAuth 2.0 client credentials (Cloud Manager service account), used instead of the API key when set. */
  readonly serviceAccount?: ServiceAccount;
  /** PEM of extra CAs to trust. */
  readonly caCert?: string;
  readonly insecureSkipVerify: boolean;
  /** An http:// baseUrl on a remote host was allowed explicitly (see {@link isLoopbackUrl}). */
  readonly allowHttp: boolean;
  /** Digest challenges without qop are answered. */
  readonly allowDigestWithoutQop: boolean;
  /** Per HTTP request. */
  readonly timeoutMs: number;
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** No retry starts later than this after the first attempt. */
  readonly maxRetryTimeMs: number;
  /** How long refresh's reads reuse a project's list (client/project-reads.ts); 0: never. */
  readonly readSnapshotMs: number;
  readonly proxy: ProxySettings;
}

/** A Cloud Manager service account: its client credentials and where to exchange them for a token. */
export interface ServiceAccount {
  readonly clientId: string;
  /** Never printed; errors redact it. */
  readonly clientSecret: string;
  /** `{origin of baseUrl}/api/oauth/token`. */
  readonly tokenUrl: string;
}

/** The path of the token endpoint on the server's origin (Cloud Manager's "Generate Service Account Token" page). */
export const TOKEN_PATH = "/api/oauth/token";

/**
 * The secret that stands for the connection's credentials where one value is needed (the fingerprint view key,
 * redaction): the API private key, or the service account's client secret.
 */
export function credentialSecret(config: ConnectionConfig): string {
  return config.privateKey ?? config.serviceAccount?.clientSecret ?? "";
}

/** The retry time budget; not a stack setting, since `maxRetries` and `timeoutSeconds` are what users tune. */
export const DEFAULT_MAX_RETRY_TIME_MS = 60_000;

type Name = keyof typeof connectionSettings;
type Raw = { value: string; from: "config" | "env" };

/** `baseUrl` → apiBase, or the problem in words. */
function normalizeBaseUrl(raw: string): string | { problem: string } {
  const example = "must be an absolute URL such as https://om.example.com:8443";
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) return { problem: `${example} (include the scheme, https://)` };
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { problem: example };
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") return { problem: "must start with https:// or http://" };
  if (u.username || u.password) return { problem: "must not contain credentials (user:password@); set opsmanager:publicKey and opsmanager:privateKey instead" };
  if (u.search || u.hash || raw.includes("?") || raw.includes("#")) return { problem: "must not contain a query (?…) or a fragment (#…)" };
  let path = u.pathname.replace(/\/+$/, "");
  if (path.endsWith(API_PATH)) path = path.slice(0, -API_PATH.length);
  return `${u.origin}${path}${API_PATH}`;
}

/** Built on each load (cheap), so no module-level schema is captured by anything serialized. */
function settingsSchema() {
  const word = (what: string) =>
    z.string().regex(/^[^\s\p{Cc}]+$/u, { error: `must be the ${what}, one word without spaces or control characters` });
  const checked = <T>(fn: (s: string) => T | { problem: string }) =>
    z.string().transform((s, ctx) => {
      const r = fn(s);
      if (typeof r === "object" && r !== null && "problem" in r) {
        ctx.addIssue({ code: "custom", message: r.problem });
        return z.NEVER;
      }
      return r as T;
    });
  const flag = (s: string) => parseFlag(s) ?? { problem: "must be true or false" };
  return z.object({
    baseUrl: checked(normalizeBaseUrl),
    publicKey: word("public key").optional(),
    privateKey: word("private key").optional(),
    clientId: word("service account's client ID").optional(),
    clientSecret: word("service account's client secret").optional(),
    caCert: checked(loadCaCert).optional(),
    serverVersion: z.string().regex(SERVER_VERSION, { error: "must be an Ops Manager version such as 7.0 or 6.0.7" }).optional(),
    insecureSkipVerify: checked(flag),
    allowHttp: checked(flag),
    allowDigestWithoutQop: checked(flag),
    timeoutSeconds: z
      .string()
      .regex(/^\d+(\.\d+)?$/, { error: "must be a number of seconds, such as 30" })
      .transform(Number)
      .pipe(z.number().positive({ error: "must be more than 0 seconds" }).max(3600, { error: "must be at most 3600 seconds" })),
    maxRetries: z
      .string()
      .regex(/^\d+$/, { error: "must be a whole number from 0 to 10" })
      .transform(Number)
      .pipe(z.number().max(10, { error: "must be a whole number from 0 to 10" })),
    readSnapshotSeconds: z
      .string()
      .regex(/^\d+(\.\d+)?$/, { error: "must be a number of seconds from 0 to 300, such as 30 (0 turns reuse off)" })
      .transform(Number)
      .pipe(z.number().max(300, { error: "must be at most 300 seconds" })),
  });
}

function howToSet(s: ConnectionSetting): string {
  const value = s.secret ? "<value>" : s.example;
  return `Set it with \`pulumi config set ${s.secret ? "--secret " : ""}${s.key} ${value}\` or the environment variable ${s.env}.`;
}

/**
 * What to scrub for a secret setting (private key, client secret): the value, and when it is malformed (we cannot
 * know which part is the real secret) each longer word of it too.
 */
function privateKeyParts(privateKey: string | undefined): string[] {
  if (!privateKey) return [];
  return [privateKey, ...privateKey.split(/[\s\p{Cc}]+/u).filter((w) => w.length >= 8)];
}

const API_KEY_PAIR = ["publicKey", "privateKey"] as const;
const SERVICE_ACCOUNT_PAIR = ["clientId", "clientSecret"] as const;
const SERVICE_ACCOUNT_NOTE =
  "(A Cloud Manager service account may be used instead: set opsmanager:clientId and opsmanager:clientSecret, not the API key.)";

/**
 * Which credentials are set: one complete pair is fine. Both pairs (even partly), half of one, or none → an issue
 * for each setting at fault, with the problem in words.
 */
function credentialIssues(raw: Partial<Record<Name, Raw>>): { name: Name; message: string }[] {
  const set = (pair: readonly Name[]) => pair.filter((n) => raw[n] !== undefined);
  const apiKey = set(API_KEY_PAIR);
  const account = set(SERVICE_ACCOUNT_PAIR);
  if (apiKey.length > 0 && account.length > 0) {
    const message =
      "is set together with a service account setting: use either an API key (opsmanager:publicKey and opsmanager:privateKey) " +
      "or a service account (opsmanager:clientId and opsmanager:clientSecret), not both; unset the pair you do not use";
    return [...apiKey, ...account].map((name) => ({ name, message }));
  }
  const pair = account.length > 0 ? SERVICE_ACCOUNT_PAIR : API_KEY_PAIR;
  return pair.filter((n) => raw[n] === undefined).map((name) => ({ name, message: "is missing" }));
}

function problemText(name: Name, raw: Raw | undefined, message: string, secrets: readonly string[]): string {
  const s: ConnectionSetting = connectionSettings[name];
  if (!raw) {
    const note = (API_KEY_PAIR as readonly Name[]).includes(name) ? ` ${SERVICE_ACCOUNT_NOTE}` : "";
    return `Ops Manager setting ${s.key} is missing (environment variable ${s.env} is not set either): ${s.description} ${howToSet(s)}${note}`;
  }
  const from = raw.from === "config" ? "stack config" : `environment variable ${s.env}`;
  const got = s.secret ? "" : ` (got "${printable(redactUrl(raw.value), secrets, 80)}")`;
  return `Ops Manager setting ${s.key} (read from ${from}) ${message}${got}. ${howToSet(s)}`;
}

/** One {@link ConfigError} for every setting at fault, in the table's order; never showing a secret. */
function configError(raw: Partial<Record<Name, Raw>>, issues: readonly { name: unknown; message: string }[], secrets: readonly string[]): ConfigError {
  const bad = (Object.keys(connectionSettings) as Name[]).filter((n) => issues.some((i) => i.name === n));
  const lines = bad.map((n) => problemText(n, raw[n], issues.find((i) => i.name === n)?.message ?? "is invalid", secrets));
  return new ConfigError(lines.join("\n"), {
    code: bad.every((n) => raw[n] === undefined) ? errorCodes.CONFIG_MISSING : errorCodes.CONFIG_INVALID,
    settings: bad.map((n) => connectionSettings[n].key),
    secrets,
  });
}

/** Reads each setting as loadConnectionConfig does: stack config first, then the environment; empty is unset. */
function readRaw(get: (key: string) => string | undefined, env: NodeJS.ProcessEnv): Partial<Record<Name, Raw>> {
  const raw: Partial<Record<Name, Raw>> = {};
  for (const name of Object.keys(connectionSettings) as Name[]) {
    const s = connectionSettings[name];
    const fromConfig = get(s.key)?.trim();
    const fromEnv = env[s.env]?.trim();
    if (fromConfig) raw[name] = { value: fromConfig, from: "config" };
    else if (fromEnv) raw[name] = { value: fromEnv, from: "env" };
  }
  return raw;
}

/**
 * Preview's credential check (no request, no other setting needed): throws the {@link ConfigError} of
 * {@link loadConnectionConfig} when an API key and a service account are both set, or only half of either. Nothing
 * set at all passes here (a preview needs no credentials); the first request then reports it.
 */
export function assertOneCredential(get: (key: string) => string | undefined, env: NodeJS.ProcessEnv): void {
  const raw = readRaw(get, env);
  const issues = credentialIssues(raw);
  if (issues.length === 0 || !(["publicKey", "privateKey", "clientId", "clientSecret"] as const).some((n) => raw[n])) return;
  throw configError(raw, issues, [...privateKeyParts(raw.privateKey?.value), ...privateKeyParts(raw.clientSecret?.value)]);
}

/**
 * The one door for connection settings: stack config first (`get("opsmanager:baseUrl")`), then the environment,
 * then defaults. Empty values count as unset. Throws one {@link ConfigError} listing every problem; it never
 * contains the private key. Proxy variables are read here, once, and travel in the result.
 */
export function loadConnectionConfig(get: (key: string) => string | undefined, env: NodeJS.ProcessEnv): ConnectionConfig {
  const names = Object.keys(connectionSettings) as Name[];
  const raw = readRaw(get, env);
  const input = Object.fromEntries(
    names.map((n) => {
      const s: ConnectionSetting = connectionSettings[n];
      return [n, raw[n]?.value ?? s.default];
    }),
  );
  // Both secrets are scrubbed from every message (as malformed values they may be echoed in parts).
  const secretParts = [...privateKeyParts(raw.privateKey?.value), ...privateKeyParts(raw.clientSecret?.value)];
  const credentials = credentialIssues(raw);
  const parsed = settingsSchema()
    .refine((v) => v.allowHttp || !v.baseUrl.startsWith("http:") || isLoopbackUrl(v.baseUrl), {
      path: ["baseUrl"],
      message:
        "uses http:// for a host other than this machine: the API key's digest answers and the integrations' secrets " +
        "would cross the network in clear. Use https://, or set opsmanager:allowHttp true (OPSMANAGER_ALLOW_HTTP) to accept that",
    })
    .safeParse(input);
  if (!parsed.success || credentials.length > 0) {
    const issues = [...(parsed.success ? [] : parsed.error.issues.map((i) => ({ name: i.path[0], message: i.message }))), ...credentials];
    throw configError(raw, issues, secretParts);
  }
  const v = parsed.data;
  const serviceAccount: ServiceAccount | undefined =
    v.clientId !== undefined && v.clientSecret !== undefined
      ? Object.freeze({ clientId: v.clientId, clientSecret: v.clientSecret, tokenUrl: `${new URL(v.baseUrl).origin}${TOKEN_PATH}` })
      : undefined;
  return Object.freeze({
    apiBase: v.baseUrl,
    ...(serviceAccount ? { serviceAccount } : { publicKey: v.publicKey, privateKey: v.privateKey }),
    ...(v.caCert === undefined ? {} : { caCert: v.caCert }),
    insecureSkipVerify: v.insecureSkipVerify,
    allowHttp: v.allowHttp,
    allowDigestWithoutQop: v.allowDigestWithoutQop,
    timeoutMs: Math.round(v.timeoutSeconds * 1000),
    maxRetries: v.maxRetries,
    maxRetryTimeMs: DEFAULT_MAX_RETRY_TIME_MS,
    readSnapshotMs: Math.round(v.readSnapshotSeconds * 1000),
    proxy: Object.freeze(loadProxy(env)),
  });
}
