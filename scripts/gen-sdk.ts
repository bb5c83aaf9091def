/**
 * `npm run sdk:gen [-- <python|go> [out]]`: generates the Python and Go SDKs (or one of them) of the `opsmanager`
 * plugin from its schema (provider/plugin/schema.json, which the plugin also serves from GetSchema) with the Pulumi
 * CLI's own `pulumi package gen-sdk`, offline. The CLI hands the generation to the language's host
 * (scripts/ensure-language-host.sh provides it), so the code is what `pulumi package add` would give a Python or Go
 * user. Default `out` is `sdk/`, committed: what users install (`pip install pulumi_opsmanager`, `go get` of the
 * module under `sdk/go/opsmanager`) and what a test regenerates and compares. Each language's folder is replaced
 * whole. Prints each SDK's folder on stdout.
 *
 * Python: `sdk/python` (a setuptools project, `pulumi_opsmanager`). Go: `sdk/go/opsmanager` plus the `go.mod` the
 * Go code generator leaves to the publisher (module = the import path, `github.com/pulumi/pulumi/sdk/v3` at
 * {@link GO_SDK_VERSION}) and its go.sum (`go mod tidy`, from the module proxy or the machine's module cache).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(__dirname, "..");
const bin = path.join(root, ".tools", "bin");

/** The schema the SDKs are generated from: written by `npm run docs`, served by the plugin. */
export const SCHEMA_FILE = path.join(root, "provider", "plugin", "schema.json");
/**
 * `github.com/pulumi/pulumi/sdk/v3` for the Go SDK and examples/go: the version of the CLI of leg 1, whose build
 * already put it in the module cache. One version on both legs, so Go's build cache serves the second leg too.
 */
export const GO_SDK_VERSION = "v3.248.0";

export type SdkLanguage = "python" | "go";

/** Where an SDK lands under `outRoot`; `pulumi package gen-sdk` writes `<out>/<language>/…`. */
export function sdkDir(language: SdkLanguage, outRoot: string, packageName = "opsmanager"): string {
  return language === "go" ? path.join(outRoot, "go", packageName) : path.join(outRoot, "python");
}

/**
 * The Go module path of the generated code: the schema's `language.go.importBasePath` when it names one, else
 * what Pulumi's Go generator imports when none is given (`example.com/pulumi-<name>/sdk/go/<name>`): the SDK is not
 * published, so programs reach it with a `replace` (examples/go/go.mod).
 */
export function goModulePath(schema: { name: string; language?: { go?: { importBasePath?: string } } }): string {
  return schema.language?.go?.importBasePath ?? `example.com/pulumi-${schema.name}/sdk/go/${schema.name}`;
}

interface Schema {
  name: string;
  version?: string;
  language?: Record<string, Record<string, unknown> | undefined>;
}

/**
 * The schema with the code generators' options this repository relies on, where the schema does not set them:
 * `respectSchemaVersion` makes the Python SDK (setup.py) and the Go SDK (pulumi-plugin.json) ask the engine for the
 * plugin of the generated version. Without it Python asks for plugin v0.0.0, which no install provides ("no resource
 * plugin 'pulumi-resource-opsmanager' found in the workspace at version v0.0.0").
 */
export function withLanguageDefaults(schema: Schema): Schema {
  const language = { ...schema.language };
  for (const lang of ["python", "go"]) language[lang] = { respectSchemaVersion: true, ...language[lang] };
  return { ...schema, language };
}

/** Runs a tool quietly; when it fails, the error carries what it printed. */
function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): void {
  try {
    execFileSync(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(" ")} failed:\n${e.stdout ?? ""}${e.stderr ?? ""}`, { cause: error });
  }
}

/**
 * Generates one SDK into `outRoot` (replacing what was there) and returns its folder. `env` is merged over the
 * process environment (tests pass their workspace's PULUMI_HOME).
 */
export function generateSdk(language: SdkLanguage, outRoot: string, env: NodeJS.ProcessEnv = {}): string {
  if (!fs.existsSync(SCHEMA_FILE)) throw new Error(`no ${path.relative(root, SCHEMA_FILE)}: run \`npm run docs\``);
  const schema = withLanguageDefaults(JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8")) as Schema);
  const fullEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}`,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    ...env,
  };
  run("bash", [path.join(root, "scripts", "ensure-language-host.sh"), language], root, fullEnv);
  // Replaced whole, so a file the generator stops writing does not linger in the committed SDK.
  fs.rmSync(path.join(outRoot, language), { recursive: true, force: true });
  fs.mkdirSync(outRoot, { recursive: true });
  // The SDK (setup.py, pulumi-plugin.json) asks the engine for the plugin of the schema's version: package.json's,
  // which `npm run plugin:pack` builds and `pulumi plugin install resource opsmanager <version>` installs.
  const schemaFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "om-sdk-schema-")), "schema.json");
  fs.writeFileSync(schemaFile, JSON.stringify(schema));
  try {
    run(path.join(bin, "pulumi"), ["package", "gen-sdk", schemaFile, "--language", language, "--out", outRoot], root, fullEnv);
  } finally {
    fs.rmSync(path.dirname(schemaFile), { recursive: true, force: true });
  }
  const dir = sdkDir(language, outRoot, schema.name);
  if (language === "go" && !fs.existsSync(path.join(dir, "go.mod"))) {
    fs.writeFileSync(path.join(dir, "go.mod"), `module ${goModulePath(schema)}\n\ngo 1.25\n\nrequire github.com/pulumi/pulumi/sdk/v3 ${GO_SDK_VERSION}\n`);
    run("go", ["mod", "tidy"], dir, { ...fullEnv, GOFLAGS: `${fullEnv.GOFLAGS ?? ""} -mod=mod`.trim() });
  }
  return dir;
}

if (require.main === module) {
  const [language, out] = process.argv.slice(2);
  if (language !== undefined && language !== "python" && language !== "go") {
    console.error("usage: npm run sdk:gen [-- <python|go> [out folder, default sdk/]]");
    process.exit(2);
  }
  const languages: SdkLanguage[] = language === "python" || language === "go" ? [language] : ["python", "go"];
  for (const lang of languages) {
    const started = Date.now();
    const dir = generateSdk(lang, path.resolve(out ?? path.join(root, "sdk")));
    console.error(`${lang} SDK generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(dir);
  }
}
