/** A GitHub-flavoured Markdown table; cells are written as given (numbers already formatted). */
export function markdownTable(
  headers: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
  align?: string,
): string {
  const line = (cells: ReadonlyArray<string | number>) => `| ${cells.join(" | ")} |`;
  const rule = align ?? headers.map((_, i) => (i === 0 ? "---" : "---:")).join("|");
  return [line(headers), `|${rule}|`, ...rows.map(line)].join("\n");
}
