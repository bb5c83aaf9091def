import { spawn, type ChildProcess } from "node:child_process";

/** What a child process printed and how it ended. */
export interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command without blocking this process (an in-process emulator must keep answering while the child talks
 * to it), feeding `input` on stdin. Resolves with stdout, stderr and the exit code.
 */
export function run(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { cwd: options.cwd, env: options.env ?? process.env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

/** A Node script, run by the Node that runs the tests. */
export function runNode(script: string, options: { cwd: string; input?: string; env?: NodeJS.ProcessEnv }): Promise<Ran> {
  return run(process.execPath, [script], options);
}

/**
 * Starts a long-running child (a server) and resolves once what it printed on stdout satisfies `ready` (which
 * returns the value to resolve with); rejects with its stderr if it exits first.
 */
export function startChild<T>(
  name: string,
  command: string,
  args: readonly string[],
  ready: (stdout: string) => T | undefined,
): Promise<{ child: ChildProcess; ready: T }> {
  const child = spawn(command, [...args], { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.stdout.on("data", (d) => {
      out += d;
      const value = ready(out);
      if (value !== undefined) resolve({ child, ready: value });
    });
    child.on("exit", (code) => reject(new Error(`${name} exited ${code}: ${err}`)));
  });
}
