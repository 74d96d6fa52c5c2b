// Live console reporter, plus the human wording of the cleanup check that every other
// format reuses so that TAP, JUnit, the summary and the console tell the same story.

import { formatCoverageTable, isCoverageFailing, type CoverageVerdict } from './coverage.js';
import type { CleanupReport, Leftover, StopReport } from '../session/types.js';
import type { TestResult } from '../suite/results.js';

// ---------------------------------------------------------------------------------------
// Shared wording (used by tap.ts, junit.ts, summary.ts, annotations.ts)

export const CLEANUP_SUITE = 'cleanup';
export const CLEANUP_NAME = 'nothing left running';

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '? ms';
  // Thresholds on the rounded value, so 999.6 ms is "1.0 s" and not "1000 ms".
  if (Math.round(ms) < 1000) return `${Math.round(ms)} ms`;
  if (Math.round(ms / 100) < 600) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/**
 * A report whose `clean` flag disagrees with its own lists is treated as not clean:
 * a false "clean" would hide exactly the orphan this project exists to catch.
 */
export function isCleanupClean(cleanup: CleanupReport): boolean {
  return cleanup.clean && cleanup.leftovers.length === 0 && cleanup.portBound === null;
}

function describeStop(stop: StopReport): string {
  if (stop.stoppedBy === 'exited') {
    const how = stop.signal ? `by ${stop.signal}` : `with code ${stop.exitCode ?? '?'}`;
    return `Blender had already exited (${how})`;
  }
  return `Blender stopped by ${stop.stoppedBy} in ${formatDuration(stop.stopMs)}`;
}

/** One phrase for how Blender ended; several stops happen when crashes forced restarts. */
export function describeStops(stops: readonly StopReport[]): string {
  const [only, ...rest] = stops;
  if (only === undefined) return 'no Blender was left to stop';
  if (rest.length === 0) return describeStop(only);
  const byWay = new Map<string, number>();
  for (const s of stops) byWay.set(s.stoppedBy, (byWay.get(s.stoppedBy) ?? 0) + 1);
  const ways = [...byWay].map(([way, n]) => (way === 'exited' ? `${n} already exited` : `${n} by ${way}`));
  const slowest = Math.max(...stops.map((s) => s.stopMs));
  return `Blender stopped ${stops.length} times: ${ways.join(', ')}; slowest ${formatDuration(slowest)}`;
}

const FOUND_WORDING: Record<Leftover['found'], string> = {
  group: "in Blender's process group",
  tag: 'by the session tag',
  zombie: 'as a zombie',
  port: 'holding the port',
  pipe: 'holding an output pipe of the session or command',
  tree: "in the session's process tree",
};

export function describeLeftover(l: Leftover): string {
  const fate = l.killed ? 'killed' : 'NOT killed';
  return `pid ${l.pid} ${FOUND_WORDING[l.found]} (${fate}): ${singleLine(l.command)}`;
}

function processes(n: number): string {
  return `${n} ${n === 1 ? 'process' : 'processes'}`;
}

function leftoverHeadline(cleanup: CleanupReport): string {
  const parts: string[] = [];
  if (cleanup.leftovers.length > 0) parts.push(`${processes(cleanup.leftovers.length)} left behind`);
  if (cleanup.portBound !== null) parts.push(`port ${cleanup.portBound} still bound`);
  // clean=false with empty lists: the session knows something we can't see; say so.
  if (parts.length === 0) parts.push('the session reported an unclean stop');
  return parts.join(', ');
}

/**
 * The cleanup check as one more test result, so every format counts and renders it with
 * the machinery it already has for tests (one TAP point, one JUnit case, one console line).
 */
