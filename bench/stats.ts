export interface Row {
  name: string;
  baseline: string;
  value_ms: number;
  baseline_ms: number;
  /** value / baseline: below 1 is faster than the baseline. */
  ratio: number;
  target?: string;
  /** Whether the target holds, when there is one. */
  met?: boolean;
  /** How the ratio column shows this row, when `value / baseline` does not read well ("1.9x faster", "+0.2 ms"). */
  shown?: string;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

export async function repeat(times: number, fn: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) out.push(await fn());
  return out;
}

export function row(name: string, baseline: string, value: number, base: number, target?: string, met?: boolean, shown?: string): Row {
  return {
    name,
    baseline,
    value_ms: value,
    baseline_ms: base,
    ratio: value / base,
    ...(target ? { target } : {}),
    ...(met === undefined ? {} : { met }),
    ...(shown ? { shown } : {}),
  };
}

/** A ratio shown as a speed-up: "2.10x faster" when value takes 1/2.1 of the baseline's time ("1.05x slower" when more). */
export function faster(value: number, base: number): string {
  return value <= base ? `${(base / value).toFixed(2)}x faster` : `${(value / base).toFixed(2)}x slower`;
}

export function formatTable(rows: readonly Row[]): string {
  const fmt = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3));
  const header = ['measure', 'value (ms)', 'baseline', 'baseline (ms)', 'ratio', 'target', 'met'];
  const lines = rows.map((r) => [
    r.name,
    fmt(r.value_ms),
    r.baseline,
    fmt(r.baseline_ms),
    r.shown ?? `${r.ratio.toFixed(3)}x`,
    r.target ?? '',
    r.met === undefined ? '' : r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const render = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [render(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(render)].join('\n');
}
