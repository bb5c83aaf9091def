import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { EngineProject } from "../../helpers/engine-project";
import { toolsBin, type CliResult } from "../../../scripts/lib/pulumi-cli";

/** A `pulumi` run that a test can kill at a moment of its choosing. */
export interface KillableRun {
  readonly pid: number;
  /** Resolves when the pulumi process has exited (killed or not), with what it printed. */
  readonly done: Promise<CliResult & { signal: NodeJS.Signals | null }>;
  /**
   * SIGKILLs the pulumi process alone (as an OOM killer or a lost CI runner would), then waits up to `graceMs`
   * for the plugins it started (language host, program, provider) to notice and finish, and SIGKILLs whatever of
   * its process group is left, and every process that descended from it when it was killed: the CLI starts some
   * plugins in process groups of their own (the dynamic provider's), which otherwise outlive the test.
   */
  kill(graceMs?: number): Promise<void>;
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Every process below `root` now (from /proc; none where there is no /proc), children before grandchildren. */
function descendants(root: number): number[] {
  if (!fs.existsSync("/proc")) return [];
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      /* the process ended while we looked */
    }
  }
  const found: number[] = [];
  for (let queue = [root]; queue.length > 0; ) {
    const next = children.get(queue.shift()!) ?? [];
    found.push(...next);
    queue.push(...next);
  }
  return found;
}

/** Starts `pulumi <args> --stack <stack> --non-interactive` in the project, in its own process group. */
export function startPulumi(
  project: EngineProject,
  args: readonly string[],
  env: Record<string, string> = {},
): KillableRun {
  const child = spawn(path.join(toolsBin, "pulumi"), [...args, "--stack", project.stack, "--non-interactive"], {
    cwd: project.dir,
    env: project.ws.env(env),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const done = new Promise<CliResult & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? -1, signal, stdout, stderr }));
  });
  const pid = child.pid ?? -1;
  return {
    pid,
    done,
    async kill(graceMs = 1500) {
      const below = descendants(pid);
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        /* already gone */
      }
      await done;
      const until = Date.now() + graceMs;
      while (groupAlive(pid) && Date.now() < until) await sleep(50);
      if (groupAlive(pid)) {
        try {
          process.kill(-pid, "SIGKILL");
        } catch {
          /* gone meanwhile */
        }
        while (groupAlive(pid)) await sleep(20);
      }
      for (const p of below.filter(alive)) {
        try {
          process.kill(p, "SIGKILL");
        } catch {
          /* gone meanwhile */
        }
      }
    },
  };
}
