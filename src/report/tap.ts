// TAP version 14 output. Works on any subset of results, so a cancelled run can still
// write what it has (with a bail out) and consumers see a well-formed stream.

import { Document, Scalar } from 'yaml';
import type { CleanupReport } from '../session/types.js';
import type { TestResult } from '../suite/results.js';
import { cleanupAsResult, describeStops, isCleanupClean, singleLine } from './console.js';

export interface TapOptions {
  /** End the stream with `Bail out! <reason>`: the run stopped before all tests ran. */
  bailOut?: string;
}

/**
 * Escapes a description or directive reason per TAP 14 (`\` and `#`). A trailing `{` is
 * TAP 14's buffered-subtest opener and has no escape, so a zero-width space follows it:
 * the name still reads the same and parsers don't wait for a subtest that never comes.
 */
export function escapeTapText(s: string): string {
  const escaped = singleLine(s).trim().replace(/\\/g, '\\\\').replace(/#/g, '\\#');
  return escaped.endsWith('{') ? `${escaped}\u200b` : escaped;
}

function normalizeNewlines(s: string): string {
  return s.replace(/\r\n?/g, '\n');
}

type Diag = Record<string, unknown>;

function failureDiag(r: TestResult): Diag {
  const diag: Diag = {};
  if (r.message !== undefined) diag.message = r.message;
  if (r.errorType !== undefined) diag.errorType = r.errorType;
  diag.kind = r.kind ?? 'assertion';
  if (r.file !== undefined) diag.file = r.file;
  if (r.line !== undefined) diag.line = r.line;
  diag.duration_ms = Math.round(r.durationMs * 1000) / 1000;
  if (r.traceback !== undefined) diag.traceback = normalizeNewlines(r.traceback);
  if (r.stdout) diag.stdout = normalizeNewlines(r.stdout);
  if (r.stderr) diag.stderr = normalizeNewlines(r.stderr);
  if (r.log) diag.log = normalizeNewlines(r.log);
  return diag;
}

function cleanupDiag(cleanup: CleanupReport, r: TestResult): Diag {
  const diag: Diag = { message: r.message, kind: 'leak' };
  diag.leftovers = cleanup.leftovers.map((l) => ({ pid: l.pid, command: l.command, found: l.found, killed: l.killed }));
  if (cleanup.portBound !== null) diag.port_bound = cleanup.portBound;
  diag.stopped = describeStops(cleanup.stops);
  diag.duration_ms = Math.round(r.durationMs * 1000) / 1000;
  return diag;
}

/** The diagnostics block, indented two spaces under its test point, per TAP 14. */
function yamlBlock(diag: Diag): string {
  const doc = new Document(diag);
  const traceback = doc.get('traceback', true);
  // A block scalar keeps a traceback readable; yaml falls back to quoting when it can't.
  if (traceback instanceof Scalar) traceback.type = Scalar.BLOCK_LITERAL;
  // Only the document's final newline goes: a kept (|+) scalar's trailing blank lines are its value.
  const body = doc.toString({ lineWidth: 0, blockQuote: 'literal' }).replace(/\n$/, '');
  // Every line keeps the indent, blank ones too: a parser ends the block at the first line without it.
  const lines = body.split('\n').map((l) => `  ${l}`);
  return ['  ---', ...lines, '  ...'].join('\n');
}

function testPoint(n: number, r: TestResult, diag: Diag | undefined): string {
  const head = `${r.outcome === 'failed' ? 'not ok' : 'ok'} ${n} - ${escapeTapText(r.id)}`;
  if (r.xfail !== undefined) {
    // An expected failure is TAP's TODO: a failing point that does not fail the run.
    return `not ok ${n} - ${escapeTapText(r.id)} # TODO${r.xfail ? ` ${escapeTapText(r.xfail)}` : ' expected failure'}`;
  }
  if (r.outcome === 'skipped') {
    const reason = r.skipReason ? ` ${escapeTapText(r.skipReason)}` : '';
    return `${head} # SKIP${reason}`;
  }
  return diag ? `${head}\n${yamlBlock(diag)}` : head;
}

export function formatTap(results: readonly TestResult[], cleanup?: CleanupReport, options: TapOptions = {}): string {
  const points: string[] = results.map((r, i) => testPoint(i + 1, r, r.outcome === 'failed' ? failureDiag(r) : undefined));
  if (cleanup) {
    const r = cleanupAsResult(cleanup);
    points.push(testPoint(points.length + 1, r, isCleanupClean(cleanup) ? undefined : cleanupDiag(cleanup, r)));
  }
  const plan = points.length === 0 ? '1..0 # no tests ran' : `1..${points.length}`;
  const lines = ['TAP version 14', plan, ...points];
  if (options.bailOut !== undefined) lines.push(`Bail out! ${escapeTapText(options.bailOut)}`.trimEnd());
  return `${lines.join('\n')}\n`;
}
