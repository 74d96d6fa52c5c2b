// Install stage benchmarks, against a local release server (the real mirrors are not reachable
// here, and would measure the network rather than us):
// - a cache hit against a cold install (download, verify, unpack, commit) of the same build;
// - hashing while the bytes stream in (what the stage does) against downloading plainly and then
//   hashing the file in a second pass.
// Each value is the median of several runs; each baseline is measured in the same run.

import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import { DEFAULT_USER_AGENT, download } from '../src/install/http.js';
import { installBlender, type InstallOptions } from '../src/install/index.js';
import { buildReleaseTree, startReleaseServer } from '../test/helpers/release-server.js';
import { median, repeat, row, timeIt, type Row } from './stats.js';

export type { Row };

const RUNS = 5;
const ARCHIVE_PAYLOAD = 32 * 1024 * 1024;
const HASH_FILE = 128 * 1024 * 1024;

async function plainDownload(url: string, dest: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        pipeline(res, createWriteStream(dest)).then(resolve, reject);
      })
      .on('error', reject);
  });
}

async function hashFile(path: string): Promise<string> {
  const h = createHash('sha256');
  await pipeline(createReadStream(path, { highWaterMark: 1024 * 1024 }), h);
  return h.digest('hex');
}

export async function benchInstall(): Promise<Row[]> {
  const scratch = await mkdtemp(join(tmpdir(), 'bh-bench-install-'));
  const server = await startReleaseServer({ root: scratch });
  const rows: Row[] = [];
  try {
    await buildReleaseTree({ root: scratch, versions: ['4.2.3'], payloadBytes: ARCHIVE_PAYLOAD });
    const base: InstallOptions = {
      mirrors: [`${server.url}release/`],
      includeDefaultMirror: false,
      cacheMode: 'local',
      logger: { info: () => undefined, warning: () => undefined },
    };

    const cold = await repeat(RUNS, async () => {
      const cacheDir = await mkdtemp(join(scratch, 'cold-'));
      try {
        return await timeIt(() => installBlender('4.2', { ...base, cacheDir }));
      } finally {
        await rm(cacheDir, { recursive: true, force: true });
      }
    });
    const warmDir = await mkdtemp(join(scratch, 'warm-'));
    await installBlender('4.2', { ...base, cacheDir: warmDir });
    server.resetLog();
    const hit = await repeat(RUNS, () => timeIt(() => installBlender('4.2', { ...base, cacheDir: warmDir })));
    if (server.count() !== 0) throw new Error(`cache hits asked the server ${server.count()} times`);
    const hitMs = median(hit);
    const coldMs = median(cold);
    rows.push(
      row(
        `install 4.2: cache hit (${ARCHIVE_PAYLOAD >> 20} MiB build)`,
        'cold install from local server',
        hitMs,
        coldMs,
        '< 0.1x',
        hitMs / coldMs < 0.1,
      ),
    );

    const payload = randomBytes(HASH_FILE);
    await writeFile(join(scratch, 'big.bin'), payload);
    const expected = createHash('sha256').update(payload).digest('hex');
    const url = `${server.url}big.bin`;
    const ctx = { userAgent: DEFAULT_USER_AGENT, retry: { retries: 0, baseDelayMs: 10, maxDelayMs: 10, timeoutMs: 30_000 } };
    const streaming: number[] = [];
    const twoPass: number[] = [];
    // Alternate the two so neither gets a warmer page cache or a quieter machine.
    for (let i = 0; i < RUNS + 2; i++) {
      const a = join(scratch, `a-${i}.bin`);
      streaming.push(
        await timeIt(async () => {
          const r = await download({ urls: [url], dest: a, label: 'big.bin', expectedSha256: expected, ctx });
          if (r.sha256 !== expected) throw new Error('streaming hash mismatch');
        }),
      );
      await rm(a, { force: true });
      const b = join(scratch, `b-${i}.bin`);
      twoPass.push(
        await timeIt(async () => {
          await plainDownload(url, b);
          if ((await hashFile(b)) !== expected) throw new Error('second-pass hash mismatch');
        }),
      );
      await rm(b, { force: true });
    }
    const s = median(streaming);
    const t = median(twoPass);
    rows.push(
      row(`sha256 while downloading (${HASH_FILE >> 20} MiB)`, 'plain download, then a second hashing pass', s, t, '< 1x', s / t < 1),
    );
  } finally {
    await server.close();
    await rm(scratch, { recursive: true, force: true });
  }
  return rows;
}
