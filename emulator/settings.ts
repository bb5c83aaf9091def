import { z } from "zod";
import { profileSchema } from "./profiles";

/**
 * What the control plane may change while the emulator runs. Kept apart from the start-up options because tests
 * flip these between cases (shorter nonce lifetime, another mask style, a rate limit) without restarting.
 */
export const settingsSchema = z.strictObject({
  /** How long a digest nonce is accepted before the emulator answers 401 with `stale=true`. */
  nonceLifetimeMs: z.number().int().positive(),
  /** How secrets appear in responses: Ops Manager (`******` + last four), Atlas (length-tracking) or clear (old servers). */
  maskStyle: z.enum(["om", "atlas", "clear"]),
  /** Maximum API requests per second per API key; 0 disables the limit. Over it: 429 RATE_LIMITED. */
  rateLimitPerSecond: z.number().int().nonnegative(),
  /** Added to every API request before it is answered, to make slow servers reproducible. */
  latencyMs: z.number().int().nonnegative(),
  /**
   * A further delay, drawn anew for each request between 0 and this many ms, before authentication: requests sent
   * close together then reach the server in another order than they were signed (a network's jitter), which is what
   * `ncOrder: strict` refuses. 0 (the default) keeps the order.
   */
  latencyJitterMs: z.number().int().nonnegative(),
  /**
   * What a PUT does with a field sent as `null`. The update page says only that PUT "will update the changed
   * fields" (https://www.mongodb.com/docs/ops-manager/current/reference/api/third-party-integration-settings-update/);
   * null is undocumented, so both plausible readings are offered. `ignored` (the default, the conservative one):
   * null, like an omitted field, leaves the stored value. `clears`: null removes the field.
   */
  nullOnPut: z.enum(["ignored", "clears"]),
  /**
   * What a PUT on a configured integration does with the fields it is not sent. MongoDB's pages disagree:
   * `merge` (the default): the update page's "If a configuration of the same type already exists, the request will
   * update the changed fields" (https://www.mongodb.com/docs/ops-manager/current/reference/api/third-party-integration-settings-update/),
   * so an omitted field keeps its stored value. `replace`: the integrations overview page's PUT row, "Replace the
   * third-party integration configuration for {INTEGRATION-TYPE} with a new configuration, or add a new
   * configuration" (https://www.mongodb.com/docs/ops-manager/v5.0/reference/api/third-party-integration-settings/),
   * so the server then holds exactly the body's fields.
   */
  putSemantics: z.enum(["merge", "replace"]),
  /**
   * Whether the API may create a type the docs say is "initially configured ... through the ... third-party service
   * integrations page" (Slack, https://www.mongodb.com/docs/ops-manager/current/reference/api/third-party-integration-settings-create/).
   * `refuse` (the default, what the docs describe) answers a POST, or a PUT with nothing stored, with an error;
   * `allow` models an older server that took legacy Slack tokens through the API.
   */
  slackCreate: z.enum(["refuse", "allow"]),
  /**
   * How digest `nc` values of one nonce must arrive. `any` (default): each once, in any order, as Jetty's
   * DigestAuthenticator (Ops Manager's server) checks them. `strict`: each above the last, as some servers and proxies
   * demand; parallel requests that overtake each other then get a plain 401 (no stale).
   */
  ncOrder: z.enum(["any", "strict"]),
  /**
   * How the webhook `secret` is shown. `redacted` (the default): "******" with no visible character, as the
   * integrations' request-body extract says of webhooks: "the URL is partially redacted ... and the secret is
   * completely redacted" (Cloud Manager, https://www.mongodb.com/docs/cloud-manager/reference/api/third-party-integration-settings-update/).
   * `masked`: like every other secret (maskStyle, `******` and the last four), for a server that does not follow it.
   */
  webhookSecret: z.enum(["masked", "redacted"]),
  /**
   * `expires_in` of the tokens issued from now on, in seconds ("Generate Service Account Token",
   * https://www.mongodb.com/docs/cloud-manager/reference/api/service-accounts/generate-oauth2-token/: "The duration
   * the access token is valid, in seconds"; its example says 3600).
   */
  tokenLifetimeSeconds: z.number().int().positive(),
  /**
   * The 401 for an expired, revoked or unknown Bearer token. The docs do not show it (a guess either way): `om`
   * (default) is the API's own errorCode-less 401 body, as for a wrong API key; `oauth` is RFC 6750's
   * `WWW-Authenticate: Bearer error="invalid_token"` with an OAuth error body. The provider only reads the status.
   */
  bearerRefusal: z.enum(["om", "oauth"]),
  /** Which server is played: the integration types it accepts (profiles.ts). Default om-8.0, the newest Ops Manager. */
  profile: profileSchema,
  /**
   * A type whose request body the played product documents but whose {INTEGRATION-TYPE} list leaves it out
   * (MICROSOFT_TEAMS on both products, PROMETHEUS on Ops Manager: provider/integrations/availability.ts cites both
   * pages): `refuse` (the default, the type list) or `accept` (the body section).
   */
  bodyOnlyTypes: z.enum(["refuse", "accept"]),
});

/** The live settings. */
export type Settings = z.infer<typeof settingsSchema>;

/** A control-plane change to the settings: any subset of them. */
export const settingsPatchSchema = settingsSchema.partial();

/** Any subset of {@link Settings}. */
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
