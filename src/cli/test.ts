import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createConsoleReporter, formatJunit, formatTap, isCleanupClean, reportPathProblem, writeReport } from '../report/index.js';
import {
  discoverSuites,
  DiscoveryError,
  nodeIdFile,
  NoSuitesError,
  parseShard,
  runSuites,
  type Discovery,
  type RunOutcome,
} from '../suite/index.js';
import { resolveBlender } from './blender.js';
import { checkPackageFlags, packageOptions, packagesHelp, pythonPathsFor } from './packages.js';
import { coverageFailure, coverageHelp, coverageOptions, coveragePlan } from './coverage.js';
import { concludeCoverage, startCoverageRun } from '../python/coverage.js';
import { capWorkers } from '../suite/limits.js';
import { parseDisplayFlag, parseNumber, parseSeconds, UsageError, type Io } from './usage.js';

export const testHelp = `blender-harness test [PATH|NODEID]... [--blender PATH|SPEC] [--mirror URL]... [--addon PATH]... [--workers N]
                    [--addon-path PATH]...
                    [--shard I/N] [--timeout S] [--startup-timeout S] [--run CMD]...
                    [-k EXPR] [-m MARKEXPR] [--pytest-arg=ARG]... [--no-fresh-scene]
                    [--python-package SPEC]... [--requirements FILE]... [--python-index-url URL]
                    [--coverage] [--coverage-source PATH]... [--coverage-xml FILE] [--coverage-lcov FILE]
                    [--coverage-fail-under N]
                    [--tap FILE] [--junit FILE] [--display auto|virtual|none] [--no-color]
                    [--verbose]
  Runs every suite under the paths (default: tests/ if it exists, else .): command scripts
  (*.yaml, *.yml, *.json), Python tests collected by pytest inside Blender (its own rules:
  pytest.ini/pyproject.toml, conftest.py, testpaths; a path may be a node id such as
  tests/test_x.py::test_y) and --run commands. -k and -m select Python tests as pytest's do;
  --pytest-arg=ARG passes anything else to pytest. --no-fresh-scene keeps one scene for all
  Python tests instead of loading the startup file before each.
  --addon installs and enables an add-on in every session; --addon-path only installs it
  (importable, not enabled), for suites that enable it themselves with addon_utils.enable().
${packagesHelp}
${coverageHelp}
  Failures end with their traceback and the last lines they printed (--verbose: all of it).
  NO_COLOR or --no-color turns colours off. Exit code 0 all passed and nothing left running, 1 a test failed or something was left,
  2 a usage or setup error.`;

export function exitCodeFor(outcome: RunOutcome): number {
  if (outcome.setupErrors.length > 0) return 2;
  const failed = outcome.results.some((r) => r.outcome === 'failed');
  return failed || !isCleanupClean(outcome.cleanup) || outcome.cancelled ? 1 : 0;
}

const testOptions = {
  blender: { type: 'string' },
  mirror: { type: 'string', multiple: true },
  addon: { type: 'string', multiple: true },
  'addon-path': { type: 'string', multiple: true },
  workers: { type: 'string' },
  shard: { type: 'string' },
  timeout: { type: 'string' },
  'startup-timeout': { type: 'string' },
  run: { type: 'string', multiple: true },
  tap: { type: 'string' },
  junit: { type: 'string' },
  'no-color': { type: 'boolean' },
  verbose: { type: 'boolean' },
  display: { type: 'string' },
  keyword: { type: 'string', short: 'k' },
  markers: { type: 'string', short: 'm' },
  'pytest-arg': { type: 'string', multiple: true },
  'no-fresh-scene': { type: 'boolean' },
  ...packageOptions,
  ...coverageOptions,
} as const;

type TestFlags = ReturnType<typeof parseArgs<{ options: typeof testOptions; allowPositionals: true; strict: true }>>['values'];

/**
 * Every flag checked, and paths and files looked for, before Blender is (which may mean a
 * download): a typo costs nothing.
 */
