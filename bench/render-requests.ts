import type { RequestCount } from "./count-requests";
import { markdownTable } from "./markdown-table";
import type { BenchResults } from "./results";
import type { Command, CommandSample } from "./run-command";
import { ratio } from "./stats";
import { benchGroupIds } from "./workload";

const perOp = (c: RequestCount) => (c.requests / c.ops).toFixed(2);
const afterFirst = (c: RequestCount) => ((c.requests - c.challenges) / c.ops).toFixed(2);

/** Goal per operation: 1 request (0 for check and diff), plus one challenge per provider process. */
function verdict(c: RequestCount): string {
  const want = c.operation === "check" || c.operation === "diff" ? 0 : 1;
  const ok = (c.requests - c.challenges) / c.ops === want && c.challenges <= 1;
  return `${want}${c.challenges > 0 ? " + 1 challenge" : ""}: ${ok ? "**met**" : "**missed**"}`;
}

/** The request counts the engine caused, by command, at the largest size measured (all runs must agree). */
function engineRows(samples: readonly CommandSample[]): Array<Array<string | number>> {
  const rows: Array<Array<string | number>> = [];
  const ours = samples.filter((s) => s.kind === "integration");
  // A refresh costs one request per project since issue 13 (the workload holds 4 integrations per project).
  const perProject = (n: number) => benchGroupIds(n).length / n;
  const describe: Array<[Command, (n: number) => string, (s: CommandSample) => boolean, number | ((n: number) => number)]> = [
    ["preview", (n) => `\`pulumi preview\` of ${n} creates (empty stack)`, (s) => (s.changes.create ?? 0) > 0, 0],
    ["up", (n) => `\`pulumi up\` creating ${n}`, () => true, 1],
    ["preview", (n) => `\`pulumi preview\` of ${n} unchanged, no refresh`, (s) => (s.changes.create ?? 0) === 0, 0],
    ["refresh", (n) => `\`pulumi refresh\` of ${n} (${benchGroupIds(n).length} projects)`, () => true, perProject],
    ["destroy", (n) => `\`pulumi destroy\` of ${n}`, () => true, 1],
  ];
  for (const [command, describeRow, match, goal] of describe) {
    const candidates = ours.filter((s) => s.command === command && match(s));
    if (candidates.length === 0) continue;
    const n = Math.max(...candidates.map((s) => s.n));
    const found = candidates.filter((s) => s.n === n);
    const label = describeRow(n);
    const want = typeof goal === "number" ? goal : goal(n);
    const requests = [...new Set(found.map((s) => s.requests))].sort((a, b) => a - b);
    const challenges = Math.max(...found.map((s) => s.challenges));
    const worst = requests.at(-1)!;
    const ok = (worst - challenges) / n <= want && challenges <= 1;
    rows.push([
      label,
      `${n} × ${found.length} runs`,
      requests.join(", "),
      challenges,
      (worst / n).toFixed(2),
      ((worst - challenges) / n).toFixed(2),
      "",
      "",
      "",
      `${typeof goal === "number" ? want : "1 per project"}${challenges ? " + 1 challenge" : ""}: ${ok ? "**met**" : "**missed**"}`,
    ]);
  }
  return rows;
}

/** Section 1: requests per operation, the provider next to a naive digest client. */
export function renderRequests(results: BenchResults): string {
  const rows: Array<Array<string | number>> = (results.requests ?? []).map(({ provider: p, naive: q }) => [
    p.operation,
    p.ops,
    p.requests,
    p.challenges,
    perOp(p),
    afterFirst(p),
    q ? q.requests : "",
    q ? perOp(q) : "",
    q ? ratio(q.requests, p.requests) : "",
    verdict(p),
  ]);
  rows.push(...engineRows([...(results.state?.samples ?? []), ...(results.scaling ?? [])]));
  return [
    "## 1. Requests per operation",
    "",
    `Counted from the emulator's request log. The provider rows call the provider's own methods (\`check\`, \`create\`, ` +
      `\`diff\`, \`update\`, \`read\`, \`delete\`) from the installed package, as the provider process loads it, with one session, ${results.options.ops} operations ` +
      "each, one after another (diff and check: twice per resource, unchanged and changed). The naive client " +
      "([naive-digest-client.ts](naive-digest-client.ts)) challenges every call. The `pulumi` rows are whole CLI runs; " +
      "each starts a new provider process, so each pays one challenge.",
    "",
    markdownTable(
      [
        "operation",
        "ops",
        "requests",
        "challenges",
        "per op",
        "per op after the first challenge",
        "naive requests",
        "naive per op",
        "naive ÷ provider",
        "goal",
      ],
      rows,
      "---|---:|---:|---:|---:|---:|---:|---:|---:|---",
    ),
  ].join("\n");
}
