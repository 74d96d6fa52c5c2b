// Text that tests control (their names, messages, tracebacks, output, Blender's log) in the
// job log, where the runner must not read any of it as a workflow command.
import { randomBytes } from 'node:crypto';

/**
 * Could a line of `text` be a workflow command? The runner reads a line as one when, after
 * trimming whitespace, it starts with `::` (or `##[`, the old syntax), and it ends lines at
 * \n, \r and \r\n. Anywhere is stricter than at a line start after .NET's idea of
 * whitespace, and costs only some needless wrapping (pytest node ids hold `::`).
 */
function mayHoldCommands(text: string): boolean {
  return text.includes('::') || text.includes('##[');
}

/**
 * `text` as it can safely go into the job log: when it might hold a workflow command
 * (`::error::`, `::add-mask::`, `::stop-commands::`), between `::stop-commands::TOKEN` and
 * `::TOKEN::` with a fresh random token, so the runner reads none of its lines as commands
 * and the harness's own commands after it still work. The token is made after the text
 * exists and never occurs in it, so the text cannot end the pause itself.
 */
export function quoteForLog(text: string): string {
  if (!mayHoldCommands(text)) return text;
  let token: string;
  do token = randomBytes(16).toString('hex');
  while (text.toLowerCase().includes(token));
  return `::stop-commands::${token}\n${text}\n::${token}::`;
}

/** core.info for text tests control: one write, so nothing can come between pause and resume. */
export function logUntrusted(text: string, write: (s: string) => void = (s) => void process.stdout.write(s)): void {
  write(`${quoteForLog(text)}\n`);
}
