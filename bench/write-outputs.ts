import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "../tests/helpers/program-dir";
import { renderChart } from "./render-chart";
import { renderResults } from "./render-results";
import type { BenchResults } from "./results";
import { scalingPoints } from "./scaling-points";

/** Where the raw measurements of the last run are kept (not committed; `tsx bench/render.ts` re-renders them). */
export const RAW_RESULTS = path.join(repoRoot, ".tools", "bench", "results.json");

/** Writes bench/RESULTS.md, bench/up-scaling.svg (when scaling ran) and the raw JSON; returns the Markdown. */
export function writeOutputs(results: BenchResults, { raw = true }: { raw?: boolean } = {}): string {
  const markdown = renderResults(results);
  fs.writeFileSync(path.join(__dirname, "RESULTS.md"), markdown);
  if (results.scaling) {
    const points = scalingPoints(results.scaling, results.options.latencyMs);
    fs.writeFileSync(
      path.join(__dirname, "up-scaling.svg"),
      renderChart(points, results.options.latencyMs, results.options.defaultParallel),
    );
  }
  if (raw) {
    fs.mkdirSync(path.dirname(RAW_RESULTS), { recursive: true });
    fs.writeFileSync(RAW_RESULTS, JSON.stringify(results, null, 2) + "\n");
  }
  return markdown;
}
