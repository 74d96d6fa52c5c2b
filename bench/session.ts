// Session bench: ready time against a bare Blender start, request round trip against the
// reference loop, and quit-to-gone time. Everything measured in the same run.
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { Client, Session, TAG_VARIABLE } from '../src/session/index.js';
import { groupMembers, isPortBound, listProcesses, processesByEnv, processesHolding, zombieChildren } from '../src/session/processes.js';
import { median, repeat, row, timeIt, type Row } from './stats.js';

const REFERENCE = fileURLToPath(new URL('./reference_loop.py', import.meta.url));

async function bareStart(blender: string): Promise<number> {
  return timeIt(() => execa(blender, ['-b', '--factory-startup', '--python-expr', 'import sys; sys.exit(0)']));
}

async function roundTrips(client: Client, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await client.request({ type: 'exec', code: 'result = 1' });
    times.push(performance.now() - started);
  }
  return times;
}

/**
 * Connections that never authenticate, each pushing junk without a newline as fast as the
 * server takes it and opening a new one the moment it is refused or closed. They run in a
 * process of their own, so that their work does not sit on the bench client's event loop.
 */
const FLOOD = `
const net = require('node:net');
const [port, count] = process.argv.slice(1).map(Number);
const junk = Buffer.alloc(64 * 1024, 0x61);
let stopping = false, connections = 0;
function flood() {
  const s = net.connect({ port, host: '127.0.0.1' });
  s.on('error', () => undefined);
  s.on('data', () => s.destroy()); // refused: straight on to the next connection
  s.on('end', () => s.destroy());
  s.on('close', () => { if (!stopping) setImmediate(flood); });
  s.on('connect', () => {
    connections++;
    const pump = () => { while (!s.destroyed && s.write(junk)); };
    s.on('drain', pump);
    pump();
  });
}
for (let i = 0; i < count; i++) flood();
process.stdout.write('flooding\\n');
process.stdin.on('data', () => undefined);
process.stdin.on('end', () => { stopping = true; process.stdout.write(JSON.stringify({ connections }) + '\\n'); process.exit(0); });
`;

/**
 * The exec round trip with the flood on and off, in alternating blocks so that the rest of
 * the machine weighs on both alike: the flooder is stopped (SIGSTOP) for the plain blocks.
 */
async function floodedRoundTrip(
  client: Client,
  port: number,
  connections: number,
): Promise<{ plain: number; flooded: number; made: number }> {
  const flooder = execa(process.execPath, ['-e', FLOOD, String(port), String(connections)], { reject: false, buffer: true });
  const plain: number[] = [];
  const flooded: number[] = [];
  try {
    await new Promise<void>((resolve) => flooder.stdout?.once('data', () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 300)); // let the flood reach full speed
    await roundTrips(client, 50);
    for (let block = 0; block < 10; block++) {
      flooder.kill('SIGSTOP');
      await new Promise((resolve) => setTimeout(resolve, 20));
      plain.push(...(await roundTrips(client, 100)));
      flooder.kill('SIGCONT');
      await new Promise((resolve) => setTimeout(resolve, 50));
      flooded.push(...(await roundTrips(client, 100)));
    }
  } finally {
    flooder.kill('SIGCONT');
    flooder.stdin?.end();
  }
  const done = await flooder;
  const made = (JSON.parse(String(done.stdout).trim().split('\n').pop() || '{}') as { connections?: number }).connections ?? 0;
  return { plain: median(plain), flooded: median(flooded), made };
}

/**
 * The cleanup check as it was before the process supervisor: one snapshot, then the group,
 * tag, pipe, zombie and port searches. The baseline for what the supervisor's sweep adds.
 */
async function searchesAlone(session: Session): Promise<number> {
  const started = performance.now();
  const all = listProcesses();
  zombieChildren(process.pid, all);
  groupMembers(session.pid, all);
  processesByEnv(TAG_VARIABLE, (v) => v === session.tag, all);
  processesHolding(['pipe:[0]'], all); // any link: every process's descriptors are read
  await isPortBound(session.port);
  return performance.now() - started;
}

async function referenceRoundTrip(blender: string, count: number): Promise<number> {
  const child = execa(blender, ['-b', '--factory-startup', '-noaudio', '--python', REFERENCE], { reject: false, buffer: false });
  const port = await new Promise<number>((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += String(chunk);
      const m = /BLENDER_HARNESS_READY (\{.*\})/.exec(text);
      if (m?.[1]) resolve((JSON.parse(m[1]) as { port: number }).port);
    });
    void child.then(() => reject(new Error('the reference loop exited before it was ready')));
  });
  const client = await Client.connect(port);
  const times = await roundTrips(client, count);
  await client.request({ type: 'quit' }, 5000).catch(() => undefined);
  client.close();
  await child;
  return median(times);
}

export async function benchSession(blender: string, runs = 5): Promise<Row[]> {
  const bare = median(await repeat(runs, () => bareStart(blender)));
  const readyTimes: number[] = [];
  const stopTimes: number[] = [];
  const checkTimes: number[] = [];
  const searchTimes: number[] = [];
  let rtt = 0;
  let flooded = { plain: 0, flooded: 0, made: 0 };
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const session = await Session.start({ blender });
    readyTimes.push(performance.now() - started);
    if (i === 0) {
      const client = await Client.connect(session.port, session.token);
      await roundTrips(client, 50); // warm up
      rtt = median(await roundTrips(client, 1000));
      flooded = await floodedRoundTrip(client, session.port, 20);
      client.close();
    }
    const stopped = await session.stop();
    stopTimes.push(stopped.stopMs);
    const checking = performance.now();
    const cleanup = await session.checkCleanup([stopped]);
    checkTimes.push(performance.now() - checking);
    searchTimes.push(await searchesAlone(session));
    await session.dispose();
    if (!cleanup.clean) throw new Error(`bench session left processes behind: ${JSON.stringify(cleanup.leftovers)}`);
  }
  const ready = median(readyTimes);
  const reference = await referenceRoundTrip(blender, 100);
  const stop = median(stopTimes);
  const check = median(checkTimes);
  const searches = median(searchTimes);
  return [
    row('ready (spawn to port accepting)', 'bare blender -b start', ready, bare, '<= 1.15x', ready / bare <= 1.15),
    row(
      'exec round trip (median of 1000)',
      'reference kick+sleep loop',
      rtt,
      reference,
      '<= 0.3 ms and <= 1/30x',
      rtt <= 0.3 && reference / rtt >= 30,
    ),
    row(
      `exec round trip, 20 unauthenticated connections flooding the port (${flooded.made} opened)`,
      'plain exec round trip, interleaved',
      flooded.flooded,
      flooded.plain,
      '<= 2x',
      flooded.flooded <= 2 * flooded.plain,
    ),
    row('stop (quit to process gone)', '0.5 s', stop, 500, '< 1x', stop < 500),
    row(
      'cleanup check, clean run (with the supervisor sweep)',
      'group, tag, pipe, zombie and port searches alone',
      check,
      searches,
      '<= +50 ms',
      check - searches <= 50,
      `+${(check - searches).toFixed(1)} ms`,
    ),
  ];
}