export function cleanupAsResult(cleanup: CleanupReport): TestResult {
  const stops = describeStops(cleanup.stops);
  const durationMs = cleanup.stops.reduce((sum, s) => sum + s.stopMs, 0);
  const base = {
    id: `${CLEANUP_SUITE}: ${CLEANUP_NAME}`,
    suite: CLEANUP_SUITE,
    name: CLEANUP_NAME,
    durationMs,
    stdout: stops,
  };
  if (isCleanupClean(cleanup)) return { ...base, outcome: 'passed' };
  const details = cleanup.leftovers.map(describeLeftover);
  if (cleanup.portBound !== null) details.push(`port ${cleanup.portBound} still bound after stop`);
  const failed: TestResult = {
    ...base,
    outcome: 'failed',
    kind: 'leak',
    errorType: 'Leftovers',
    message: leftoverHeadline(cleanup),
  };
  if (details.length > 0) failed.traceback = details.join('\n');
  return failed;
}

/** Results with the cleanup check appended, when there is one. */
export function withCleanup(results: readonly TestResult[], cleanup?: CleanupReport): TestResult[] {
  return cleanup ? [...results, cleanupAsResult(cleanup)] : [...results];
}

export interface Counts {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
}

/** The counts every format reports: the tests plus the cleanup check when there is one. */
export function reportCounts(results: readonly TestResult[], cleanup?: CleanupReport): Counts {
  const all = withCleanup(results, cleanup);
  const counts: Counts = { total: all.length, passed: 0, failed: 0, skipped: 0 };
  for (const r of all) counts[r.outcome] += 1;
  return counts;
}