function checkTestFlags(values: TestFlags, positionals: readonly string[], io: Io) {
  let shard;
  try {
    shard = values.shard === undefined ? undefined : parseShard(values.shard);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const requestedWorkers = parseNumber('--workers', values.workers, 1, 1);
  if (!Number.isInteger(requestedWorkers)) throw new UsageError('--workers takes a whole number');
  const { workers, warning: workersWarning } = capWorkers(requestedWorkers);
  if (workersWarning) io.err(`warning: --workers ${workersWarning}\n`);
  const display = parseDisplayFlag(values.display);
  const timeoutMs = parseSeconds('--timeout', values.timeout, 60, 0.001);
  const startupTimeoutMs = parseSeconds('--startup-timeout', values['startup-timeout'], 120, 1);
  const paths = positionals.length ? [...positionals] : [existsSync('tests') ? 'tests' : '.'];
  for (const path of paths) if (!existsSync(nodeIdFile(path))) throw new UsageError(`${nodeIdFile(path)}: no such file or folder`);
  const pytestArgs = [
    ...(values.keyword !== undefined ? ['-k', values.keyword] : []),
    ...(values.markers !== undefined ? ['-m', values.markers] : []),
    ...(values['pytest-arg'] ?? []),
  ];
  for (const addon of values.addon ?? []) if (!existsSync(addon)) throw new UsageError(`--addon ${addon}: no such file or folder`);
  for (const addon of values['addon-path'] ?? []) {
    if (!existsSync(addon))
      throw new UsageError(`--addon-path ${addon}: no such file or folder (give the add-on's folder, .py file or .zip)`);
  }
  for (const [flag, file] of [
    ['--tap', values.tap],
    ['--junit', values.junit],
  ] as const) {
    const problem = file === undefined ? undefined : reportPathProblem(file);
    if (problem) throw new UsageError(`${flag} ${problem}`);
  }
  checkPackageFlags(values);
  const coverage = coveragePlan(values, [...(values.addon ?? []), ...(values['addon-path'] ?? [])]);
  let discovery: Discovery;
  try {
    discovery = discoverSuites(paths, process.cwd());
  } catch (error) {
    if (error instanceof DiscoveryError) throw new UsageError(error.message);
    throw error;
  }
  return { shard, workers, display, timeoutMs, startupTimeoutMs, paths, pytestArgs, coverage, discovery };
}

/** --tap and --junit written; false when one could not be (the results still print). */
function writeReports(values: TestFlags, outcome: RunOutcome, io: Io): boolean {
  const bailOut = outcome.cancelled ? 'the run was cancelled' : undefined;
  let written = true;
  const report = (file: string | undefined, text: () => string): void => {
    if (file === undefined) return;
    try {
      writeReport(file, text());
    } catch (error) {
      // Checked before the run, so rare (a disk filled up meanwhile): the results still print.
      io.err(`error: could not write ${file}: ${(error as Error).message}\n`);
      written = false;
    }
  };
  report(values.tap, () => formatTap(outcome.results, outcome.cleanup, bailOut ? { bailOut } : {}));
  report(values.junit, () => formatJunit(outcome.results, outcome.cleanup));
  return written;
}

export async function testCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: testOptions, allowPositionals: true, strict: true });
  const { shard, workers, display, timeoutMs, startupTimeoutMs, paths, pytestArgs, coverage, discovery } = checkTestFlags(
    values,
    positionals,
    io,
  );
  const blender = await resolveBlender(values.blender, io, values.mirror);
  const { pythonPaths, python } = await pythonPathsFor(
    values,
    blender,
    { pytest: discovery.python.required, coverage: coverage !== undefined },
    io,
  );
  const coverageRun = coverage ? startCoverageRun(coverage.sources, process.cwd()) : undefined;
  const color = !values['no-color'] && !process.env.NO_COLOR && process.stdout.isTTY === true;
  const reporter = createConsoleReporter(io.out, { color, verbose: values.verbose === true });
  const controller = new AbortController();
  const cancel = (): void => controller.abort();
  process.once('SIGINT', cancel);
  process.once('SIGTERM', cancel);
  let outcome: RunOutcome;
  try {
    outcome = await runSuites({
      session: {
        blender,
        addons: (values.addon ?? []).map((a) => resolve(a)),
        addonPaths: (values['addon-path'] ?? []).map((a) => resolve(a)),
        pythonPaths,
        ...(coverageRun ? { coverage: { dataDir: coverageRun.dataDir, include: coverageRun.include } } : {}),
        startupTimeoutMs,
        ...(display ? { display } : {}),
      },
      paths,
      discovery,
      pathsGiven: positionals.length > 0,
      pytestArgs,
      freshScene: values['no-fresh-scene'] !== true,
      runCommands: values.run ?? [],
      workers,
      ...(shard ? { shard } : {}),
      timeoutMs,
      onReady: (ready) =>
        io.out(
          `Blender ${ready.blender} (Python ${ready.python}) at ${blender}, ${workers === 1 ? '1 worker' : `up to ${workers} workers`}\n\n`,
        ),
      onResult: (r) => reporter.onResult(r),
      signal: controller.signal,
    });
  } catch (error) {
    if (error instanceof DiscoveryError || error instanceof NoSuitesError) throw new UsageError(error.message);
    throw error;
  } finally {
    process.removeListener('SIGINT', cancel);
    process.removeListener('SIGTERM', cancel);
  }
  for (const message of outcome.setupErrors) io.err(`error: ${message}\n`);
  for (const message of outcome.warnings) io.err(`warning: ${message}\n`);
  const measured =
    coverage && coverageRun
      ? await concludeCoverage(coverageRun, coverage, {
          blender,
          cwd: process.cwd(),
          pythonPaths,
          ...(python ? { python } : {}),
          cancelled: outcome.cancelled,
        })
      : undefined;
  if (measured?.error) io.err(`error: ${measured.error}\n`);
  const written = writeReports(values, outcome, io);
  reporter.finish(outcome.results, outcome.cleanup, {
    cancelled: outcome.cancelled,
    ...(measured?.verdict ? { coverage: measured.verdict } : {}),
  });
  const under = measured?.verdict ? coverageFailure(measured.verdict) : undefined;
  if (under) io.err(`error: ${under}\n`);
  if (!written || measured?.error) return 2;
  return Math.max(exitCodeFor(outcome), under ? 1 : 0);
}
