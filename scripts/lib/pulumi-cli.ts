import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** The repository root: scripts/lib/ is two levels down. */
export const repoRoot = path.resolve(__dirname, "../..");

/** Where scripts/ensure-pulumi.sh links the CLI, the Node.js language host and the dynamic-provider plugin. */
export const toolsBin = path.join(repoRoot, ".tools", "bin");

/** The outcome of one CLI run. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** How to run one command: extra environment, stdin, and a sink that sees the output as it arrives. */
export interface RunOptions {
  readonly env?: Record<string, string>;
  /** Written to the CLI's stdin (then closed). */
  readonly input?: string;
  /** Called with each chunk of stdout and stderr, e.g. to show `pulumi up` live. */
  readonly onOutput?: (chunk: string) => void;
}

/** A failed CLI run; the message carries the command and its output, which never contains decrypted secrets. */
export class PulumiCliError extends Error {
  override name = "PulumiCliError";
  constructor(
    readonly args: readonly string[],
    readonly result: CliResult,
  ) {
    super(
      `pulumi ${args.join(" ")} exited ${result.code}\n--- stdout\n${diagnostics(result.stdout)}\n--- stderr\n${result.stderr}`,
    );
  }
}

/** With --json the useful part of stdout is the error diagnostics among hundreds of events. */
function diagnostics(stdout: string): string {
  const errors = stdout
    .split("\n")
    .filter((l) => l.includes('"severity":"error"'))
    .map((l) => (JSON.parse(l) as { diagnosticEvent?: { message?: string } }).diagnosticEvent?.message ?? l);
  return errors.length > 0 ? errors.join("") : stdout;
}

/**
 * A throwaway Pulumi workspace: a local file backend and PULUMI_HOME in a temp folder, the CLI from `.tools/bin`,
 * a fixed passphrase for the secrets, no update checks or plugin downloads, and none of the caller's OPSMANAGER_*
 * or PULUMI_* variables (so a developer's own settings cannot leak in).
 */
export class PulumiCli {
  readonly home: string;
  readonly backend: string;

  private constructor(
    readonly root: string,
    readonly passphrase: string,
    readonly extraEnv: Record<string, string>,
  ) {
    this.home = path.join(root, "home");
    this.backend = path.join(root, "backend");
    fs.mkdirSync(this.home, { recursive: true });
    fs.mkdirSync(this.backend, { recursive: true });
  }

  /** A fresh workspace in the system temp folder, `env` added to every run; call `dispose()` when done. */
  static create(options: { passphrase?: string; env?: Record<string, string> } = {}): PulumiCli {
    if (!fs.existsSync(path.join(toolsBin, "pulumi"))) {
      throw new Error(`no Pulumi CLI in ${toolsBin}: run \`bash scripts/prepare.sh\` (npm run demo does it first)`);
    }
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "om-pulumi-"));
    return new PulumiCli(root, options.passphrase ?? "local-test-passphrase", options.env ?? {});
  }

  /** The environment every run gets. */
  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !k.startsWith("OPSMANAGER_") && !k.startsWith("PULUMI_")),
    );
    return {
      ...inherited,
      PATH: `${toolsBin}${path.delimiter}${process.env.PATH ?? ""}`,
      PULUMI_HOME: this.home,
      PULUMI_BACKEND_URL: `file://${this.backend}`,
      PULUMI_CONFIG_PASSPHRASE: this.passphrase,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_SKIP_CONFIRMATIONS: "true",
      ...this.extraEnv,
      ...extra,
    };
  }

  /** `pulumi <args> --non-interactive` in `cwd`, asynchronously; resolves with the exit code, never rejects on it. */
  run(cwd: string, args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(path.join(toolsBin, "pulumi"), [...args, "--non-interactive"], {
        cwd,
        env: this.env(options.env),
        stdio: ["pipe", "pipe", "pipe"],
      });
      child.stdin.end(options.input ?? "");
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (d: string) => {
        stdout += d;
        options.onOutput?.(d);
      });
      child.stderr.setEncoding("utf8").on("data", (d: string) => {
        stderr += d;
        options.onOutput?.(d);
      });
      child.on("error", reject);
      child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
    });
  }

  /** Like `run`, but rejects with a {@link PulumiCliError} when the CLI fails. */
  async ok(cwd: string, args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
    const result = await this.run(cwd, args, options);
    if (result.code !== 0) throw new PulumiCliError(args, result);
    return result;
  }

  /** Removes the backend (all stacks and state) and PULUMI_HOME. */
  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
