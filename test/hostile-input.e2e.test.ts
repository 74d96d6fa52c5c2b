// Hostile and careless input, against the host's real Blender (issue 13, cases 7 to 12): flags
// that would exhaust the machine or overflow timers, suite files built to crash parsers, test
// output that the Actions runner would read as workflow commands, reports a full disk cuts off.
// Each is refused with a clear error and exit code, or neutralised; the harness never crashes.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { isAlive, listProcesses, processesByEnv } from '../src/session/processes.js';
import { maxWorkers } from '../src/suite/limits.js';
import { ActionRun, type StepResult } from './helpers/action-runner.js';
import { testBlender } from './helpers/blender.js';
import { runnerCommands } from './helpers/runner-commands.js';

const ROOT = resolve(import.meta.dirname, '..');
const blender = testBlender();
const MARK = 'BH_HOSTILE_TEST_RUN';

/** A fresh folder holding `files` (relative name to text). */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bh-hostile-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const PASSING = 'tests:\n  - name: passes\n    exec: result = 1\n    expect: {result: 1}\n';
const SLOW = 'tests:\n  - name: sleeps\n    exec: |\n      import time\n      time.sleep(3)\n';

/**
 * The Blenders of runs marked `mark` (in their environment, which Blender inherits), by pid.
 * Blender forks at start-up (popen of xdg-user-dir): until its exec the child shows Blender's
 * command line, so a process whose parent matches too is that fork, not another Blender.
 */
function blendersOf(mark: string): number[] {
  const matching = processesByEnv(MARK, (v) => v === mark).filter(
    (p) => p.state !== 'Z' && p.command.startsWith(`${blender} `) && p.command.includes('bootstrap.py'),
  );
  const pids = new Set(matching.map((p) => p.pid));
  return matching.filter((p) => !pids.has(p.ppid)).map((p) => p.pid);
}

/** Every Blender a marked run starts, seen by polling the process table while it runs. */
function watchBlenders(mark: string): { seen: Set<number>; stop: () => Set<number> } {
  const seen = new Set<number>();
  const look = (): void => blendersOf(mark).forEach((pid) => seen.add(pid));
  const timer = setInterval(look, 50);
  return {
    seen,
    stop: () => {
      clearInterval(timer);
      look();
      return seen;
    },
  };
}

/** The CLI in this process, its Blenders marked. */
async function cli(mark: string, ...argv: string[]): Promise<{ code: number; out: string; err: string; blenders: number }> {
  let out = '';
  let err = '';
  const previous = process.env[MARK];
  process.env[MARK] = mark;
  const watch = watchBlenders(mark);
  try {
    const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err, blenders: watch.stop().size };
  } finally {
    watch.stop();
    if (previous === undefined) delete process.env[MARK];
    else process.env[MARK] = previous;
  }
}

interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
  ms: number;
}

/**
 * The CLI as its own process (from the sources, through tsx), for what could abort Node or
 * needs signals and resource limits. `prefix` is a shell line it runs under (e.g. `ulimit -f 64`).
 */