/** The closing line CI tooling parses; exactly this shape, nothing else on the line. */
export function countsLine(counts: Counts): string {
  return `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
}

// eslint-disable-next-line no-control-regex -- escape sequences are what it matches
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

// C0 and C1 controls except tab and newline: they move the cursor or ring bells in a terminal.
// eslint-disable-next-line no-control-regex -- control characters are what it matches
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Names and messages from tests may carry newlines or escapes; a console line must not. */
export function singleLine(s: string): string {
  return stripAnsi(s)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(CONTROL, '\uFFFD');
}

function multiLine(s: string): string[] {
  return stripAnsi(s)
    .replace(/\r\n?/g, '\n')
    .replace(/\n+$/, '')
    .split('\n')
    .map((l) => l.replace(CONTROL, '\uFFFD'));
}

// ---------------------------------------------------------------------------------------
// The reporter

export interface ConsoleReporterOptions {
  color?: boolean;
  /** Show captured output and whole tracebacks instead of their last lines. */
  verbose?: boolean;
}

export interface ConsoleReporter {
  onResult(r: TestResult): void;
  finish(results: TestResult[], cleanup?: CleanupReport, options?: { cancelled?: boolean; coverage?: CoverageVerdict }): void;
}

// A failure shows this much of its traceback and of what it printed, from the end, where the
// cause is; --verbose shows everything.
const TRACEBACK_TAIL = 40;
const OUTPUT_TAIL = 20;

type Style = 'green' | 'red' | 'yellow' | 'dim' | 'bold';
const SGR: Record<Style, string> = { green: '32', red: '31', yellow: '33', dim: '2', bold: '1' };

/** The cleanup result in words, as the console, `serve` and the Action's log show it. */
export function formatCleanup(cleanup: CleanupReport, paint: (style: Style, s: string) => string = (_, s) => s): string {
  const stops = describeStops(cleanup.stops);
  if (isCleanupClean(cleanup)) return `cleanup: ${paint('green', 'clean')} (${stops})`;
  const head = `cleanup: ${paint('red', `FAILED, ${leftoverHeadline(cleanup)}`)} (${stops})`;
  return [head, ...cleanup.leftovers.map((l) => `  ${describeLeftover(l)}`)].join('\n');
}

export function createConsoleReporter(write: (s: string) => void, options: ConsoleReporterOptions = {}): ConsoleReporter {
  const color = options.color === true;
  const verbose = options.verbose === true;
  const paint = (style: Style, s: string): string => (color ? `\u001b[${SGR[style]}m${s}\u001b[0m` : s);
  const out = (lines: string[]): void => {
    if (lines.length > 0) write(lines.map((l) => `${l}\n`).join(''));
  };

  const mark = (r: TestResult): string => {
    if (r.outcome === 'passed') return paint('green', color ? '✔' : 'ok  ');
    if (r.xfail !== undefined) return paint('yellow', color ? '×' : 'xfail');
    if (r.outcome === 'failed') return paint('red', color ? '✖' : 'FAIL');
    return paint('yellow', color ? '-' : 'skip');
  };

  const resultLine = (r: TestResult): string => {
    const name = singleLine(r.id);
    if (r.outcome === 'skipped') {
      const why = r.skipReason ? `skipped: ${singleLine(r.skipReason)}` : 'skipped';
      return `${mark(r)} ${name} ${paint('dim', `(${why})`)}`;
    }
    const time = paint('dim', `(${formatDuration(r.durationMs)})`);
    const kind = r.outcome === 'failed' && r.kind && r.kind !== 'assertion' ? ` ${paint('red', `[${r.kind}]`)}` : '';
    return `${mark(r)} ${name} ${time}${kind}`;
  };

  const indented = (text: string, pad: string): string[] => multiLine(text).map((l) => `${pad}${l}`);

  const digestEntry = (r: TestResult, n: number): string[] => {
    const lines = [`${paint('bold', `${n}) ${singleLine(r.id)}`)} ${paint('red', `[${r.kind ?? 'failed'}]`)}`];
    const message = r.message ?? r.errorType ?? 'failed';
    const typed = r.errorType && r.message && !r.message.startsWith(r.errorType) ? `${r.errorType}: ${message}` : message;
    lines.push(...indented(typed, '   '));
    if (r.file) lines.push(paint('dim', `   at ${singleLine(r.file)}${r.line !== undefined ? `:${r.line}` : ''}`));
    if (r.traceback) {
      const tb = multiLine(r.traceback);
      const shown = verbose ? tb : tb.slice(-TRACEBACK_TAIL);
      if (shown.length < tb.length) lines.push(paint('dim', `     … ${tb.length - shown.length} more traceback lines`));
      lines.push(...shown.map((l) => paint('dim', `     ${l}`)));
    }
    for (const [label, text] of [
      ['stdout', r.stdout],
      ['stderr', r.stderr],
      ['log', r.log],
    ] as const) {
      if (!text) continue;
      const all = multiLine(text.trimEnd());
      const shown = verbose ? all : all.slice(-OUTPUT_TAIL);
      lines.push(
        `   ${label}${shown.length < all.length ? ` (last ${shown.length} of ${all.length} lines)` : ''}:`,
        ...shown.map((l) => `     ${l}`),
      );
    }
    return lines;
  };

  const cleanupLines = (cleanup: CleanupReport): string[] => formatCleanup(cleanup, paint).split('\n');

  return {
    onResult(r) {
      const lines = [resultLine(r)];
      if (verbose && r.outcome === 'failed' && r.message) lines.push(...indented(r.message, '    '));
      out(lines);
    },
    finish(results, cleanup, options = {}) {
      const lines: string[] = [];
      if (options.cancelled) lines.push('', paint('yellow', 'cancelled: the run was stopped; tests that had not finished are not listed'));
      const failures = results.filter((r) => r.outcome === 'failed');
      if (failures.length > 0) {
        lines.push('', paint('red', `Failures (${failures.length}):`));
        failures.forEach((r, i) => lines.push('', ...digestEntry(r, i + 1)));
      }
      lines.push('');
      if (cleanup) lines.push(...cleanupLines(cleanup));
      if (options.coverage) {
        const [headline = '', ...table] = formatCoverageTable(options.coverage);
        lines.push(paint(isCoverageFailing(options.coverage) ? 'red' : 'bold', headline), ...table, '');
      }
      // Plain on purpose: CI tooling reads this last line, colour codes would hide it.
      lines.push(countsLine(reportCounts(results, cleanup)));
      out(lines);
    },
  };
}
