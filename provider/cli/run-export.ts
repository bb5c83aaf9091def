import path from "node:path";
import { loadConnectionConfig, type ConnectionConfig } from "../config";
import { connectionSettings } from "../connection-settings";
import { ConfigError, OpsManagerError } from "../errors";
import { securityWarnings } from "../insecure-warning";
import { toView } from "../integration-view";
import { shellWord } from "./config-commands";
import type { ExportOptions } from "./command-line";
import { addCommand, connectionCommands, secretCommand, type ConnectionUsed, type SecretSetting } from "./config-commands";
import { checkAddDir, writeAddDir, type AddDir } from "./add-dir";
import { exportProgram, PACKAGE_NAME, type GroupExport } from "./export-program";
import { createClient } from "../client";
import { integrationTypes } from "../integrations/registry";
import { checkOutDir, writeOutDir } from "./out-dir";
import { ownPackage } from "./own-package";
import { projectFiles } from "./project-files";

/** The process around the command: injected so tests can run it in-process too. */
export interface CliIo {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Results: the program (without --out) or the summary and next steps. */
  readonly out: (text: string) => void;
  /** Progress, warnings and errors. */
  readonly err: (text: string) => void;
}

const CONFIG_NOTE =
  "The export reads the connection from --base-url and --public-key or the OPSMANAGER_* environment variables " +
  "(there, \"stack config\" means those flags); the private key only from OPSMANAGER_PRIVATE_KEY.";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * `export`: reads every integration of each project (all pages), generates the program, writes or prints it, and
 * prints the config commands. A project that fails is reported with the provider's error message and the others
 * are still exported; the exit status is then 1, and the last lines give the `--add` command that adds the failed
 * projects to the same program.
 */
