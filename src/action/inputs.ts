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

const lines = (name: string): string[] =>
  core
    .getInput(name)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

export function readInputs(env: NodeJS.ProcessEnv = process.env): ActionConfig {
  const problems: string[] = [];
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const inWorkspace = (p: string): string => (isAbsolute(p) ? p : resolve(workspace, p));

  const bool = (name: string): boolean => {
    const raw = core.getInput(name).trim().toLowerCase();
    if (['true', 'yes', '1', 'on'].includes(raw)) return true;
    if (['false', 'no', '0', 'off'].includes(raw)) return false;
    problems.push(`${name}: expected true or false, not ${JSON.stringify(core.getInput(name))}`);
    return true;
  };
  const number = (name: string, min: number, integer = false): number => {
    const raw = core.getInput(name).trim();
    const n = Number(raw);
    if (!raw || !Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
      problems.push(`${name}: expected ${integer ? 'a whole number' : 'a number'} >= ${min}, not ${JSON.stringify(raw)}`);
      return min;
    }
    return n;
  };
  /** Seconds as milliseconds, within what Node's timers hold (longer waits fire at once). */
  const seconds = (name: string, min: number): number => {
    const n = number(name, min);
    if (n > MAX_TIMER_SECONDS) {
      problems.push(`${name}: expected at most ${MAX_TIMER_SECONDS} seconds (about 24 days, the longest wait Node's timers hold), not ${JSON.stringify(core.getInput(name).trim())}`);
      return min * 1000;
    }
    return n * 1000;
  };
  /** More workers than the machine holds are lowered to what it does, with a warning. */
  const workers = (): number => {
    const { workers: n, warning } = capWorkers(number('workers', 1, true));
    if (warning) core.warning(`workers: ${warning}`);
    return n;
  };

  const blenderPath = core.getInput('blender-path').trim();
  const blenderSpec = blenderPath ? inWorkspace(blenderPath) : core.getInput('blender-version').trim() || 'lts';
  try {
    parseSpec(blenderSpec, { cwd: workspace });
  } catch (error) {
    problems.push(`${blenderPath ? 'blender-path' : 'blender-version'}: ${error instanceof InstallError ? error.message : String(error)}`);
  }
  for (const mirror of lines('mirrors')) {
    try {
      const url = new URL(mirror);
      if (!/^https?:$/.test(url.protocol)) throw new Error('not http(s)');
    } catch {
      problems.push(`mirrors: ${JSON.stringify(mirror)} is not an http(s) URL`);
    }
  }
  const addons = lines('addons').map(inWorkspace);
  for (const addon of addons) if (!existsSync(addon)) problems.push(`addons: ${addon} does not exist (paths are relative to the workspace)`);
  const addonPaths = lines('addon-paths').map(inWorkspace);
  for (const addon of addonPaths) if (!existsSync(addon)) problems.push(`addon-paths: ${addon} does not exist (paths are relative to the workspace)`);
  const tests = lines('tests');
  for (const t of tests) if (!existsSync(inWorkspace(nodeIdFile(t)))) problems.push(`tests: ${inWorkspace(nodeIdFile(t))} does not exist (paths are relative to the workspace)`);
  const requirements = lines('requirements').map(inWorkspace);
  for (const file of requirements) if (!existsSync(file)) problems.push(`requirements: ${file} does not exist (paths are relative to the workspace)`);
  const pythonPackages = lines('python-packages');
  for (const spec of pythonPackages) if (spec.startsWith('-')) problems.push(`python-packages: one requirement per line (numpy, requests>=2), not the pip option ${JSON.stringify(spec)}`);
  const pythonIndexUrl = core.getInput('python-index-url').trim();
  if (pythonIndexUrl && !isIndexUrl(pythonIndexUrl)) problems.push(`python-index-url: expected an http(s):// or file:// URL, not ${JSON.stringify(pythonIndexUrl)}`);
  let coverage: ActionConfig['coverage'];
  const coverageSources = lines('coverage-source').map(inWorkspace);
  const failUnderText = core.getInput('coverage-fail-under').trim();
  if (bool('coverage') || coverageSources.length || failUnderText) {
    const sources = coverageSources.length ? coverageSources : [...addons, ...addonPaths];
    if (!sources.length) problems.push('coverage: nothing to measure; give coverage-source (your add-on\'s folder or module) or the add-on in addons/addon-paths');
    for (const s of coverageSources) if (!existsSync(s)) problems.push(`coverage-source: ${s} does not exist (paths are relative to the workspace)`);
    const parsed = failUnderText ? parseFailUnder(failUnderText) : undefined;
    if (typeof parsed === 'object') problems.push(`coverage-fail-under: expected ${parsed.problem}`);
    const failUnder = typeof parsed === 'number' ? parsed : undefined;
    coverage = {
      sources,
      xml: inWorkspace(core.getInput('coverage-xml').trim() || 'coverage.xml'),
      lcov: inWorkspace(core.getInput('coverage-lcov').trim() || 'lcov.info'),
      ...(failUnder !== undefined ? { failUnder } : {}),
    };
  }
  const keyword = core.getInput('keyword').trim();
  const markers = core.getInput('markers').trim();
  let shard: Shard | undefined;
  const shardText = core.getInput('shard').trim();
  if (shardText) {
    try {
      shard = parseShard(shardText);
    } catch (error) {
      problems.push(`shard: ${(error as Error).message.replace('--shard takes', 'expected')}`);
    }
  }
  const systemDeps = core.getInput('system-deps').trim() || 'auto';
  if (systemDeps !== 'auto' && systemDeps !== 'none') problems.push(`system-deps: expected auto or none, not ${JSON.stringify(systemDeps)}`);
  let display: DisplayMode = 'none';
  try {
    display = parseDisplayMode(core.getInput('display').trim() || 'none');
  } catch (error) {
    problems.push((error as Error).message.replace(/^display takes/, 'display: expected'));
  }
  const reports = join(env.RUNNER_TEMP || workspace, 'blender-harness');

  const config: ActionConfig = {
    workspace,
    blenderSpec,
    mirrors: lines('mirrors'),
    cache: bool('cache'),
    addons,
    addonPaths,
    tests,
    pythonPackages,
    requirements,
    ...(pythonIndexUrl ? { pythonIndexUrl } : {}),
    ...(coverage ? { coverage } : {}),
    pytestArgs: [...(keyword ? ['-k', keyword] : []), ...(markers ? ['-m', markers] : []), ...lines('pytest-args')],
    freshScene: bool('fresh-scene'),
    run: lines('run'),
    workers: workers(),
    ...(shard ? { shard } : {}),
    timeoutMs: seconds('timeout', 0.001),
    startupTimeoutMs: seconds('startup-timeout', 1),
    factoryStartup: bool('factory-startup'),
    blenderArgs: core.getInput('blender-args').split(/\s+/).filter(Boolean),
    tapFile: inWorkspace(core.getInput('tap-file').trim() || join(reports, 'results.tap')),
    junitFile: inWorkspace(core.getInput('junit-file').trim() || join(reports, 'junit.xml')),
    failOnLeak: bool('fail-on-leak'),
    auth: bool('auth'),
    systemDeps: systemDeps === 'none' ? 'none' : 'auto',
    display,
  };
  const reportFiles: [string, string][] = [['tap-file', config.tapFile], ['junit-file', config.junitFile]];
  if (coverage) reportFiles.push(['coverage-xml', coverage.xml], ['coverage-lcov', coverage.lcov]);
  for (const [input, file] of reportFiles) {
    const problem = reportPathProblem(file);
    if (problem) problems.push(`${input}: ${problem}`);
  }
  if (problems.length) throw new InputError(problems);
  return config;
}
