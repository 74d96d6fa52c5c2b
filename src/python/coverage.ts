// Coverage of the author's own files: coverage.py runs inside every Blender session (see
// blender/harness_server/coverage_session.py), each session saves into one folder per run,
// and at the end one Blender combines them, maps installed add-on copies back onto the
// author's paths, and writes JSON (read here), Cobertura XML and LCOV.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runInBlender, InBlenderError } from './in-blender.js';
import { writeReport } from '../report/files.js';

export interface CoverageFile {
  /** Relative to the working folder when inside it. */
  path: string;
  statements: number;
  missing: number;
  branches: number;
  partialBranches: number;
  coveredBranches: number;
  percent: number;
  /** Missed lines as ranges: "7, 12-15". */
  missingLines: string;
  /** Line by line, for LCOV: statements run and not, branch arcs [from, to] taken and not. */
  detail: { executed: number[]; missed: number[]; taken: [number, number][]; notTaken: [number, number][] };
}

export interface CoverageSummary {
  percent: number;
  statements: number;
  missing: number;
  branches: number;
  coveredBranches: number;
  files: CoverageFile[];
  xml?: string;
  lcov?: string;
}

export class CoverageError extends Error {
  constructor(
    message: string,
    readonly log?: string,
  ) {
    super(message);
    this.name = 'CoverageError';
  }
}

/** What a run measures and where its reports go, as the CLI's flags and the Action's inputs give it. */
export interface CoverageSettings {
  sources: string[];
  xml: string;
  lcov: string;
  failUnder?: number;
}

export interface CoverageVerdict {
  summary: CoverageSummary;
  failUnder?: number;
}

/** A fail-under percentage from text, or why it is not one. */
export function parseFailUnder(text: string): number | { problem: string } {
  const n = Number(text);
  return text.trim() && Number.isFinite(n) && n >= 0 && n <= 100
    ? n
    : { problem: `a percentage from 0 to 100, not ${JSON.stringify(text)}` };
}

/** A run's coverage data folder, and what each session measures besides its own profile. */
export interface CoverageRun {
  dataDir: string;
  sources: string[];
  include: string[];
}

export function startCoverageRun(sources: readonly string[], cwd: string): CoverageRun {
  const absolute = sources.map((s) => resolve(cwd, s));
  const include = absolute.map((s) => (existsSync(s) && statSync(s).isDirectory() ? join(s, '*') : s));
  return { dataDir: mkdtempSync(join(tmpdir(), 'bh-coverage-')), sources: absolute, include };
}

/** "1, 3-5, 9" from sorted line numbers. */
export function lineRanges(lines: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < lines.length;) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === (lines[j] ?? 0) + 1) j += 1;
    out.push(i === j ? `${lines[i]}` : `${lines[i]}-${lines[j]}`);
    i = j + 1;
  }
  return out.join(', ');
}

interface JsonSummary {
  covered_lines: number;
  num_statements: number;
  percent_covered: number;
  missing_lines: number;
  num_branches?: number;
  num_partial_branches?: number;
  covered_branches?: number;
}

interface JsonReport {
  files: Record<
    string,
    {
      summary: JsonSummary;
      missing_lines: number[];
      executed_lines: number[];
      executed_branches?: [number, number][];
      missing_branches?: [number, number][];
    }
  >;
  totals: JsonSummary;
}

function jsonSummary(s: JsonSummary): Omit<CoverageFile, 'path' | 'missingLines' | 'detail'> {
  return {
    statements: s.num_statements,
    missing: s.missing_lines,
    branches: s.num_branches ?? 0,
    partialBranches: s.num_partial_branches ?? 0,
    coveredBranches: s.covered_branches ?? 0,
    percent: s.percent_covered,
  };
}

/** coverage.py's JSON report as files (by path) and totals. */
function readJsonReport(json: string): { files: CoverageFile[]; totals: ReturnType<typeof jsonSummary> } {
  const report = JSON.parse(readFileSync(json, 'utf8')) as JsonReport;
  const files = Object.entries(report.files)
    .map(([path, f]) => ({
      path,
      ...jsonSummary(f.summary),
      missingLines: lineRanges(f.missing_lines),
      detail: {
        executed: f.executed_lines,
        missed: f.missing_lines,
        taken: f.executed_branches ?? [],
        notTaken: f.missing_branches ?? [],
      },
    }))
    .sort((a, b) => a.path.localeCompare(b.path));
  return { files, totals: jsonSummary(report.totals) };
}

