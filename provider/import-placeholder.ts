/**
 * What `pulumi import` of the plugin writes for a secret field into the code it generates: the server never shows
 * a secret (only its mask, which must not be copied either), so the user has to supply it. The placeholder marks
 * where, says how, and is refused by `check` (like a mask), so it can never be sent as the secret.
 */
const PREFIX = "pulumi-import-placeholder:";

/** The placeholder of one field, e.g. for DATADOG's apiKey. */
export function importPlaceholder(field: string): string {
  return `${PREFIX} set ${field} to the secret, e.g. from stack config set with pulumi config set --secret`;
}

/** Whether `value` is a placeholder written by {@link importPlaceholder}. */
export function isImportPlaceholder(value: unknown): boolean {
  return typeof value === "string" && value.startsWith(PREFIX);
}
