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
  readonly publicKey: string;
  /** The digest password. Never printed; errors redact it. */
  readonly privateKey: string;
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
    publicKey: word("public key"),
    privateKey: word("private key"),
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
 * What to scrub for the private key: the value, and when it is malformed (we cannot know which part is the real
 * key) each longer word of it too.
 */
function privateKeyParts(privateKey: string | undefined): string[] {
  if (!privateKey) return [];
  return [privateKey, ...privateKey.split(/[\s\p{Cc}]+/u).filter((w) => w.length >= 8)];
}

function problemText(name: Name, raw: Raw | undefined, message: string, privateKey?: string): string {
  const s: ConnectionSetting = connectionSettings[name];
  if (!raw) return `Ops Manager setting ${s.key} is missing (environment variable ${s.env} is not set either): ${s.description} ${howToSet(s)}`;
  const from = raw.from === "config" ? "stack config" : `environment variable ${s.env}`;
  const got = s.secret ? "" : ` (got "${printable(redactUrl(raw.value), privateKeyParts(privateKey), 80)}")`;
  return `Ops Manager setting ${s.key} (read from ${from}) ${message}${got}. ${howToSet(s)}`;
}

/**
 * The one door for connection settings: stack config first (`get("opsmanager:baseUrl")`), then the environment,
 * then defaults. Empty values count as unset. Throws one {@link ConfigError} listing every problem; it never
 * contains the private key. Proxy variables are read here, once, and travel in the result.
 */
export function loadConnectionConfig(get: (key: string) => string | undefined, env: NodeJS.ProcessEnv): ConnectionConfig {
  const names = Object.keys(connectionSettings) as Name[];
  const raw: Partial<Record<Name, Raw>> = {};
  for (const name of names) {
    const s = connectionSettings[name];
    const fromConfig = get(s.key)?.trim();
    const fromEnv = env[s.env]?.trim();
    if (fromConfig) raw[name] = { value: fromConfig, from: "config" };
    else if (fromEnv) raw[name] = { value: fromEnv, from: "env" };
  }
  const input = Object.fromEntries(
    names.map((n) => {
      const s: ConnectionSetting = connectionSettings[n];
      return [n, raw[n]?.value ?? s.default];
    }),
  );
  const privateKey = raw.privateKey?.value;
  const parsed = settingsSchema()
    .refine((v) => v.allowHttp || !v.baseUrl.startsWith("http:") || isLoopbackUrl(v.baseUrl), {
      path: ["baseUrl"],
      message:
        "uses http:// for a host other than this machine: the API key's digest answers and the integrations' secrets " +
        "would cross the network in clear. Use https://, or set opsmanager:allowHttp true (OPSMANAGER_ALLOW_HTTP) to accept that",
    })
    .safeParse(input);
  if (!parsed.success) {
    const bad = [...new Set(parsed.error.issues.map((i) => i.path[0]).filter((n): n is Name => names.includes(n as Name)))];
    const lines = bad.map((n) => {
      const issue = parsed.error.issues.find((i) => i.path[0] === n);
      return problemText(n, raw[n], issue?.message ?? "is invalid", privateKey);
    });
    const missing = bad.every((n) => raw[n] === undefined);
    throw new ConfigError(lines.join("\n"), {
      code: missing ? errorCodes.CONFIG_MISSING : errorCodes.CONFIG_INVALID,
      settings: bad.map((n) => connectionSettings[n].key),
      secrets: privateKeyParts(privateKey),
    });
  }
  const v = parsed.data;
  return Object.freeze({
    apiBase: v.baseUrl,
    publicKey: v.publicKey,
    privateKey: v.privateKey,
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
