// The Action's run() called in-process, as the runner's step would run it: inputs and the
// GITHUB_* files in the environment, real Blender, real HTTP on 127.0.0.1. Each run gets the
// environment and exit code it found back afterwards.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { Parser } from 'tap-parser';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../src/action/run.js';
import { ActionRun, parseFileCommand } from './helpers/action-runner.js';
import { testBlender } from './helpers/blender.js';
import { startReleaseServer, type ReleaseServer } from './helpers/release-server.js';

const blender = testBlender();
const scratch = mkdtempSync(join(tmpdir(), 'bh-action-run-'));
// @actions/core remembers the first GITHUB_STEP_SUMMARY it sees, so every run here shares one.
const summaryFile = join(scratch, 'summary.md');

interface InProcessResult {
  exitCode: number | undefined;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

async function runInProcess(inputs: Record<string, string>, extra: Record<string, string> = {}): Promise<InProcessResult> {
  // ActionRun only lends its folders and the runner's environment; nothing is spawned.
  const step = new ActionRun(process.execPath);
  const env = { ...step.env(inputs, extra), GITHUB_STEP_SUMMARY: summaryFile };
  writeFileSync(summaryFile, '');
  const savedEnv = { ...process.env };
  const savedExitCode = process.exitCode;
  let stdout = '';
  // Workflow commands (::error::, ::set-output) go to stdout: kept for the assertions, out of the test log.
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  Object.assign(process.env, env);
  process.exitCode = undefined;
  let exitCode: number | undefined;
  try {
    await run();
  } finally {
    write.mockRestore();
    exitCode = process.exitCode === undefined ? undefined : Number(process.exitCode);
    process.exitCode = savedExitCode;
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
    Object.assign(process.env, savedEnv);
  }
  const outputs = parseFileCommand(readFileSync(step.files.output, 'utf8'));
  return { exitCode, stdout, outputs, summary: readFileSync(summaryFile, 'utf8') };
}

interface TapSummary {
  count: number;
  fail: number;
  failures: { name: string }[];
}

function parseTap(file: string): TapSummary {
  const parser = new Parser();
  let summary: TapSummary = { count: 0, fail: 0, failures: [] };
  parser.on('complete', (r: TapSummary) => (summary = r));
  parser.end(readFileSync(file, 'utf8'));
  return summary;
}

interface JunitCase {
  name: string;
  classname?: string;
  error?: { message?: string };
  failure?: { message?: string };
}

function junitCases(file: string): JunitCase[] {
  const isArray = (name: string): boolean => name === 'testsuite' || name === 'testcase';
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray });
  const xml = parser.parse(readFileSync(file, 'utf8')) as { testsuites: { testsuite: { testcase?: JunitCase[] }[] } };
  return xml.testsuites.testsuite.flatMap((s) => s.testcase ?? []);
}

/** Report paths in folders that do not exist yet, as a workflow's artifact step would name them. */
function reportFiles(name: string): { tap: string; junit: string; inputs: Record<string, string> } {
  const dir = join(scratch, name, 'reports');
  const tap = join(dir, 'results.tap');
  const junit = join(dir, 'junit.xml');
  return { tap, junit, inputs: { 'tap-file': tap, 'junit-file': junit } };
}

/** The failing case a stage failure is reported as, in both files, with the step's own message. */
function expectStageFailure(files: { tap: string; junit: string }, name: string, message: RegExp): void {
  const tap = parseTap(files.tap);
  expect(tap.fail).toBe(1);
  expect(tap.failures.map((f) => f.name)).toEqual([name]);
  expect(readFileSync(files.tap, 'utf8')).toMatch(message);
  const failed = junitCases(files.junit).filter((c) => c.error || c.failure);
  expect(failed).toHaveLength(1);
  expect(failed[0]?.error?.message).toMatch(message);
  expect(`${failed[0]?.classname} > ${failed[0]?.name}`).toBe(name);
}

