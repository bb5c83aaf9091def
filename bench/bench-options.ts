/** What one `npm run bench` measures; every field has a default that finishes in about 10–15 minutes on 2 cores. */
export interface BenchOptions {
  /** `pulumi up/preview/refresh/destroy` sizes (resources per stack). Env `BENCH_SIZES`, comma-separated. */
  readonly sizes: readonly number[];
  /** Repetitions of each engine measurement; medians are reported. Env `BENCH_RUNS`. */
  readonly runs: number;
  /** `--parallel` values; `0` stands for Pulumi's default (4 × CPUs). Env `BENCH_PARALLEL`. */
  readonly parallel: readonly number[];
  /** Latency the emulator adds to every API request during the scaling runs. Env `BENCH_LATENCY_MS`. */
  readonly latencyMs: number;
  /** Operations per kind in the request-count section. Env `BENCH_OPS`. */
  readonly ops: number;
  /** State-size sizes. Env `BENCH_STATE_SIZES`. */
  readonly stateSizes: readonly number[];
  /** Projects G of the refresh-per-project section (one integration of every registered type each). Env `BENCH_REFRESH_GROUPS`. */
  readonly refreshGroups: readonly number[];
  /** The load section: integrations, projects, rate limit (requests/s). Env `BENCH_LOAD`, e.g. `300,40,20`. */
  readonly load: { readonly n: number; readonly groups: number; readonly rate: number };
  /** Sections to run (`requests,refresh,load,state,scaling`); others are left out. Env `BENCH_ONLY`. */
  readonly sections: ReadonlySet<Section>;
}

export type Section = "requests" | "refresh" | "load" | "state" | "scaling";
const SECTIONS: readonly Section[] = ["requests", "refresh", "load", "state", "scaling"];

function numbers(name: string, text: string | undefined, fallback: readonly number[]): number[] {
  if (text === undefined || text.trim() === "") return [...fallback];
  const values = text.split(",").map((s) => Number(s.trim()));
  if (values.some((v) => !Number.isInteger(v) || v < 0))
    throw new Error(`${name} must be comma-separated whole numbers, got ${JSON.stringify(text)}`);
  return values;
}

/** Reads the `BENCH_*` variables once; a malformed one stops the run with a message naming it. */
export function benchOptions(env: NodeJS.ProcessEnv): BenchOptions {
  const [runs] = numbers("BENCH_RUNS", env.BENCH_RUNS, [2]);
  const [latencyMs] = numbers("BENCH_LATENCY_MS", env.BENCH_LATENCY_MS, [50]);
  const [ops] = numbers("BENCH_OPS", env.BENCH_OPS, [100]);
  const only = (env.BENCH_ONLY ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only.filter((s) => !SECTIONS.includes(s as Section));
  if (unknown.length > 0)
    throw new Error(`BENCH_ONLY: unknown section(s) ${unknown.join(", ")}; known: ${SECTIONS.join(", ")}`);
  const [loadN, loadGroups, loadRate] = numbers("BENCH_LOAD", env.BENCH_LOAD, [300, 40, 20]);
  return {
    refreshGroups: numbers("BENCH_REFRESH_GROUPS", env.BENCH_REFRESH_GROUPS, [1, 10, 40]).filter((n) => n > 0),
    load: { n: loadN ?? 300, groups: Math.max(1, loadGroups ?? 40), rate: loadRate ?? 20 },
    sizes: numbers("BENCH_SIZES", env.BENCH_SIZES, [10, 50, 100]).filter((n) => n > 0),
    runs: Math.max(1, runs ?? 2),
    parallel: numbers("BENCH_PARALLEL", env.BENCH_PARALLEL, [0, 32]),
    latencyMs: latencyMs ?? 50,
    ops: Math.max(1, ops ?? 100),
    stateSizes: numbers("BENCH_STATE_SIZES", env.BENCH_STATE_SIZES, [1, 10, 100]).filter((n) => n > 0),
    sections: new Set(only.length > 0 ? (only as Section[]) : SECTIONS),
  };
}
