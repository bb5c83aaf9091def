import { definitions } from "../provider/integrations/registry";
import { markdownTable } from "./markdown-table";
import type { BenchResults } from "./results";

/** Section: what a refresh costs per project (issue 13), and the 429 share under the load suite's limit. */
export function renderRefresh(results: BenchResults): string {
  const parts: string[] = [];
  const rows = results.refresh ?? [];
  if (rows.length > 0) {
    const table = rows.map((r) => {
      const goal = r.groups + 1;
      return [
        `\`pulumi ${r.command}\``,
        r.groups,
        r.n,
        r.parallel === results.options.defaultParallel ? `${r.parallel} (default)` : r.parallel,
        r.requests,
        `${r.lists} + ${r.challenges}${r.other ? ` + ${r.other} other` : ""}`,
        (r.requests / r.n).toFixed(2),
        `${goal}: ${r.requests <= goal ? "**met**" : `**missed** (+${r.requests - goal})`}`,
        (r.ms / 1000).toFixed(1),
      ];
    });
    parts.push(
      "## Refresh per project",
      "",
      `Every registered type (${definitions.length}) in each of G projects, N = ${definitions.length} × G, one stack grown from G = 1 upwards; request ` +
        "log of the emulator around one `pulumi refresh` and one `pulumi up --refresh` (no change: only its refresh " +
        "sends requests). Goal: G list requests + 1 digest challenge, at Pulumi's default `--parallel` (no flag) " +
        "and with every read in flight at once. The provider process lists a project on its first read and its " +
        "other reads reuse that list (until the process writes to the project, or `opsmanager:readSnapshotSeconds`, " +
        "default 30 s, passes), so the count no longer depends on how the engine spreads the reads.",
      "",
      markdownTable(
        ["command", "G", "N", "--parallel", "requests", "lists + challenges", "per integration", "goal (G + 1)", "s"],
        table,
        "---|---:|---:|---:|---:|---:|---:|---|---:",
      ),
    );
  }
  const load = results.load;
  if (load) {
    const share = (100 * load.limited) / Math.max(1, load.requests);
    parts.push(
      "",
      "## 429 share under load",
      "",
      `One \`pulumi up\` of ${load.n} integrations in ${load.groups} projects at \`--parallel\` ${load.parallel} while the ` +
        `emulator admits ${load.ratePerSecond} requests per second per key (the load suite, ` +
        "[tests/reliability/load.test.ts](../tests/reliability/load.test.ts)). Goal: ≤ 5 % of requests answered 429, " +
        "everything converges.",
      "",
      markdownTable(
        ["requests", "answered 429", "share", "challenges", "exit", "integrations on the server", "s", "goal"],
        [[
          load.requests,
          load.limited,
          `${share.toFixed(1)} %`,
          load.challenges,
          load.exitCode,
          `${load.held} of ${load.n}`,
          (load.ms / 1000).toFixed(1),
          share <= 5 && load.exitCode === 0 && load.held === load.n ? "**met**" : "**missed**",
        ]],
        "---:|---:|---:|---:|---:|---:|---:|---",
      ),
    );
  }
  return parts.join("\n");
}
