/** `tsx bench/render.ts`: re-renders RESULTS.md and the chart from the last run's raw results, measuring nothing. */
import fs from "node:fs";
import type { BenchResults } from "./results";
import { RAW_RESULTS, writeOutputs } from "./write-outputs";

const results = JSON.parse(fs.readFileSync(RAW_RESULTS, "utf8")) as BenchResults;
process.stdout.write(writeOutputs(results, { raw: false }));
