import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DEFAULT_GROUP_IDS, OWNER_ROLE } from "./defaults";
import { configFileSchema, type ApiKey } from "./options";
import { profileSchema } from "./profiles";
import type { StartEmulatorOptions } from "./start-emulator";

/** The `--help` text; also printed after a usage error. */
export const USAGE = `Usage: npm run emulator -- [options]

  --port N                 port to listen on (default 8080; 0 = any free port)
  --host ADDR              address to bind (default 127.0.0.1; the control plane answers loopback only)
  --config FILE            JSON: {groups, keys: [{publicKey, privateKey, roles: [{groupId, roleName}]}],
                           integrations: [{groupId, type, fields}] (as if configured in the UI, e.g. a connected Slack),
                           serviceAccounts: [{clientId, clientSecret, roles}], maskStyle, nonceLifetimeMs, rateLimitPerSecond,
                           latencyMs, latencyJitterMs, nullOnPut, putSemantics, slackCreate, ncOrder, webhookSecret, profile, bodyOnlyTypes,
                           tokenLifetimeSeconds, bearerRefusal, dataFile}
  --group ID               a group (24 hex digits) to create; repeatable
  --key PUB:PRIV[:ROLE[:GROUP,GROUP]]
                           an API key; ROLE defaults to ${OWNER_ROLE}, groups to every group; repeatable
  --token-lifetime SECONDS expires_in of service-account tokens (default 3600)
  --bearer-refusal om|oauth
                           the 401 for an expired or revoked token (undocumented; default om)
  --data-file PATH         persist state in PATH (atomic writes); default: in memory
  --tls-cert FILE --tls-key FILE
                           serve HTTPS with this PEM certificate and key
  --mask om|atlas|clear    how secrets are masked in responses (default om)
  --nonce-lifetime SECONDS digest nonce lifetime (default 300)
  --rate-limit N           max requests per second per key (default 0 = unlimited)
  --latency MS             delay added to every API request (default 0)
  --null-on-put ignored|clears
                           what a PUT does with a field sent as null (undocumented; default ignored)
  --put merge|replace      what a PUT does with the fields it is not sent: keep them (default, the update page)
                           or drop them (the integrations overview page: PUT "Replace[s] the ... configuration")
  --webhook-secret redacted|masked
                           a webhook secret shown as "******" (default, "completely redacted") or with its last four
  --slack-create refuse|allow
                           whether the API may create a SLACK integration (default refuse, as documented)
  --nc-order any|strict    digest nc per nonce: once each in any order (default, Jetty) or strictly increasing
  --profile om-5.0|om-6.0|om-7.0|om-8.0|cloud-manager|all-registered
                           the server played: the integration types it accepts (default om-8.0)
  --body-only-types refuse|accept
                           a type whose body the product documents but whose type list omits it (Teams, Prometheus on
                           Ops Manager): refused (default, the type list) or accepted (the body section)
  --help                   show this text`;

/** A command-line mistake; `main` prints it with the usage. */
export class CliError extends Error {
  override name = "CliError";
}

/** The parsed command line: start options, or a request for help. */
export type CliResult = { readonly help: true } | { readonly help: false; readonly options: StartEmulatorOptions };

function number(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw new CliError(`--${flag} must be a whole number, got ${raw}`);
  return Number(raw);
}

/**
 * Turns argv (without node and the script) into start options. Flags win over the `--config` file; keys and
 * groups from both are combined and replace the defaults. `read` is injectable so tests need no files.
 */
