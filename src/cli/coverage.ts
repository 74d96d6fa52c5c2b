// --coverage and its companions on `test`: checked up front, measured in every session,
// combined and reported at the end.
import { resolve } from 'node:path';
import { reportPathProblem } from '../report/index.js';
import { parseFailUnder, type CoverageSettings, type CoverageVerdict } from '../python/coverage.js';
import { formatPercent } from '../report/coverage.js';
import { UsageError } from './usage.js';
import { existsSync } from 'node:fs';

export const coverageOptions = {
  coverage: { type: 'boolean' },
  'coverage-source': { type: 'string', multiple: true },
  'coverage-xml': { type: 'string' },
  'coverage-lcov': { type: 'string' },
  'coverage-fail-under': { type: 'string' },
} as const;

export const coverageHelp = `  --coverage measures the add-ons' own files (or --coverage-source PATH...) with coverage.py in
  every session, branches included, and writes coverage.xml and lcov.info (--coverage-xml FILE,
  --coverage-lcov FILE); --coverage-fail-under N fails the run below N percent.`;

export interface CoverageFlags {
  coverage?: boolean;
  'coverage-source'?: string[];
  'coverage-xml'?: string;
  'coverage-lcov'?: string;
  'coverage-fail-under'?: string;
}

/** Undefined when coverage is off; any coverage flag turns it on. */
export function coveragePlan(values: CoverageFlags, addons: readonly string[]): CoverageSettings | undefined {
  const on =
    values.coverage === true ||
    ['coverage-source', 'coverage-xml', 'coverage-lcov', 'coverage-fail-under'].some((k) => values[k as keyof CoverageFlags] !== undefined);
  if (!on) return undefined;
  const sources = (values['coverage-source'] ?? [...addons]).map((s) => resolve(s));
  if (!sources.length)
    throw new UsageError(
      "--coverage needs something to measure: pass --coverage-source PATH (your add-on's folder or module), or the add-on with --addon/--addon-path",
    );
  for (const s of sources) if (!existsSync(s)) throw new UsageError(`--coverage-source ${s}: no such file or folder`);
  const xml = values['coverage-xml'] ?? 'coverage.xml';
  const lcov = values['coverage-lcov'] ?? 'lcov.info';
  for (const [flag, file] of [
    ['--coverage-xml', xml],
    ['--coverage-lcov', lcov],
  ] as const) {
    const problem = reportPathProblem(file);
    if (problem) throw new UsageError(`${flag} ${problem}`);
  }
  let failUnder: number | undefined;
  if (values['coverage-fail-under'] !== undefined) {
    const parsed = parseFailUnder(values['coverage-fail-under']);
    if (typeof parsed !== 'number') throw new UsageError(`--coverage-fail-under takes ${parsed.problem}`);
    failUnder = parsed;
  }
  return { sources, xml: resolve(xml), lcov: resolve(lcov), ...(failUnder !== undefined ? { failUnder } : {}) };
}

export function coverageFailure(verdict: CoverageVerdict): string | undefined {
  if (verdict.failUnder === undefined || verdict.summary.percent >= verdict.failUnder) return undefined;
  return `coverage ${formatPercent(verdict.summary.percent)} is under --coverage-fail-under ${verdict.failUnder}%`;
}
