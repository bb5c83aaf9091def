import type { ControlClient } from "../emulator/control-client";
import type { BenchProject, ProgramKind } from "./bench-project";
import { readProbes, type ProbeFacts } from "./read-probes";

/** The engine operations the benchmark times. */
export type Command = "up" | "preview" | "refresh" | "destroy";

const ARGS: Record<Command, readonly string[]> = {
  up: ["up", "--yes", "--skip-preview", "--json"],
  preview: ["preview", "--json"],
  refresh: ["refresh", "--yes", "--skip-preview", "--json"],
  destroy: ["destroy", "--yes", "--skip-preview", "--json"],
};

/** One timed CLI command with what the emulator and the provider process saw. */
export interface CommandSample {
  readonly kind: ProgramKind;
  readonly command: Command;
  readonly n: number;
  /** The `--parallel` in effect (Pulumi's default resolved to its number). */
  readonly parallel: number;
  readonly ms: number;
  readonly requests: number;
  readonly challenges: number;
  /** Epoch ms of the first API request the emulator logged, if any. */
  readonly firstRequestAt?: number;
  /** The engine's change summary, e.g. `{ same: 101 }`. */
  readonly changes: Record<string, number>;
  readonly probes: ProbeFacts[];
}

/** The change summary from `--json` output: preview prints one document, the others one event per line. */
function changesOf(stdout: string): Record<string, number> {
  try {
    const doc = JSON.parse(stdout) as { changeSummary?: Record<string, number> };
    if (doc.changeSummary) return doc.changeSummary;
  } catch {
    // not one document: engine events, one per line
  }
  for (const line of stdout.split("\n").reverse()) {
    if (!line.includes("summaryEvent")) continue;
    return (
      (JSON.parse(line) as { summaryEvent: { resourceChanges?: Record<string, number> } }).summaryEvent
        .resourceChanges ?? {}
    );
  }
  return {};
}

/**
 * Runs `pulumi <command>` on `project` (whose resources are already set) with a cleared request log, and returns
 * its wall time, the API requests it caused, the engine's change summary and the provider-process probes.
 * `parallel` 0 leaves Pulumi's default; `defaultParallel` is what to record for it.
 */
export async function runCommand(
  project: BenchProject,
  control: ControlClient,
  probeDir: string,
  command: Command,
  n: number,
  parallel: number,
  defaultParallel: number,
): Promise<CommandSample> {
  await control.clearRequests();
  readProbes(probeDir);
  const { ms, result } = await project.timed([
    ...ARGS[command],
    ...(parallel > 0 ? ["--parallel", String(parallel)] : []),
  ]);
  const log = await control.requests();
  const failed = log.filter((r) => r.status === null || (r.status >= 400 && !r.challenged));
  if (failed.length > 0)
    throw new Error(`${command} N=${n}: ${failed.length} API request(s) failed, e.g. ${JSON.stringify(failed[0])}`);
  return {
    kind: project.kind,
    command,
    n,
    parallel: parallel > 0 ? parallel : defaultParallel,
    ms,
    requests: log.length,
    challenges: log.filter((r) => r.challenged).length,
    ...(log[0] ? { firstRequestAt: Date.parse(log[0].timestamp) } : {}),
    changes: changesOf(result.stdout),
    probes: readProbes(probeDir),
  };
}