export async function runExport(options: ExportOptions, io: CliIo): Promise<number> {
  const target = options.out === undefined ? undefined : checkOutDir(options.out, io.cwd);
  const addTo = options.add === undefined ? undefined : checkAddDir(options.add, io.cwd, options.groups);
  // Both are checked before anything is read from the server.
  if ((target && "problem" in target) || (addTo && "problem" in addTo)) {
    io.err(`error: ${[target, addTo].map((c) => (c && "problem" in c ? c.problem : "")).join("")}\n`);
    return 2;
  }
  const flags: Record<string, string | undefined> = {
    [connectionSettings.baseUrl.key]: options.baseUrl,
    [connectionSettings.publicKey.key]: options.publicKey,
    [connectionSettings.clientId.key]: options.clientId,
  };
  let config: ConnectionConfig;
  try {
    config = loadConnectionConfig((key) => flags[key], io.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.err(`error: ${err.message}\n${CONFIG_NOTE}\n`);
    return 1;
  }
  for (const warning of securityWarnings((key) => flags[key], io.env)) io.err(`warning: ${warning}\n`);
  const total = options.groups.length;
  io.err(`Reading the integrations of ${plural(total, "project")} from ${config.apiBase} (${config.serviceAccount ? `service account ${config.serviceAccount.clientId}` : `API key ${config.publicKey}`})\n`);
  const groups: GroupExport[] = [];
  const failed: string[] = [];
  const lister = createClient(config, { knownTypes: integrationTypes });
  try {
    for (const [i, groupId] of options.groups.entries()) {
      const step = `[${i + 1}/${total}] project ${groupId}`;
      try {
        const listing = await lister.listGroup(groupId);
        groups.push({ groupId, views: listing.integrations.map((e) => toView(groupId, e)), unknownTypes: listing.unknownTypes });
        const unknown = listing.unknownTypes.length > 0 ? ` (+${listing.unknownTypes.length} of unknown type, not exported)` : "";
        io.err(`${step}: ${plural(listing.integrations.length, "integration")}${unknown}\n`);
      } catch (err) {
        if (!(err instanceof OpsManagerError)) throw err;
        failed.push(groupId);
        io.err(`${step}: failed: ${err.message}\n`);
      }
    }
  } finally {
    lister.close();
  }
  if (groups.length === 0) {
    io.err(`error: nothing exported, every project failed.\n`);
    return 1;
  }

  const namespace = options.configNamespace ? { configNamespace: options.configNamespace } : {};
  const steps = (lines: string[]) => lines.map((l) => `  ${l}\n`).join("");
  const shownDir = (dir: string) => path.relative(io.cwd, dir) || ".";
  const retry = (dir: string | undefined) => {
    if (failed.length === 0) return 0;
    io.err(
      `error: exported ${groups.length} of ${plural(total, "project")}; failed: ${failed.join(", ")}. Fix the problem above, ` +
        `then add ${failed.length === 1 ? "it" : "them"} to ${dir === undefined ? "the program" : "this program"} with:\n` +
        steps([addCommand(failed, dir === undefined ? undefined : shownDir(dir), options)]),
    );
    return 1;
  };
  if (addTo) return addProjects(addTo, groups, options, io, steps, shownDir, retry);

  const program = exportProgram({ groups, allGroupIds: options.groups, ...namespace });
  for (const warning of program.warnings) io.err(`warning: ${warning}\n`);
  const commands = [...connectionCommands(connectionUsed(options, io)), ...program.secrets.map(secretCommand)];
  if (target) {
    const facts = ownPackage(target.dir);
    const written = writeOutDir(target, projectFiles(path.basename(target.dir), program.text, facts));
    io.out(`Wrote ${written.map((f) => path.relative(io.cwd, f) || f).join(", ")} (${plural(program.resources, "integration")}).\n`);
    if (target.isNew && facts.packageSpec.startsWith("^")) io.out(`\n${registryNote(facts.version)}\n`);
    io.out("\nNext steps:\n");
    io.out(steps([
      `cd ${shellWord(shownDir(target.dir))}${target.isNew ? " && npm install" : ""}`,
      "pulumi stack init <stack>   # or: pulumi stack select <stack>",
      ...commands,
      "pulumi preview              # each integration shows as a create: it is adopted, its settings unchanged",
      "pulumi up",
    ]));
  } else {
    io.out(program.text);
    io.err(`\nBefore the first pulumi up, set the connection and the secrets in stack config:\n${steps(commands)}`);
  }
  return retry(target?.dir);
}

/**
 * `--add`: one file per project read, each a program of its own (imports, config, resources), imported by the
 * existing index.ts; the names avoid those the program already uses. The connection is in stack config already,
 * so only the new secrets are to be set.
 */
function addProjects(
  addTo: AddDir,
  groups: readonly GroupExport[],
  options: ExportOptions,
  io: CliIo,
  steps: (lines: string[]) => string,
  shownDir: (dir: string) => string,
  retry: (dir: string) => number,
): number {
  const files = new Map<string, string>();
  const secrets: SecretSetting[] = [];
  let resources = 0;
  for (const group of groups) {
    const program = exportProgram({
      groups: [group],
      allGroupIds: options.groups,
      takenSuffixes: addTo.takenSuffixes,
      ...(options.configNamespace ? { configNamespace: options.configNamespace } : {}),
    });
    for (const warning of program.warnings) io.err(`warning: ${warning}\n`);
    files.set(addTo.files.get(group.groupId) ?? "", program.text);
    secrets.push(...program.secrets);
    resources += program.resources;
  }
  const written = writeAddDir(addTo, files);
  io.out(`Wrote ${written.map((f) => path.relative(io.cwd, f) || f).join(", ")} (${plural(resources, "integration")}; index.ts imports the new files).\n`);
  io.out("\nNext steps:\n");
  io.out(steps([
    `cd ${shellWord(shownDir(addTo.dir))}`,
    "pulumi stack select <stack>   # the connection is in its config already",
    ...secrets.map(secretCommand),
    "pulumi preview                # each added integration shows as a create: it is adopted, its settings unchanged",
    "pulumi up",
  ]));
  return retry(addTo.dir);
}

/**
 * Said when package.json asks the npm registry for this package (this copy was not installed from a tarball or a
 * git URL): until the package is published there, `npm install` cannot find it.
 */
function registryNote(version: string): string {
  return (
    `package.json asks the npm registry for ${PACKAGE_NAME}@^${version}. Until it is published there, point that ` +
    "dependency at the tarball or git URL you installed it from (README, \"Install\") before npm install."
  );
}

/** The connection settings as the export was given them (flag first, then environment), to repeat as stack config. */
function connectionUsed(options: ExportOptions, io: CliIo): ConnectionUsed {
  const env = (name: keyof typeof connectionSettings) => io.env[connectionSettings[name].env]?.trim() || undefined;
  const caCert = env("caCert");
  const used = {
    baseUrl: options.baseUrl ?? env("baseUrl"),
    publicKey: options.publicKey ?? env("publicKey"),
    clientId: options.clientId ?? env("clientId"),
    // A relative path would be read relative to the program's folder: make it absolute.
    caCert: caCert && !caCert.includes("-----BEGIN") ? path.resolve(io.cwd, caCert) : caCert,
    insecureSkipVerify: env("insecureSkipVerify"),
    timeoutSeconds: env("timeoutSeconds"),
    maxRetries: env("maxRetries"),
  };
  return Object.fromEntries(Object.entries(used).filter(([, v]) => v !== undefined)) as ConnectionUsed;
}
