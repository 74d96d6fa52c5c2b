// Find suites, plan units, spread them over workers, and collect plain results.
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { CleanupReport, ReadyInfo, SessionOptions } from '../session/index.js';
import { discoverSuites, nodeIdFile, type Discovery, type PythonTargets } from './discover.js';
import { pythonUnits, shardUnits, testName, type Shard, type Unit } from './plan.js';
import type { TestResult } from './results.js';
import { maxWorkers } from './limits.js';
import { looksLikeScript, parseScript, readScriptFile, ScriptError } from './script.js';
import { CollectFailed, Worker, WorkerAborted, type Collection, type WorkerOptions } from './worker.js';
import { SessionStartError } from '../session/index.js';

export interface RunOptions {
  session: Omit<SessionOptions, 'profile'>;
  paths: readonly string[];
  /**
   * False when `paths` is only a default (nothing was named): pytest then collects as a
   * plain `pytest` would, from its `testpaths` or the working folder.
   */
  pathsGiven?: boolean;
  /** What discoverSuites found in `paths`, when the caller asked already (to plan Blender's packages). */
  discovery?: Discovery;
  /** pytest options: -k, -m and anything passed through, before the paths. */
  pytestArgs?: readonly string[];
  /** Load the startup file before each Python test (default true). */
  freshScene?: boolean;
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
  /** What the author should know that is no failure: test modules pytest passed over. */
  warnings: string[];
  blender: ReadyInfo | undefined;
  cancelled: boolean;
  durationMs: number;
  restarts: number;
}

export class NoSuitesError extends Error {}

function notRun(unit: Unit, message: string): TestResult[] {
  if (unit.kind === 'python') {
    return unit.items.map((item) => ({
      id: item.nodeid,
      suite: unit.suite,
      name: testName(item.nodeid),
      outcome: 'failed',
      kind: 'setup',
      message,
      durationMs: 0,
    }));
  }
  const names = unit.kind === 'script' ? unit.script.steps.map((s) => s.name) : ['exit code'];
  return names.map((name) => ({
    id: `${unit.suite} > ${name}`,
    suite: unit.suite,
    name,
    outcome: 'failed',
    kind: 'setup',
    message,
    durationMs: 0,
  }));
}

/** A file pytest could not collect: one failed result named by its node id. */
function collectionError(e: Collection['errors'][number], show: (file: string) => string): TestResult {
  const file = e.file ? show(e.file) : e.nodeid;
  return {
    id: e.nodeid || file,
    suite: file,
    name: '(collection)',
    outcome: 'failed',
    kind: 'import',
    errorType: e.type,
    message: `collecting it failed: ${e.type}: ${e.message}`,
    ...(e.traceback ? { traceback: e.traceback } : {}),
    file,
    ...(e.line ? { line: e.line } : {}),
    ...(e.stdout ? { stdout: e.stdout } : {}),
    ...(e.stderr ? { stderr: e.stderr } : {}),
    durationMs: 0,
  };
}

/** A test function's line, as a module spells it (pytest's and unittest's default names). */
const TEST_DEF = String.raw`^[ \t]*(?:async[ \t]+)?def[ \t]+test`;

/**
 * A first guess of the Python tests before pytest has collected them (their `def test`
 * lines), so the workers they need start while the first collects; the rest start after.
 */
