import { z } from "zod";
import type { IntegrationDefinition } from "../provider/integrations/define";
import { findIntegration } from "../provider/integrations/registry";
import {
  DEFAULT_GROUP_IDS,
  DEFAULT_NONCE_LIFETIME_MS,
  DEFAULT_TOKEN_LIFETIME_SECONDS,
  OUTSIDER_KEY,
  OWNER_KEY,
  OWNER_ROLE,
  OWNER_SERVICE_ACCOUNT,
  READ_ONLY_KEY,
  READ_ONLY_ROLE,
} from "./defaults";
import { GROUP_ID } from "../provider/shown";
import { DEFAULT_PROFILE } from "./profiles";
import { settingsSchema, type Settings } from "./settings";

/** A project id as Ops Manager makes them: 24 hex digits. */
export const groupIdSchema = z.string().regex(GROUP_ID, { error: "must be 24 hexadecimal digits" });

/** One role of an API key in one project, in Ops Manager's own shape (`roles[].groupId/roleName`). */
export const keyRoleSchema = z.strictObject({ groupId: groupIdSchema, roleName: z.string().min(1) });

/** A programmatic API key: digest username = public key, password = private key. */
export const apiKeySchema = z.strictObject({
  publicKey: z.string().min(1),
  privateKey: z.string().min(1),
  roles: z.array(keyRoleSchema),
});

/**
 * A Cloud Manager service account (its API pages, api/service-accounts/): client ID and secret, exchanged for a
 * Bearer token at the token endpoint, and roles in projects like an API key's.
 */
export const serviceAccountSchema = z.strictObject({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  roles: z.array(keyRoleSchema),
});

/** A service account the emulator accepts. */
export type ServiceAccount = z.infer<typeof serviceAccountSchema>;

/** An API key the emulator accepts; it is a member of every group it has a role in. */
export type ApiKey = z.infer<typeof apiKeySchema>;

/** One role of an API key in one group. */
export type KeyRole = z.infer<typeof keyRoleSchema>;

/** Where the emulator gets its integration definitions; the registry unless a test injects an extra type. */
export type IntegrationLookup = (type: string) => IntegrationDefinition | undefined;

/**
 * An integration present at start and after every reset, as if configured in the Ops Manager UI (a connected Slack,
 * which the API cannot create): validated by the registry like a control-plane seed.
 */
export const configuredIntegrationSchema = z.strictObject({
  groupId: groupIdSchema,
  type: z.string().min(1),
  fields: z.record(z.string(), z.unknown()),
});

/** One integration of {@link EmulatorOptions.integrations}. */
export type ConfiguredIntegration = z.infer<typeof configuredIntegrationSchema>;

/**
 * The JSON accepted by `--config FILE` and the serialisable part of {@link EmulatorOptions}. Keys and groups given
 * here replace the defaults (see {@link resolveOptions}).
 */
export const configFileSchema = settingsSchema.partial().extend({
  groups: z.array(groupIdSchema).optional(),
  keys: z.array(apiKeySchema).optional(),
  serviceAccounts: z.array(serviceAccountSchema).optional(),
  integrations: z.array(configuredIntegrationSchema).optional(),
  dataFile: z.string().min(1).optional(),
}).strict();

/** How to build an emulator; everything is optional and defaults to the values in `defaults.ts`. */
export interface EmulatorOptions extends Partial<Settings> {
  /** Groups that exist at start and after a reset. Default: the two default group ids. */
  readonly groups?: readonly string[];
  /** API keys accepted. Default: owner and read-only keys in every group, and an outsider key in none. */
  readonly keys?: readonly ApiKey[];
  /** Service accounts accepted. Default: one owner in every group ({@link OWNER_SERVICE_ACCOUNT}). */
  readonly serviceAccounts?: readonly ServiceAccount[];
  /** Integrations that exist at start and after a reset (e.g. a Slack connected in the UI). Default: none. */
  readonly integrations?: readonly ConfiguredIntegration[];
  /** Persist state to this JSON file (atomic write + rename after every change); in memory when absent. */
  readonly dataFile?: string;
  /** Serve HTTPS with this PEM certificate and key. */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  /** Overrides the registry lookup; tests use it to prove that a new type needs no emulator change. */
  readonly findIntegration?: IntegrationLookup;
  /** Request-log entries kept before the oldest are dropped. Default 10 000. */
  readonly maxLoggedRequests?: number;
}

/** {@link EmulatorOptions} after validation and defaulting: what the rest of the emulator reads. */
export interface EmulatorConfig {
  readonly groups: readonly string[];
  readonly keys: readonly ApiKey[];
  readonly serviceAccounts: readonly ServiceAccount[];
  readonly integrations: readonly ConfiguredIntegration[];
  readonly settings: Settings;
  readonly dataFile?: string;
  readonly tls?: EmulatorOptions["tls"];
  readonly findIntegration: IntegrationLookup;
  readonly maxLoggedRequests: number;
}

/** The default keys, made members of `groups` (so custom groups still get an owner and a read-only key). */
export function defaultKeys(groups: readonly string[]): ApiKey[] {
  const inAll = (roleName: string) => groups.map((groupId) => ({ groupId, roleName }));
  return [
    { ...OWNER_KEY, roles: inAll(OWNER_ROLE) },
    { ...READ_ONLY_KEY, roles: inAll(READ_ONLY_ROLE) },
    { ...OUTSIDER_KEY, roles: [] },
  ];
}

/**
 * Validates options once and fills the defaults. Groups referenced by a key's roles are created too, so a config
 * file may list keys alone. Throws an Error naming the bad option.
 */
export function resolveOptions(options: EmulatorOptions = {}): EmulatorConfig {
  const { tls, findIntegration: lookup, maxLoggedRequests, ...plain } = options;
  const parsed = configFileSchema.safeParse(plain);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid emulator option ${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`);
  }
  const o = parsed.data;
  const explicitGroups = o.groups ?? (o.keys ? [] : DEFAULT_GROUP_IDS);
  const keys = o.keys ?? defaultKeys(explicitGroups);
  const accounts = o.serviceAccounts ?? [{ ...OWNER_SERVICE_ACCOUNT, roles: explicitGroups.map((groupId) => ({ groupId, roleName: OWNER_ROLE })) }];
  const principals = [...keys, ...accounts];
  const groups = [...new Set([...explicitGroups, ...principals.flatMap((k) => k.roles.map((r) => r.groupId))])];
  return {
    groups,
    keys,
    serviceAccounts: accounts,
    integrations: o.integrations ?? [],
    settings: {
      nonceLifetimeMs: o.nonceLifetimeMs ?? DEFAULT_NONCE_LIFETIME_MS,
      maskStyle: o.maskStyle ?? "om",
      rateLimitPerSecond: o.rateLimitPerSecond ?? 0,
      latencyMs: o.latencyMs ?? 0,
      latencyJitterMs: o.latencyJitterMs ?? 0,
      nullOnPut: o.nullOnPut ?? "ignored",
      putSemantics: o.putSemantics ?? "merge",
      slackCreate: o.slackCreate ?? "refuse",
      ncOrder: o.ncOrder ?? "any",
      webhookSecret: o.webhookSecret ?? "redacted",
      profile: o.profile ?? DEFAULT_PROFILE,
      bodyOnlyTypes: o.bodyOnlyTypes ?? "refuse",
      tokenLifetimeSeconds: o.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS,
      bearerRefusal: o.bearerRefusal ?? "om",
    },
    dataFile: o.dataFile,
    tls,
    findIntegration: lookup ?? findIntegration,
    maxLoggedRequests: maxLoggedRequests ?? 10_000,
  };
}
