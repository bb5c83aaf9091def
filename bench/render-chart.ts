import type { ScalingPoint } from "./scaling-points";

/** One line of the chart. */
interface Series {
  readonly label: string;
  readonly color: string;
  readonly dashed: boolean;
  readonly points: ReadonlyArray<readonly [number, number]>;
}

const W = 760;
const H = 440;
const M = { left: 64, right: 24, top: 48, bottom: 56 };
const COLORS = ["#1f6feb", "#d9480f", "#2f9e44", "#7048e8"];

/** A step of 1, 2 or 5 × 10^k giving about `count` ticks up to `max`. */
function step(max: number, count: number): number {
  const raw = max / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? raw;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/**
 * An SVG line chart of `pulumi up` wall time against N, ours (solid) next to the floor (dashed), one colour per
 * parallelism. Plain SVG text, no dependencies, so it renders on GitHub and in any browser.
 */
export function renderChart(points: readonly ScalingPoint[], latencyMs: number, defaultParallel: number): string {
  const up = points.filter((p) => p.command === "up");
  const parallels = [...new Set(up.map((p) => p.parallel))].sort((a, b) => a - b);
  const series: Series[] = parallels.flatMap((par, i) => {
    const mine = up.filter((p) => p.parallel === par).sort((a, b) => a.n - b.n);
    const name = par === defaultParallel ? `--parallel ${par} (default)` : `--parallel ${par}`;
    const color = COLORS[i % COLORS.length]!;
    return [
      { label: `up, ${name}`, color, dashed: false, points: mine.map((p) => [p.n, p.ours / 1000] as const) },
      { label: `floor, ${name}`, color, dashed: true, points: mine.map((p) => [p.n, p.floor / 1000] as const) },
    ];
  });
  const maxN = Math.max(1, ...up.map((p) => p.n));
  const maxS = Math.max(1, ...series.flatMap((s) => s.points.map(([, y]) => y))) * 1.1;
  const [xStep, yStep] = [step(maxN, 6), step(maxS, 6)];
  const [xMax, yMax] = [Math.ceil(maxN / xStep) * xStep, Math.ceil(maxS / yStep) * yStep];
  const x = (n: number) => M.left + (n / xMax) * (W - M.left - M.right);
  const y = (s: number) => H - M.bottom - (s / yMax) * (H - M.top - M.bottom);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="24" text-anchor="middle" font-size="15">pulumi up: wall time against N (emulator +${latencyMs} ms per request)</text>`,
  ];
  for (let v = 0; v <= xMax + 1e-9; v += xStep) {
    out.push(`<line x1="${x(v)}" y1="${y(0)}" x2="${x(v)}" y2="${y(yMax)}" stroke="#eee"/>`);
    out.push(`<text x="${x(v)}" y="${y(0) + 18}" text-anchor="middle">${+v.toFixed(6)}</text>`);
  }
  for (let v = 0; v <= yMax + 1e-9; v += yStep) {
    out.push(`<line x1="${x(0)}" y1="${y(v)}" x2="${x(xMax)}" y2="${y(v)}" stroke="#eee"/>`);
    out.push(`<text x="${x(0) - 8}" y="${y(v) + 4}" text-anchor="end">${+v.toFixed(6)}</text>`);
  }
  out.push(`<line x1="${x(0)}" y1="${y(0)}" x2="${x(xMax)}" y2="${y(0)}" stroke="#333"/>`);
  out.push(`<line x1="${x(0)}" y1="${y(0)}" x2="${x(0)}" y2="${y(yMax)}" stroke="#333"/>`);
  out.push(`<text x="${(x(0) + x(xMax)) / 2}" y="${H - 24}" text-anchor="middle">N (integrations in the stack)</text>`);
  out.push(
    `<text transform="translate(16 ${(y(0) + y(yMax)) / 2}) rotate(-90)" text-anchor="middle">seconds (median)</text>`,
  );
  for (const s of series) {
    const path = s.points.map(([n, v]) => `${x(n).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
    out.push(
      `<polyline points="${path}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ""}/>`,
    );
    for (const [n, v] of s.points)
      out.push(
        `<circle cx="${x(n).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${s.dashed ? "#fff" : s.color}" stroke="${s.color}"/>`,
      );
  }
  series.forEach((s, i) => {
    const ly = M.top + 6 + i * 18;
    out.push(
      `<line x1="${M.left + 12}" y1="${ly}" x2="${M.left + 40}" y2="${ly}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ""}/>`,
    );
    out.push(`<text x="${M.left + 46}" y="${ly + 4}">${esc(s.label)}</text>`);
  });
  out.push(
    `<text x="${W - M.right}" y="${H - 6}" text-anchor="end" fill="#666">floor = no-op dynamic resources + N × ${latencyMs} ms ÷ parallelism</text>`,
  );
  out.push("</svg>");
  return out.join("\n") + "\n";
}
