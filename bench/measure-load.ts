import type { ControlClient } from "../emulator/control-client";
import type { BenchProject } from "./bench-project";
import { projectIntegrations } from "./workload";

/** One `pulumi up` under the emulator's rate limit: the load suite (tests/reliability/load.test.ts) as a figure. */
export interface LoadRun {
  readonly n: number;
  readonly groups: number;
  readonly ratePerSecond: number;
  readonly parallel: number;
  readonly requests: number;
  /** Answered 429 RATE_LIMITED. */
  readonly limited: number;
  readonly challenges: number;
  readonly ms: number;
  /** The up's exit status and what the server holds: everything converged when 0 and n. */
  readonly exitCode: number;
  readonly held: number;
}

/**
 * Issue 13, goal 2: `up` of `n` integrations in `groups` projects while the emulator admits `rate` requests per
 * second per key; the share of requests answered 429 (goal ≤ 5 %), then destroy without the limit.
 */
export async function measureLoad(
  project: BenchProject,
  control: ControlClient,
  { n, groups, rate, parallel }: { n: number; groups: number; rate: number; parallel: number },
  log: (line: string) => void,
): Promise<LoadRun> {
  project.setResources(projectIntegrations(groups, n));
  await control.settings({ rateLimitPerSecond: rate });
  await control.clearRequests();
  let run: LoadRun;
  try {
    const began = performance.now();
    const result = await project.attempt(["up", "--yes", "--skip-preview"]);
    const ms = performance.now() - began;
    const requests = await control.requests();
    const raw = await control.raw();
    run = {
      n,
      groups,
      ratePerSecond: rate,
      parallel,
      requests: requests.length,
      limited: requests.filter((r) => r.status === 429).length,
      challenges: requests.filter((r) => r.challenged).length,
      ms,
      exitCode: result.code,
      held: raw.groups.reduce((s, g) => s + g.integrations.length, 0),
    };
  } finally {
    await control.settings({ rateLimitPerSecond: 0 });
  }
  log(`load N=${n} G=${groups} ${rate}/s: ${run.requests} requests, ${run.limited} answered 429 (${((100 * run.limited) / run.requests).toFixed(1)} %), exit ${run.exitCode}`);
  await project.pulumi(["destroy", "--yes", "--skip-preview"]);
  return run;
}
