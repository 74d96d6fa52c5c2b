import { describe, expect, it } from 'vitest';
import type { CoverageSummary } from '../python/coverage.js';
import { coverageHeadline, coverageMarkdown, formatCoverageTable, formatPercent, isCoverageFailing } from './coverage.js';

describe('formatPercent', () => {
  it('shows one decimal, never 100% with a miss nor 0% with a hit', () => {
    expect(formatPercent(66.6666)).toBe('66.7%');
    expect(formatPercent(68)).toBe('68%');
    expect(formatPercent(99.97)).toBe('99.9%');
    expect(formatPercent(100)).toBe('100%');
    expect(formatPercent(0.01)).toBe('0.1%');
    expect(formatPercent(0)).toBe('0%');
  });
});

const detail = { executed: [], missed: [], taken: [], notTaken: [] };
const summary: CoverageSummary = {
  percent: 66.666,
  statements: 25,
  missing: 8,
  branches: 8,
  coveredBranches: 5,
  files: [
    {
      path: 'addon/__init__.py',
      statements: 6,
      missing: 1,
      branches: 0,
      partialBranches: 0,
      coveredBranches: 0,
      percent: 83.33,
      missingLines: '20',
      detail,
    },
    {
      path: 'addon/shapes.py',
      statements: 17,
      missing: 5,
      branches: 8,
      partialBranches: 1,
      coveredBranches: 5,
      percent: 68,
      missingLines: '8, 20-23',
      detail,
    },
    {
      path: 'addon/a|b.py',
      statements: 2,
      missing: 2,
      branches: 0,
      partialBranches: 0,
      coveredBranches: 0,
      percent: 0,
      missingLines: '1-2',
      detail,
    },
  ],
};

describe('coverage reports', () => {
  it('says the total, and the threshold when there is one', () => {
    expect(coverageHeadline({ summary })).toBe('coverage: 66.7% of 25 statements and 8 branches');
    expect(coverageHeadline({ summary, failUnder: 67 })).toBe('coverage: 66.7% of 25 statements and 8 branches, under the required 67%');
    expect(coverageHeadline({ summary, failUnder: 60 })).toBe('coverage: 66.7% of 25 statements and 8 branches, required 60%');
    expect(isCoverageFailing({ summary, failUnder: 67 })).toBe(true);
    expect(isCoverageFailing({ summary, failUnder: 66.666 })).toBe(false);
    expect(isCoverageFailing({ summary })).toBe(false);
  });

  it('prints an aligned table with the missed lines', () => {
    const lines = formatCoverageTable({ summary });
    expect(lines[1]).toBe('  Name               Stmts  Miss  Branch  BrPart  Cover  Missing');
    expect(lines).toContain('  addon/shapes.py       17     5       8       1    68%  8, 20-23');
    expect(lines.at(-1)).toBe('  TOTAL                 25     8       8          66.7%');
  });

  it('puts the lowest coverage first in the summary and escapes what could break the table', () => {
    const md = coverageMarkdown({ summary, failUnder: 67 });
    expect(md).toContain('❌ 66.7% of 25 statements and 8 branches, under the required 67%');
    const rows = md.split('\n').filter((l) => l.startsWith('| addon'));
    expect(rows[0]).toBe('| addon/a\\|b.py | 2 | 2 | 0 | 0 | 0% | 1-2 |');
    expect(md).toContain('| **Total** | 25 | 8 | 8 | | **66.7%** | |');
  });
});
