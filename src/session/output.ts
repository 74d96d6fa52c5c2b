import { createWriteStream, type WriteStream } from 'node:fs';
import type { Readable } from 'node:stream';

/**
 * Keeps Blender's output: the whole of it in a log file, the last lines in memory for error
 * messages, and each complete line handed to listeners (the READY line is one of them).
 */
export class OutputLog {
  private readonly file: WriteStream;
  private readonly tailLines: string[] = [];
  private readonly listeners = new Set<(line: string) => void>();
  private pending = new Map<Readable, string>();

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
    this.pending.set(stream, '');
    stream.on('data', (chunk: string) => {
      // Processes Blender left behind may still print after the log was closed.
      if (!this.file.writableEnded) this.file.write(chunk);
      const text = (this.pending.get(stream) ?? '') + chunk;
      const lines = text.split('\n');
      this.pending.set(stream, lines.pop() ?? '');
      for (const line of lines) this.push(line.replace(/\r$/, ''));
    });
    stream.on('end', () => {
      const rest = this.pending.get(stream);
      if (rest) this.push(rest);
      this.pending.delete(stream);
    });
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
