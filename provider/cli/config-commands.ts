import { connectionSettings } from "../connection-settings";
import { placeholder } from "./config-keys";

/** One secret the exported program reads from stack config. */
export interface SecretSetting {
  /** The key as `pulumi config set` takes it (`slackApiToken`, or `ns:slackApiToken`). */
  readonly key: string;
  /** What the command shows instead of the value: `<slack-api-token>`. */
  readonly placeholder: string;
  readonly groupId: string;
  readonly type: string;
  readonly field: string;
}

/** The connection settings the export itself used, as given (flag or environment), to repeat in stack config. */
export interface ConnectionUsed {
  readonly baseUrl?: string;
  readonly publicKey?: string;
  /** Set when the export authenticated with a service account: its secret is then the placeholder, not the private key. */
  readonly clientId?: string;
  /** A file path (shown as is) or PEM text (shown as a placeholder). */
  readonly caCert?: string;
  readonly insecureSkipVerify?: string;
  readonly timeoutSeconds?: string;
  readonly maxRetries?: string;
}

/** `value` as one shell word: unchanged when it is plain, else single-quoted. */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** `pulumi config set --secret slackApiToken <slack-api-token>  # SLACK apiToken of project 5f…01` */
export function secretCommand(secret: SecretSetting): string {
  return `pulumi config set --secret ${shellWord(secret.key)} ${secret.placeholder}  # ${secret.type} ${secret.field} of project ${secret.groupId}`;
}

/**
 * The connection the program needs, as stack config: the non-secret settings the export used with their values,
 * and the private key (or the service account's client secret) as a placeholder (it is never printed).
 */
export function connectionCommands(used: ConnectionUsed): string[] {
  const lines: string[] = [];
  for (const name of ["baseUrl", "publicKey", "clientId", "caCert", "insecureSkipVerify", "timeoutSeconds", "maxRetries"] as const) {
    const value = used[name];
    if (value === undefined) continue;
    const shown = name === "caCert" && value.includes("-----BEGIN") ? placeholder("caPemFile") : shellWord(value);
    lines.push(`pulumi config set ${connectionSettings[name].key} ${shown}`);
  }
  const secret = used.clientId === undefined ? connectionSettings.privateKey : connectionSettings.clientSecret;
  const name = used.clientId === undefined ? "privateKey" : "clientSecret";
  lines.push(`pulumi config set --secret ${secret.key} ${placeholder(name)}  # or keep ${secret.env} in the environment`);
  return lines;
}

/** The export options {@link addCommand} repeats (the connection itself comes from the same environment). */
export interface AddCommandOptions {
  readonly configNamespace?: string;
  readonly baseUrl?: string;
  readonly publicKey?: string;
  readonly clientId?: string;
}

/**
 * The command that adds `groupIds` to the program in `dir` (a placeholder when the program was printed), with the
 * flags the export was given: what to run after some projects failed.
 */
export function addCommand(groupIds: readonly string[], dir: string | undefined, options: AddCommandOptions): string {
  const flags: [string, string | undefined][] = [
    ["--stack-config-namespace", options.configNamespace],
    ["--base-url", options.baseUrl],
    ["--public-key", options.publicKey],
    ["--client-id", options.clientId],
  ];
  return [
    "npx pulumi-opsmanager-integrations export",
    ...groupIds.map((id) => `--group ${shellWord(id)}`),
    `--add ${dir === undefined ? "<folder-of-the-program>" : shellWord(dir)}`,
    ...flags.flatMap(([flag, value]) => (value === undefined ? [] : [`${flag} ${shellWord(value)}`])),
  ].join(" ");
}
