// The Action's inputs, read and checked up front: every mistake is reported before anything
// is downloaded or started.
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import * as core from '@actions/core';
import { InstallError, parseSpec } from '../install/index.js';
import { parseDisplayMode, type DisplayMode } from '../session/index.js';
import { nodeIdFile, parseShard, type Shard } from '../suite/index.js';
import { reportPathProblem } from '../report/index.js';
import { parseFailUnder, type CoverageSettings } from '../python/coverage.js';
import { isIndexUrl } from '../python/index.js';
import { capWorkers, MAX_TIMER_SECONDS } from '../suite/limits.js';

export interface ActionConfig {
  workspace: string;
  blenderSpec: string;
  mirrors: string[];
  cache: boolean;
  addons: string[];
  /** Add-ons installed but not enabled, for suites that enable them themselves. */
  addonPaths: string[];
  tests: string[];
  pythonPackages: string[];
  /** Requirements files, absolute. */
  requirements: string[];
  pythonIndexUrl?: string;
  /** Absolute paths to measure, when coverage is on. */
  coverage?: CoverageSettings;
  /** pytest's -k, -m and other options, in that order. */
  pytestArgs: string[];
  freshScene: boolean;
  run: string[];
  workers: number;
  shard?: Shard;
  timeoutMs: number;
  startupTimeoutMs: number;
  factoryStartup: boolean;
  blenderArgs: string[];
  tapFile: string;
  junitFile: string;
  failOnLeak: boolean;
  auth: boolean;
  systemDeps: 'auto' | 'none';
  display: DisplayMode;
}

export class InputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? (problems[0] ?? '') : `${problems.length} inputs are wrong:\n- ${problems.join('\n- ')}`);
    this.name = 'InputError';
  }
}

/**
 * The inputs as read through @actions/core, with every problem collected rather than the first
 * thrown, so one failed step names all the mistakes.
 */
class Inputs {
  readonly problems: string[] = [];
  constructor(readonly workspace: string) {}

  inWorkspace(p: string): string {
    return isAbsolute(p) ? p : resolve(this.workspace, p);
  }

  text(name: string): string {
    return core.getInput(name).trim();
  }

  lines(name: string): string[] {
    return core
      .getInput(name)
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
  }

  /** The lines of `name` as paths in the workspace, each of which must exist. */
  existingPaths(name: string): string[] {
    const paths = this.lines(name).map((p) => this.inWorkspace(p));
    for (const p of paths) if (!existsSync(p)) this.problems.push(`${name}: ${p} does not exist (paths are relative to the workspace)`);
    return paths;
  }

  bool(name: string): boolean {
    const raw = this.text(name).toLowerCase();
    if (['true', 'yes', '1', 'on'].includes(raw)) return true;
    if (['false', 'no', '0', 'off'].includes(raw)) return false;
    this.problems.push(`${name}: expected true or false, not ${JSON.stringify(core.getInput(name))}`);
    return true;
  }

  number(name: string, min: number, integer = false): number {
    const raw = this.text(name);
    const n = Number(raw);
    if (!raw || !Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
      this.problems.push(`${name}: expected ${integer ? 'a whole number' : 'a number'} >= ${min}, not ${JSON.stringify(raw)}`);
      return min;
    }
    return n;
  }

  /** Seconds as milliseconds, within what Node's timers hold (longer waits fire at once). */
  seconds(name: string, min: number): number {
    const n = this.number(name, min);
    if (n > MAX_TIMER_SECONDS) {
      this.problems.push(
        `${name}: expected at most ${MAX_TIMER_SECONDS} seconds (about 24 days, the longest wait Node's timers hold), not ${JSON.stringify(this.text(name))}`,
      );
      return min * 1000;
    }
    return n * 1000;
  }

  /** More workers than the machine holds are lowered to what it does, with a warning. */
  workers(): number {
    const { workers, warning } = capWorkers(this.number('workers', 1, true));
    if (warning) core.warning(`workers: ${warning}`);
    return workers;
  }
}

function blenderInputs(inputs: Inputs): Pick<ActionConfig, 'blenderSpec' | 'mirrors'> {
  const blenderPath = inputs.text('blender-path');
  const blenderSpec = blenderPath ? inputs.inWorkspace(blenderPath) : inputs.text('blender-version') || 'lts';
  try {
    parseSpec(blenderSpec, { cwd: inputs.workspace });
  } catch (error) {
    inputs.problems.push(
      `${blenderPath ? 'blender-path' : 'blender-version'}: ${error instanceof InstallError ? error.message : String(error)}`,
    );
  }
  const mirrors = inputs.lines('mirrors');
  for (const mirror of mirrors) {
    try {
      const url = new URL(mirror);
      if (!/^https?:$/.test(url.protocol)) throw new Error('not http(s)');
    } catch {
      inputs.problems.push(`mirrors: ${JSON.stringify(mirror)} is not an http(s) URL`);
    }
  }
  return { blenderSpec, mirrors };
}

function pythonInputs(inputs: Inputs): Pick<ActionConfig, 'pythonPackages' | 'requirements' | 'pythonIndexUrl'> {
  const requirements = inputs.existingPaths('requirements');
  const pythonPackages = inputs.lines('python-packages');
  for (const spec of pythonPackages) {
    if (!spec.startsWith('-')) continue;
    inputs.problems.push(`python-packages: one requirement per line (numpy, requests>=2), not the pip option ${JSON.stringify(spec)}`);
  }
  const pythonIndexUrl = inputs.text('python-index-url');
  if (pythonIndexUrl && !isIndexUrl(pythonIndexUrl)) {
    inputs.problems.push(`python-index-url: expected an http(s):// or file:// URL, not ${JSON.stringify(pythonIndexUrl)}`);
  }
  return { pythonPackages, requirements, ...(pythonIndexUrl ? { pythonIndexUrl } : {}) };
}

