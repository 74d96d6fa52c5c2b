import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { Session, SessionStartError, type Answer } from '../src/session/index.js';
import { isAlive, isPortBound, listProcesses } from '../src/session/processes.js';
import { testBlenders } from './helpers/blender.js';
import { RawClient } from './helpers/raw.js';

const fixture = (p: string): string => fileURLToPath(new URL(`../fixtures/${p}`, import.meta.url));
function ok(answer: Answer): unknown {
  if (!answer.ok) throw new Error(`expected ok, got ${JSON.stringify(answer.error)}`);
  return answer.result;
}

describe.each(testBlenders())('on Blender $name', ({ path: blender }) => {
  const started: Session[] = [];

  async function start(options: Partial<Parameters<typeof Session.start>[0]> = {}): Promise<Session> {
    const session = await Session.start({ blender, startupTimeoutMs: 60_000, ...options });
    started.push(session);
    return session;
  }

  afterEach(async () => {
    // A failed assertion must not leave Blender behind for the next test.
    for (const s of started.splice(0)) await s.close({ graceMs: 500 }); // exited ones too: their profiles
  });

  describe('session lifecycle', () => {
    it('starts, answers every command type, quits with 0 and leaves nothing', async () => {
      const s = await start();
      expect(s.ready.port).toBeGreaterThan(0);
      expect(s.ready.pid).toBe(s.pid);
      expect(s.ready.blender).toMatch(/^\d+\.\d+/);
      expect(s.ready.python).toMatch(/^3\.\d+/);

      expect(ok(await s.request({ type: 'ping' }))).toBe('pong');
      expect(ok(await s.request({ type: 'echo', message: 'hi' }))).toBe('hi');
      const exec = await s.request({ type: 'exec', code: 'import bpy\nprint("made")\nresult = [o.type for o in bpy.data.objects]' });
      expect(exec).toMatchObject({ ok: true, stdout: 'made\n' });
      expect(ok(exec)).toContain('MESH');
      const info = ok(await s.request({ type: 'info' })) as Record<string, unknown>;
      expect(info).toMatchObject({ pid: s.pid, background: true, blender: s.ready.blender });
      ok(await s.request({ type: 'exec', code: 'import bpy\nbpy.ops.mesh.primitive_uv_sphere_add()\nresult = len(bpy.data.objects)' }));
      ok(await s.request({ type: 'reset' }));
      expect(ok(await s.request({ type: 'exec', code: 'import bpy\nresult = sorted(o.name for o in bpy.data.objects)' }))).toEqual([
        'Camera',
        'Cube',
        'Light',
      ]);
      // exec shares one namespace per session until a reset: state carries over like a REPL's.
      ok(await s.request({ type: 'exec', code: 'counter = 41' }));
      expect(ok(await s.request({ type: 'exec', code: 'result = counter + 1' }))).toBe(42);
      // As a plain `blender --background --python` run: nothing of the harness's after "--", so an
      // author's module that parses its arguments there (argparse) imports.
      expect(ok(await s.request({ type: 'exec', code: 'import sys\nresult = sys.argv[sys.argv.index("--") + 1:]' }))).toEqual([]);

      const port = s.port;
      const cleanup = await s.close();
      expect(cleanup.stops[0]).toMatchObject({ stoppedBy: 'quit', exitCode: 0, signal: null });
      expect(cleanup).toMatchObject({ clean: true, leftovers: [], portBound: null });
      expect(isAlive(s.pid)).toBe(false);
      expect(await isPortBound(port)).toBe(false);
    });

    it('writes no bytecode into the harness folder or the test folders', async () => {
      const folders = [fixture('../blender/harness_server'), fixture('suites/python_features')];
      const caches = folders.map((f) => join(f, '__pycache__'));
      for (const c of caches) rmSync(c, { recursive: true, force: true });
      const s = await start();
      const file = fixture('suites/python_features/test_features.py');
      const collected = ok(await s.request({ type: 'collect', args: [file] })) as { items: { nodeid: string }[] };
      const nodeid = collected.items.map((i) => i.nodeid).find((id) => id.endsWith('::test_uses_asyncio_run'));
      expect(nodeid).toBeDefined();
      expect(ok(await s.request({ type: 'test', nodeid, next: null }))).toMatchObject({ outcome: 'passed' });
      // The pytest session answers the requests that follow its collect from inside its test loop.
      expect(ok(await s.request({ type: 'ping' }))).toBe('pong');
      await s.close();
      expect(caches.filter((c) => existsSync(c))).toEqual([]);
    });

    it('answers quit before exiting', async () => {
      const s = await start();
      expect(ok(await s.request({ type: 'quit' }))).toBe('bye');
      expect(await s.exited).toEqual({ code: 0, signal: null });
    });
  });

  describe('wire protocol robustness', () => {
    it('reads the reference plugin bare echo with auth off', async () => {
      const s = await start({ auth: false });
      const raw = await RawClient.open(s.port);
      await raw.write('{"message":"hi"}\n');
      expect(await raw.next()).toMatchObject({ ok: true, result: 'hi' });
      await raw.write('{"code":"result = 6 * 7"}\n');
      expect(await raw.next()).toMatchObject({ ok: true, result: 42 });
      raw.close();
    });

    it('refuses a request without the token and still serves the next good one', async () => {
      const s = await start();
      const raw = await RawClient.open(s.port);
      await raw.write('{"id":1,"message":"hi"}\n');
      expect(await raw.next()).toMatchObject({ id: 1, ok: false, error: { type: 'AuthError' } });
      await raw.write(`{"id":2,"token":"wrong","type":"ping"}\n`);
      expect(await raw.next()).toMatchObject({ id: 2, ok: false, error: { type: 'AuthError' } });
      await raw.write(`{"id":3,"token":"${s.token}","type":"ping"}\n`);
      expect(await raw.next()).toMatchObject({ id: 3, ok: true, result: 'pong' });
      raw.close();
    });

    it('assembles a request sent one byte at a time', async () => {
      const s = await start();
      const raw = await RawClient.open(s.port);
      for (const byte of `{"id":"slow","token":"${s.token}","type":"echo","message":"é ok"}\n`) {
        await raw.write(byte);
      }
      expect(await raw.next()).toMatchObject({ id: 'slow', ok: true, result: 'é ok' });
      raw.close();
    });

    it('answers 100 pipelined requests from one write, in order', async () => {
      const s = await start();
      const raw = await RawClient.open(s.port);
      const batch = Array.from({ length: 100 }, (_, i) =>
        JSON.stringify({ id: i, token: s.token, type: 'exec', code: `result = ${i} * 2` }),
      ).join('\n');
      await raw.write(batch + '\n');
      for (let i = 0; i < 100; i++) expect(await raw.next()).toMatchObject({ id: i, ok: true, result: i * 2 });
      raw.close();
    });

    it('survives garbage, wrong shapes, unknown types and a 32 MiB line', async () => {
      const s = await start();
      const raw = await RawClient.open(s.port);
      for (const bad of ['not json', '[1,2,3]', '{"id":', '\u0000\u0001\u00ff', '"a string"']) {
        await raw.write(bad + '\n');
        expect(await raw.next()).toMatchObject({ ok: false, error: { type: 'ProtocolError' } });
      }
      await raw.write(Buffer.from([0xc3, 0x28, 0x0a])); // invalid UTF-8
      expect(await raw.next()).toMatchObject({ ok: false, error: { type: 'ProtocolError' } });
      await raw.write(`{"id":7,"token":"${s.token}","type":"frobnicate"}\n`);
      const unknown = await raw.next();
      expect(unknown).toMatchObject({ id: 7, ok: false, error: { type: 'UnknownType' } });
      expect(String((unknown.error as { message: string }).message)).toContain('ping');

      const big = await RawClient.open(s.port);
      big.socket.write(Buffer.alloc(32 * 1024 * 1024, 0x61));
      big.socket.write('\n');
      const answer = await big.next(30_000).catch(() => undefined);
      if (answer) expect(answer).toMatchObject({ ok: false, error: { type: 'LineTooLong' } });
      expect(await big.waitClosed()).toBe(true);

      // Both the old connection and a new one are still served.
      await raw.write(`{"id":8,"token":"${s.token}","type":"ping"}\n`);
      expect(await raw.next()).toMatchObject({ id: 8, ok: true });
      expect(ok(await s.request({ type: 'ping' }))).toBe('pong');
      raw.close();
    });
  });

  describe('large answers and the send command', () => {
    it('receives a 50 MB answer intact within the default timeout', async () => {
      const s = await start();
      // Numbered lines, so a lost, doubled or reordered piece shows; newlines are escaped in the JSON.
      const code = 'import sys\nfor i in range(5_000_000):\n    sys.stdout.write(f"{i:09d}\\n")\nresult = "done"';
      const answer = await s.request({ type: 'exec', code }, 60_000);
      expect(ok(answer)).toBe('done');
      const out = answer.stdout ?? '';
      expect(out.length).toBe(50_000_000);
      const lines = out.split('\n');
      expect(lines.pop()).toBe('');
      expect(lines).toHaveLength(5_000_000);
      const wrong = lines.findIndex((line, i) => line !== String(i).padStart(9, '0'));
      expect(wrong).toBe(-1);
      expect(ok(await s.request({ type: 'ping' }))).toBe('pong'); // the connection reads on after it
    });

    it('send: a timeout is one line on stderr and exit code 2, not a stack', async () => {
      const s = await start();
      const io = { out: '', err: '' };
      const code = await main(
        ['send', '{"type":"exec","code":"import time\\ntime.sleep(2)"}', '--port', String(s.port), '--token', s.token, '--timeout', '1'],
        { out: (t) => (io.out += t), err: (t) => (io.err += t) },
      );
      expect(code).toBe(2);
      expect(io.out).toBe('');
      expect(io.err.trimEnd().split('\n')).toHaveLength(1);
      expect(io.err).toMatch(/^blender-harness send: no answer from 127\.0\.0\.1:\d+ within 1 s.*--timeout/);
      expect(io.err).not.toMatch(/\bat \S+:\d+|Error:/);
    });
  });

  describe('exec errors and crashes', () => {
    it('returns an exception with type, message, traceback, file and line', async () => {
      const s = await start();
      const answer = await s.request({ type: 'exec', code: 'x = 1\n\ndef f():\n    raise ValueError("bad value")\n\nf()\n' });
      expect(answer.ok).toBe(false);
      if (answer.ok) return;
      expect(answer.error).toMatchObject({ type: 'ValueError', message: 'bad value', file: '<exec>', line: 4 });
      expect(answer.error.traceback).toContain('ValueError: bad value');
      const syntax = await s.request({ type: 'exec', code: 'x = (\n' });
      expect(syntax).toMatchObject({ ok: false, error: { type: 'SyntaxError', line: 1 } });
      // A bare assert reports its own source line; a chained exception shows its cause.
      const bare = await s.request({ type: 'exec', code: 'x = 1\nassert x == 2' });
      expect(bare).toMatchObject({ ok: false, error: { type: 'AssertionError', message: 'assert x == 2', line: 2 } });
      const chained = await s.request({
        type: 'exec',
        code: 'try:\n    {}["k"]\nexcept KeyError as e:\n    raise ValueError("wrapped") from e',
      });
      expect(chained.ok).toBe(false);
      if (!chained.ok) expect(chained.error.traceback).toMatch(/KeyError[\s\S]*direct cause[\s\S]*ValueError: wrapped/);
      // A result whose repr() raises is this request's error, not a dead connection.
      const broken = await s.request({
        type: 'exec',
        code: 'class Bad:\n    def __repr__(self):\n        raise RuntimeError("no repr")\nresult = Bad()',
      });
      expect(broken).toMatchObject({ ok: false, error: { type: 'InternalError' } });
      // asyncio.run() works in exec code: requests run while the server's loop is paused.
      expect(ok(await s.request({ type: 'exec', code: 'import asyncio\nasync def f():\n    return 7\nresult = asyncio.run(f())' }))).toBe(
        7,
      );
      // reset gives a fresh namespace as well as a fresh scene.
      ok(await s.request({ type: 'exec', code: 'leftover = 1' }));
      ok(await s.request({ type: 'reset' }));
      expect(ok(await s.request({ type: 'exec', code: "result = 'leftover' in globals()" }))).toBe(false);
      const exit = await s.request({ type: 'exec', code: 'import sys\nsys.exit(4)' });
      expect(exit).toMatchObject({ ok: false, error: { type: 'SystemExit' } });
      expect(ok(await s.request({ type: 'ping' }))).toBe('pong');
    });

    it('reports os._exit(3) as exit code 3 and leaves nothing', async () => {
      const s = await start();
      await expect(s.request({ type: 'exec', code: 'import os\nos._exit(3)' })).rejects.toThrow(/closed/);
      expect(await s.exited).toEqual({ code: 3, signal: null });
      const cleanup = await s.close();
      expect(cleanup.stops[0]?.stoppedBy).toBe('exited');
      expect(cleanup.clean).toBe(true);
    });

    it('reports a segfault as SIGSEGV and leaves nothing', async () => {
      const s = await start();
      await expect(s.request({ type: 'exec', code: 'import ctypes\nctypes.string_at(0)' })).rejects.toThrow(/closed/);
      const exit = await s.exited;
      expect(exit.signal ?? exit.code).toBe('SIGSEGV');
      expect((await s.close()).clean).toBe(true);
    });

    it('times out an endless exec, escalates to SIGKILL and leaves nothing', async () => {
      const s = await start();
      await expect(s.request({ type: 'exec', code: 'while True:\n    pass' }, 500)).rejects.toThrow(/no answer within 0.5 s/);
      const cleanup = await s.close({ graceMs: 500 });
      expect(cleanup.stops[0]).toMatchObject({ stoppedBy: 'SIGKILL', signal: 'SIGKILL' });
      expect(cleanup.clean).toBe(true);
    });
  });

  describe('leftovers', () => {
    it('finds a child left in the group and a double-forked setsid grandchild, and kills both', async () => {
      const s = await start();
      const child = ok(
        await s.request({ type: 'exec', code: 'import subprocess\nresult = subprocess.Popen(["sleep", "300"]).pid' }),
      ) as number;
      const daemon = ok(
        await s.request({
          type: 'exec',
          code: [
            'import os, time',
            'r, w = os.pipe()',
            'if os.fork() == 0:',
            '    os.setsid()',
            '    pid = os.fork()',
            '    if pid == 0:',
            '        os.execvp("sleep", ["sleep", "301"])',
            '    os.write(w, str(pid).encode())',
            '    os._exit(0)',
            'os.close(w)',
            'result = int(os.read(r, 64))',
          ].join('\n'),
        }),
      ) as number;
      expect(isAlive(child)).toBe(true);
      expect(isAlive(daemon)).toBe(true);
      const cleanup = await s.close();
      expect(cleanup.clean).toBe(false);
      const byPid = new Map(cleanup.leftovers.map((l) => [l.pid, l]));
      expect(byPid.get(child)).toMatchObject({ found: 'group', killed: true });
      expect(byPid.get(child)?.command).toContain('sleep 300');
      expect(byPid.get(daemon)).toMatchObject({ found: 'tag', killed: true });
      await delay(200);
      expect(isAlive(child)).toBe(false);
      expect(isAlive(daemon)).toBe(false);
    });

    it('Blender goes away within 2 s when the harness is killed with SIGKILL', async () => {
      const helper = fileURLToPath(new URL('./helpers/orphan-harness.ts', import.meta.url));
      // node --import tsx runs the helper in this very process: the tsx CLI would add a parent.
      const harness = execFile(process.execPath, ['--import', 'tsx', helper, blender]);
      const [line] = (await once(harness.stdout!, 'data')) as [Buffer];
      const { pid } = JSON.parse(String(line)) as { pid: number };
      expect(isAlive(pid)).toBe(true);
      harness.kill('SIGKILL');
      const deadline = Date.now() + 2000;
      while (isAlive(pid) && Date.now() < deadline) await delay(50);
      expect(isAlive(pid)).toBe(false);
      // Once orphaned, Blender's zombie belongs to init, which may reap it later: dead all the same.
      expect(listProcesses().filter((p) => p.pgid === pid && p.state !== 'Z')).toEqual([]);
    });
  });

  describe('startup failures', () => {
    it('names a fixed port that is already in use; port 0 still works', async () => {
      const blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      const port = (blocker.address() as { port: number }).port;
      try {
        const error = await Session.start({ blender, port }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SessionStartError);
        expect((error as SessionStartError).reason).toBe('port');
        expect((error as Error).message).toContain(`127.0.0.1:${port}`);
      } finally {
        blocker.close();
      }
      const s = await start({ port: 0 });
      expect(s.port).not.toBe(port);
    });

    it("fails fast with Blender's traceback when an add-on's register() raises, leaving nothing", async () => {
      const before = Date.now();
      const error = (await Session.start({ blender, addons: [fixture('addons/broken_register')] }).catch(
        (e: unknown) => e,
      )) as SessionStartError;
      expect(error).toBeInstanceOf(SessionStartError);
      expect(error.reason).toBe('addon');
      expect(error.message).toContain('register() fails on purpose');
      expect(error.traceback).toContain('Traceback');
      expect(Date.now() - before).toBeLessThan(30_000);
      expect(listProcesses().filter((p) => p.command.includes('broken_register'))).toEqual([]);
    });

    it("names the add-on and shows Blender's crash report when register() crashes Blender", async () => {
      const addon = fixture('addons/crashing_register');
      const error = (await Session.start({ blender, addons: [addon] }).catch((e: unknown) => e)) as SessionStartError;
      expect(error).toBeInstanceOf(SessionStartError);
      expect(error.message).toContain(`SIGSEGV before its server was ready, while enabling the add-on ${addon}`);
      expect(error.message).not.toContain('a Blender executable');
      expect(error.message).toContain("Blender's crash report:");
      expect(error.traceback).toMatch(/crashing_register|string_at|Python/);
    });

    it('installs and enables a folder add-on and a single-file add-on', async () => {
      const s = await start({ addons: [fixture('addons/hello_addon'), fixture('addons/single_file_addon.py')] });
      const info = ok(await s.request({ type: 'info' })) as { addons: string[] };
      expect(info.addons).toEqual(expect.arrayContaining(['hello_addon', 'single_file_addon']));
      expect(
        ok(
          await s.request({
            type: 'exec',
            code: 'import bpy, hello_addon\nbpy.ops.hello.add_marker()\nresult = [hello_addon.greeting(), "HelloMarker" in bpy.data.objects, bpy.context.scene.single_file_flag]',
          }),
        ),
      ).toEqual(['hello from the fixture add-on', true, true]);
    });

    it('says clearly when the Blender path does not exist or is not Blender', async () => {
      await expect(Session.start({ blender: '/nonexistent/blender' })).rejects.toThrow(/Blender not found at \/nonexistent\/blender/);
      const notBlender = (await Session.start({ blender: '/bin/true', startupTimeoutMs: 10_000 }).catch(
        (e: unknown) => e,
      )) as SessionStartError;
      expect(notBlender.reason).toBe('exited');
      expect(notBlender.message).toMatch(/exited with code 0 before its server was ready. Is \/bin\/true a Blender executable/);
    });
  });
});

