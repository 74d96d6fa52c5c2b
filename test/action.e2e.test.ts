import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Parser, type FinalResults } from 'tap-parser';
import { describe, expect, it } from 'vitest';
import { bootstrapScript } from '../src/session/index.js';
import { listProcesses } from '../src/session/processes.js';
import { ActionRun } from './helpers/action-runner.js';
import { testBlender } from './helpers/blender.js';
import { actionRuntimes, node24Binary } from './helpers/node.js';
import { buildReleaseTree, startReleaseServer } from './helpers/release-server.js';

const blender = testBlender();
// Blenders running this checkout's bootstrap: another clone's test run is not ours to count.
const blenderProcesses = (): number => listProcesses().filter((p) => p.command.includes(bootstrapScript()) && p.state !== 'Z').length;
const annotations = (stdout: string): string[] => stdout.split('\n').filter((l) => l.startsWith('::error'));

describe.each(actionRuntimes())('the bundled Action on $name', ({ node }) => {
  it('passes a passing suite: outputs, summary, exit 0, no ::error', async () => {
    const run = new ActionRun(node);
    const main = await run.start(
      'main',
      run.env({ 'blender-path': blender, tests: 'fixtures/demo', addons: 'fixtures/addons/hello_addon' }),
    );
    expect(main.code, main.stdout).toBe(0);
    expect(annotations(main.stdout)).toEqual([]);
    expect(main.outputs).toMatchObject({ total: '7', passed: '7', failed: '0', skipped: '0', leftovers: '0', 'blender-path': blender });
    expect(main.outputs['blender-version']).toMatch(/^\d+\.\d+\.\d+/);
    expect(existsSync(main.outputs['tap-file'] ?? '')).toBe(true);
    expect(existsSync(main.outputs['junit-file'] ?? '')).toBe(true);
    expect(main.summary).toContain('| 7 |');
    expect(main.summary).toMatch(/nothing left running|clean/i);
    // The token is masked: registered with ::add-mask:: before anything could print it.
    expect(main.stdout).toMatch(/::add-mask::[0-9a-f]{48}/);
    const post = await run.start('post', run.env({}));
    expect(post.code).toBe(0);
    expect(post.stdout).toContain('nothing of the main step is left running');
  });

  it('runs setup only when there are no tests: Blender starts, answers, stops clean', async () => {
    const run = new ActionRun(node);
    const main = await run.start('main', run.env({ 'blender-path': blender }));
    expect(main.code, main.stdout).toBe(0);
    expect(main.outputs).toMatchObject({ total: '2', passed: '2', failed: '0', leftovers: '0' });
    expect(main.stdout).toMatch(/answered ping/);
    expect(main.stdout).toMatch(/cleanup: clean \(Blender stopped by quit/);
    expect(readFileSync(run.files.path, 'utf8').trim()).not.toBe('');
  });
});

describe('the bundled Action on node24, failures and cancellation', () => {
  const node = node24Binary();

  it('fails a failing suite with annotations at file and line and the right counts', async () => {
    const run = new ActionRun(node);
    const main = await run.start('main', run.env({ 'blender-path': blender, tests: 'fixtures/suites/known', timeout: '3' }));
    expect(main.code).toBe(1);
    expect(main.outputs).toMatchObject({ total: '23', passed: '13', failed: '7', skipped: '3', leftovers: '0' });
    const errors = annotations(main.stdout);
    expect(errors.length).toBeGreaterThan(3);
    expect(errors.length).toBeLessThanOrEqual(11);
    expect(errors.some((e) => e.startsWith('::error title=') && e.includes('file=fixtures/suites/known/test_outcomes.py,line=13'))).toBe(
      true,
    );
    expect(main.stdout).toMatch(/::error::7 test\(s\) failed/);
    // The log ends like the CLI's: the failures with pytest's explanation or the crash's
    // backtrace, the cleanup, the counts.
    expect(main.stdout).toMatch(/Failures \(7\):[\s\S]*test_assertion_fails[\s\S]*E {7}assert 3 == 99/);
    expect(main.stdout).toMatch(/# Python backtrace[^\n]*\n(.*\n)*\s*File "[^"]*test_outcomes\.py", line 25 in test_segfault/);
    expect(main.stdout).toMatch(/^13 passed, 7 failed, 3 skipped$/m);
    const summary = main.summary.replace(/\\/g, ''); // markdown escapes
    expect(summary).toContain('test_assertion_fails');
    expect(summary).toContain('test_outcomes.py:13');
    await run.start('post', run.env({}));
    expect(blenderProcesses()).toBe(0);
  });

  it('installs blender-version from a release server, then hits the tool cache with no request', async () => {
    const tree = await buildReleaseTree({ versions: ['4.2.2', '4.2.3'], blender });
    const server = await startReleaseServer({ root: tree.root });
    try {
      const env = { BLENDER_HARNESS_RELEASE_URL: `${server.url}release/` };
      const first = new ActionRun(node);
      const cold = await first.start('main', first.env({ 'blender-version': '4.2' }, env));
      expect(cold.code, cold.stdout).toBe(0);
      expect(cold.outputs).toMatchObject({ 'cache-hit': 'false', leftovers: '0' });
      // The version is Blender's own, read from the installed build (here a launcher for the host's).
      expect(cold.outputs['blender-path']).toContain(first.toolCache);
      expect(server.count('blender-4.2.3-linux-x64.tar.xz')).toBe(1);
      expect(server.count('.sha256')).toBeGreaterThan(0);

      server.resetLog();
      const second = new ActionRun(node, first.toolCache);
      const warm = await second.start('main', second.env({ 'blender-version': '4.2.3' }, env));
      expect(warm.code, warm.stdout).toBe(0);
      expect(warm.outputs).toMatchObject({ 'cache-hit': 'true', 'blender-path': cold.outputs['blender-path'] });
      expect(server.count('.tar.xz')).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('an install failure still writes the TAP and JUnit files, naming the install as the failing case', async () => {
    // A mirror that lists no Blender at all: the install fails after the inputs were read.
    const root = mkdtempSync(join(tmpdir(), 'bh-empty-mirror-'));
    mkdirSync(join(root, 'release'));
    const server = await startReleaseServer({ root });
    try {
      const run = new ActionRun(node);
      const env = run.env({ 'blender-version': '4.2' }, { BLENDER_HARNESS_RELEASE_URL: `${server.url}release/` });
      const main = await run.start('main', env);
      expect(main.code, main.stdout).toBe(1);
      // The install stage's own words for it (whatever they become): they name the version.
      expect(main.stdout).toMatch(/^::error::.*\b4\.2\b/m);
      expect(main.outputs).toMatchObject({ total: '2', failed: '1' });
      const tap = readFileSync(main.outputs['tap-file'] ?? '', 'utf8');
      expect(tap).toMatch(/^not ok 1 - install > Blender is installed$/m);
      expect(tap).toMatch(/message: .*\b4\.2\b/);
      const testcase = /<testcase name="Blender is installed" classname="install"[^>]*>\s*<error message="[^"]*\b4\.2\b/;
      expect(readFileSync(main.outputs['junit-file'] ?? '', 'utf8')).toMatch(testcase);
      expect(main.summary).toContain('Blender is installed');
    } finally {
      await server.close();
    }
  });

  it('on SIGINT during the install writes a TAP that bails out, naming the install', async () => {
    const root = mkdtempSync(join(tmpdir(), 'bh-slow-mirror-'));
    mkdirSync(join(root, 'release'));
    const server = await startReleaseServer({ root });
    // The mirror takes its time over the listing: the runner cancels the step meanwhile.
    server.fault(/\/release\//, { type: 'delay', ms: 60_000 });
    try {
      const run = new ActionRun(node);
      const env = run.env({ 'blender-version': '4.2', cache: 'false' }, { BLENDER_HARNESS_RELEASE_URL: `${server.url}release/` });
      let sent = false;
      const main = await run.start('main', env, (line, pid) => {
        if (!sent && line.startsWith('::group::Install Blender')) {
          sent = true;
          void delay(1000).then(() => process.kill(pid, 'SIGINT'));
        }
      });
      expect(sent).toBe(true);
      expect(main.stdout).toMatch(/SIGINT received/);
      expect(main.code).toBe(1);
      expect(main.stdout).toMatch(/^::error::the run was cancelled$/m);
      const tap = readFileSync(main.outputs['tap-file'] ?? '', 'utf8');
      expect(tap).toMatch(/^not ok 1 - install > Blender is installed$/m);
      expect(tap).toMatch(/Bail out! the run was cancelled/);
    } finally {
      await server.close();
    }
  });

  it('rejects each bad input with its message before starting anything', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ 'blender-version': '4.x.y' }, /blender-version: /],
      [{ 'blender-path': blender, shard: '5/3' }, /shard: expected I\/N/],
      [{ 'blender-path': blender, addons: 'fixtures/addons/no_such_addon' }, /addons: .*no_such_addon does not exist/],
      [{ 'blender-path': blender, workers: '0' }, /workers: expected a whole number >= 1/],
      [{ 'blender-path': blender, cache: 'maybe' }, /cache: expected true or false/],
      [{ 'blender-path': blender, 'system-deps': 'sometimes' }, /system-deps: expected auto or none/],
      [{ 'blender-path': blender, tests: 'no/such/tests' }, /tests: .*no\/such\/tests does not exist/],
      [{ 'blender-path': blender, 'tap-file': '/dev/null/results.tap' }, /tap-file: .*\/dev\/null is a file/],
    ];
    for (const [inputs, message] of cases) {
      const run = new ActionRun(node);
      const main = await run.start('main', run.env(inputs));
      expect(main.code, JSON.stringify(inputs)).toBe(1);
      expect(main.stdout).toMatch(message);
      expect(main.stdout).not.toMatch(/Install Blender|BLENDER_HARNESS_READY/);
    }
  });

  it('on SIGINT mid-suite writes a partial TAP, and after post nothing is left', async () => {
    const run = new ActionRun(node);
    let sent = false;
    const main = await run.start(
      'main',
      run.env({ 'blender-path': blender, tests: 'fixtures/suites/known', timeout: '30' }),
      (line, pid) => {
        // test_hangs holds Blender for 30 s: cancel while it does, as the runner would.
        if (!sent && line.includes('test_segfault')) {
          sent = true;
          void delay(1500).then(() => process.kill(pid, 'SIGINT'));
        }
      },
    );
    expect(sent).toBe(true);
    expect(main.stdout).toMatch(/SIGINT received/);
    expect(main.code).toBe(1);
    const tap = readFileSync(main.outputs['tap-file'] ?? '', 'utf8');
    expect(tap).toMatch(/Bail out! the run was cancelled/);
    const parser = new Parser();
    let count = 0;
    parser.on('complete', (r: FinalResults) => (count = r.count));
    parser.end(tap);
    expect(count).toBeGreaterThan(3);
    expect(tap).not.toMatch(/test_runs_after_hang/);
    await run.start('post', run.env({}));
    expect(blenderProcesses()).toBe(0);
  });
});