/** Combines the run's data and writes the reports; the folder goes afterwards. */
export async function finishCoverageRun(
  run: CoverageRun,
  options: {
    blender: string;
    cwd: string;
    xml?: string;
    lcov?: string;
    env?: NodeJS.ProcessEnv;
    pythonPaths?: readonly string[];
    python?: string;
  },
): Promise<CoverageSummary> {
  const json = join(run.dataDir, 'coverage.json');
  const request = join(run.dataDir, 'request.json');
  writeFileSync(
    request,
    JSON.stringify({
      data_dir: run.dataDir,
      sources: run.sources,
      json,
      xml: options.xml ?? null,
      python_paths: options.pythonPaths ?? [],
    }),
  );
  try {
    let result;
    try {
      result = await runInBlender(options.blender, 'coverage_report.py', [request], {
        cwd: options.cwd,
        ...(options.env ? { env: options.env } : {}),
        ...(options.python ? { python: options.python } : {}),
        timeoutMs: 300_000,
      });
    } catch (error) {
      if (error instanceof InBlenderError) throw new CoverageError(`combining the coverage data: ${error.message}`, error.output);
      throw error;
    }
    const { answer, output } = result;
    if (answer?.error === 'NoData')
      throw new CoverageError('coverage: no data was collected for the sources (did any test import them?)', output);
    if (!answer?.ok) {
      const why = typeof answer?.message === 'string' ? answer.message : output.trimEnd().split('\n').slice(-15).join('\n');
      throw new CoverageError(`coverage: the data could not be combined: ${why}`, output);
    }
    const { files, totals } = readJsonReport(json);
    // LCOV from the same JSON, not coverage.py's lcov report: its line and branch records
    // differ between versions (6.x counts docstrings as hit lines), these do not.
    if (options.lcov) writeReport(options.lcov, formatLcov(files));
    return {
      percent: totals.percent,
      statements: totals.statements,
      missing: totals.missing,
      branches: totals.branches,
      coveredBranches: totals.coveredBranches,
      files,
      ...(options.xml ? { xml: options.xml } : {}),
      ...(options.lcov ? { lcov: options.lcov } : {}),
    };
  } finally {
    rmSync(run.dataDir, { recursive: true, force: true });
  }
}

/**
 * The end of a measured run: combined and reported, or the reason it could not be (the data
 * folder goes either way; a cancelled run is not reported).
 */
export async function concludeCoverage(
  run: CoverageRun,
  settings: CoverageSettings,
  options: { blender: string; cwd: string; pythonPaths?: readonly string[]; python?: string; cancelled?: boolean },
): Promise<{ verdict?: CoverageVerdict; error?: string }> {
  if (options.cancelled) {
    rmSync(run.dataDir, { recursive: true, force: true });
    return {};
  }
  try {
    const summary = await finishCoverageRun(run, {
      blender: options.blender,
      cwd: options.cwd,
      xml: settings.xml,
      lcov: settings.lcov,
      ...(options.pythonPaths ? { pythonPaths: options.pythonPaths } : {}),
      ...(options.python ? { python: options.python } : {}),
    });
    return { verdict: { summary, ...(settings.failUnder !== undefined ? { failUnder: settings.failUnder } : {}) } };
  } catch (error) {
    if (!(error instanceof CoverageError)) throw error;
    return { error: error.message };
  }
}

/** One decimal, but never 100% while something is missed nor 0% once anything ran. */
/** LCOV tracefile records (geninfo's format, as Codecov, Coveralls and genhtml read it). */
export function formatLcov(files: readonly CoverageFile[]): string {
  const out: string[] = [];
  for (const f of files) {
    out.push('TN:', `SF:${f.path}`);
    const lines = [...f.detail.executed.map((n) => [n, 1] as const), ...f.detail.missed.map((n) => [n, 0] as const)].sort(
      (a, b) => a[0] - b[0],
    );
    for (const [n, hit] of lines) out.push(`DA:${n},${hit}`);
    out.push(`LF:${lines.length}`, `LH:${f.detail.executed.length}`);
    const missed = new Set(f.detail.missed);
    const arcs = [...f.detail.taken.map((a) => [a, true] as const), ...f.detail.notTaken.map((a) => [a, false] as const)].sort(
      (a, b) => a[0][0] - b[0][0] || a[0][1] - b[0][1],
    );
    const index = new Map<number, number>();
    for (const [[from], taken] of arcs) {
      const i = index.get(from) ?? 0;
      index.set(from, i + 1);
      // "-": the line itself never ran, so neither way was taken (geninfo's convention).
      out.push(`BRDA:${from},0,${i},${taken ? 1 : missed.has(from) ? '-' : 0}`);
    }
    if (arcs.length) out.push(`BRF:${arcs.length}`, `BRH:${f.detail.taken.length}`);
    out.push('end_of_record');
  }
  return `${out.join('\n')}\n`;
}