/** Coverage settings when coverage is on (asked for, or implied by a source or a threshold). */
function coverageInputs(inputs: Inputs, addons: readonly string[]): CoverageSettings | undefined {
  const coverageSources = inputs.lines('coverage-source').map((p) => inputs.inWorkspace(p));
  const failUnderText = inputs.text('coverage-fail-under');
  if (!(inputs.bool('coverage') || coverageSources.length || failUnderText)) return undefined;
  const sources = coverageSources.length ? coverageSources : [...addons];
  if (!sources.length) {
    inputs.problems.push(
      "coverage: nothing to measure; give coverage-source (your add-on's folder or module) or the add-on in addons/addon-paths",
    );
  }
  for (const s of coverageSources) {
    if (!existsSync(s)) inputs.problems.push(`coverage-source: ${s} does not exist (paths are relative to the workspace)`);
  }
  const parsed = failUnderText ? parseFailUnder(failUnderText) : undefined;
  if (typeof parsed === 'object') inputs.problems.push(`coverage-fail-under: expected ${parsed.problem}`);
  const failUnder = typeof parsed === 'number' ? parsed : undefined;
  return {
    sources,
    xml: inputs.inWorkspace(inputs.text('coverage-xml') || 'coverage.xml'),
    lcov: inputs.inWorkspace(inputs.text('coverage-lcov') || 'lcov.info'),
    ...(failUnder !== undefined ? { failUnder } : {}),
  };
}

/** Which tests run: the suites, pytest's selection, and this job's shard. */
function selectionInputs(inputs: Inputs): Pick<ActionConfig, 'tests' | 'pytestArgs' | 'shard'> {
  const tests = inputs.lines('tests');
  for (const t of tests) {
    const file = inputs.inWorkspace(nodeIdFile(t));
    if (!existsSync(file)) inputs.problems.push(`tests: ${file} does not exist (paths are relative to the workspace)`);
  }
  const keyword = inputs.text('keyword');
  const markers = inputs.text('markers');
  const pytestArgs = [...(keyword ? ['-k', keyword] : []), ...(markers ? ['-m', markers] : []), ...inputs.lines('pytest-args')];
  const shardText = inputs.text('shard');
  if (!shardText) return { tests, pytestArgs };
  try {
    return { tests, pytestArgs, shard: parseShard(shardText) };
  } catch (error) {
    inputs.problems.push(`shard: ${(error as Error).message.replace('--shard takes', 'expected')}`);
    return { tests, pytestArgs };
  }
}

function machineInputs(inputs: Inputs): Pick<ActionConfig, 'systemDeps' | 'display'> {
  const systemDeps = inputs.text('system-deps') || 'auto';
  if (systemDeps !== 'auto' && systemDeps !== 'none') {
    inputs.problems.push(`system-deps: expected auto or none, not ${JSON.stringify(systemDeps)}`);
  }
  let display: DisplayMode = 'none';
  try {
    display = parseDisplayMode(inputs.text('display') || 'none');
  } catch (error) {
    inputs.problems.push((error as Error).message.replace(/^display takes/, 'display: expected'));
  }
  return { systemDeps: systemDeps === 'none' ? 'none' : 'auto', display };
}

/** Report paths, checked now so a typo costs nothing and never loses a finished run's results. */
function checkReportPaths(inputs: Inputs, config: ActionConfig): void {
  const reportFiles: [string, string][] = [
    ['tap-file', config.tapFile],
    ['junit-file', config.junitFile],
  ];
  if (config.coverage) reportFiles.push(['coverage-xml', config.coverage.xml], ['coverage-lcov', config.coverage.lcov]);
  for (const [input, file] of reportFiles) {
    const problem = reportPathProblem(file);
    if (problem) inputs.problems.push(`${input}: ${problem}`);
  }
}

export function readInputs(env: NodeJS.ProcessEnv = process.env): ActionConfig {
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const inputs = new Inputs(workspace);
  const blender = blenderInputs(inputs);
  const addons = inputs.existingPaths('addons');
  const addonPaths = inputs.existingPaths('addon-paths');
  const selection = selectionInputs(inputs);
  const python = pythonInputs(inputs);
  const coverage = coverageInputs(inputs, [...addons, ...addonPaths]);
  const machine = machineInputs(inputs);
  const reports = join(env.RUNNER_TEMP || workspace, 'blender-harness');

  const config: ActionConfig = {
    workspace,
    ...blender,
    cache: inputs.bool('cache'),
    addons,
    addonPaths,
    ...selection,
    ...python,
    ...(coverage ? { coverage } : {}),
    freshScene: inputs.bool('fresh-scene'),
    run: inputs.lines('run'),
    workers: inputs.workers(),
    timeoutMs: inputs.seconds('timeout', 0.001),
    startupTimeoutMs: inputs.seconds('startup-timeout', 1),
    factoryStartup: inputs.bool('factory-startup'),
    blenderArgs: core.getInput('blender-args').split(/\s+/).filter(Boolean),
    tapFile: inputs.inWorkspace(inputs.text('tap-file') || join(reports, 'results.tap')),
    junitFile: inputs.inWorkspace(inputs.text('junit-file') || join(reports, 'junit.xml')),
    failOnLeak: inputs.bool('fail-on-leak'),
    auth: inputs.bool('auth'),
    ...machine,
  };
  checkReportPaths(inputs, config);
  if (inputs.problems.length) throw new InputError(inputs.problems);
  return config;
}