function guessPythonTests(files: readonly string[]): number {
  let count = 0;
  for (const file of files) {
    try {
      count += readFileSync(file, 'utf8').match(new RegExp(TEST_DEF, 'gm'))?.length ?? 0;
    } catch {
      // unreadable: pytest will say so
    }
  }
  return count;
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

/** Reads and parses the command scripts; a malformed one is a setup error and a failed result. */
function readScripts(
  files: ReturnType<typeof discoverSuites>['scripts'],
  show: (file: string) => string,
  fail: (message: string, r: TestResult) => void,
): Unit[] {
  const scripts: Unit[] = [];
  for (const suite of files) {
    const label = show(suite.path);
    try {
      // Undefined: a found file too large to be a suite (a data file).
      const text = readScriptFile(suite.path, label, suite.explicit);
      // A data file that merely sits in a tests folder is not a suite; a named one must be.
      if (text === undefined || (!suite.explicit && !looksLikeScript(text))) continue;
      scripts.push({ kind: 'script', id: label, suite: label, path: suite.path, script: parseScript(suite.path, text, label) });
    } catch (error) {
      if (!(error instanceof ScriptError)) throw error;
      fail(error.message, {
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
  return scripts;
}

/**
 * The run's Blenders: the first, then more as units become known (never more than units to
 * run nor than `limit`), all ended together. Cancelling aborts every one of them.
 */
class Pool {
  readonly first: Worker;
  readonly workers: Worker[];
  /** Each later worker's start, then its collection: the n-th is workers[n + 1]'s. */
  readonly starting: Promise<unknown>[] = [];
  cancelled = false;

  constructor(
    private readonly options: WorkerOptions,
    private readonly limit: number,
    private readonly collectPython: boolean,
  ) {
    this.first = new Worker(1, options);
    this.workers = [this.first];
  }

  readonly abort = (): void => {
    this.cancelled = true;
    for (const w of this.workers) void w.abort();
  };

  /** Start workers up to `units` (and the limit). Each collects as soon as it is up, so its first test does not wait for its collection. */
  start(units: number): void {
    while (!this.cancelled && this.workers.length < Math.min(this.limit, units)) {
      const w = new Worker(this.workers.length + 1, this.options);
      this.workers.push(w);
      this.starting.push(
        w
          .ensure()
          .then(() => (this.collectPython ? w.collect() : undefined))
          .catch(() => undefined),
      );
    }
  }

  readonly stopping = (): boolean => this.cancelled || this.workers.some((w) => w.stopReason !== undefined);

  async end(): Promise<void> {
    // Sessions still starting must be up (or failed) before they can be stopped and checked.
    await Promise.allSettled(this.starting);
    await Promise.all(this.workers.map((w) => (this.cancelled ? w.abort() : w.close())));
  }
}

/**
 * unittest's discovery runs test*.py, pytest's python_files by default only test_*.py and
 * *_test.py: a suite written for the first loses modules (testIntegration.py) without a word.
 */
function passedOver(named: readonly string[], collection: Collection, show: (file: string) => string): string[] {
  if (collection.deselected > 0) return []; // -k/-m may have dropped every test of a module
  const seen = new Set([
    ...collection.items.map((i) => i.file),
    ...collection.errors.map((e) => resolve(collection.rootdir, nodeIdFile(e.nodeid))),
  ]);
  const hasTests = (file: string): boolean => {
    try {
      return new RegExp(`\\bTestCase\\b|${TEST_DEF}`, 'm').test(readFileSync(file, 'utf8'));
    } catch {
      return false;
    }
  };
  return named
    .filter((file) => !seen.has(file) && hasTests(file))
    .map(
      (file) =>
        `${show(file)} holds tests and is named as unittest discovers them (test*.py), but pytest's python_files ` +
        '(test_*.py and *_test.py by default) passed over it, so none of them ran: add `python_files = test*.py` to ' +
        'your pytest configuration, or name the file as a path.',
    );
}

/** The first worker's pytest collection as units; collection errors become failed results. */
async function collectPythonUnits(
  first: Worker,
  show: (file: string) => string,
  targets: PythonTargets,
  emit: (r: TestResult) => void,
  fail: (message: string, r: TestResult) => void,
  warn: (message: string) => void,
): Promise<Unit[]> {
  const required = targets.required;
  try {
    const collection = await first.collect();
    for (const e of collection.errors) emit(collectionError(e, show));
    passedOver(targets.unittestNamed, collection, show).forEach(warn);
    return pythonUnits(collection.items, (item) => show(item.file));
  } catch (error) {
    if (!(error instanceof CollectFailed)) throw error;
    // Without pytest, a run whose only .py files are helpers beside command scripts goes on.
    if (error.type !== 'PytestMissing' || required) {
      fail(error.message, {
        id: 'pytest',
        suite: 'pytest',
        name: '(collection)',
        outcome: 'failed',
        kind: 'setup',
        errorType: error.type,
        message: error.message,
        ...(error.detail ? { traceback: error.detail } : {}),
        durationMs: 0,
      });
    }
    return [];
  }
}

/**
 * One worker's share: units from the shared queue until it is empty or the run stops.
 * 'dead' when its Blender would not come back after a crash (its units go back to the queue).
 */
async function drain(pool: Pool, worker: Worker, index: number, queue: Unit[], emit: (r: TestResult) => void): Promise<'done' | 'dead'> {
  // Each worker takes tests as soon as its own Blender is up, not when the slowest is.
  // One whose start failed tries again on its first unit, as after a crash.
  if (index > 0) await pool.starting[index - 1];
  for (let unit = queue.shift(); unit && !pool.stopping();) {
    let next: Unit | undefined;
    try {
      next = await worker.run(
        unit,
        (r) => {
          if (!pool.cancelled) emit(r);
        },
        () => (pool.stopping() ? undefined : queue.shift()),
      );
    } catch (error) {
      // What the worker had taken and not finished: the first is what it was running.
      const left = worker.unfinished();
      const [current, ...rest] = unit.kind === 'python' ? left : [unit, ...left];
      queue.unshift(...rest); // another worker runs them
      if (pool.cancelled || error instanceof WorkerAborted) return 'done';
      if (!(error instanceof SessionStartError)) throw error;
      // Blender would not come back after a crash: this worker is done; others go on.
      if (current) notRun(current, `Blender could not be restarted: ${error.message}`).forEach(emit);
      return 'dead';
    }
    unit = next ?? (pool.stopping() ? undefined : queue.shift());
  }
  return 'done';
}

/** What a run returns; without a pool, no Blender was started. */
function outcome(started: number, results: TestResult[], setupErrors: string[], warnings: string[], pool?: Pool): RunOutcome {
  const workers = pool?.workers ?? [];
  return {
    results,
    cleanup: mergeCleanups(workers.flatMap((w) => w.cleanups)),
    setupErrors,
    warnings,
    blender: pool?.first.lastReady,
    cancelled: pool?.cancelled ?? false,
    durationMs: performance.now() - started,
    restarts: workers.reduce((n, w) => n + w.restarts, 0),
  };
}

export async function runSuites(options: RunOptions): Promise<RunOutcome> {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const show = (file: string): string => displayPath(cwd, file);
  const { scripts: scriptFiles, python: pythonTargets } = options.discovery ?? discoverSuites(options.paths, cwd);
  const results: TestResult[] = [];
  const setupErrors: string[] = [];
  const warnings: string[] = [];
  const emit = (r: TestResult): void => {
    results.push(r);
    options.onResult?.(r);
  };
  const fail = (message: string, r: TestResult): void => {
    setupErrors.push(message);
    emit(r);
  };

  const scripts = readScripts(scriptFiles, show, fail);
  const collectPython = pythonTargets.any || options.pathsGiven === false;
  const runs: Unit[] = (options.runCommands ?? []).map((command) => ({
    kind: 'run',
    id: `run: ${command}`,
    suite: `run: ${command}`,
    command,
  }));
  if (scripts.length + runs.length === 0 && !collectPython) {
    if (setupErrors.length) {
      return outcome(started, results, setupErrors, warnings);
    }
    throw new NoSuitesError(
      `no suites found under ${options.paths.join(', ') || '.'}: expected command scripts (*.yaml, *.yml, *.json with "tests:") ` +
        'or Python test modules (test_*.py, *_test.py), or pass --run CMD',
    );
  }

  const timeoutMs = options.timeoutMs ?? 60_000;
  const pytestArgs = [...(options.pytestArgs ?? []), ...(options.pathsGiven === false ? [] : pythonTargets.args)];
  const workerOptions = {
    session: options.session,
    timeoutMs,
    cwd,
    relative: show,
    pytest: { args: pytestArgs, freshScene: options.freshScene ?? true },
  };
  // Never more Blenders than units to run (known once the first has collected the Python
  // tests) nor than the machine holds: `--workers 100000` with one test starts one.
  const pool = new Pool(workerOptions, Math.min(Math.max(1, options.workers ?? 1), maxWorkers()), collectPython);
  options.signal?.addEventListener('abort', pool.abort, { once: true });
  if (options.signal?.aborted) pool.abort();

  try {
    // The first session must come up, or nothing can run: its failure is a setup error.
    // Workers for the units known already start meanwhile, while the first collects the
    // Python tests (how many a shard holds is known only then); the rest after collection.
    pool.start(
      collectPython
        ? Math.ceil((scripts.length + runs.length + guessPythonTests(pythonTargets.files)) / (options.shard?.count ?? 1))
        : shardUnits([...scripts, ...runs], options.shard).length,
    );
    options.onReady?.((await pool.first.ensure()).ready);
    const python =
      collectPython && !pool.cancelled
        ? await collectPythonUnits(pool.first, show, pythonTargets, emit, fail, (w) => warnings.push(w))
        : [];
    const queue = shardUnits([...scripts, ...python, ...runs], options.shard);
    pool.start(queue.length);
    const ends = await Promise.all(pool.workers.map((worker, i) => drain(pool, worker, i, queue, emit)));
    if (!pool.cancelled && ends.every((end) => end === 'dead')) {
      for (const unit of queue.splice(0)) notRun(unit, 'not run: Blender could not be restarted').forEach(emit);
    }
  } catch (error) {
    if (!(error instanceof WorkerAborted)) throw error;
  } finally {
    options.signal?.removeEventListener('abort', pool.abort);
    await pool.end();
  }
  return outcome(started, results, setupErrors, warnings, pool);
}
