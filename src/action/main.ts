// The Action's main step: install Blender, run the suites (or just prove Blender starts and
// stops cleanly), publish the reports, fail the step when a test failed or something leaked.
import { dirname } from 'node:path';
import * as core from '@actions/core';
import { installBlender, localExecutable, type InstallResult } from '../install/index.js';
import { ensureRunnable } from '../provision/index.js';
import { createConsoleReporter, formatCleanup, isCleanupClean } from '../report/index.js';
import { Session, SessionStartError, tagPrefix, type CleanupReport, type SessionOptions } from '../session/index.js';
import { DiscoveryError, mergeCleanups, NoSuitesError, runSuites, type TestResult } from '../suite/index.js';
import { InputError, readInputs, type ActionConfig } from './inputs.js';
import { PackagesError } from '../python/index.js';
import { concludeCoverage, startCoverageRun, type CoverageRun } from '../python/coverage.js';
import { coverageHeadline, isCoverageFailing } from '../report/coverage.js';
import { rmSync } from 'node:fs';
import { logUntrusted } from './log.js';
import { publish } from './report.js';
import { preparePython } from './packages.js';
import { STATE } from './state.js';

const BLENDER_LOG_LINES = 5000;

async function install(config: ActionConfig, signal: AbortSignal): Promise<InstallResult> {
  const result = await core.group(`Install Blender (${config.blenderSpec})`, () =>
    installBlender(config.blenderSpec, {
      mirrors: config.mirrors,
      cacheMode: config.cache ? 'auto' : 'local',
      cwd: config.workspace,
      signal,
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

export async function run(): Promise<void> {
  const controller = new AbortController();
  const cancel = (signal: string): void => {
    if (controller.signal.aborted) return;
    core.warning(`${signal} received: stopping Blender and writing what has run so far`);
    controller.abort();
  };
  process.on('SIGINT', () => cancel('SIGINT'));
  process.on('SIGTERM', () => cancel('SIGTERM'));
  core.saveState(STATE.tagPrefix, tagPrefix());

  let config: ActionConfig;
  try {
    config = readInputs();
  } catch (error) {
    if (error instanceof InputError) return core.setFailed(error.message);
    throw error;
  }

  // Blender's shared libraries (slim containers, act). A Blender already on the machine is run
  // for its version while installing, so it is checked before; a downloaded one right after.
  const checkLibraries = (executable: string): Promise<unknown> =>
    core.group("Check Blender's system libraries", () => ensureRunnable(executable, { mode: config.systemDeps, log: (m) => core.info(m), signal: controller.signal }));
  const onMachine = await localExecutable(config.blenderSpec, config.workspace);
  if (onMachine) await checkLibraries(onMachine);
  const installed = await install(config, controller.signal);
  if (!onMachine) await checkLibraries(installed.executable);
  const blenderLog: string[] = [];
  const session: SessionOptions = {
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
  const started = performance.now();
  // Test names, messages, tracebacks and output: never read as workflow commands.
  const reporter = createConsoleReporter((text) => logUntrusted(text.trimEnd()));
  let results: TestResult[];
  let cleanup: CleanupReport;
  let cancelled = false;
  let coverageRun: CoverageRun | undefined;
  let python: string | undefined;
  try {
    ({ pythonPaths: session.pythonPaths, python } = await preparePython(config, installed.executable, controller.signal));
    if (config.coverage) {
      coverageRun = startCoverageRun(config.coverage.sources, config.workspace);
      session.coverage = { dataDir: coverageRun.dataDir, include: coverageRun.include };
    }
    if (config.tests.length === 0 && config.run.length === 0) {
      ({ results, cleanup } = await setupOnly(session, controller.signal));
    } else {
      const outcome = await runSuites({
        session,
        paths: config.tests,
        pytestArgs: config.pytestArgs,
        freshScene: config.freshScene,
        runCommands: config.run,
        workers: config.workers,
        ...(config.shard ? { shard: config.shard } : {}),
        timeoutMs: config.timeoutMs,
        cwd: config.workspace,
        signal: controller.signal,
        onResult: (r) => reporter.onResult(r),
      });
      ({ results, cleanup, cancelled } = outcome);
      for (const e of outcome.setupErrors) core.error(e);
      if (outcome.setupErrors.length) core.setFailed(`${outcome.setupErrors.length} setup error(s): suite files that could not be read, or Python tests pytest could not collect; see the errors above`);
    }
  } catch (error) {
    if (!(error instanceof SessionStartError || error instanceof NoSuitesError || error instanceof DiscoveryError || error instanceof PackagesError)) throw error;
    // Still a report: CI steps that upload the TAP/JUnit files and read the outputs need them.
    if (coverageRun) rmSync(coverageRun.dataDir, { recursive: true, force: true });
    await printLog(blenderLog);
    if (error instanceof PackagesError && error.log) await core.group("pip's log", () => Promise.resolve(logUntrusted(error.log ?? '')));
    const message = error.message;
    await publish(config, {
      results: [{ id: 'setup > Blender starts and the suites are found', suite: 'setup', name: 'Blender starts and the suites are found', outcome: 'failed', kind: 'setup', message, durationMs: performance.now() - started }],
      cleanup: mergeCleanups([]),
      blender: { version: installed.version, path: installed.executable },
      durationMs: performance.now() - started,
    });
    return core.setFailed(message);
  }
  await printLog(blenderLog);
  const measured =
    config.coverage && coverageRun
      ? await concludeCoverage(coverageRun, config.coverage, {
          blender: installed.executable,
          cwd: config.workspace,
          pythonPaths: session.pythonPaths ?? [],
          ...(python ? { python } : {}),
          cancelled,
        })
      : undefined;
  if (measured?.error) core.setFailed(measured.error);
  const coverage = measured?.verdict;
  // The failures with their tracebacks and output, the cleanup, the coverage, and the counts line.
  reporter.finish(results, cleanup, { cancelled, ...(coverage ? { coverage } : {}) });
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

async function printLog(lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  await core.group("Blender's output", () => Promise.resolve(logUntrusted(lines.join('\n'))));
}

run().catch((error: unknown) => core.setFailed(error instanceof Error ? error.message : String(error)));
