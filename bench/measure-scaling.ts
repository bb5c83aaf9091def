import type { ControlClient } from "../emulator/control-client";
import type { BenchProject, ProgramKind } from "./bench-project";
import { runCommand, type Command, type CommandSample } from "./run-command";
import { benchIntegrations } from "./workload";

/** The order of one cycle: create everything, preview with no change, refresh, destroy. */
export const CYCLE: readonly Command[] = ["up", "preview", "refresh", "destroy"];

/** What the scaling runs need. */
export interface ScalingSetup {
  readonly projects: Record<ProgramKind, BenchProject>;
  readonly control: ControlClient;
  readonly probeDir: string;
  readonly sizes: readonly number[];
  readonly parallel: readonly number[];
  readonly defaultParallel: number;
  readonly runs: number;
  readonly log: (line: string) => void;
}

/** Stops the benchmark when a cycle did something else than create, keep, refresh and destroy n resources. */
function verify(sample: CommandSample): void {
  const c = sample.changes;
  const changed = ["create", "update", "replace", "delete"].filter(
    (k) =>
      (c[k] ?? 0) > 0 &&
      !(k === "create" && sample.command === "up") &&
      !(k === "delete" && sample.command === "destroy"),
  );
  const wrong =
    (sample.command === "up" && (c.create ?? 0) < sample.n) ||
    (sample.command === "destroy" && (c.delete ?? 0) < sample.n) ||
    changed.length > 0;
  if (wrong) throw new Error(`${sample.kind} ${sample.command} N=${sample.n}: unexpected changes ${JSON.stringify(c)}`);
}

/**
 * For each run, size and parallelism: one full cycle on the integration stack and one on the no-op stack (their
 * order alternating per run, so drifting machine load hits both alike). Sizes are interleaved within a run.
 */
export async function measureScaling(setup: ScalingSetup): Promise<{ samples: CommandSample[]; failures: string[] }> {
  const samples: CommandSample[] = [];
  const failures: string[] = [];
  for (let run = 1; run <= setup.runs; run++) {
    for (const n of setup.sizes) {
      for (const parallel of setup.parallel) {
        const kinds: ProgramKind[] = run % 2 === 1 ? ["integration", "noop"] : ["noop", "integration"];
        for (const kind of kinds) {
          const project = setup.projects[kind];
          project.setResources(benchIntegrations(n));
          const cycle: CommandSample[] = [];
          try {
            for (const command of CYCLE) {
              const sample = await runCommand(
                project,
                setup.control,
                setup.probeDir,
                command,
                n,
                parallel,
                setup.defaultParallel,
              );
              verify(sample);
              cycle.push(sample);
              setup.log(
                `run ${run}/${setup.runs} N=${n} P=${sample.parallel} ${kind.padEnd(11)} ${command.padEnd(7)} ` +
                  `${(sample.ms / 1000).toFixed(2)} s, ${sample.requests} requests`,
              );
            }
            samples.push(...cycle);
          } catch (error) {
            // One broken cycle (a CLI timeout on a busy machine, a wrong change summary) must not cost the whole
            // run: it is reported, its samples dropped, and the stack emptied for the next cycle.
            const message = `run ${run} N=${n} P=${parallel || setup.defaultParallel} ${kind}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
            failures.push(message);
            setup.log(`FAILED ${message}`);
            await project.pulumi(["destroy", "--yes", "--skip-preview"]).catch(() => undefined);
          }
        }
      }
    }
  }
  return { samples, failures };
}