function cliProcess(argv: string[], options: { mark?: string; prefix?: string; onSpawn?: (pid: number) => void } = {}): Promise<ChildRun> {
  const started = performance.now();
  const child = spawn('sh', ['-c', `${options.prefix ?? ':'} && exec "$0" --import tsx src/cli/index.ts "$@"`, process.execPath, ...argv], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', ...(options.mark ? { [MARK]: options.mark } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  options.onSpawn?.(child.pid ?? 0);
  child.stdout.setEncoding('utf8').on('data', (t: string) => (out += t));
  child.stderr.setEncoding('utf8').on('data', (t: string) => (err += t));
  return new Promise((done) => child.on('close', (code, signal) => done({ code, signal, out, err, ms: performance.now() - started })));
}

const newMark = (): string => randomBytes(6).toString('hex');

/** The deepest nesting a JSON file can have here: an array 100,000 levels deep. */
const DEEP_JSON = `{"tests": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;

/** A billion laughs: ten aliases of ten aliases ... nine levels down. */
function aliasBomb(): string {
  const lines = ['tests:', '  - exec: x', 'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 0, previous = 'a'; i < 9; previous = `b${i}`, i++)
    lines.push(`b${i}: &b${i} [${Array(10).fill(`*${previous}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

afterEach(() => {
  // Whatever a case did, none of its Blenders outlives it (checked in the process table).
  const left = processesByEnv(MARK, () => true).filter((p) => p.state !== 'Z' && p.pid !== process.pid);
  expect(left.map((p) => `${p.pid} ${p.command}`)).toEqual([]);
});

describe('7. workers are bounded by the units to run and by the machine', () => {
  it('--workers 100000 with one test starts one Blender, warns, and passes', async () => {
    const dir = folder({ 'one.yaml': PASSING });
    const run = await cli(newMark(), 'test', dir, '--blender', blender, '--workers', '100000');
    expect(run.code, run.err + run.out).toBe(0);
    expect(run.err).toContain(`warning: --workers 100000 is more Blenders than this machine can run at once; using ${maxWorkers()}`);
    expect(run.blenders).toBe(1);
    expect(run.out).toMatch(/cleanup: clean \(Blender stopped by quit/);
  });

  it('--workers 6 with one Python test starts one Blender; with two command scripts, two', async () => {
    const python = folder({ 'test_one.py': 'def test_one():\n    assert True\n' });
    const one = await cli(newMark(), 'test', python, '--blender', blender, '--workers', '6');
    expect(one.code, one.err + one.out).toBe(0);
    expect(one.out).toContain('2 passed, 0 failed, 0 skipped'); // the test and the cleanup check
    expect(one.blenders).toBe(1);
    const scripts = folder({ 'a.yaml': PASSING, 'b.yaml': PASSING });
    const two = await cli(newMark(), 'test', scripts, '--blender', blender, '--workers', '6');
    expect(two.code, two.err + two.out).toBe(0);
    expect(two.blenders).toBe(Math.min(2, maxWorkers()));
  });

  it('SIGTERM while the Blenders are starting stops the run promptly, and none is left', async () => {
    const mark = newMark();
    const dir = folder({ 'a.yaml': SLOW, 'b.yaml': SLOW, 'c.yaml': SLOW });
    const seen = new Set<number>();
    let signalled = false;
    const watch = setInterval(() => {
      for (const pid of blendersOf(mark)) seen.add(pid);
    }, 20);
    let pid = 0;
    const child = cliProcess(['test', dir, '--blender', blender, '--workers', '100000'], { mark, onSpawn: (p) => (pid = p) });
    // As soon as the first Blender exists, before its server is up: the start-up phase.
    const signal = setInterval(() => {
      if (signalled || seen.size === 0) return;
      signalled = true;
      process.kill(pid, 'SIGTERM');
    }, 20);
    const run = await child;
    clearInterval(watch);
    clearInterval(signal);
    expect(signalled).toBe(true);
    expect(run.code, run.err + run.out).toBe(1);
    expect(run.out).toMatch(/cancelled: the run was stopped/);
    expect(run.ms).toBeLessThan(30_000);
    expect(seen.size).toBeLessThanOrEqual(Math.min(3, maxWorkers()));
    expect([...seen].filter((pid) => isAlive(pid) && listProcesses().some((p) => p.pid === pid && p.state !== 'Z'))).toEqual([]);
  });
});

describe('8. timeouts past what Node timers hold are refused up front', () => {
  it('refuses --timeout and --startup-timeout over 2147483 s with exit 2, before starting Blender', async () => {
    const dir = folder({ 'one.yaml': PASSING });
    for (const flag of ['--timeout', '--startup-timeout']) {
      const run = await cli(newMark(), 'test', dir, '--blender', blender, flag, '1e9');
      expect(run.code, flag).toBe(2);
      expect(run.err).toBe(
        `blender-harness test: ${flag} takes at most 2147483 seconds (about 24 days, the longest wait Node's timers hold), not "1e9"\n`,
      );
      expect(run.blenders).toBe(0);
    }
  });

  it('runs a passing test with the longest timeout there is, and refuses a step timeout past it by file and line', async () => {
    const dir = folder({ 'one.yaml': PASSING });
    const longest = await cli(newMark(), 'test', dir, '--blender', blender, '--timeout', '2147483');
    expect(longest.code, longest.err + longest.out).toBe(0);
    expect(longest.out).toMatch(/ok +.*one\.yaml > passes/);
    const bad = folder({ 'late.yaml': 'tests:\n  - exec: result = 1\n    timeout: 1e9\n' });
    const step = await cli(newMark(), 'test', join(bad, 'late.yaml'), '--blender', blender);
    expect(step.code).toBe(2);
    expect(step.err).toMatch(/late\.yaml:2: step 1: "timeout" may be at most 2147483 seconds/);
  });
});

