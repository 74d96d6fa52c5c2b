import { createWriteStream, type WriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { LineSplitter } from './lines.js';

/**
 * Read what is left in `streams` once the process writing them has exited, then stop reading:
 * done when every stream has ended, or when none has had data for `quietMs` (a process it
 * left behind holds the write end, so the end would never come), at most `maxMs`. What the
 * exited process wrote is already in the pipe, so it arrives within the quiet period. The
 * streams are destroyed afterwards: an open pipe would keep the harness alive.
 */
export async function drainAfterExit(streams: readonly (Readable | null | undefined)[], quietMs = 150, maxMs = 2000): Promise<void> {
  const open = streams.filter((s): s is Readable => !!s && !s.destroyed && !s.readableEnded);
  if (open.length > 0) {
    let last = performance.now();
    const touch = (): void => {
      last = performance.now();
    };
    const ended = Promise.all(
      open.map(
        (s) =>
          new Promise<void>((resolve) => {
            if (s.destroyed || s.readableEnded) return resolve();
            s.once('end', resolve);
            s.once('close', resolve);
          }),
      ),
    );
    let done = false;
    void ended.then(() => {
      done = true;
    });
    for (const s of open) s.on('data', touch);
    const started = performance.now();
    while (!done && performance.now() - started < maxMs) {
      const quiet = performance.now() - last;
      if (quiet >= quietMs) break;
      await Promise.race([ended, delay(quietMs - quiet, undefined, { ref: false })]);
    }
    for (const s of open) s.off('data', touch);
  }
  for (const s of streams) s?.destroy();
}

/**
 * Keeps Blender's output: the whole of it in a log file, the last lines in memory for error
 * messages, and each complete line handed to listeners (the READY line is one of them).
 */
export class OutputLog {
  private readonly file: WriteStream;
  private readonly tailLines: string[] = [];
  private readonly listeners = new Set<(line: string) => void>();

  constructor(
    readonly path: string,
    private readonly maxTail = 200,
  ) {
    this.file = createWriteStream(path, { flags: 'a' });
    // A failing log file (a full disk) must not take the harness down with it.
    this.file.on('error', () => undefined);
  }

  attach(stream: Readable | null | undefined): void {
    if (!stream) return;
    stream.setEncoding('utf8');
    const splitter = new LineSplitter();
    let open = true;
    stream.on('data', (chunk: string) => {
      // Processes Blender left behind may still print after the log was closed.
      if (!this.file.writableEnded) this.file.write(chunk);
      if (!open) return;
      for (const line of splitter.push(chunk)) this.push(line.replace(/\r$/, ''));
    });
    // 'close' too: a stream destroyed after Blender exited (drainAfterExit) never ends.
    const finish = (): void => {
      if (!open) return;
      open = false;
      const rest = splitter.rest();
      if (rest) this.push(rest);
    };
    stream.on('end', finish);
    stream.on('close', finish);
  }

  onLine(listener: (line: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  tail(lines = 40): string {
    return this.tailLines.slice(-lines).join('\n');
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.file.end(resolve));
  }

  private push(line: string): void {
    this.tailLines.push(line);
    if (this.tailLines.length > this.maxTail) this.tailLines.splice(0, this.tailLines.length - this.maxTail);
    for (const listener of this.listeners) listener(line);
  }
}
