import { markdownTable } from "./markdown-table";
import type { StateSize } from "./measure-state";
import type { BenchResults } from "./results";
import { bytes } from "./stats";

/** Bytes each added resource costs in the export, from the smallest to the largest size measured. */
function marginal(sizes: readonly StateSize[], kind: StateSize["kind"]): number | undefined {
  const mine = sizes.filter((s) => s.kind === kind).sort((a, b) => a.n - b.n);
  const [first, last] = [mine[0], mine.at(-1)];
  return first && last && last.n > first.n ? (last.stateBytes - first.stateBytes) / (last.n - first.n) : undefined;
}

/** Section 2: `__provider` and whole-state bytes per resource. */
export function renderState(results: BenchResults): string {
  const sizes = results.state?.sizes ?? [];
  const noop = (n: number) => sizes.find((s) => s.kind === "noop" && s.n === n);
  const rows = sizes
    .filter((s) => s.kind === "integration")
    .map((s) => [
      s.n,
      `${s.providerBytes} B`,
      bytes(s.providerBytesPerResource),
      s.distinctProviders,
      bytes(s.resourceBytes),
      bytes(s.stateBytes),
      bytes(s.stateBytes / s.n),
      noop(s.n) ? bytes(noop(s.n)!.resourceBytes) : "",
      s.providerBytesPerResource <= 2048 ? "**met**" : "**missed**",
    ]);
  const ours = marginal(sizes, "integration");
  const theirs = marginal(sizes, "noop");
  const largest = Math.max(...sizes.map((s) => s.n));
  return [
    "## 2. State size",
    "",
    "From `pulumi stack export` after `pulumi up` (secrets encrypted with the passphrase provider, as stored). " +
      '`__provider` is stored twice per resource, in its inputs and its outputs; "per resource" counts both. ' +
      "The no-op column is the floor's resource: a dynamic resource with the same inputs, whose provider is also loaded by package name.",
    "",
    markdownTable(
      [
        "N",
        "`__provider`, one copy",
        "`__provider` per resource",
        "distinct `__provider` texts",
        "resource JSON per resource",
        "whole export",
        "whole export ÷ N",
        "no-op resource JSON",
        "goal ≤ 2 KB",
      ],
      rows,
    ),
    "",
    ours === undefined
      ? ""
      : `Each added integration grows the export by ${bytes(ours)}` +
        (theirs === undefined ? "." : ` (a no-op dynamic resource with the same inputs: ${bytes(theirs)}).`) +
        ` The \`__provider\` share of the export at N = ${largest}: ${(
          (100 * (sizes.find((s) => s.kind === "integration" && s.n === largest)?.providerBytesPerResource ?? 0)) /
          ((sizes.find((s) => s.kind === "integration" && s.n === largest)?.stateBytes ?? 1) / largest)
        ).toFixed(1)} %.`,
  ].join("\n");
}
