import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "../../helpers/program-dir";

/** Where scripts/ensure-pulumi.sh puts the CLI, the Node.js language host and the dynamic-provider plugin. */
export const toolsBin = path.join(repoRoot, ".tools", "bin");

/** The outcome of one CLI run; tests assert on all three. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * A Pulumi workspace for one test: a private file backend and PULUMI_HOME in a temp folder, the CLI from
 * `.tools/bin`, no update checks or plugin downloads, and none of the developer's OPSMANAGER_* variables.
 */
export class PulumiWorkspace {
  readonly home: string;
  readonly backend: string;

  private constructor(readonly root: string, readonly extraEnv: Record<string, string>) {
    this.home = path.join(root, "home");
    this.backend = path.join(root, "backend");
    fs.mkdirSync(this.home, { recursive: true });
    fs.mkdirSync(this.backend, { recursive: true });
  }

  /** A fresh workspace; call `dispose()` when done. */
  static create(extraEnv: Record<string, string> = {}): PulumiWorkspace {
    if (!fs.existsSync(path.join(toolsBin, "pulumi"))) {
      throw new Error(`no Pulumi CLI in ${toolsBin}: run scripts/ensure-pulumi.sh (npm test does it in pretest)`);
    }
    return new PulumiWorkspace(fs.mkdtempSync(path.join(os.tmpdir(), "om-engine-")), extraEnv);
  }

  /** The environment every CLI run gets. */
  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("OPSMANAGER_") && !k.startsWith("PULUMI_")));
    return {
      ...inherited,
      PATH: `${toolsBin}${path.delimiter}${process.env.PATH ?? ""}`,
      PULUMI_HOME: this.home,
      PULUMI_BACKEND_URL: `file://${this.backend}`,
      PULUMI_CONFIG_PASSPHRASE: "engine-test-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_SKIP_CONFIRMATIONS: "true",
      ...this.extraEnv,
      ...extra,
    };
  }

  /** Runs `pulumi <args>` in `cwd` without blocking this process (an in-process emulator must keep answering). */
  run(cwd: string, args: readonly string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<CliResult> {
    return new Promise((resolve, reject) => {
      const child = execFile(
        path.join(toolsBin, "pulumi"),
        [...args, "--non-interactive"],
        { cwd, env: this.env(options.env), maxBuffer: 64 * 1024 * 1024, timeout: 10 * 60 * 1000 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
          if (error && typeof error.code !== "number" && !stderr) reject(error);
          else resolve({ code, stdout: String(stdout), stderr: String(stderr) });
        },
      );
      child.stdin?.end(options.input ?? "");
    });
  }

  /** Like `run`, but throws with the CLI's output when it fails. */
  async ok(cwd: string, args: readonly string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<CliResult> {
    const result = await this.run(cwd, args, options);
    if (result.code !== 0) {
      // With --json the useful part is the error diagnostics among hundreds of events.
      const errors = result.stdout
        .split("\n")
        .filter((l) => l.includes('"severity":"error"'))
        .map((l) => JSON.parse(l).diagnosticEvent?.message ?? l);
      const stdout = errors.length > 0 ? errors.join("") : result.stdout;
      throw new Error(`pulumi ${args.join(" ")} exited ${result.code}\n--- stdout\n${stdout}\n--- stderr\n${result.stderr}`);
    }
    return result;
  }

  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
