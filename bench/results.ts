import type { RequestCountRow } from "./count-requests";
import type { LoadRun } from "./measure-load";
import type { RefreshRow } from "./measure-refresh";
import type { StateRun } from "./measure-state";
import type { CommandSample } from "./run-command";

/** Everything one `npm run bench` measured, as written to `.tools/bench/results.json` and rendered to RESULTS.md. */
export interface BenchResults {
  readonly options: {
    readonly sizes: readonly number[];
    readonly runs: number;
    /** Resolved `--parallel` values (Pulumi's default replaced by its number). */
    readonly parallel: readonly number[];
    readonly defaultParallel: number;
    readonly latencyMs: number;
    readonly ops: number;
    readonly stateSizes: readonly number[];
    readonly refreshGroups?: readonly number[];
    readonly load?: { readonly n: number; readonly groups: number; readonly rate: number };
  };
  readonly machine: {
    readonly cpus: number;
    readonly node: string;
    readonly pulumi: string;
    readonly loadBefore: number[];
    readonly loadAfter: number[];
  };
  readonly startedAt: string;
  readonly durationMs: number;
  readonly requests?: RequestCountRow[];
  /** Refresh per project (issue 13). */
  readonly refresh?: RefreshRow[];
  /** 429 share under the load suite's rate limit (issue 13). */
  readonly load?: LoadRun;
  readonly state?: StateRun;
  readonly scaling?: CommandSample[];
  /** Scaling cycles that failed and were left out of the medians, with the reason. */
  readonly failures?: string[];
}