describe('9 and 10. suite files built to crash the parser are file:LINE errors with exit 2', () => {
  it('reports a deeply nested JSON file and an alias bomb found while walking a folder, and runs the good suite', async () => {
    const dir = folder({ 'walk/deep.json': DEEP_JSON, 'walk/bomb.yaml': aliasBomb(), 'walk/good.yaml': PASSING });
    const run = await cliProcess(['test', join(dir, 'walk'), '--blender', blender]);
    expect(run.err).not.toMatch(/FATAL ERROR|ReferenceError|Excessive alias count|\n\s+at /);
    expect(run.signal).toBeNull();
    expect(run.code, run.err).toBe(2);
    expect(run.err).toMatch(/error: .*walk\/deep\.json:1: not valid YAML\/JSON: nested more than 64 levels deep\n/);
    expect(run.err).toMatch(/error: .*walk\/bomb\.yaml:4: not valid YAML\/JSON: its aliases expand to too much data/);
    expect(run.out).toMatch(/ok +.*good\.yaml > passes/);
  });

  it('reports them the same when named', async () => {
    const dir = folder({ 'deep.json': DEEP_JSON, 'bomb.yaml': aliasBomb() });
    for (const [name, message] of [
      ['deep.json', /deep\.json:1: not valid YAML\/JSON: nested more than 64 levels deep/],
      ['bomb.yaml', /bomb\.yaml:4: not valid YAML\/JSON: its aliases expand to too much data/],
    ] as const) {
      const run = await cliProcess(['test', join(dir, name), '--blender', blender]);
      expect(run.err).not.toMatch(/FATAL ERROR|ReferenceError|\n\s+at /);
      expect(run.code, run.err).toBe(2);
      expect(run.err).toMatch(message);
    }
  });
});

describe('12. reports are whole or absent, and checked before anything is made', () => {
  it('refuses /proc and creates no folder for a run it refuses', async () => {
    const dir = folder({ 'one.yaml': PASSING });
    const proc = await cli(newMark(), 'test', dir, '--blender', blender, '--tap', '/proc/x.tap');
    expect(proc.code).toBe(2);
    expect(proc.err).toMatch(/--tap \/proc\/x\.tap: cannot write in \/proc/);
    const reports = mkdtempSync(join(tmpdir(), 'bh-reports-'));
    const both = await cli(
      newMark(),
      'test',
      dir,
      '--blender',
      blender,
      '--tap',
      join(reports, 'new/deeper/r.tap'),
      '--junit',
      '/proc/j.xml',
    );
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/--junit \/proc\/j\.xml: cannot write in \/proc/);
    expect(readdirSync(reports)).toEqual([]);
    expect(proc.blenders + both.blenders).toBe(0);
  });

  it('keeps the previous report and leaves nothing partial when the disk fills up while writing', async () => {
    // A step that prints 200 KB fails: its output goes into both reports, written to a 96 KiB
    // tmpfs that fills up part-way. The tmpfs lives in a mount namespace of the run's own, so
    // the script looks at it from inside when the CLI is done and copies out what it saw.
    const dir = folder({ 'loud.yaml': 'tests:\n  - name: loud failure\n    exec: |\n      print("x" * 200000)\n      1 / 0\n' });
    const disk = mkdtempSync(join(tmpdir(), 'bh-full-disk-'));
    const seen = mkdtempSync(join(tmpdir(), 'bh-full-seen-'));
    const script = [
      'set -e',
      'mount -t tmpfs -o size=96k tmpfs "$1"',
      'printf \'TAP version 14\\n1..1\\nok 1 - the previous run\\n\' > "$1/r.tap"',
      `code=0; "$3" --import tsx src/cli/index.ts test "$4" --blender "$5" --tap "$1/r.tap" --junit "$1/fresh/j.xml" > "$2/out" 2> "$2/err" || code=$?`,
      'echo $code > "$2/code"',
      'ls -A "$1" > "$2/listing"',
      'cp "$1/r.tap" "$2/r.tap"',
    ].join('\n');
    const unshare = process.getuid?.() === 0 ? ['-m'] : ['-rm'];
    const result = await new Promise<number | null>((done) => {
      const child = spawn('unshare', [...unshare, 'sh', '-c', script, 'sh', disk, seen, process.execPath, dir, blender], {
        cwd: ROOT,
        stdio: 'inherit',
      });
      child.on('close', done);
    });
    expect(result, 'unshare -m with a tmpfs mount (root, or unprivileged user namespaces)').toBe(0);
    const err = readFileSync(join(seen, 'err'), 'utf8');
    expect(readFileSync(join(seen, 'code'), 'utf8').trim(), err).toBe('2');
    expect(err).toMatch(/error: could not write .*r\.tap: ENOSPC/);
    expect(readFileSync(join(seen, 'out'), 'utf8')).toMatch(/loud failure/);
    expect(readFileSync(join(seen, 'r.tap'), 'utf8')).toBe('TAP version 14\n1..1\nok 1 - the previous run\n');
    // No temporary file, no truncated report, and no folder made for a report that failed.
    expect(readFileSync(join(seen, 'listing'), 'utf8').trim().split('\n')).toEqual(['r.tap']);
  });
});

