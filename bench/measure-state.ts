import type { ControlClient } from "../emulator/control-client";
import type { BenchProject, ProgramKind } from "./bench-project";
import { runCommand, type CommandSample } from "./run-command";
import { benchIntegrations } from "./workload";

/** The state of one stack of `n` resources of one kind, as `pulumi stack export` shows it. */
export interface StateSize {
  readonly kind: ProgramKind;
  readonly n: number;
  /** Bytes of one `__provider` value (the largest seen). */
  readonly providerBytes: number;
  /** `__provider` bytes summed over inputs and outputs, per resource. */
  readonly providerBytesPerResource: number;
  /** Distinct `__provider` texts in the stack: 1 means the provider process deserializes it once. */
  readonly distinctProviders: number;
  /** The whole export. */
  readonly stateBytes: number;
  /** Bytes of the resources of that kind, each as JSON, averaged. */
  readonly resourceBytes: number;
}

/** The preview and up requests seen while measuring, for the request table. */
export interface StateRun {
  readonly sizes: StateSize[];
  readonly samples: CommandSample[];
}

type Resource = { type?: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };

function sizeOf(kind: ProgramKind, n: number, exported: string): StateSize {
  const resources: Resource[] =
    (JSON.parse(exported) as { deployment: { resources?: Resource[] } }).deployment.resources ?? [];
  const mine = resources.filter(
    (r) => r.type === "pulumi-nodejs:dynamic:Resource" || String(r.type).startsWith("pulumi-nodejs:dynamic/"),
  );
  if (mine.length !== n) throw new Error(`${kind} N=${n}: the export holds ${mine.length} dynamic resources`);
  const texts = mine
    .flatMap((r) => [r.inputs?.__provider, r.outputs?.__provider])
    .filter((t): t is string => typeof t === "string");
  const total = texts.reduce((s, t) => s + Buffer.byteLength(t), 0);
  return {
    kind,
    n,
    providerBytes: Math.max(...texts.map((t) => Buffer.byteLength(t))),
    providerBytesPerResource: total / n,
    distinctProviders: new Set(texts).size,
    stateBytes: Buffer.byteLength(exported),
    resourceBytes: mine.reduce((s, r) => s + Buffer.byteLength(JSON.stringify(r)), 0) / n,
  };
}

/**
 * For each size and kind: up, export the state, destroy; the integration stack is previewed before and after up.
 * The emulator should add no latency here: only sizes and request counts are kept.
 */
export async function measureState(
  projects: Record<ProgramKind, BenchProject>,
  control: ControlClient,
  probeDir: string,
  sizes: readonly number[],
  defaultParallel: number,
  log: (line: string) => void,
): Promise<StateRun> {
  const result: StateRun = { sizes: [], samples: [] };
  for (const n of sizes) {
    for (const kind of ["integration", "noop"] as const) {
      const project = projects[kind];
      project.setResources(benchIntegrations(n));
      // The integration stack is also previewed before and after, to count requests; the no-op one only sized.
      const commands = kind === "integration" ? (["preview", "up", "preview"] as const) : (["up"] as const);
      for (const command of commands)
        result.samples.push(await runCommand(project, control, probeDir, command, n, 0, defaultParallel));
      result.sizes.push(sizeOf(kind, n, await project.exportState()));
      await runCommand(project, control, probeDir, "destroy", n, 0, defaultParallel);
      const s = result.sizes.at(-1)!;
      log(`state N=${n} ${kind}: __provider ${s.providerBytes} B, ${Math.round(s.resourceBytes)} B per resource`);
    }
  }
  return result;
}
