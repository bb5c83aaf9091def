import type { ControlClient } from "../emulator/control-client";
import type { BenchProject } from "./bench-project";
import { projectIntegrations } from "./workload";

/** The requests of one refresh (or the refresh phase of `up --refresh`) of N = T × G integrations (T registered types) in G projects. */
export interface RefreshRow {
  readonly command: "refresh" | "up --refresh";
  readonly groups: number;
  readonly n: number;
  /** The `--parallel` in effect (Pulumi's default resolved to its number). */
  readonly parallel: number;
  readonly requests: number;
  readonly challenges: number;
  /** List requests answered 200 (one per project is the goal). */
  readonly lists: number;
  /** Requests of any other kind: a refresh with no drift should send none. */
  readonly other: number;
  readonly ms: number;
}

const COMMANDS = {
  refresh: ["refresh", "--yes", "--skip-preview"],
  "up --refresh": ["up", "--refresh", "--yes", "--skip-preview"],
} as const;

/**
 * Issue 13, goal 1: for each G, `up` the T × G integrations (adding to the previous G's), then count the requests
 * of `pulumi refresh` and of `pulumi up --refresh` (no change, so only its refresh phase sends anything) at each
 * `--parallel`. Destroys everything at the end. The provider process reuses each project's list for its later
 * reads, so the count is G + 1 at any `--parallel`, the default included (see README).
 */
export async function measureRefresh(
  project: BenchProject,
  control: ControlClient,
  groupCounts: readonly number[],
  parallels: readonly number[],
  log: (line: string) => void,
): Promise<RefreshRow[]> {
  const rows: RefreshRow[] = [];
  try {
    for (const groups of groupCounts) {
      const items = projectIntegrations(groups);
      project.setResources(items);
      await project.pulumi(["up", "--yes", "--skip-preview"]);
      for (const parallel of parallels) {
        for (const command of ["refresh", "up --refresh"] as const) {
          await control.clearRequests();
          const { ms } = await project.timed([...COMMANDS[command], "--parallel", String(parallel)]);
          const requests = await control.requests();
          const lists = requests.filter(
            (r) => r.method === "GET" && r.status === 200 && /\/integrations$/.test(r.path.split("?")[0] ?? ""),
          ).length;
          const challenges = requests.filter((r) => r.challenged).length;
          const row = { command, groups, n: items.length, parallel, requests: requests.length, challenges, lists, other: requests.length - lists - challenges, ms };
          rows.push(row);
          log(`refresh G=${groups} N=${items.length} P=${parallel} ${command}: ${row.requests} requests (${lists} lists, ${challenges} challenge)`);
        }
      }
    }
  } finally {
    await project.pulumi(["destroy", "--yes", "--skip-preview"]);
  }
  return rows;
}
