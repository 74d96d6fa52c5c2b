// Find suites, plan units, spread them over workers, and collect plain results.
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import type { CleanupReport, ReadyInfo, SessionOptions } from '../session/index.js';
import { discoverSuites, type SuiteFile } from './discover.js';
import { shardUnits, type Shard, type Unit } from './plan.js';
import type { TestResult } from './results.js';
import { looksLikeScript, parseScript, ScriptError } from './script.js';
import { Worker, WorkerAborted } from './worker.js';
import { SessionStartError } from '../session/index.js';

export interface RunOptions {
  session: Omit<SessionOptions, 'profile'>;
  paths: readonly string[];
  runCommands?: readonly string[];
  workers?: number;
  shard?: Shard;
  timeoutMs?: number;
  cwd?: string;
  onResult?: (result: TestResult) => void;
  /** Told once, when the first Blender is up: which Blender and Python the run uses. */
  onReady?: (ready: ReadyInfo) => void;
  /** Cancels the run: no new tests start, Blender is ended, the results so far are returned. */
  signal?: AbortSignal;
}

export interface RunOutcome {
  results: TestResult[];
  cleanup: CleanupReport;
  /** Malformed suite files: reported as failing results too, and an exit code of 2. */
  setupErrors: string[];
  blender: ReadyInfo | undefined;
  cancelled: boolean;
  durationMs: number;
  restarts: number;
}

export class NoSuitesError extends Error {}

function notRun(unit: Unit, message: string): TestResult[] {
  const names = unit.kind === 'python' ? unit.tests.map((t) => t.name) : unit.kind === 'script' ? unit.script.steps.map((s) => s.name) : ['exit code'];
  return names.map((name) => ({ id: `${unit.suite} > ${name}`, suite: unit.suite, name, outcome: 'failed', kind: 'setup', message, durationMs: 0 }));
}

function displayPath(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return (rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file).split(sep).join('/');
}

export function mergeCleanups(reports: readonly CleanupReport[]): CleanupReport {
  return {
    clean: reports.every((r) => r.clean),
    leftovers: reports.flatMap((r) => r.leftovers),
    portBound: reports.find((r) => r.portBound !== null)?.portBound ?? null,
    stops: reports.flatMap((r) => r.stops),
  };
}

export async function runSuites(options: RunOptions): Promise<RunOutcome> {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const show = (file: string): string => displayPath(cwd, file);
  const suites: SuiteFile[] = discoverSuites(options.paths, cwd);
  const results: TestResult[] = [];
  const setupErrors: string[] = [];
  const emit = (r: TestResult): void => {
    results.push(r);
    options.onResult?.(r);
  };

  const scripts: Unit[] = [];
  for (const suite of suites.filter((s) => s.kind === 'script')) {
    const label = show(suite.path);
    try {
      const text = readFileSync(suite.path, 'utf8');
      // A data file that merely sits in a tests folder is not a suite; a named one must be.
      if (!suite.explicit && !looksLikeScript(text)) continue;
      scripts.push({ kind: 'script', id: label, suite: label, path: suite.path, script: parseScript(suite.path, text, label) });
    } catch (error) {
      if (!(error instanceof ScriptError)) throw error;
      setupErrors.push(error.message);
      emit({
        id: `${label} > (parse)`,
        suite: label,
        name: '(parse)',
        outcome: 'failed',
        kind: 'setup',
        message: error.message,
        file: label,
        ...(error.line ? { line: error.line } : {}),
        durationMs: 0,
      });
    }
  }
  const pythonFiles = suites.filter((s) => s.kind === 'python');
  const runs: Unit[] = (options.runCommands ?? []).map((command) => ({ kind: 'run', id: `run: ${command}`, suite: `run: ${command}`, command }));
  if (scripts.length + pythonFiles.length + runs.length === 0) {
    if (setupErrors.length) {
      return { results, cleanup: mergeCleanups([]), setupErrors, blender: undefined, cancelled: false, durationMs: performance.now() - started, restarts: 0 };
    }
    throw new NoSuitesError(
      `no suites found under ${options.paths.join(', ') || '.'}: expected command scripts (*.yaml, *.yml, *.json with "tests:") ` +
        'or Python test modules (test_*.py, *_test.py), or pass --run CMD',
    );
  }

  const timeoutMs = options.timeoutMs ?? 60_000;
  const workerOptions = { session: options.session, timeoutMs, cwd, relative: show };
  const count = Math.max(1, options.workers ?? 1);
  const workers = Array.from({ length: count }, (_, i) => new Worker(i + 1, workerOptions));
  const [first] = workers as [Worker];
  let cancelled = false;
  const onAbort = (): void => {
    cancelled = true;
    for (const w of workers) void w.abort();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  let others: Promise<unknown>[] = [];

  try {
    // The first session must come up, or nothing can run: its failure is a setup error.
    // The other workers start meanwhile, while the first collects the Python tests.
    others = workers.slice(1).map((w) => w.ensure().catch(() => undefined));
    options.onReady?.((await first.ensure()).ready);
    const python: Unit[] = [];
    for (const file of pythonFiles) {
      if (cancelled) break;
      const collected = await first.collect(file.path);
      const suite = show(file.path);
      if (collected.error) {
        const e = collected.error;
        emit({
          id: `${suite} > (import)`,
          suite,
          name: '(import)',
          outcome: 'failed',
          kind: 'import',
          errorType: e.type,
          message: `the module failed to import: ${e.message}`,
          ...(e.traceback ? { traceback: e.traceback } : {}),
          file: show(e.file ?? file.path),
          ...(e.line ? { line: e.line } : {}),
          durationMs: 0,
        });
        continue;
      }
      if (collected.reset) {
        for (const t of collected.tests) python.push({ kind: 'python', id: `${suite} > ${t.name}`, suite, path: file.path, tests: [t], reset: true });
      } else if (collected.tests.length) {
        python.push({ kind: 'python', id: suite, suite, path: file.path, tests: collected.tests, reset: false });
      }
    }
    const queue = shardUnits([...scripts, ...python, ...runs], options.shard);
    let alive = workers.length;
    await Promise.all(
      workers.map(async (worker, i) => {
        // Each worker takes tests as soon as its own Blender is up, not when the slowest is.
        // One whose start failed tries again on its first unit, as after a crash.
        if (i > 0) await others[i - 1];
        for (let unit = queue.shift(); unit && !cancelled; unit = queue.shift()) {
          try {
            await worker.run(unit, (r) => {
              if (!cancelled) emit(r);
            });
          } catch (error) {
            if (cancelled || error instanceof WorkerAborted) return;
            if (!(error instanceof SessionStartError)) throw error;
            // Blender would not come back after a crash: this worker is done; others go on.
            notRun(unit, `Blender could not be restarted: ${error.message}`).forEach(emit);
            alive -= 1;
            return;
          }
        }
      }),
    );
    if (!cancelled && alive === 0) for (const unit of queue.splice(0)) notRun(unit, 'not run: Blender could not be restarted').forEach(emit);
  } catch (error) {
    if (!(error instanceof WorkerAborted)) throw error;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    // Sessions still starting must be up (or failed) before they can be stopped and checked.
    await Promise.allSettled(others);
    await Promise.all(workers.map((w) => (cancelled ? w.abort() : w.close())));
  }
  return {
    results,
    cleanup: mergeCleanups(workers.flatMap((w) => w.cleanups)),
    setupErrors,
    blender: first.lastReady,
    cancelled,
    durationMs: performance.now() - started,
    restarts: workers.reduce((n, w) => n + w.restarts, 0),
  };
}