export function parseCli(argv: readonly string[], read: (file: string) => string = (f) => readFileSync(f, "utf8")): CliResult {
  const { values: v } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      port: { type: "string" }, host: { type: "string" }, config: { type: "string" },
      group: { type: "string", multiple: true }, key: { type: "string", multiple: true },
      "data-file": { type: "string" }, "tls-cert": { type: "string" }, "tls-key": { type: "string" },
      mask: { type: "string" }, "nonce-lifetime": { type: "string" }, "rate-limit": { type: "string" },
      latency: { type: "string" }, "null-on-put": { type: "string" }, put: { type: "string" }, "webhook-secret": { type: "string" }, "slack-create": { type: "string" }, "nc-order": { type: "string" }, profile: { type: "string" }, "body-only-types": { type: "string" }, help: { type: "boolean" },
      "token-lifetime": { type: "string" }, "bearer-refusal": { type: "string" },
    },
  });
  if (v.help) return { help: true };
  if (Boolean(v["tls-cert"]) !== Boolean(v["tls-key"])) throw new CliError("--tls-cert and --tls-key go together");
  const file = v.config ? configFileSchema.safeParse(JSON.parse(read(v.config))) : undefined;
  if (file && !file.success) throw new CliError(`--config ${v.config}: ${file.error.issues[0]?.path.join(".")}: ${file.error.issues[0]?.message}`);
  const fromFile = file?.data ?? {};
  const groups = [...(fromFile.groups ?? []), ...(v.group ?? [])];
  const allGroups = groups.length > 0 ? groups : undefined;
  const flagKeys = (v.key ?? []).map((spec) => parseKey(spec, allGroups));
  const keys = fromFile.keys || flagKeys.length > 0 ? [...(fromFile.keys ?? []), ...flagKeys] : undefined;
  const mask = v.mask;
  if (mask !== undefined && mask !== "om" && mask !== "atlas" && mask !== "clear") throw new CliError(`--mask must be om, atlas or clear, got ${mask}`);
  const nullOnPut = v["null-on-put"];
  if (nullOnPut !== undefined && nullOnPut !== "ignored" && nullOnPut !== "clears") {
    throw new CliError(`--null-on-put must be ignored or clears, got ${nullOnPut}`);
  }
  const put = v.put;
  if (put !== undefined && put !== "merge" && put !== "replace") throw new CliError(`--put must be merge or replace, got ${put}`);
  const webhookSecret = v["webhook-secret"];
  if (webhookSecret !== undefined && webhookSecret !== "redacted" && webhookSecret !== "masked") {
    throw new CliError(`--webhook-secret must be redacted or masked, got ${webhookSecret}`);
  }
  const slackCreate = v["slack-create"];
  if (slackCreate !== undefined && slackCreate !== "refuse" && slackCreate !== "allow") {
    throw new CliError(`--slack-create must be refuse or allow, got ${slackCreate}`);
  }
  const ncOrder = v["nc-order"];
  if (ncOrder !== undefined && ncOrder !== "any" && ncOrder !== "strict") throw new CliError(`--nc-order must be any or strict, got ${ncOrder}`);
  const profile = v.profile === undefined ? undefined : profileSchema.safeParse(v.profile);
  if (profile && !profile.success) throw new CliError(`--profile must be one of ${profileSchema.options.join(", ")}, got ${v.profile}`);
  const bodyOnly = v["body-only-types"];
  if (bodyOnly !== undefined && bodyOnly !== "refuse" && bodyOnly !== "accept") throw new CliError(`--body-only-types must be refuse or accept, got ${bodyOnly}`);
  const lifetime = number("nonce-lifetime", v["nonce-lifetime"]);
  const bearerRefusal = v["bearer-refusal"];
  if (bearerRefusal !== undefined && bearerRefusal !== "om" && bearerRefusal !== "oauth") {
    throw new CliError(`--bearer-refusal must be om or oauth, got ${bearerRefusal}`);
  }
  const options: StartEmulatorOptions = {
    ...fromFile,
    groups: allGroups,
    keys,
    port: number("port", v.port) ?? 8080,
    host: v.host ?? "127.0.0.1",
    dataFile: v["data-file"] ?? fromFile.dataFile,
    tls: v["tls-cert"] ? { cert: read(v["tls-cert"]), key: read(v["tls-key"]!) } : undefined,
    maskStyle: mask ?? fromFile.maskStyle,
    nonceLifetimeMs: lifetime === undefined ? fromFile.nonceLifetimeMs : lifetime * 1000,
    rateLimitPerSecond: number("rate-limit", v["rate-limit"]) ?? fromFile.rateLimitPerSecond,
    latencyMs: number("latency", v.latency) ?? fromFile.latencyMs,
    nullOnPut: nullOnPut ?? fromFile.nullOnPut,
    putSemantics: put ?? fromFile.putSemantics,
    webhookSecret: webhookSecret ?? fromFile.webhookSecret,
    slackCreate: slackCreate ?? fromFile.slackCreate,
    ncOrder: ncOrder ?? fromFile.ncOrder,
    profile: profile?.data ?? fromFile.profile,
    bodyOnlyTypes: bodyOnly ?? fromFile.bodyOnlyTypes,
    tokenLifetimeSeconds: number("token-lifetime", v["token-lifetime"]) ?? fromFile.tokenLifetimeSeconds,
    bearerRefusal: bearerRefusal ?? fromFile.bearerRefusal,
  };
  return { help: false, options };
}

/** `PUB:PRIV[:ROLE[:GROUP,GROUP]]`; without groups the key joins every configured group (or the defaults). */
function parseKey(spec: string, groups: readonly string[] | undefined): ApiKey {
  const [publicKey, privateKey, roleName = OWNER_ROLE, groupList] = spec.split(":");
  if (!publicKey || !privateKey) throw new CliError(`--key must be PUBLIC:PRIVATE[:ROLE[:GROUP,...]], got ${spec}`);
  const memberOf = groupList !== undefined ? groupList.split(",").filter(Boolean) : (groups ?? DEFAULT_GROUP_IDS);
  return { publicKey, privateKey, roles: memberOf.map((groupId) => ({ groupId, roleName })) };
}
