import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { parseEvents, type EngineRun, type JsonStep } from "./engine-project";
import { PulumiCli, type CliResult } from "../../scripts/lib/pulumi-cli";
import { makeProgramDir, repoRoot } from "./program-dir";

/** The package version, which the plugin is installed as. */
export const VERSION = (JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string })
  .version;

/**
 * Provides the YAML language host (scripts/ensure-language-host.sh: cached, else built from the module proxy in
 * minutes). `npm test`'s callers (.ci/run) provide it before the suites; this makes a spec run alone work too.
 */
export function ensureYamlHost(): void {
  execFileSync("bash", [path.join(repoRoot, "scripts", "ensure-language-host.sh"), "yaml"], {
    stdio: ["ignore", "ignore", "pipe"],
    timeout: 15 * 60 * 1000,
  });
}

let packed: Promise<{ tarball: string; output: string }> | undefined;
/**
 * This machine's plugin tarball of the current build (`tsx scripts/plugin-pack.ts --host`; test:engine builds
 * first), made once per test process. `output` is what the script printed; its last line is the tarball's path.
 */
export function packPlugin(): Promise<{ tarball: string; output: string }> {
  packed ??= promisify(execFile)(
    path.join(repoRoot, "node_modules", ".bin", "tsx"),
    [path.join(repoRoot, "scripts", "plugin-pack.ts"), "--host"],
    {
      cwd: repoRoot,
      maxBuffer: 16 * 1024 * 1024,
    },
  ).then(({ stdout }) => ({ output: stdout, tarball: stdout.trim().split("\n").pop() ?? "" }));
  return packed;
}

/** One resource of a YAML program. */
export interface YamlResource {
  readonly type: string;
  readonly properties: Record<string, unknown>;
  readonly options?: Record<string, unknown>;
}

/** A scalar, list or map as YAML text (JSON scalars are YAML scalars; strings keep `${...}` interpolation). */
function yaml(value: unknown, indent: string): string {
  if (Array.isArray(value)) return value.map((v) => `\n${indent}- ${yaml(v, `${indent}  `).trimStart()}`).join("");
  if (typeof value === "object" && value !== null) {
    return Object.entries(value)
      .map(
        ([k, v]) =>
          `\n${indent}${k}:${typeof v === "object" && v !== null ? yaml(v, `${indent}  `) : ` ${yaml(v, indent)}`}`,
      )
      .join("");
  }
  return JSON.stringify(value);
}

/** A Pulumi YAML program text from its parts. */
export function renderYamlProgram(
  name: string,
  parts: {
    config?: Record<string, unknown>;
    resources?: Record<string, YamlResource>;
    variables?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
  },
): string {
  let text = `name: ${name}\nruntime: yaml\n`;
  for (const key of ["config", "variables", "resources", "outputs"] as const) {
    const part = parts[key];
    if (part && Object.keys(part).length > 0) text += `${key}:${yaml(part, "  ")}\n`;
  }
  return text;
}

/**
 * A Pulumi YAML project on a private file backend and PULUMI_HOME (scripts/lib/pulumi-cli.ts's PulumiCli) with the
 * packed plugin installed there from its tarball, offline, as a user installs it.
 */
export class YamlProject {
  private constructor(
    readonly ws: PulumiCli,
    readonly dir: string,
    readonly name: string,
    private readonly cleanupDir: () => void,
    readonly stack = "dev",
  ) {}

  static async create(
    name: string,
    connection: { baseUrl: string; publicKey: string; privateKey: string },
  ): Promise<YamlProject> {
    const { tarball } = await packPlugin();
    const made = makeProgramDir(name, { "Pulumi.yaml": renderYamlProgram(name, {}) });
    const project = new YamlProject(PulumiCli.create(), made.dir, name, made.cleanup);
    await project.ws.ok(made.dir, ["plugin", "install", "resource", "opsmanager", VERSION, "--file", tarball]);
    await project.ws.ok(made.dir, ["stack", "init", project.stack]);
    await project.pulumi(["config", "set", "opsmanager:baseUrl", connection.baseUrl]);
    await project.pulumi(["config", "set", "opsmanager:publicKey", connection.publicKey]);
    await project.pulumi(["config", "set", "--secret", "opsmanager:privateKey", connection.privateKey]);
    return project;
  }

  /** Writes the program the next run deploys. */
  writeProgram(parts: Parameters<typeof renderYamlProgram>[1]): void {
    fs.writeFileSync(path.join(this.dir, "Pulumi.yaml"), renderYamlProgram(this.name, parts));
  }

  pulumi(args: readonly string[]): Promise<CliResult> {
    return this.ws.ok(this.dir, [...args, "--stack", this.stack]);
  }

  attempt(args: readonly string[]): Promise<CliResult> {
    return this.ws.run(this.dir, [...args, "--stack", this.stack]);
  }

  async preview(extra: readonly string[] = []): Promise<{ steps: JsonStep[]; changeSummary: Record<string, number> }> {
    return JSON.parse((await this.pulumi(["preview", "--json", ...extra])).stdout);
  }

  async up(extra: readonly string[] = []): Promise<EngineRun> {
    return parseEvents((await this.pulumi(["up", "--yes", "--skip-preview", "--json", ...extra])).stdout);
  }

  async refresh(): Promise<EngineRun> {
    return parseEvents((await this.pulumi(["refresh", "--yes", "--skip-preview", "--json"])).stdout);
  }

  destroy(): Promise<CliResult> {
    return this.pulumi(["destroy", "--yes", "--skip-preview"]);
  }

  /** `pulumi stack export`, secrets encrypted (never --show-secrets). */
  async exportState(): Promise<{ text: string; resources: Array<Record<string, any>> }> {
    const text = (await this.pulumi(["stack", "export"])).stdout;
    return { text, resources: JSON.parse(text).deployment.resources ?? [] };
  }

  dispose(): void {
    this.cleanupDir();
    this.ws.dispose();
  }
}