describe('the Action run() in-process', () => {
  let mirror: ReleaseServer;

  beforeAll(async () => {
    // A release mirror that lists no Blender at all.
    const root = join(scratch, 'empty-mirror');
    mkdirSync(join(root, 'release'), { recursive: true });
    mirror = await startReleaseServer({ root });
  });
  afterAll(() => mirror.close());

  it('names every wrong input in one failure, before installing anything or writing reports', async () => {
    const files = reportFiles('bad-inputs');
    const result = await runInProcess({
      'blender-path': blender,
      workers: '0',
      cache: 'maybe',
      'system-deps': 'sometimes',
      shard: '5/3',
      addons: 'fixtures/addons/no_such_addon',
      'coverage-fail-under': 'lots',
      ...files.inputs,
    });
    expect(result.exitCode).toBe(1);
    const failure = result.stdout.split('\n').find((l) => l.startsWith('::error::')) ?? '';
    expect(failure).toMatch(/^::error::6 inputs are wrong:/);
    const problems = [
      /workers: expected a whole number >= 1/,
      /cache: expected true or false/,
      /system-deps: expected auto or none/,
      /shard: expected I\/N/,
      /addons: .*no_such_addon does not exist/,
      /coverage-fail-under: expected/,
    ];
    for (const problem of problems) expect(failure).toMatch(problem);
    expect(result.stdout).not.toMatch(/Install Blender/);
    expect(existsSync(files.tap)).toBe(false);
  });

  it('an install failure (no Blender at the path) fails the step and still writes TAP and JUnit naming it', async () => {
    const files = reportFiles('missing-path');
    const missing = join(scratch, 'no-such-blender', 'blender');
    const result = await runInProcess({ 'blender-version': missing, ...files.inputs });
    expect(result.exitCode).toBe(1);
    const failure = result.stdout.split('\n').find((l) => l.startsWith('::error::')) ?? '';
    expect(failure).toContain(missing);
    expect(result.outputs).toMatchObject({ 'tap-file': files.tap, 'junit-file': files.junit, failed: '1' });
    expect(result.outputs['blender-path']).toBeUndefined();
    expectStageFailure(files, 'install > Blender is installed', new RegExp(missing.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
    expect(result.summary).toContain('Blender is installed');
    expect(result.stdout).not.toMatch(/BLENDER_HARNESS_READY/);
  });

  it('an install failure over HTTP (the mirror lists no such version) writes the same reports', async () => {
    const files = reportFiles('empty-mirror');
    mirror.resetLog();
    const inputs = { 'blender-version': '4.2', cache: 'false', ...files.inputs };
    const result = await runInProcess(inputs, { BLENDER_HARNESS_RELEASE_URL: `${mirror.url}release/` });
    expect(result.exitCode).toBe(1);
    expect(mirror.count()).toBeGreaterThan(0);
    const failure = result.stdout.split('\n').find((l) => l.startsWith('::error::')) ?? '';
    expect(failure).toMatch(/4\.2/);
    expectStageFailure(files, 'install > Blender is installed', /4\.2/);
  });

  it('a Blender that lacks shared libraries (system-deps: none) writes the reports, naming the stage and the library', async () => {
    // A stand-in for a build in a slim container: it fails exactly as the loader does there.
    // (test/system-deps.e2e.test.ts removes the libraries from a real root instead.)
    const broken = join(scratch, 'broken-blender');
    mkdirSync(broken, { recursive: true });
    const launcher = join(broken, 'blender');
    const loader = 'blender: error while loading shared libraries: libXi.so.6: cannot open shared object file: No such file or directory';
    writeFileSync(launcher, `#!/bin/sh\necho "${loader}" >&2\nexit 127\n`);
    chmodSync(launcher, 0o755);
    const files = reportFiles('system-deps');
    const result = await runInProcess({ 'blender-path': launcher, 'system-deps': 'none', ...files.inputs });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/::error::.*libXi\.so\.6/);
    expectStageFailure(files, "system-deps > Blender's system libraries are present", /libXi\.so\.6/);
  });

  it('passes a passing suite on the host Blender: outputs, reports, summary, exit code untouched', async () => {
    const files = reportFiles('passing');
    const sigint = process.listenerCount('SIGINT');
    const inputs = { 'blender-path': blender, tests: 'fixtures/demo/hello.yaml', addons: 'fixtures/addons/hello_addon', ...files.inputs };
    const result = await runInProcess(inputs);
    expect(result.exitCode, result.stdout).toBeUndefined();
    expect(result.stdout).not.toMatch(/^::error/m);
    expect(result.outputs).toMatchObject({ total: '4', passed: '4', failed: '0', leftovers: '0', 'blender-path': blender });
    expect(result.outputs['blender-version']).toMatch(/^\d+\.\d+\.\d+/);
    const tap = parseTap(files.tap);
    expect(tap).toMatchObject({ count: 4, fail: 0 });
    expect(junitCases(files.junit)).toHaveLength(4);
    expect(result.summary).toContain('| 4 |');
    // run() leaves no signal handler behind in a process that goes on.
    expect(process.listenerCount('SIGINT')).toBe(sigint);
    expect(existsSync(files.tap)).toBe(true);
  });
});
