import { findIntegration, integrations, type AnyIntegration } from "../integrations/registry";
import type { IntegrationView } from "../integration-view";
import { printable } from "../redact";
import { secretCommand, type SecretSetting } from "./config-commands";
import { configKey, groupSuffixes, placeholder, qualifiedKey, resourceName } from "./config-keys";

/** The package the generated program imports. */
export const PACKAGE_NAME = "pulumi-opsmanager-integrations";

/** What was read from one project. */
export interface GroupExport {
  readonly groupId: string;
  /** Its integrations as {@link toView} shows them: every secret masked. Only their presence is ever used. */
  readonly views: readonly IntegrationView[];
  /** Types the server listed that this version does not know. */
  readonly unknownTypes: readonly string[];
}

export interface ExportInput {
  /** The projects read successfully, in the order asked for. */
  readonly groups: readonly GroupExport[];
  /** The stack config namespace secrets are read from; the project's own when absent. */
  readonly configNamespace?: string;
  /** Every project asked for, failed ones included, so names do not change when a failed one is exported later. */
  readonly allGroupIds?: readonly string[];
  /** Suffixes the program being added to already uses (see {@link groupSuffixes}). */
  readonly takenSuffixes?: readonly string[];
}

/** The generated program and what the user must know about it. */
export interface ExportedProgram {
  /** `index.ts`. */
  readonly text: string;
  /** The secrets to set in stack config before `pulumi up`, in program order. */
  readonly secrets: readonly SecretSetting[];
  /** Things that were not exported or need a look, one sentence each. */
  readonly warnings: readonly string[];
  /** How many resources the program declares. */
  readonly resources: number;
}

const registryOrder = (type: string) => integrations.findIndex((d) => d.type === type);

/**
 * Generates a TypeScript Pulumi program that declares one adopting {@link OpsManagerIntegration} per integration.
 * Non-secret fields get the server's values, except those equal to the field's server default; every secret and
 * write-only field is read from stack config. Values of secret fields (masked or not) are never looked at beyond
 * whether the server has one, so no secret can reach the text.
 */
export function exportProgram(input: ExportInput): ExportedProgram {
  const ids = input.allGroupIds ?? input.groups.map((g) => g.groupId);
  const suffixes = groupSuffixes([...ids, ...input.groups.map((g) => g.groupId)], input.takenSuffixes);
  const secrets: SecretSetting[] = [];
  const warnings: string[] = [];
  const body: string[] = [];
  let resources = 0;
  for (const group of input.groups) {
    const suffix = suffixes.get(group.groupId) ?? group.groupId;
    body.push("", `// Project ${group.groupId}`);
    const views = [...group.views].sort((a, b) => registryOrder(a.type) - registryOrder(b.type));
    if (views.length === 0) body.push("// (no integrations this package manages)");
    for (const view of views) {
      const def = findIntegration(view.type);
      if (!def) continue; // views are built from known types only
      const keyOf = (field: string) => configKey(def.type, field, suffix);
      body.push(...resourceText(def, view, resourceName(def.type, suffix), keyOf, secrets, warnings, input.configNamespace));
      resources++;
    }
    for (const type of group.unknownTypes) {
      const shown = printable(type, [], 60);
      body.push(`// Not exported: ${shown}, a type ${PACKAGE_NAME} does not know.`);
      warnings.push(`Project ${group.groupId} has a ${shown} integration, a type this version of ${PACKAGE_NAME} does not know: it was not exported (upgrade the package, or keep managing it in Ops Manager).`);
    }
  }
  return { text: programText(input, body, secrets, resources), secrets, warnings, resources };
}

function resourceText(
  def: AnyIntegration,
  view: IntegrationView,
  name: string,
  keyOf: (field: string) => string,
  secrets: SecretSetting[],
  warnings: string[],
  namespace: string | undefined,
): string[] {
  const where = `${def.type} of project ${view.groupId}`;
  const lines = [`new OpsManagerIntegration(${JSON.stringify(name)}, {`, `  groupId: ${JSON.stringify(view.groupId)},`, `  type: ${JSON.stringify(def.type)},`, "  adoptExisting: true,"];
  if (def.createdInUiOnly) {
    lines.push(`  // ${def.label} is connected in the Ops Manager UI; the API only reconfigures it: keep adoptExisting: true.`);
  }
  for (const [field, spec] of Object.entries(def.fields)) {
    const value = view.values[field];
    const present = value !== undefined && value !== null;
    const required = def.requiredFields.includes(field);
    if (spec.secret || spec.writeOnly) {
      // A write-only field is never shown, so only a required one is known to be set.
      if (spec.writeOnly ? !required : !present) {
        if (spec.writeOnly) lines.push(`  // ${field}: write-only, never shown by the server; if it is set, add ${field}: config.requireSecret(${JSON.stringify(keyOf(field))})`);
        continue;
      }
      const key = keyOf(field);
      secrets.push({ key: qualifiedKey(key, namespace), placeholder: placeholder(key), groupId: view.groupId, type: def.type, field });
      lines.push(`  ${field}: config.requireSecret(${JSON.stringify(key)}),`);
    } else if (!present) {
      if (required) {
        const legacy = spec.mayBeOmitted ? ` (a legacy ${def.label} integration shows none)` : "";
        warnings.push(`${where}: the server shows no ${field}${legacy}, which is required; fill it in before pulumi up.`);
      }
    } else if (value !== spec.serverDefault) {
      if (!spec.schema.safeParse(value).success) {
        warnings.push(`${where}: ${field} ${JSON.stringify(value)} is not a value this version accepts; check it before pulumi up.`);
      }
      lines.push(`  ${field}: ${JSON.stringify(value)},`);
    }
  }
  const unknown = Object.keys(view.values).filter((f) => !(f in def.fields));
  if (unknown.length > 0) {
    const names = unknown.map((f) => printable(f, [], 40)).join(", ");
    warnings.push(`${where}: field(s) ${names} are not known to this version of ${PACKAGE_NAME} and were not exported.`);
  }
  if (def.createdInUiOnly) {
    // `pulumi destroy` of this program must not delete what only the UI can connect again.
    lines.push(`}, { retainOnDelete: true }); // destroy leaves the ${def.label} integration in Ops Manager`);
  } else lines.push("});");
  return lines;
}

function programText(input: ExportInput, body: string[], secrets: SecretSetting[], resources: number): string {
  const projects = input.groups.map((g) => g.groupId).join(", ");
  const header = [
    `// Ops Manager integrations exported by \`${PACKAGE_NAME} export\` from project(s) ${projects}.`,
    "//",
    "// Every resource takes over an integration that already exists (adoptExisting: true). The first `pulumi up`",
    "// sends the settings below back as they are, plus the secrets from stack config; from then on this program",
    "// is the source of truth. Fields left out have the server's default value.",
  ];
  if (secrets.length > 0) {
    header.push("//", "// Set each secret in stack config before the first `pulumi up` (the same values the integrations use now):");
    header.push(...secrets.map((s) => `//   ${secretCommand(s)}`));
  }
  if (resources === 0) return [...header, ...body, ""].join("\n");
  const ns = input.configNamespace === undefined ? "" : JSON.stringify(input.configNamespace);
  const imports = [
    ...(secrets.length > 0 ? ['import * as pulumi from "@pulumi/pulumi";'] : []),
    `import { OpsManagerIntegration } from ${JSON.stringify(PACKAGE_NAME)};`,
  ];
  const config = secrets.length > 0 ? ["", `const config = new pulumi.Config(${ns});`] : [];
  return [...header, "", ...imports, ...config, ...body, ""].join("\n");
}
