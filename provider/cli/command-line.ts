import { parseArgs } from "node:util";
import { GROUP_ID, groupIdReason, shown } from "../shown";

/** The `--help` text; also printed after a usage error. */
export const USAGE = `Usage: npx pulumi-opsmanager-integrations export --group <id> [--group <id> ...] [options]

Writes a TypeScript Pulumi program that manages the integrations that already exist in the given Ops Manager
projects (adoptExisting: true), with every secret read from stack config, and prints the
\`pulumi config set --secret\` commands to run before the first \`pulumi up\`.

  --group ID                     project (group) id, 24 hexadecimal characters; repeatable
  --out DIR                      write index.ts there (a new or empty folder also gets Pulumi.yaml,
                                 package.json and tsconfig.json); without it the program is printed
  --add DIR                      add the projects to the program in DIR: one project-<suffix>.ts each,
                                 imported by DIR/index.ts (after a partial failure, the command says so)
  --stack-config-namespace NAME  read the secrets from NAME:<key> instead of the project's namespace
  --base-url URL                 Ops Manager root URL (default: OPSMANAGER_BASE_URL)
  --public-key KEY               API key, public part (default: OPSMANAGER_PUBLIC_KEY)
  --client-id ID                 service account client ID, instead of an API key (default: OPSMANAGER_CLIENT_ID)
  --help                         show this text

The private key is read from OPSMANAGER_PRIVATE_KEY only (a service account's secret from
OPSMANAGER_CLIENT_SECRET only), never from the command line. OPSMANAGER_CA_CERT,
OPSMANAGER_INSECURE_SKIP_VERIFY, OPSMANAGER_TIMEOUT_SECONDS, OPSMANAGER_MAX_RETRIES and HTTPS_PROXY apply as
for the provider. Exit status: 0 done, 1 a project or the connection failed, 2 wrong usage.`;

/** A command-line mistake: printed with the usage, exit status 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** What `export` was asked to do. */
export interface ExportOptions {
  /** Distinct project ids, in the order given. */
  readonly groups: readonly string[];
  readonly out?: string;
  /** The folder of an exported program to add the projects to. */
  readonly add?: string;
  readonly configNamespace?: string;
  readonly baseUrl?: string;
  readonly publicKey?: string;
  readonly clientId?: string;
}

export type Command = { readonly kind: "help" } | ({ readonly kind: "export" } & ExportOptions);

const NAMESPACE = /^[A-Za-z0-9_.-]+$/;
const STRING_OPTIONS = ["group", "out", "add", "stack-config-namespace", "base-url", "public-key", "client-id"] as const;

/**
 * Turns argv (without node and the script) into a command. Unknown options and stray arguments are refused
 * without echoing their values, and a private key flag is refused outright: a key on the command line ends up in
 * shell history and process listings.
 */
export function parseCommandLine(argv: readonly string[]): Command {
  const { tokens } = parseArgs({
    args: [...argv],
    strict: false,
    allowPositionals: true,
    tokens: true,
    options: Object.fromEntries([...STRING_OPTIONS.map((o) => [o, { type: "string" as const, multiple: true }]), ["help", { type: "boolean" as const, short: "h" }]]),
  });
  const values: Record<string, string[]> = {};
  const positionals: string[] = [];
  let help = false;
  for (const token of tokens) {
    if (token.kind === "positional") positionals.push(token.value);
    if (token.kind !== "option") continue;
    if (/^private[-_]?key$/i.test(token.name)) {
      throw new UsageError(`--${token.name} is not accepted: set the private key in the environment variable OPSMANAGER_PRIVATE_KEY.`);
    }
    if (/^client[-_]?secret$/i.test(token.name)) {
      throw new UsageError(`--${token.name} is not accepted: set the client secret in the environment variable OPSMANAGER_CLIENT_SECRET.`);
    }
    if (token.name === "help" || token.name === "h") {
      help = true;
    } else if ((STRING_OPTIONS as readonly string[]).includes(token.name)) {
      if (token.value === undefined || token.value === "") throw new UsageError(`--${token.name} needs a value`);
      (values[token.name] ??= []).push(token.value);
    } else {
      throw new UsageError(`unknown option ${token.rawName.split("=")[0]}`);
    }
  }
  if (help) return { kind: "help" };
  if (positionals.length === 0) throw new UsageError("give a command: export");
  const [command, ...rest] = positionals;
  if (command !== "export") throw new UsageError(`unknown command ${shown(command ?? "")}; the only command is export`);
  if (rest.length > 0) throw new UsageError(`export takes no arguments besides options (got ${rest.length} more); give projects as --group <id>`);
  return { kind: "export", ...exportOptions(values) };
}

function exportOptions(values: Record<string, string[]>): ExportOptions {
  const single = (name: (typeof STRING_OPTIONS)[number]) => {
    const given = values[name] ?? [];
    if (given.length > 1) throw new UsageError(`--${name} may be given once`);
    return given[0];
  };
  const groups = values.group ?? [];
  if (groups.length === 0) throw new UsageError("give at least one project: --group <id>");
  for (const id of groups) {
    if (!GROUP_ID.test(id)) throw new UsageError(groupIdReason(id, "--group"));
  }
  const namespace = single("stack-config-namespace");
  if (namespace !== undefined && !NAMESPACE.test(namespace)) {
    throw new UsageError(`--stack-config-namespace must be letters, digits, "-", "_" or "." (no ":"), got ${shown(namespace)}`);
  }
  const out = single("out");
  const add = single("add");
  if (out !== undefined && add !== undefined) throw new UsageError("give either --out (a new program) or --add (an existing one), not both");
  const baseUrl = single("base-url");
  const publicKey = single("public-key");
  const clientId = single("client-id");
  return {
    groups: [...new Set(groups)],
    ...(out === undefined ? {} : { out }),
    ...(add === undefined ? {} : { add }),
    ...(namespace === undefined ? {} : { configNamespace: namespace }),
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...(publicKey === undefined ? {} : { publicKey }),
    ...(clientId === undefined ? {} : { clientId }),
  };
}
