// The Action's main step: install Blender, run the suites (or just prove Blender starts and
// stops cleanly), publish the reports, fail the step when a test failed or something leaked.
// Once the inputs are read, every way the step can fail still writes the TAP and JUnit files,
// so a workflow's artifact upload finds them whatever went wrong.
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import * as core from '@actions/core';
import { installBlender, localExecutable, type InstallResult } from '../install/index.js';
import { ensureRunnable } from '../provision/index.js';
import { concludeCoverage, startCoverageRun, type CoverageRun } from '../python/coverage.js';
import { PackagesError } from '../python/index.js';
import { coverageHeadline, isCoverageFailing } from '../report/coverage.js';
import { createConsoleReporter, createProgress, formatCleanup, isCleanupClean } from '../report/index.js';
import { Session, SessionStartError, tagPrefix, type CleanupReport, type SessionOptions } from '../session/index.js';
import {
  discoverSuites,
  DiscoveryError,
  mergeCleanups,
  NoSuitesError,
  runSuites,
  type Discovery,
  type TestResult,
} from '../suite/index.js';
import { InputError, readInputs, type ActionConfig } from './inputs.js';
import { logUntrusted } from './log.js';
import { preparePython } from './packages.js';
import { publish } from './report.js';
import { STATE } from './state.js';

const BLENDER_LOG_LINES = 5000;

/**
 * The stages a run can fail in before it has results of its own, each reported as one failing
 * case. Their names are stable across runs, so CI history lines up the same failure.
 */
const STAGES = {
  'system-deps': "Blender's system libraries are present",
  install: 'Blender is installed',
  setup: 'Blender starts and the suites are found',
  tests: 'the suites run to the end',
} as const;
type Stage = keyof typeof STAGES;

/** What a run that got past setup hands on to the verdict. */
interface Ran {
  results: TestResult[];
  cleanup: CleanupReport;
  cancelled: boolean;
  session: SessionOptions;
  coverageRun?: CoverageRun;
  python?: string;
  reporter: ReturnType<typeof createConsoleReporter>;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export async function run(): Promise<void> {
  const controller = new AbortController();
  const cancel = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) return;
    core.warning(`${signal} received: stopping Blender and writing what has run so far`);
    controller.abort();
  };
  process.on('SIGINT', cancel);
  process.on('SIGTERM', cancel);
  try {
    core.saveState(STATE.tagPrefix, tagPrefix());
    let config: ActionConfig;
    try {
      config = readInputs();
    } catch (error) {
      if (error instanceof InputError) return core.setFailed(error.message);
      throw error;
    }
    await runWith(config, controller.signal);
  } finally {
    // The step's process ends after run(); one that goes on (a test) gets Node's own handling back.
    process.off('SIGINT', cancel);
    process.off('SIGTERM', cancel);
  }
}

async function runWith(config: ActionConfig, signal: AbortSignal): Promise<void> {
  const started = performance.now();
  const installed = await provision(config, signal, started);
  if (!installed) return;
  const ran = await runTests(config, installed, signal, started);
  if (!ran) return;
  await conclude(config, installed, ran, started);
}

/**
 * Blender installed and able to load its shared libraries (slim containers, act), or undefined
 * when either failed and was reported. A Blender already on the machine is run for its version
 * while installing, so its libraries are checked before; a downloaded one's right after.
 */
async function provision(config: ActionConfig, signal: AbortSignal, started: number): Promise<InstallResult | undefined> {
  const checkLibraries = (executable: string): Promise<unknown> =>
    core.group("Check Blender's system libraries", () =>
      ensureRunnable(executable, { mode: config.systemDeps, log: (m) => core.info(m), signal }),
    );
  let stage: Stage = 'system-deps';
  try {
    const onMachine = await localExecutable(config.blenderSpec, config.workspace);
    if (onMachine) await checkLibraries(onMachine);
    stage = 'install';
    const installed = await install(config, signal);
    stage = 'system-deps';
    if (!onMachine) await checkLibraries(installed.executable);
    return installed;
  } catch (error) {
    await failStage(config, { stage, message: messageOf(error), started, cancelled: signal.aborted });
    return undefined;
  }
}

