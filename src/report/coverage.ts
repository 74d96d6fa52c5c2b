// Coverage tables: the console's closing block and the job summary. The numbers come from
// coverage.py's own JSON report (src/python/coverage.ts), so they agree with its XML and LCOV.
import type { CoverageVerdict } from '../python/coverage.js';
import { markdownCell } from './summary.js';

export type { CoverageVerdict };

/** One decimal at most; never 100% while a line is missed, nor 0% once one ran. */
export function formatPercent(p: number): string {
  let shown = Math.round(p * 10) / 10;
  if (shown === 100 && p < 100) shown = 99.9;
  if (shown === 0 && p > 0) shown = 0.1;
  return `${shown.toFixed(1).replace(/\.0$/, '')}%`;
}

export function coverageHeadline({ summary, failUnder }: CoverageVerdict): string {
  const branches = summary.branches ? ` and ${summary.branches} branches` : '';
  const under =
    failUnder === undefined ? '' : summary.percent < failUnder ? `, under the required ${failUnder}%` : `, required ${failUnder}%`;
  return `coverage: ${formatPercent(summary.percent)} of ${summary.statements} statements${branches}${under}`;
}

export function isCoverageFailing({ summary, failUnder }: CoverageVerdict): boolean {
  return failUnder !== undefined && summary.percent < failUnder;
}

/** A fixed-width table, as `coverage report -m` prints it. */
export function formatCoverageTable(verdict: CoverageVerdict): string[] {
  const { summary } = verdict;
  const head = ['Name', 'Stmts', 'Miss', 'Branch', 'BrPart', 'Cover', 'Missing'];
  const rows = summary.files.map((f) => [
    f.path,
    `${f.statements}`,
    `${f.missing}`,
    `${f.branches}`,
    `${f.partialBranches}`,
    formatPercent(f.percent),
    f.missingLines,
  ]);
  const total = ['TOTAL', `${summary.statements}`, `${summary.missing}`, `${summary.branches}`, '', formatPercent(summary.percent), ''];
  const widths = head.map((h, i) => Math.max(h.length, ...[...rows, total].map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(i === 0 ? (widths[0] ?? 0) : 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = '-'.repeat(line(head).length);
  return [coverageHeadline(verdict), `  ${line(head)}`, `  ${rule}`, ...rows.map((r) => `  ${line(r)}`), `  ${rule}`, `  ${line(total)}`];
}

/** The job summary's section: at most `maxFiles` rows, lowest coverage first. */
export function coverageMarkdown(verdict: CoverageVerdict, maxFiles = 200): string {
  const { summary } = verdict;
  const files = [...summary.files].sort((a, b) => a.percent - b.percent || a.path.localeCompare(b.path));
  const shown = files.slice(0, maxFiles);
  const rows = shown.map(
    (f) =>
      `| ${markdownCell(f.path, 300)} | ${f.statements} | ${f.missing} | ${f.branches} | ${f.partialBranches} | ${formatPercent(f.percent)} | ${markdownCell(f.missingLines, 300)} |`,
  );
  return [
    '',
    '### Coverage',
    '',
    `${isCoverageFailing(verdict) ? '❌' : '✅'} ${markdownCell(coverageHeadline(verdict).replace(/^coverage: /, ''))}`,
    '',
    '| File | Stmts | Miss | Branch | BrPart | Cover | Missing |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    ...(files.length > shown.length ? [`| … ${files.length - shown.length} more files | | | | | | |`] : []),
    `| **Total** | ${summary.statements} | ${summary.missing} | ${summary.branches} | | **${formatPercent(summary.percent)}** | |`,
    '',
  ].join('\n');
}
