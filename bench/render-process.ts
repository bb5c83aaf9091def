import { markdownTable } from "./markdown-table";
import type { BenchResults } from "./results";
import type { CommandSample } from "./run-command";
import { linearFit, median } from "./stats";

const mb = (kb: number) => (Number.isFinite(kb) ? (kb / 1024).toFixed(0) : "–");
const sec = (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : "–");

/** Facts of the first provider process of a sample (a CLI run normally starts exactly one). */
function facts(s: CommandSample) {
  const p = [...s.probes].sort((a, b) => a.startedAt - b.startedAt)[0];
  return {
    processes: s.probes.length,
    rssKb: p?.maxRssKb ?? Number.NaN,
    heapKb: p?.maxHeapUsedKb ?? Number.NaN,
    toDeserializeMs: p?.firstDeserializeAt ? p.firstDeserializeAt - p.startedAt : Number.NaN,
    runtimeLoadMs: p?.runtimeLoadMs ?? Number.NaN,
    toRequestMs: p && s.firstRequestAt ? s.firstRequestAt - p.startedAt : Number.NaN,
    deserializations: p?.deserializations ?? 0,
    distinctTexts: p?.distinctTexts ?? 0,
  };
}

/** Section 4: the dynamic-provider process: peak memory and time to the first request, against N. */
export function renderProcess(results: BenchResults): string {
  const samples = [...(results.scaling ?? [])];
  if (samples.length === 0) return "";
  const groups = new Map<string, CommandSample[]>();
  for (const s of samples) groups.set(`${s.command}|${s.n}`, [...(groups.get(`${s.command}|${s.n}`) ?? []), s]);
  const rows: Array<Array<string | number>> = [];
  const byN: Record<
    "rss" | "noopRss" | "toRequest" | "toDeserialize" | "noopToDeserialize",
    Array<[number, number]>
  > = {
    rss: [],
    noopRss: [],
    toRequest: [],
    toDeserialize: [],
    noopToDeserialize: [],
  };
  for (const [key, group] of groups) {
    const [command, n] = key.split("|") as [string, string];
    const ours = group.filter((s) => s.kind === "integration").map(facts);
    const noop = group.filter((s) => s.kind === "noop").map(facts);
    const m = (xs: number[]) => median(xs.filter(Number.isFinite));
    if (command === "up") {
      byN.rss.push([Number(n), m(ours.map((f) => f.rssKb))]);
      byN.noopRss.push([Number(n), m(noop.map((f) => f.rssKb))]);
      byN.toRequest.push([Number(n), m(ours.map((f) => f.toRequestMs))]);
      byN.toDeserialize.push([Number(n), m(ours.map((f) => f.toDeserializeMs))]);
      byN.noopToDeserialize.push([Number(n), m(noop.map((f) => f.toDeserializeMs))]);
    }
    rows.push([
      `\`${command}\``,
      n,
      Math.max(...ours.map((f) => f.processes)),
      mb(m(ours.map((f) => f.rssKb))),
      mb(m(noop.map((f) => f.rssKb))),
      mb(m(ours.map((f) => f.heapKb))),
      sec(m(ours.map((f) => f.toDeserializeMs))),
      sec(m(noop.map((f) => f.toDeserializeMs))),
      m(ours.map((f) => f.runtimeLoadMs)).toFixed(0),
      sec(m(ours.map((f) => f.toRequestMs))),
      sec(m(ours.map((f) => f.toRequestMs - f.toDeserializeMs))),
      Math.max(...ours.map((f) => f.deserializations)),
      Math.max(...ours.map((f) => f.distinctTexts)),
    ]);
  }
  // Slopes need three sizes at least: two points always fit a line.
  const slope = (points: Array<[number, number]>) => (points.length > 2 ? linearFit(points).slope : undefined);
  const [rss, noopRss] = [slope(byN.rss), slope(byN.noopRss)];
  const [toRequest, toDeserialize, noopToDeserialize] = [
    slope(byN.toRequest),
    slope(byN.toDeserialize),
    slope(byN.noopToDeserialize),
  ];
  return [
    "## 4. The dynamic-provider process",
    "",
    "Measured inside the process by [provider-probe.js](provider-probe.js) (preloaded with `NODE_OPTIONS=--require`; it " +
      "acts only in `@pulumi/pulumi/cmd/dynamic-provider`): process start (`performance.timeOrigin`), peak RSS " +
      "(`resourceUsage().maxRSS`), peak heap, the first `__provider` deserialization (the SDK's `require-from-string`, " +
      'counted, with the distinct texts it saw), and how long `require("pulumi-opsmanager-integrations/lifecycle")` took. ' +
      "The first request's time comes from the emulator's log. Medians over runs and parallelism.",
    "",
    markdownTable(
      [
        "command",
        "N",
        "provider processes",
        "peak RSS (MB)",
        "no-op peak RSS (MB)",
        "peak heap (MB)",
        "start → first deserialization (s)",
        "no-op: start → first deserialization (s)",
        "runtime load (ms)",
        "start → first request (s)",
        "first deserialization → first request (s)",
        "deserializations",
        "distinct `__provider` texts",
      ],
      rows,
      "---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:",
    ),
    "",
    rss !== undefined && noopRss !== undefined
      ? `- Growth of \`up\`'s peak RSS with N: ${rss.toFixed(1)} KB per resource (no-op provider process: ${noopRss.toFixed(1)} KB).`
      : "",
    toRequest !== undefined && toDeserialize !== undefined && noopToDeserialize !== undefined
      ? `- Growth of \`up\`'s start → first request with N: ${toRequest.toFixed(2)} ms per resource, of which start → first ` +
        `deserialization ${toDeserialize.toFixed(2)} ms (no-op: ${noopToDeserialize.toFixed(2)} ms).`
      : "",
  ].join("\n");
}
