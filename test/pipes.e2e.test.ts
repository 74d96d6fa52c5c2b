// What inherits an output pipe of Blender or of a `--run` command outlives it: the harness
// must stop waiting for EOF once the process it started has exited, and the cleanup check
// must find such holders (out of the group, without the tag) by the pipes themselves.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { Session } from '../src/session/index.js';
import { isAlive, signalProcess } from '../src/session/processes.js';
import { runExternal } from '../src/suite/external.js';
import { testBlenders } from './helpers/blender.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cliEntry = join(root, 'src/cli/index.ts');
const sessionEntry = join(root, 'src/session/index.ts');

/** Python for exec: a daemon out of Blender's group, with a clean environment (no tag), holding its stdio. */
const DAEMON = 'import subprocess\nresult = subprocess.Popen(["sleep", "297"], env={}, start_new_session=True).pid';

/** Processes this file started; killed by pid should an assertion fail before the harness did. */
const ours: number[] = [];
afterEach(() => {
  for (const pid of ours.splice(0)) signalProcess(pid, 'SIGKILL');
});

async function gone(pid: number, ms = 3000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await delay(50);
  }
  return true;
}

describe.each(testBlenders())('on Blender $name', ({ path: blender }) => {
  it('reports and kills a daemon that holds Blender’s output pipes, and keeps all of Blender’s output', async () => {
    const lines: string[] = [];
    const s = await Session.start({ blender, startupTimeoutMs: 60_000, onOutput: (l) => lines.push(l) });
    let daemon = 0;
    const prepared = (async () => {
      const answer = await s.request({ type: 'exec', code: DAEMON });
      if (!answer.ok) throw new Error(JSON.stringify(answer.error));
      daemon = answer.result as number;
      ours.push(daemon);
      // Written by Blender itself, straight to its stdout, right before it is told to quit.
      const said = await s.request({ type: 'exec', code: 'import sys\nsys.__stdout__.write("LAST WORDS\\n")\nsys.__stdout__.flush()' });
      expect(said.ok).toBe(true);
    })();
    await prepared.catch(() => undefined);
    const cleanup = await s.close({ graceMs: 2000 }); // closed whatever happened: no Blender left for the next test
    await prepared;
    expect(cleanup.stops[0]?.stoppedBy).toBe('quit');
    expect(cleanup.clean).toBe(false);
    expect(cleanup.leftovers).toEqual([{ pid: daemon, command: 'sleep 297', found: 'pipe', killed: true }]);
    expect(await gone(daemon)).toBe(true);
    expect(lines).toContain('LAST WORDS');
  });

  it('the CLI ends promptly with the daemon reported as a leftover, not when the daemon exits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bh-pipes-'));
    const tap = join(dir, 'out.tap');
    const started = Date.now();
    const run = await execa(
      process.execPath,
      ['--import', 'tsx', cliEntry, 'test', 'fixtures/suites/pipe_holders', '--blender', blender, '--tap', tap],
      {
        cwd: root,
        reject: false,
        timeout: 90_000,
      },
    );
    const seconds = (Date.now() - started) / 1000;
    const daemons = [...run.stdout.matchAll(/pid (\d+)[^\n]*: sleep 297/g)].map((m) => Number(m[1]));
    ours.push(...daemons);
    expect(run.timedOut, `hung: ${run.stdout}\n${run.stderr}`).toBe(false);
    expect(run.exitCode, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toMatch(/cleanup: FAILED/);
    expect(daemons).toHaveLength(1);
    expect(readFileSync(tap, 'utf8')).toContain('sleep 297');
    for (const pid of daemons) expect(await gone(pid)).toBe(true);
    expect(seconds).toBeLessThan(60); // a hang would last the daemon's 297 s
  });

  it('stops reading Blender’s output once it has exited, even before the cleanup check', async () => {
    // Only stop and dispose, no cleanup check: the daemon lives on, holding the pipes, and
    // the process must still end by itself instead of waiting for their EOF.
    const script = `
      const { Session } = await import(${JSON.stringify(sessionEntry)});
      const s = await Session.start({ blender: ${JSON.stringify(blender)}, startupTimeoutMs: 60000 });
      const a = await s.request({ type: 'exec', code: ${JSON.stringify(DAEMON)} });
      console.log('DAEMON', a.result);
      const stop = await s.stop({ graceMs: 2000 });
      await s.dispose();
      console.log('STOPPED', stop.stoppedBy);
    `;
    const run = await execa(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      reject: false,
      timeout: 60_000,
    });
    const daemon = Number(/DAEMON (\d+)/.exec(run.stdout)?.[1] ?? 0);
    if (daemon > 0) ours.push(daemon);
    expect(run.timedOut, `hung: ${run.stdout}\n${run.stderr}`).toBe(false);
    expect(run.stdout).toContain('STOPPED quit');
    expect(daemon).toBeGreaterThan(0);
    expect(isAlive(daemon)).toBe(true); // still there: it was the pipes, not the daemon, that were let go
  });
});

describe('external commands that leave a process holding their output', () => {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };

  it('`sleep 200 &`: the verdict is the exit code when the shell exits, the sleep is a leftover and killed', async () => {
    const started = Date.now();
    const outcome = await runExternal('echo before; sleep 200 & echo after', { cwd: root, env, timeoutMs: 60_000 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(outcome.results).toHaveLength(1);
    expect(outcome.results[0]).toMatchObject({ name: 'exit code', outcome: 'passed', stdout: 'before\nafter\n' });
    expect(outcome.leftovers).toEqual([expect.objectContaining({ command: 'sleep 200', found: 'group', killed: true })]);
    for (const l of outcome.leftovers) expect(await gone(l.pid)).toBe(true);
  });

  it('a daemon out of the group holding the pipes is found by them; a failing exit code still fails', async () => {
    const started = Date.now();
    const outcome = await runExternal('setsid sleep 201 & echo bad >&2; exit 3', { cwd: root, env, timeoutMs: 60_000 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(outcome.results[0]).toMatchObject({ name: 'exit code', outcome: 'failed', kind: 'exit-code', stderr: 'bad\n' });
    expect(outcome.results[0]?.message).toMatch(/exited with code 3/);
    expect(outcome.leftovers).toEqual([expect.objectContaining({ command: 'sleep 201', found: 'pipe', killed: true })]);
    for (const l of outcome.leftovers) expect(await gone(l.pid)).toBe(true);
  });

  it('reads all the output a quick command writes before it exits', async () => {
    const outcome = await runExternal('python3 -c "import sys; sys.stdout.write(\'y\' * 5_000_000)"', {
      cwd: root,
      env,
      timeoutMs: 60_000,
    });
    expect(outcome.results[0]?.outcome).toBe('passed');
    expect(outcome.results[0]?.stdout).toHaveLength(5_000_000);
    expect(outcome.leftovers).toEqual([]);
  });
});