async function install(config: ActionConfig, signal: AbortSignal): Promise<InstallResult> {
  const result = await core.group(`Install Blender (${config.blenderSpec})`, () =>
    installBlender(config.blenderSpec, {
      mirrors: config.mirrors,
      cacheMode: config.cache ? 'auto' : 'local',
      cwd: config.workspace,
      signal,
      progress: createProgress({ out: process.stdout, mode: 'lines', log: (line) => core.info(line) }),
    }),
  );
  core.addPath(dirname(result.executable));
  core.setOutput('blender-path', result.executable);
  core.setOutput('blender-version', result.version);
  core.setOutput('cache-hit', String(result.cacheHit));
  if (config.cache && result.saveCache && result.cacheKey && result.cachePaths) {
    core.saveState(STATE.cache, JSON.stringify({ cacheKey: result.cacheKey, cachePaths: result.cachePaths, cacheHit: result.cacheHit }));
  }
  core.info(`Blender ${result.version} at ${result.executable} (${result.cacheHit ? `cache hit, ${result.source}` : result.source})`);
  return result;
}

function sessionOptions(config: ActionConfig, installed: InstallResult, blenderLog: string[]): SessionOptions {
  return {
    blender: installed.executable,
    addons: config.addons,
    addonPaths: config.addonPaths,
    startupTimeoutMs: config.startupTimeoutMs,
    factoryStartup: config.factoryStartup,
    blenderArgs: config.blenderArgs,
    auth: config.auth,
    display: config.display,
    onToken: (token) => core.setSecret(token),
    onOutput: (line) => {
      blenderLog.push(line);
      if (blenderLog.length > BLENDER_LOG_LINES) blenderLog.shift();
    },
  };
}

/** The suites' results (or setup-only's), or undefined when the run failed before it had any and was reported. */
async function runTests(config: ActionConfig, installed: InstallResult, signal: AbortSignal, started: number): Promise<Ran | undefined> {
  const blenderLog: string[] = [];
  const session = sessionOptions(config, installed, blenderLog);
  // Test names, messages, tracebacks and output: never read as workflow commands.
  const reporter = createConsoleReporter((text) => logUntrusted(text.trimEnd()));
  let coverageRun: CoverageRun | undefined;
  let stage: Stage = 'setup';
  let ran: Ran;
  try {
    const discovery = config.tests.length > 0 ? discoverSuites(config.tests, config.workspace) : undefined;
    const prepared = await preparePython(config, installed.executable, signal, discovery?.python.required === true);
    session.pythonPaths = prepared.pythonPaths;
    if (config.coverage) {
      coverageRun = startCoverageRun(config.coverage.sources, config.workspace);
      session.coverage = { dataDir: coverageRun.dataDir, include: coverageRun.include };
    }
    stage = 'tests';
    const outcome =
      config.tests.length === 0 && config.run.length === 0
        ? { ...(await setupOnly(session, signal)), cancelled: false }
        : await suites(config, session, signal, reporter, discovery);
    const python = prepared.python ? { python: prepared.python } : {};
    ran = { ...outcome, session, reporter, ...(coverageRun ? { coverageRun } : {}), ...python };
  } catch (error) {
    if (coverageRun) rmSync(coverageRun.dataDir, { recursive: true, force: true });
    await printLog(blenderLog);
    if (error instanceof PackagesError && error.log) await core.group("pip's log", () => Promise.resolve(logUntrusted(error.log ?? '')));
    const failed: Stage = isSetupError(error) ? 'setup' : stage;
    await failStage(config, { stage: failed, message: messageOf(error), started, cancelled: signal.aborted }, installed);
    return undefined;
  }
  await printLog(blenderLog);
  return ran;
}

/** Blender did not start, or the suites could not be found or prepared: the run never began. */
function isSetupError(error: unknown): boolean {
  return (
    error instanceof SessionStartError ||
    error instanceof NoSuitesError ||
    error instanceof DiscoveryError ||
    error instanceof PackagesError
  );
}

async function suites(
  config: ActionConfig,
  session: SessionOptions,
  signal: AbortSignal,
  reporter: Ran['reporter'],
  discovery: Discovery | undefined,
): Promise<Pick<Ran, 'results' | 'cleanup' | 'cancelled'>> {
  const outcome = await runSuites({
    session,
    paths: config.tests,
    ...(discovery ? { discovery } : {}),
    pytestArgs: config.pytestArgs,
    freshScene: config.freshScene,
    runCommands: config.run,
    workers: config.workers,
    ...(config.shard ? { shard: config.shard } : {}),
    timeoutMs: config.timeoutMs,
    cwd: config.workspace,
    signal,
    onResult: (r) => reporter.onResult(r),
  });
  for (const e of outcome.setupErrors) core.error(e);
  for (const w of outcome.warnings) core.warning(w);
  if (outcome.setupErrors.length) {
    core.setFailed(
      `${outcome.setupErrors.length} setup error(s): suite files that could not be read, or Python tests pytest could not collect; see the errors above`,
    );
  }
  return { results: outcome.results, cleanup: outcome.cleanup, cancelled: outcome.cancelled };
}

