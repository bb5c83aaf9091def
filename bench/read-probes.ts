import fs from "node:fs";
import path from "node:path";

/** What `provider-probe.js` learned about one dynamic-provider process (times are epoch milliseconds). */
export interface ProbeFacts {
  readonly pid: number;
  readonly startedAt: number;
  readonly preloadAt: number;
  /** First `__provider` deserialization: roughly the engine's first call needing the provider (check, read, delete). */
  readonly firstDeserializeAt: number | null;
  readonly deserializations: number;
  readonly distinctTexts: number;
  readonly providerTextBytes: number;
  /** When `pulumi-opsmanager-integrations/lifecycle` finished loading, and how long loading it took. */
  readonly runtimeLoadedAt: number | null;
  readonly runtimeLoadMs: number | null;
  /** Where the runtime was loaded from (the benchmark's private copy of the package). */
  readonly runtimePath: string | null;
  readonly maxRssKb: number;
  readonly maxHeapUsedKb: number;
}

/** Reads and removes the probe files of the processes that ran since the last call. */
export function readProbes(dir: string): ProbeFacts[] {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".json"));
  const facts = files.map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as ProbeFacts);
  for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f), { force: true });
  return facts;
}
