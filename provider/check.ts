import type * as pulumi from "@pulumi/pulumi";
import { isImportPlaceholder } from "./import-placeholder";
import { isMasked } from "./integrations/mask";
import { definitions, integrationTypes, findIntegration } from "./integrations/registry";
import { META_KEYS, UNKNOWN } from "./split-props";
import { GROUP_ID, groupIdReason, shown as describe } from "./shown";

type CheckFailure = pulumi.dynamic.CheckFailure;

/**
 * Validates new inputs without any API call: one CheckFailure per problem, each naming the field and saying what
 * is allowed. Values still unknown during preview are left alone. The inputs are returned unchanged. A type the
 * known server's docs do not list is not a failure: no page says a registered type is unsupported, so the
 * lifecycle warns instead (availability.ts `availabilityWarning`) and the server decides.
 *
 * A secret that is a server mask fails too (see {@link maskedReason}).
 *
 * A failure about a value that may be a secret (a secret field, or a key we do not know) names the field in its
 * reason but not as its `property`: the engine prints the value of the property a failure names, secrets included.
 */
export function check(news: Record<string, unknown>): pulumi.dynamic.CheckResult {
  const failures: CheckFailure[] = [];
  const { groupId, type, adoptExisting } = news;
  if (groupId !== UNKNOWN && (typeof groupId !== "string" || !GROUP_ID.test(groupId))) {
    failures.push({
      property: "groupId",
      reason: groupIdReason(groupId),
    });
  }
  if (adoptExisting !== undefined && adoptExisting !== UNKNOWN && typeof adoptExisting !== "boolean") {
    failures.push({ property: "adoptExisting", reason: `adoptExisting must be true or false, got ${describe(adoptExisting)}` });
  }
  const { secretVersion } = news;
  if (secretVersion !== undefined && secretVersion !== UNKNOWN && typeof secretVersion !== "string" && typeof secretVersion !== "number") {
    failures.push({ property: "secretVersion", reason: `secretVersion must be a string or a number, got ${describe(secretVersion)}` });
  }
  if (type === UNKNOWN) return { inputs: news, failures };
  const def = findIntegration(type);
  if (!def) {
    failures.push({ property: "type", reason: `type ${describe(type)} is not an integration type; use one of ${integrationTypes.join(", ")}` });
    return { inputs: news, failures };
  }
  const accepted = Object.keys(def.fields);
  const takes = `${def.type} takes ${accepted.join(", ")}`;
  const values: Record<string, unknown> = {};
  const masked = new Set<string>();
  for (const [key, value] of Object.entries(news)) {
    if ((META_KEYS as readonly string[]).includes(key)) continue;
    if (!accepted.includes(key)) {
      const owner = definitions.find((d) => key in d.fields);
      const why = owner ? `${key} is a field of ${owner.type}, not of ${def.type}` : `${key} is not a field of ${def.type}`;
      const mightBeSecret = !owner || owner.secretFields.includes(key);
      failures.push({ property: mightBeSecret ? "" : key, reason: `${why}; ${takes}` });
    } else if (def.secretFields.includes(key) && isMasked(value)) {
      masked.add(key);
      failures.push({ property: "", reason: maskedReason(def.type, key) });
    } else if (def.secretFields.includes(key) && isImportPlaceholder(value)) {
      masked.add(key);
      failures.push({ property: "", reason: `${key} of ${def.type} is the placeholder \`pulumi import\` wrote: replace it with the secret (README "Other languages and \`pulumi import\`")` });
    } else if (value !== UNKNOWN) {
      values[key] = value;
    }
  }
  for (const name of def.requiredFields) {
    if (news[name] === undefined) {
      failures.push({ property: name, reason: `${name} is required for ${def.type}: ${def.fields[name]?.description}` });
    }
  }
  for (const rule of def.requiredWhen ?? []) {
    if (news[rule.when.field] === rule.when.equals && news[rule.field] === undefined) {
      failures.push({ property: rule.field, reason: `${rule.field} is required for ${def.type} when ${rule.when.field} is ${JSON.stringify(rule.when.equals)}` });
    }
  }
  const parsed = def.schema.safeParse(values);
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const name = String(issue.path[0] ?? "");
    if (news[name] === undefined || news[name] === UNKNOWN || masked.has(name)) continue; // reported above, or not known yet
    failures.push({ property: def.secretFields.includes(name) ? "" : name, reason: `${name} ${issue.message}` });
  }
  return { inputs: news, failures };
}

/**
 * A secret that is a server mask (`******1234`, Atlas's `*********1234`) was copied from what Ops Manager shows:
 * sending it would store the asterisks as the secret. Known at preview (secrets from stack config are), so it
 * fails here rather than at `up`. The value itself is never echoed.
 */
function maskedReason(type: string, field: string): string {
  return (
    `${field} of ${type} looks like a masked value (asterisks, as Ops Manager shows a secret), not the secret itself. ` +
    "The value usually comes from stack config: set the real one with `pulumi config set --secret <key> <value>`"
  );
}


