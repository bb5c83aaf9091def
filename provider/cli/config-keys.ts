/**
 * The names an export derives from project ids, integration types and field names: resource names, the stack
 * config keys secrets are read from, and the placeholders printed for them. Pure, so the generated program and
 * the printed commands always agree.
 */

/** Shortest tail of a project id that is used to tell projects apart. */
const MIN_SUFFIX = 6;

/** `PAGER_DUTY` → `pagerDuty` */
function camelType(type: string): string {
  return type.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** `slackApiToken_000001` → `slack-api-token-000001` */
function kebab(name: string): string {
  return name.replace(/_/g, "-").replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
}

/**
 * For each project id, the shortest tail (6 characters or more, lower case) that no other id in the list shares
 * and that is not `taken` (the suffixes a program already uses, when projects are added to it), so names stay
 * short and readable yet unique: `5f0000000000000000000001` → `000001`. A project's suffix therefore depends only
 * on its own id unless two projects share their last six characters.
 */
export function groupSuffixes(groupIds: readonly string[], taken: readonly string[] = []): Map<string, string> {
  const ids = [...new Set(groupIds)];
  const used = new Set(taken.map((t) => t.toLowerCase()));
  for (let length = MIN_SUFFIX; ; length++) {
    const tails = ids.map((id) => id.slice(-length).toLowerCase());
    const distinct = new Set(tails).size === ids.length && tails.every((t) => !used.has(t));
    if (distinct || ids.every((id) => length >= id.length)) {
      return new Map(ids.map((id, i) => [id, tails[i] ?? id]));
    }
  }
}

/** The Pulumi resource name of a project's integration of one type: `slack-000001`, `pager-duty-000001`. */
export function resourceName(type: string, groupSuffix: string): string {
  return `${kebab(camelType(type))}-${groupSuffix}`;
}

/**
 * The stack config key a secret field is read from: type + field in camelCase (`slackApiToken`), without
 * repeating a type the field name already starts with (`microsoftTeamsWebhookUrl`), then the project's suffix
 * (`slackApiToken_000001`). The export always gives the suffix, even for one project, so a project's keys are the
 * same whichever projects are exported with it and a project added to the program later cannot clash.
 */
export function configKey(type: string, field: string, groupSuffix?: string): string {
  const prefix = camelType(type);
  const repeats = field.startsWith(prefix) && /[A-Z]/.test(field.charAt(prefix.length));
  const base = repeats ? field : prefix + field.charAt(0).toUpperCase() + field.slice(1);
  return groupSuffix === undefined ? base : `${base}_${groupSuffix}`;
}

/** The key as `pulumi config set` takes it: `slackApiToken`, or `ns:slackApiToken` with a config namespace. */
export function qualifiedKey(key: string, namespace?: string): string {
  return namespace === undefined ? key : `${namespace}:${key}`;
}

/**
 * What the printed command shows instead of the secret: `<slack-api-token>`. Unquoted angle brackets on purpose:
 * a command pasted without replacing it is a shell syntax error, so a placeholder can never become the secret.
 */
export function placeholder(key: string): string {
  return `<${kebab(key)}>`;
}
