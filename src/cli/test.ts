import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createConsoleReporter, formatJunit, formatTap, isCleanupClean, reportPathProblem, writeReport } from '../report/index.js';
import { DiscoveryError, NoSuitesError, parseShard, runSuites, type RunOutcome } from '../suite/index.js';
import { resolveBlender } from './blender.js';
import { parseDisplayFlag, parseNumber, UsageError, type Io } from './usage.js';

export const testHelp = `blender-harness test [PATH]... [--blender PATH|SPEC] [--mirror URL]... [--addon PATH]... [--workers N]
                    [--shard I/N] [--timeout S] [--startup-timeout S] [--run CMD]...
                    [--tap FILE] [--junit FILE] [--display auto|virtual|none] [--no-color]
                    [--verbose]
  Runs every suite under the paths (default: tests/ if it exists, else .): command scripts
  (*.yaml, *.yml, *.json), Python test modules (test_*.py, *_test.py) and --run commands.
  Failures end with their traceback and the last lines they printed (--verbose: all of it).
  NO_COLOR or --no-color turns colours off. Exit code 0 all passed and nothing left running, 1 a test failed or something was left,
  2 a usage or setup error.`;

export function exitCodeFor(outcome: RunOutcome): number {
  if (outcome.setupErrors.length > 0) return 2;
  const failed = outcome.results.some((r) => r.outcome === 'failed');
  return failed || !isCleanupClean(outcome.cleanup) || outcome.cancelled ? 1 : 0;
}

export async function testCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      blender: { type: 'string' },
      mirror: { type: 'string', multiple: true },
      addon: { type: 'string', multiple: true },
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
    },
    allowPositionals: true,
    strict: true,
  });
  let shard;
  try {
    shard = values.shard === undefined ? undefined : parseShard(values.shard);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const workers = parseNumber('--workers', values.workers, 1, 1);
  if (!Number.isInteger(workers)) throw new UsageError('--workers takes a whole number');
  const display = parseDisplayFlag(values.display);
  // Every flag is checked before Blender is looked for (which may mean a download).
  const timeoutMs = parseNumber('--timeout', values.timeout, 60, 0.001) * 1000;
  const startupTimeoutMs = parseNumber('--startup-timeout', values['startup-timeout'], 120, 1) * 1000;
  const paths = positionals.length ? positionals : [existsSync('tests') ? 'tests' : '.'];
  // Typos in paths cost nothing before Blender is found (maybe downloaded) and started.
  for (const path of paths) if (!existsSync(path)) throw new UsageError(`${path}: no such file or folder`);
  for (const addon of values.addon ?? []) if (!existsSync(addon)) throw new UsageError(`--addon ${addon}: no such file or folder`);
  for (const [flag, file] of [['--tap', values.tap], ['--junit', values.junit]] as const) {
    const problem = file === undefined ? undefined : reportPathProblem(file);
    if (problem) throw new UsageError(`${flag} ${problem}`);
  }
  const blender = await resolveBlender(values.blender, io, values.mirror);
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
        startupTimeoutMs,
        ...(display ? { display } : {}),
      },
      paths,
      runCommands: values.run ?? [],
      workers,
      ...(shard ? { shard } : {}),
      timeoutMs,
      onReady: (ready) => io.out(`Blender ${ready.blender} (Python ${ready.python}) at ${blender}, ${workers} worker${workers === 1 ? '' : 's'}\n\n`),
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
  const bailOut = outcome.cancelled ? 'the run was cancelled' : undefined;
  let unwritten = false;
  const report = (file: string | undefined, text: () => string): void => {
    if (file === undefined) return;
    try {
      writeReport(file, text());
    } catch (error) {
      // Checked before the run, so rare (a disk filled up meanwhile): the results still print.
      io.err(`error: could not write ${file}: ${(error as Error).message}\n`);
      unwritten = true;
    }
  };
  report(values.tap, () => formatTap(outcome.results, outcome.cleanup, bailOut ? { bailOut } : {}));
  report(values.junit, () => formatJunit(outcome.results, outcome.cleanup));
  reporter.finish(outcome.results, outcome.cleanup, { cancelled: outcome.cancelled });
  return unwritten ? 2 : exitCodeFor(outcome);
}