describe('send to something that is not a session', () => {
  async function send(port: number): Promise<{ code: number; out: string; err: string }> {
    const io = { out: '', err: '' };
    const code = await main(['send', '{"type":"ping"}', '--port', String(port), '--timeout', '10'], {
      out: (t) => (io.out += t),
      err: (t) => (io.err += t),
    });
    return { code, ...io };
  }

  it('an HTTP server: one line on stderr, exit code 2, not a stack', async () => {
    const server = createHttpServer((_, res) => res.end('hello'));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { code, out, err } = await send((server.address() as { port: number }).port);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err.trimEnd().split('\n')).toHaveLength(1);
      expect(err).toMatch(
        /^blender-harness send: 127\.0\.0\.1:\d+ closed the connection without an answer .*HTTP\/1\.1 400.*is it a blender-harness session\?/,
      );
    } finally {
      server.close();
    }
  });

  it('a server that hangs up at once: one line on stderr, exit code 2', async () => {
    const server = createServer((socket) => socket.destroy());
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { code, err } = await send((server.address() as { port: number }).port);
      expect(code).toBe(2);
      expect(err.trimEnd().split('\n')).toHaveLength(1);
      expect(err).toMatch(/closed the connection without an answer.*is it a blender-harness session\?/);
    } finally {
      server.close();
    }
  });
});
