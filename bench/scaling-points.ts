import type { Command, CommandSample } from "./run-command";
import { median } from "./stats";
import { benchGroupIds } from "./workload";

/** One (command, N, parallelism) point: medians of the integration and no-op runs and the floor made of them. */
export interface ScalingPoint {
  readonly command: Command;
  readonly n: number;
  readonly parallel: number;
  /** Median wall time of the integration stack, ms. */
  readonly ours: number;
  /** Median wall time of the no-op stack: the engine's own cost, ms. */
  readonly noop: number;
  /**
   * noop + N × latency ÷ parallelism for commands that need one request per resource (up, destroy); for refresh,
   * which needs one per project, noop + G × latency (G projects, as if their lists went one after another); ms.
   */
  readonly floor: number;
  readonly runs: number;
  /** All wall times of the integration runs, ms. */
  readonly samples: readonly number[];
}

/** Requests a command needs per resource at best: none for a preview, one for up and destroy (refresh: per project). */
export const REQUESTS_PER_RESOURCE: Record<Command, number> = { up: 1, preview: 0, refresh: 0, destroy: 1 };

/** The time a command must wait on the API at best, ms: see {@link ScalingPoint.floor}. */
export function apiWait(command: Command, n: number, parallel: number, latencyMs: number): number {
  if (command === "refresh") return benchGroupIds(n).length * latencyMs;
  return (REQUESTS_PER_RESOURCE[command] * n * latencyMs) / parallel;
}

/** Groups the samples into points, sorted by command, parallelism and N. */
export function scalingPoints(samples: readonly CommandSample[], latencyMs: number): ScalingPoint[] {
  const keys = [...new Set(samples.map((s) => `${s.command}|${s.parallel}|${s.n}`))];
  const points = keys.map((key): ScalingPoint => {
    const [command, parallel, n] = key.split("|") as [Command, string, string];
    const of = (kind: string) =>
      samples
        .filter((s) => s.kind === kind && s.command === command && String(s.parallel) === parallel && String(s.n) === n)
        .map((s) => s.ms);
    const ours = of("integration");
    const noop = median(of("noop"));
    const wait = apiWait(command, Number(n), Number(parallel), latencyMs);
    return {
      command,
      n: Number(n),
      parallel: Number(parallel),
      ours: median(ours),
      noop,
      floor: noop + wait,
      runs: ours.length,
      samples: ours,
    };
  });
  const order: Command[] = ["up", "preview", "refresh", "destroy"];
  return points.sort(
    (a, b) => order.indexOf(a.command) - order.indexOf(b.command) || a.parallel - b.parallel || a.n - b.n,
  );
}
