// Hostile input at the server's port (issue 13, cases 5 and 6): whatever a local process
// without the token sends, the server answers with an error or closes that connection, its
// memory and descriptors stay bounded, the test that is running is not disturbed, and the
// session still ends clean. Real Blender, real sockets.
import { readdirSync, readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { Client, Session, bootstrapScript, type Answer } from '../src/session/index.js';
import { isAlive, isPortBound } from '../src/session/processes.js';
import { testBlenders } from './helpers/blender.js';
import { RawClient } from './helpers/raw.js';

/** The server's limits for connections that have not sent the token (blender/harness_server/server.py). */
const AUTH_TIMEOUT_S = 5;
const PRE_AUTH_LINE = 4096;
const MAX_PENDING = 64;
const MAX_CONNECTIONS = 256;

function ok(answer: Answer): unknown {
  if (!answer.ok) throw new Error(`expected ok, got ${JSON.stringify(answer.error)}`);
  return answer.result;
}

function rssMiB(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

function openFds(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

/** A socket that records when (and whether) the server closed it and what it was told. */
interface Probe {
  socket: Socket;
  connected: Promise<boolean>;
  closed: Promise<number>; // ms after opening
  text: () => string;
}

function probe(port: number): Probe {
  const opened = Date.now();
  const socket = connect({ port, host: '127.0.0.1' });
  let text = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (text += chunk));
  socket.on('error', () => undefined);
  const connected = new Promise<boolean>((resolve) => {
    socket.once('connect', () => resolve(true));
    socket.once('close', () => resolve(false));
  });
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - opened)));
  return { socket, connected, closed, text: () => text };
}

/** The first answer line a probe was sent, parsed (JSON.parse throws on NaN or Infinity). */
function firstAnswer(p: Probe): Record<string, unknown> | undefined {
  const text = p.text();
  return text.includes('\n') ? (JSON.parse(text.slice(0, text.indexOf('\n'))) as Record<string, unknown>) : undefined;
}

