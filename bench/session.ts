// Session bench: ready time against a bare Blender start, request round trip against the
// reference loop, and quit-to-gone time. Everything measured in the same run.
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { Client, Session } from '../src/session/index.js';
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
  let rtt = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const session = await Session.start({ blender });
    readyTimes.push(performance.now() - started);
    if (i === 0) {
      const client = await Client.connect(session.port, session.token);
      await roundTrips(client, 50); // warm up
      rtt = median(await roundTrips(client, 1000));
      client.close();
    }
    const cleanup = await session.close();
    stopTimes.push(cleanup.stops[0]?.stopMs ?? Number.NaN);
    if (!cleanup.clean) throw new Error(`bench session left processes behind: ${JSON.stringify(cleanup.leftovers)}`);
  }
  const ready = median(readyTimes);
  const reference = await referenceRoundTrip(blender, 100);
  const stop = median(stopTimes);
  return [
    row('ready (spawn to port accepting)', 'bare blender -b start', ready, bare, '<= 1.15x', ready / bare <= 1.15),
    row('exec round trip (median of 1000)', 'reference kick+sleep loop', rtt, reference, '<= 0.3 ms and <= 1/30x', rtt <= 0.3 && reference / rtt >= 30),
    row('stop (quit to process gone)', '0.5 s', stop, 500, '< 1x', stop < 500),
  ];
}