describe('8, 7 and 11 in the Action', () => {
  // The host's Node: action.e2e.test.ts runs the bundle on the runner's node24 as well.
  const node = process.execPath;
  let step: StepResult;
  const dir = folder({
    'hostile.yaml': [
      'tests:',
      '  - name: prints workflow commands',
      '    exec: |',
      '      import sys',
      '      print("::error::pwned from stdout")',
      '      print("   ::add-mask::secret-from-test")',
      '      print("##[add-mask]legacy-secret")',
      '      sys.__stdout__.write("::error::pwned from the Blender log\\n")',
      '      sys.__stdout__.flush()',
      '      print("::stop-commands::abc")',
      '      raise RuntimeError("::error::pwned from the message")',
      '  - name: fails after it',
      '    exec: result = 2',
      '    expect: {result: 3}',
      '',
    ].join('\n'),
  });

  beforeAll(async () => {
    // The Action runs the bundle: it must hold these sources.
    const run = new ActionRun(node);
    step = await run.start('main', run.env({ 'blender-path': blender, tests: dir, workers: '100000' }));
  }, 180_000);

  it('refuses a timeout past what timers hold before installing anything', async () => {
    for (const input of ['timeout', 'startup-timeout']) {
      const run = new ActionRun(node);
      const result = await run.start('main', run.env({ 'blender-path': blender, tests: dir, [input]: '1e9' }));
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`::error::${input}: expected at most 2147483 seconds`);
      expect(result.stdout).not.toMatch(/Install Blender|BLENDER_HARNESS_READY/);
    }
  });

  it('lowers workers past the maximum with a warning, and starts one Blender for one script', () => {
    const warnings = runnerCommands(step.stdout).filter((c) => c.name === 'warning');
    expect(warnings.map((w) => w.data)).toContainEqual(
      expect.stringMatching(/^workers: 100000 is more Blenders than this machine can run at once; using \d+/),
    );
    expect(step.stdout).toMatch(/cleanup: clean \(Blender stopped by quit/);
  });

  it("reads no workflow command from a test's output, and the harness's own still work", () => {
    const commands = runnerCommands(step.stdout);
    // What a runner would have done without the pause: the test's lines are in the raw log.
    expect(step.stdout).toContain('::error::pwned from stdout');
    expect(step.stdout).toContain('::error::pwned from the Blender log');
    expect(step.stdout).toContain('::error::pwned from the message');
    // (The harness masks its session token: that add-mask is its own.)
    expect(commands.filter((c) => c.name === 'add-mask' && /secret/.test(c.data))).toEqual([]);
    expect(commands.filter((c) => c.name === 'error' && c.data.startsWith('pwned'))).toEqual([]);
    // The harness's annotations for both failures, after the test's own ::stop-commands::abc.
    const errors = commands.filter((c) => c.name === 'error').map((c) => c.data);
    expect(errors.some((e) => e.includes('pwned from the message'))).toBe(true); // escaped, in our annotation
    expect(errors.some((e) => /result/.test(e))).toBe(true);
    expect(errors.at(-1)).toMatch(/test\(s\) failed/);
    expect(step.code).toBe(1);
    expect(step.outputs).toMatchObject({ failed: '2', passed: '1' });
    // Every pause the harness opened, it closed.
    const stops = commands.filter((c) => c.name === 'stop-commands').map((c) => c.data);
    for (const token of stops) expect(step.stdout).toContain(`\n::${token}::\n`);
    expect(stops).not.toContain('abc');
  });
});