async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe.each(testBlenders())('on Blender $name', ({ path: blender }) => {
  const started: Session[] = [];
  const sockets: Socket[] = [];

  async function start(options: Partial<Parameters<typeof Session.start>[0]> = {}): Promise<Session> {
    const session = await Session.start({ blender, startupTimeoutMs: 60_000, ...options });
    started.push(session);
    return session;
  }

  /** Quit, and prove nothing is left: the process, the port, anything in the cleanup check. */
  async function finish(s: Session): Promise<void> {
    const port = s.port;
    started.splice(started.indexOf(s), 1);
    const cleanup = await s.close();
    expect(cleanup.stops[0]).toMatchObject({ stoppedBy: 'quit', exitCode: 0, signal: null });
    expect(cleanup).toMatchObject({ clean: true, leftovers: [] });
    expect(isAlive(s.ready.pid)).toBe(false);
    expect(await isPortBound(port)).toBe(false);
  }

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    for (const s of started.splice(0)) await s.close({ graceMs: 500 });
  });

  it('answers a recursion bomb with an error and keeps serving, also while a test runs', async () => {
    const s = await start();
    const bomb = '['.repeat(100_000) + '\n';

    // Without the token: refused before it is parsed (it is longer than a first request may be).
    const stranger = await RawClient.open(s.port);
    await stranger.write(bomb);
    expect(await stranger.next()).toMatchObject({ id: null, ok: false, error: { type: 'LineTooLong' } });
    expect(await stranger.waitClosed()).toBe(true);
    // A short one is parsed: json.loads fails (RecursionError on 3.11), an error answer all the same.
    const short = await RawClient.open(s.port);
    await short.write('['.repeat(3000) + '\n');
    expect(await short.next()).toMatchObject({ id: null, ok: false, error: { type: 'ProtocolError' } });
    short.close();

    // From a trusted connection the whole bomb reaches json.loads.
    const trusted = await RawClient.open(s.port);
    await trusted.write(JSON.stringify({ id: 1, token: s.token, type: 'ping' }) + '\n');
    expect(await trusted.next()).toMatchObject({ id: 1, ok: true, result: 'pong' });
    await trusted.write(bomb);
    expect(await trusted.next()).toMatchObject({ id: null, ok: false, error: { type: 'ProtocolError' } });
    await trusted.write(JSON.stringify({ id: 2, token: s.token, type: 'ping' }) + '\n');
    expect(await trusted.next()).toMatchObject({ id: 2, ok: true, result: 'pong' });

    // A test holds the main thread while both bombs arrive: it is not failed.
    const running = s.request({ type: 'exec', code: 'import time\ntime.sleep(1)\nresult = "slept"' }, 30_000);
    await delay(300);
    const during = await RawClient.open(s.port);
    await during.write(bomb);
    await trusted.write(bomb);
    expect(ok(await running)).toBe('slept');
    expect(await during.next()).toMatchObject({ ok: false, error: { type: 'LineTooLong' } });
    expect(await trusted.next()).toMatchObject({ id: null, ok: false, error: { type: 'ProtocolError' } });
    expect(ok(await s.request({ type: 'ping' }))).toBe('pong');
    trusted.close();
    await finish(s);
  });

  it('answers a recursion bomb with an error when authentication is off', async () => {
    const s = await start({ auth: false });
    const raw = await RawClient.open(s.port);
    await raw.write('['.repeat(100_000) + '\n');
    expect(await raw.next()).toMatchObject({ id: null, ok: false, error: { type: 'ProtocolError' } });
    await raw.write('{"id":1,"message":"still here"}\n');
    expect(await raw.next()).toMatchObject({ id: 1, ok: true, result: 'still here' });
    raw.close();
    await finish(s);
  });

  it('never echoes an id or a number that is not JSON', async () => {
    const s = await start();
    const raw = await RawClient.open(s.port);
    const token = JSON.stringify(s.token);
    // RawClient.next() parses with JSON.parse, which rejects NaN and Infinity: each answer is valid JSON.
    for (const id of ['1e999999', '-1e999999', 'NaN', 'Infinity', '-Infinity', '[NaN]', '{"a":Infinity}']) {
      await raw.write(`{"id":${id},"token":${token},"type":"ping"}\n`);
      const answer = await raw.next();
      expect(answer, id).toMatchObject({ id: null, ok: false, error: { type: 'ProtocolError', message: expect.stringContaining('"id"') } });
    }
    await raw.write(`{"id":NaN,"type":"ping"}\n`); // and without the token
    expect(await raw.next()).toMatchObject({ id: null, ok: false });
    await raw.write(`{"id":"n","token":${token},"type":"echo","message":[1e999999,-1e999999,NaN,1.5]}\n`);
    expect(await raw.next()).toMatchObject({ id: 'n', ok: true, result: ['inf', '-inf', 'nan', 1.5] });
    // An integer Python will not read (more than 4300 digits on 3.11+): an error, or its value; JSON either way.
    await raw.write(`{"id":"big","token":${token},"type":"echo","message":1${'0'.repeat(5000)}}\n`);
    const big = await raw.next();
    expect(big.id === 'big' || big.id === null).toBe(true);
    await raw.write(`{"id":1e3,"token":${token},"type":"ping"}\n`);
    expect(await raw.next()).toMatchObject({ id: 1000, ok: true });
    raw.close();
    // Results Python cannot print or JSON cannot hold become strings.
    const nan = await s.request({
      type: 'exec',
      code: 'result = [float("nan"), float("inf"), 10 ** 5000 if hasattr(__import__("sys"), "set_int_max_str_digits") else "n/a"]',
    });
    expect(ok(nan)).toEqual(['nan', 'inf', expect.any(String)]);
    const deep = await s.request({ type: 'exec', code: 'result = []\nfor _ in range(100000):\n    result = [result]' });
    expect(JSON.stringify(ok(deep)).length).toBeLessThan(1000);
    expect(ok(await s.request({ type: 'ping' }))).toBe('pong');
    await finish(s);
  });

  it('serves a first request longer than the unauthenticated limit, wherever its token is', async () => {
    const s = await start();
    const code = (bytes: number): string => `result = len("${'x'.repeat(bytes)}")`;
    // The session's own connection: its first request is a 2 MiB exec with the token last.
    expect(ok(await s.request({ type: 'exec', code: code(2 << 20) }, 30_000))).toBe(2 << 20);
    // A fresh harness client (token last again), first thing on its connection.
    const client = await Client.connect(s.port, s.token);
    expect(ok(await client.request({ type: 'exec', code: code(1 << 20) }, 30_000))).toBe(1 << 20);
    client.close();
    // A client that sends the token first: read up to the full 16 MiB line limit.
    const raw = await RawClient.open(s.port);
    await raw.write(JSON.stringify({ token: s.token, id: 'first', type: 'exec', code: code(12 << 20) }) + '\n');
    expect(await raw.next(60_000)).toMatchObject({ id: 'first', ok: true, result: 12 << 20 });
    raw.close();
    // Just over the limit without the token near the start: refused with the reason.
    const stranger = await RawClient.open(s.port);
    await stranger.write('x'.repeat(PRE_AUTH_LINE + 100));
    expect(await stranger.next()).toMatchObject({ id: null, ok: false, error: { type: 'LineTooLong' } });
    expect(await stranger.waitClosed()).toBe(true);
    await finish(s);
  });

  it('keeps its memory bounded under 40 connections sending 15 MiB each without a newline or the token', async () => {
    const s = await start();
    const pid = s.ready.pid;
    expect(ok(await s.request({ type: 'ping' }))).toBe('pong');
    const before = rssMiB(pid);
    const junk = Buffer.alloc(15 << 20, 0x61);
    // Half of them look like the start of a JSON object, which a client that sends its token
    // last would send: those may use the allowance shared by unauthenticated connections.
    const objectJunk = Buffer.concat([Buffer.from('{"type":"exec","code":"'), junk.subarray(0, (15 << 20) - 23)]);
    const probes = Array.from({ length: 40 }, (_, i) => {
      const p = probe(s.port);
      sockets.push(p.socket);
      void p.connected.then((up) => up && p.socket.write(i % 2 ? objectJunk : junk));
      return p;
    });
    let peak = before;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, rssMiB(pid));
        await delay(20);
      }
    })();
    // The server answers its own client all through the flood.
    const pings: number[] = [];
    const allClosed = Promise.all(probes.map((p) => p.closed));
    let done = false;
    void allClosed.then(() => (done = true));
    while (!done) {
      const t = performance.now();
      expect(ok(await s.request({ type: 'ping' }, 10_000))).toBe('pong');
      pings.push(performance.now() - t);
      await delay(50);
    }
    const closedAfter = await within((AUTH_TIMEOUT_S + 10) * 1000, 'every flooding connection closed', allClosed);
    sampling = false;
    await sampler;
    peak = Math.max(peak, rssMiB(pid));
    console.log(
      `40 x 15 MiB flood: VmRSS ${before.toFixed(0)} MiB before, peak ${peak.toFixed(0)} MiB (+${(peak - before).toFixed(0)}), ` +
        `all closed within ${Math.max(...closedAfter)} ms, slowest ping ${Math.max(...pings).toFixed(1)} ms`,
    );
    // Unbounded, this was +510 to +650 MiB. Now unauthenticated requests share a 16 MiB
    // allowance; Blender's allocator keeps some of it resident after it is freed.
    expect(peak - before).toBeLessThan(96);
    const refused = probes.map(firstAnswer).filter((a) => a !== undefined);
    for (const a of refused) expect(a).toMatchObject({ id: null, ok: false });
    expect(ok(await s.request({ type: 'ping' }))).toBe('pong');
    expect(rssMiB(pid) - before).toBeLessThan(96);
    await finish(s);
  });

  it('caps and times out 2000 idle unauthenticated connections and still serves', async () => {
    const s = await start();
    const pid = s.ready.pid;
    expect(ok(await s.request({ type: 'ping' }))).toBe('pong'); // the session's own connection, trusted now
    const fdsBefore = openFds(pid);
    const probes: Probe[] = [];
    let maxFds = fdsBefore;
    for (let i = 0; i < 2000; i++) {
      const p = probe(s.port);
      sockets.push(p.socket);
      probes.push(p);
      if (i % 100 === 99) {
        await delay(10);
        maxFds = Math.max(maxFds, openFds(pid));
        expect(ok(await s.request({ type: 'ping' }, 10_000))).toBe('pong');
      }
    }
    const opened = Date.now();
    await within(60_000, 'every connection attempt settled', Promise.all(probes.map((p) => p.connected)));
    await delay(200);
    const settled = openFds(pid);
    maxFds = Math.max(maxFds, settled);
    // While they wait, at most MAX_PENDING of them hold a descriptor in Blender (a burst
    // briefly holds the batch asyncio accepts at once, under the cap on all connections).
    expect(settled - fdsBefore).toBeLessThanOrEqual(MAX_PENDING);
    expect(maxFds - fdsBefore).toBeLessThan(MAX_CONNECTIONS);
    // A new client with the token gets in at once: the longest-waiting stranger makes room.
    const client = await Client.connect(s.port, s.token);
    expect(ok(await client.request({ type: 'ping' }, 10_000))).toBe('pong');
    const closedAfter = await within(
      (AUTH_TIMEOUT_S + 10) * 1000,
      'every idle connection closed',
      Promise.all(probes.map((p) => p.closed)),
    );
    const waited = Date.now() - opened;
    const timedOut = probes.filter((p) => /within \d+ s/.test(p.text())).length;
    const evicted = probes.filter((p) => /TooManyConnections/.test(p.text())).length;
    console.log(
      `2000 idle connections: ${evicted} closed at once past the cap, ${timedOut} after the timeout; all gone ${waited} ms ` +
        `after the last connected (longest-lived ${Math.max(...closedAfter)} ms); Blender's descriptors +${settled - fdsBefore} ` +
        `while they waited, peak +${maxFds - fdsBefore}`,
    );
    expect(timedOut).toBeGreaterThan(0);
    expect(timedOut).toBeLessThanOrEqual(MAX_PENDING);
    expect(evicted + timedOut).toBeGreaterThanOrEqual(2000 - MAX_PENDING);
    expect(openFds(pid) - fdsBefore).toBeLessThanOrEqual(2);
    expect(ok(await client.request({ type: 'ping' }))).toBe('pong'); // trusted: no deadline for it
    client.close();
    expect(ok(await s.request({ type: 'ping' }))).toBe('pong');
    await finish(s);
  });

  it('closes a connection that never sends anything within the timeout, but not its own idle one', async () => {
    const s = await start();
    const idle = probe(s.port);
    sockets.push(idle.socket);
    expect(await idle.connected).toBe(true);
    const ms = await within((AUTH_TIMEOUT_S + 5) * 1000, 'the idle connection closed', idle.closed);
    expect(ms).toBeGreaterThanOrEqual(AUTH_TIMEOUT_S * 1000 - 300);
    expect(ms).toBeLessThan(AUTH_TIMEOUT_S * 1000 + 1500);
    expect(firstAnswer(idle)).toMatchObject({ id: null, ok: false, error: { type: 'AuthError' } });
    // A trickle that never completes its first line gets no longer.
    const slow = probe(s.port);
    sockets.push(slow.socket);
    await slow.connected;
    const trickle = setInterval(() => slow.socket.write('{'), 200);
    const slowMs = await within((AUTH_TIMEOUT_S + 5) * 1000, 'the trickling connection closed', slow.closed).finally(() =>
      clearInterval(trickle),
    );
    expect(slowMs).toBeLessThan(AUTH_TIMEOUT_S * 1000 + 1500);
    // The harness's own connection sat idle all this time before its first request (as it
    // does while a --run command works): it is still served.
    expect(ok(await s.request({ type: 'ping' }))).toBe('pong');
    // Time a request holds the main thread does not count against a connection: one let in
    // just before a 6 s test that sends its token a second after the test is still served.
    const patient = await RawClient.open(s.port);
    await delay(200);
    ok(await s.request({ type: 'exec', code: 'import time\ntime.sleep(6)' }, 30_000));
    await delay(1000);
    await patient.write(JSON.stringify({ id: 'late', token: s.token, type: 'ping' }) + '\n');
    expect(await patient.next()).toMatchObject({ id: 'late', ok: true });
    patient.close();
    await finish(s);
  });

  it('gives no connection a pass for being first: one that beats the harness to the port is closed in time', async () => {
    // Blender started directly, so that a stranger connects the moment READY is out, before
    // any client of ours; the client, connecting second, authenticates at once and may idle.
    const token = 'a'.repeat(48);
    const child = execa(blender, ['--background', '--factory-startup', '-noaudio', '--python', bootstrapScript(), '--', '--port', '0'], {
      env: { BLENDER_HARNESS_TOKEN: token },
      detached: true,
      buffer: false,
      reject: false,
      cleanup: false,
    });
    try {
      child.stdout.setEncoding('utf8');
      let text = '';
      const port = await within(
        60_000,
        'READY',
        new Promise<number>((resolve) => {
          child.stdout.on('data', (chunk: string) => {
            text += chunk;
            const m = /BLENDER_HARNESS_READY (\{.*\})/.exec(text);
            if (m?.[1]) resolve((JSON.parse(m[1]) as { port: number }).port);
          });
        }),
      );
      const first = probe(port);
      sockets.push(first.socket);
      expect(await first.connected).toBe(true);
      const client = await Client.connect(port, token);
      const ms = await within((AUTH_TIMEOUT_S + 5) * 1000, 'the first, silent connection closed', first.closed);
      expect(ms).toBeLessThan(AUTH_TIMEOUT_S * 1000 + 1500);
      expect(firstAnswer(first)).toMatchObject({ id: null, ok: false, error: { type: 'AuthError' } });
      await delay(1000); // past the deadline for the client too, idle since it connected
      expect(ok(await client.request({ type: 'ping' }, 10_000))).toBe('pong');
      // A wrong token is refused at connect, with the server's reason.
      await expect(Client.connect(port, 'b'.repeat(48))).rejects.toThrow(/refused the session token: .*token/);
      await client.request({ type: 'quit' }, 10_000).catch(() => undefined);
      client.close();
      expect((await within(20_000, 'Blender exited', child)).exitCode).toBe(0);
    } finally {
      if (child.pid && isAlive(child.pid)) process.kill(-child.pid, 'SIGKILL');
    }
  });

  it('with authentication off: no deadline, but the cap on connections holds', async () => {
    const s = await start({ auth: false });
    const probes: Probe[] = [];
    // In batches within the listen backlog: a handshake the kernel leaves half-done when the
    // backlog overflows (a loaded machine) looks connected here long before Blender sees it.
    for (let i = 0; i < MAX_CONNECTIONS + 50; i += 50) {
      const batch: Probe[] = [];
      for (let j = i; j < Math.min(i + 50, MAX_CONNECTIONS + 50); j++) {
        const p = probe(s.port);
        sockets.push(p.socket);
        batch.push(p);
      }
      probes.push(...batch);
      await within(30_000, 'a batch of connection attempts settled', Promise.all(batch.map((p) => p.connected)));
    }
    // Blender answers the ones past the cap as it accepts them, later on a loaded machine.
    const refusedNow = (): Probe[] => probes.filter((p) => /TooManyConnections/.test(p.text()));
    for (const until = Date.now() + 30_000; refusedNow().length < 50 && Date.now() < until;) await delay(50);
    const refused = refusedNow();
    expect(refused.length).toBeGreaterThanOrEqual(50);
    // No deadline without a token: the ones let in are open and served.
    const open = probes.filter((p) => !p.socket.destroyed && !/TooManyConnections/.test(p.text()));
    expect(open.length).toBeGreaterThan(0);
    const one = open[0] as Probe;
    one.socket.write('{"message":"hi"}\n');
    await within(
      10_000,
      'an answer',
      (async () => {
        while (!one.text().includes('\n')) await delay(20);
      })(),
    );
    expect(firstAnswer(one)).toMatchObject({ ok: true, result: 'hi' });
    for (const p of probes) p.socket.destroy();
    await finish(s);
  });
});
