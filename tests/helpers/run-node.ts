import { spawn } from "node:child_process";

/**
 * Runs a Node script in a child process without blocking this one (an in-process emulator must keep answering),
 * feeding `input` on stdin. Resolves with stdout, stderr and the exit code.
 */
export function runNode(
  script: string,
  options: { cwd: string; input?: string; env?: NodeJS.ProcessEnv },
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd: options.cwd, env: options.env ?? process.env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(options.input ?? "");
  });
}
