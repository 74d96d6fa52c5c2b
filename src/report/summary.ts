// The GitHub job summary (GitHub-flavoured Markdown). The runner caps a step's summary at
// about 1 MiB, so the output is built to a byte budget: the header always fits and the
// failure rows are cut with a pointer to the full TAP/JUnit artifacts.

import type { CleanupReport } from '../session/types.js';
import type { TestResult } from '../suite/results.js';
import { coverageMarkdown, type CoverageVerdict } from './coverage.js';
import {
  countsLine,
  describeLeftover,
  describeStops,
  formatDuration,
  isCleanupClean,
  reportCounts,
  stripAnsi,
  withCleanup,
} from './console.js';

export interface SummaryInput {
  results: readonly TestResult[];
  cleanup?: CleanupReport;
  blender?: { version: string; path: string };
  /** Wall time of the whole run. */
  durationMs?: number;
  title?: string;
  /**
   * Upper bound of the output in UTF-8 bytes; default 900 KiB, under the ~1 MiB cap. Only
   * failure rows are dropped to meet it, so a budget below the header (a few KiB) is exceeded.
   */
  maxBytes?: number;
  coverage?: CoverageVerdict;
}

export const DEFAULT_SUMMARY_BYTES = 900 * 1024;

// Caps per cell keep one pathological message from eating the budget of all other rows.
const MAX_ID = 300;
const MAX_MESSAGE = 600;
const MAX_LOCATION = 300;
const MAX_LEFTOVERS = 20;

function truncate(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * Plain text into one table cell (or any inline spot): HTML special characters become
 * entities, Markdown punctuation that could start emphasis, links, code, strikethrough or
 * math is backslash-escaped, `|` is escaped so it can't split the row, newlines become <br>.
 */
export function markdownCell(s: string, max = Number.POSITIVE_INFINITY): string {
  const text = truncate(
    stripAnsi(s)
      .replace(/\r\n?/g, '\n')
      .trim()
      // eslint-disable-next-line no-control-regex -- control characters are what it replaces
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '\uFFFD'),
    max,
  );
  return text
    .replace(/[\\`*_[\]~|$]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\t/g, ' ')
    .replace(/\n/g, '<br>');
}

function failureRow(r: TestResult): string {
  const firstLines = (r.message ?? r.errorType ?? 'failed').split(/\r?\n/).slice(0, 5).join('\n');
  const message = r.errorType && r.message && !r.message.startsWith(r.errorType) ? `${r.errorType}: ${firstLines}` : firstLines;
  const location = r.file ? `${r.file}${r.line !== undefined ? `:${r.line}` : ''}` : '';
  const cells = [
    `<code>${markdownCell(r.id, MAX_ID)}</code>`,
    markdownCell(r.kind ?? 'assertion'),
    markdownCell(message, MAX_MESSAGE),
    location ? `<code>${markdownCell(location, MAX_LOCATION)}</code>` : '',
  ];
  return `| ${cells.join(' | ')} |`;
}

function moreLine(n: number): string {
  return `\n… and ${n} more failure${n === 1 ? '' : 's'} (see the TAP/JUnit artifacts)\n`;
}

function bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

function headerSection(input: SummaryInput): string {
  const counts = reportCounts(input.results, input.cleanup);
  const ok = counts.failed === 0;
  const title = markdownCell(input.title ?? 'Blender add-on tests', 200);
  const lines = [
    `## ${ok ? '✅' : '❌'} ${title}`,
    '',
    '| Passed | Failed | Skipped | Total |',
    '| ---: | ---: | ---: | ---: |',
    `| ${counts.passed} | ${counts.failed} | ${counts.skipped} | ${counts.total} |`,
    '',
  ];
  const info: Array<[string, string]> = [];
  if (input.blender) {
    const path = `<code>${markdownCell(input.blender.path, 300)}</code>`;
    info.push(['Blender', `${markdownCell(input.blender.version, 100)} (${path})`]);
  }
  const testMs = input.results.reduce((sum, r) => sum + r.durationMs, 0);
  const timing = input.durationMs !== undefined ? `${formatDuration(input.durationMs)} total, ` : '';
  info.push(['Duration', `${timing}${formatDuration(testMs)} in tests`]);
  if (input.cleanup) {
    const stops = markdownCell(describeStops(input.cleanup.stops));
    const verdict = isCleanupClean(input.cleanup) ? '✅ clean' : '❌ left something running';
    info.push(['Cleanup', `${verdict} (${stops})`]);
  }
  lines.push('| | |', '| --- | --- |', ...info.map(([k, v]) => `| ${k} | ${v} |`), '');
  if (input.cleanup && !isCleanupClean(input.cleanup)) {
    const { leftovers, portBound } = input.cleanup;
    lines.push('### Left behind after the run', '');
    for (const l of leftovers.slice(0, MAX_LEFTOVERS)) lines.push(`- ${markdownCell(describeLeftover(l), 500)}`);
    if (leftovers.length > MAX_LEFTOVERS) lines.push(`- … and ${leftovers.length - MAX_LEFTOVERS} more processes`);
    if (portBound !== null) lines.push(`- port ${portBound} still bound`);
    if (leftovers.length === 0 && portBound === null) lines.push('- the session reported an unclean stop');
    lines.push('');
  }
  // The same closing line as the console, so a reader can match the two at a glance.
  lines.push(`<sub>${countsLine(counts)}</sub>`, '');
  return lines.join('\n');
}

export function formatSummaryMarkdown(input: SummaryInput): string {
  const budget = input.maxBytes ?? DEFAULT_SUMMARY_BYTES;
  const failures = withCleanup(input.results, input.cleanup).filter((r) => r.outcome === 'failed');
  let out = headerSection(input) + (input.coverage ? coverageMarkdown(input.coverage) : '');
  if (failures.length === 0) return out;

  const tableHead = `\n### Failures\n\n| Test | Kind | Message | Location |\n| --- | --- | --- | --- |\n`;
  // Room for the "and N more" line is held back from the start, sized for the worst case.
  const reserve = bytes(moreLine(failures.length));
  let used = bytes(out) + bytes(tableHead);
  const rows: string[] = [];
  for (const r of failures) {
    const row = `${failureRow(r)}\n`;
    const size = bytes(row);
    if (used + size + reserve > budget) break;
    rows.push(row);
    used += size;
  }
  if (rows.length > 0) out += tableHead + rows.join('');
  if (rows.length < failures.length) out += moreLine(failures.length - rows.length);
  return out;
}
