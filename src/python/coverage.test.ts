import { describe, expect, it } from 'vitest';
import { formatLcov, lineRanges, type CoverageFile } from './coverage.js';

describe('lineRanges', () => {
  it('joins runs of consecutive lines', () => {
    expect(lineRanges([])).toBe('');
    expect(lineRanges([7])).toBe('7');
    expect(lineRanges([3, 4, 5, 9, 11, 12])).toBe('3-5, 9, 11-12');
  });
});

describe('formatLcov', () => {
  const file: CoverageFile = {
    path: 'addon/shapes.py',
    statements: 6,
    missing: 2,
    branches: 4,
    partialBranches: 1,
    coveredBranches: 2,
    percent: 60,
    missingLines: '5, 9',
    detail: {
      executed: [1, 2, 3, 7],
      missed: [5, 9],
      taken: [
        [2, 3],
        [7, -6],
      ],
      notTaken: [
        [2, 5],
        [9, 10],
      ],
    },
  };

  it('writes a line record per statement and a branch record per arc, counted per file', () => {
    expect(formatLcov([file]).split('\n')).toEqual([
      'TN:',
      'SF:addon/shapes.py',
      'DA:1,1',
      'DA:2,1',
      'DA:3,1',
      'DA:5,0',
      'DA:7,1',
      'DA:9,0',
      'LF:6',
      'LH:4',
      'BRDA:2,0,0,1',
      'BRDA:2,0,1,0',
      'BRDA:7,0,0,1',
      // The line never ran: neither way was taken.
      'BRDA:9,0,0,-',
      'BRF:4',
      'BRH:2',
      'end_of_record',
      '',
    ]);
  });

  it('leaves out branch counts for a file without branches', () => {
    const flat = { ...file, branches: 0, detail: { ...file.detail, taken: [], notTaken: [] } };
    expect(formatLcov([flat])).not.toMatch(/BR[FH]:/);
  });
});