async function setupOnly(session: SessionOptions, signal: AbortSignal): Promise<{ results: TestResult[]; cleanup: CleanupReport }> {
  const started = performance.now();
  if (signal.aborted) throw new SessionStartError('usage', 'the run was cancelled before Blender started');
  const s = await Session.start(session);
  const abort = (): void => void s.stop({ graceMs: 0 });
  signal.addEventListener('abort', abort, { once: true });
  const pong = await s.request({ type: 'ping' }, 30_000).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
  signal.removeEventListener('abort', abort);
  const cleanup = await s.close();
  const ok = !(pong instanceof Error) && pong.ok;
  const result: TestResult = {
    id: 'setup > Blender starts, answers ping and stops',
    suite: 'setup',
    name: 'Blender starts, answers ping and stops',
    outcome: ok ? 'passed' : 'failed',
    ...(ok ? {} : { kind: 'setup' as const, message: pong instanceof Error ? pong.message : 'ping was refused' }),
    durationMs: performance.now() - started,
  };
  logUntrusted(`${ok ? 'ok' : 'FAIL'} Blender ${s.ready.blender} started in ${Math.round(s.readyMs)} ms, answered ping`);
  return { results: [result], cleanup };
}

/** The coverage, the console's closing lines, the reports, and the step's verdict. */
async function conclude(config: ActionConfig, installed: InstallResult, ran: Ran, started: number): Promise<void> {
  const { results, cleanup, cancelled, coverageRun } = ran;
  const measured =
    config.coverage && coverageRun
      ? await concludeCoverage(coverageRun, config.coverage, {
          blender: installed.executable,
          cwd: config.workspace,
          pythonPaths: ran.session.pythonPaths ?? [],
          ...(ran.python ? { python: ran.python } : {}),
          cancelled,
        }).catch((error: unknown) => ({ error: messageOf(error), verdict: undefined }))
      : undefined;
  if (measured?.error) core.setFailed(measured.error);
  const coverage = measured?.verdict;
  // The failures with their tracebacks and output, the cleanup, the coverage, and the counts line.
  ran.reporter.finish(results, cleanup, { cancelled, ...(coverage ? { coverage } : {}) });
  await publish(config, {
    ...(coverage ? { coverage } : {}),
    results,
    cleanup,
    blender: { version: installed.version, path: installed.executable },
    durationMs: performance.now() - started,
    ...(cancelled ? { bailOut: 'the run was cancelled' } : {}),
  });
  const failed = results.filter((r) => r.outcome === 'failed').length;
  const under = coverage && isCoverageFailing(coverage) ? coverageHeadline(coverage) : undefined;
  if (cancelled) core.setFailed('the run was cancelled');
  else if (failed) core.setFailed(`${failed} test(s) failed${under ? `; ${under}` : ''}`);
  else if (under) core.setFailed(under);
  else if (!isCleanupClean(cleanup) && config.failOnLeak) core.setFailed(formatCleanup(cleanup));
}

/** The case a run that failed in `stage` reports in place of its tests. */
function stageFailure(stage: Stage, message: string, durationMs: number): TestResult {
  const name = STAGES[stage];
  return { id: `${stage} > ${name}`, suite: stage, name, outcome: 'failed', kind: 'setup', message, durationMs };
}

interface StageFailure {
  stage: Stage;
  message: string;
  /** performance.now() when the run began. */
  started: number;
  /** The runner cancelled the step, which is what stopped the stage. */
  cancelled: boolean;
}

/** Reports (files, outputs, summary) with the one failing case for the stage, then fails the step. */
async function failStage(config: ActionConfig, failure: StageFailure, installed?: InstallResult): Promise<void> {
  const durationMs = performance.now() - failure.started;
  try {
    await publish(config, {
      results: [stageFailure(failure.stage, failure.message, durationMs)],
      cleanup: mergeCleanups([]),
      ...(installed ? { blender: { version: installed.version, path: installed.executable } } : {}),
      durationMs,
      ...(failure.cancelled ? { bailOut: 'the run was cancelled' } : {}),
    });
  } catch (error) {
    // The paths were checked with the inputs, so this is rare (a full disk): the failure itself matters more.
    core.warning(`The reports could not be written: ${messageOf(error)}`);
  }
  core.setFailed(failure.cancelled ? 'the run was cancelled' : failure.message);
}

async function printLog(lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  await core.group("Blender's output", () => Promise.resolve(logUntrusted(lines.join('\n'))));
}
