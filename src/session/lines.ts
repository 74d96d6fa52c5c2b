/**
 * Turns a stream of text chunks into lines. Only each new chunk is searched for a newline and
 * the pieces of an unfinished line are joined once, so a line of many megabytes stays linear.
 */
export class LineSplitter {
  private readonly parts: string[] = [];

  /** The lines this chunk completes, without their newlines. */
  push(chunk: string): string[] {
    const lines: string[] = [];
    let start = 0;
    let newline: number;
    while ((newline = chunk.indexOf('\n', start)) >= 0) {
      this.parts.push(chunk.slice(start, newline));
      lines.push(this.parts.join(''));
      this.parts.length = 0;
      start = newline + 1;
    }
    if (start < chunk.length) this.parts.push(chunk.slice(start));
    return lines;
  }

  /** What came after the last newline; empties the splitter. */
  rest(): string {
    const rest = this.parts.join('');
    this.parts.length = 0;
    return rest;
  }
}
