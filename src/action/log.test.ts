import { describe, expect, it } from 'vitest';
import { runnerCommands } from '../../test/helpers/runner-commands.js';
import { logUntrusted, quoteForLog } from './log.js';

describe('test output in the Action log', () => {
  const hostile = [
    'ok line',
    '::error::pwned',
    '   ::add-mask::secret',
    '\t::stop-commands::abc',
    '##[add-mask]legacy',
    'x\r::warning::cr',
  ].join('\n');

  it('pauses command processing around text that may hold commands, with a fresh token each time', () => {
    const quoted = quoteForLog(hostile);
    const commands = runnerCommands(`${quoted}\n::error::ours\n`);
    expect(commands.filter((c) => c.name !== 'stop-commands')).toEqual([{ name: 'error', data: 'ours' }]);
    expect(commands).toHaveLength(2);
    const token = /^::stop-commands::([0-9a-f]{32})\n/.exec(quoted)?.[1];
    expect(token).toBeDefined();
    expect(quoted.endsWith(`\n::${token}::`)).toBe(true);
    expect(quoteForLog(hostile)).not.toContain(token);
  });

  it('shows that the same text unquoted would have been read as commands', () => {
    const names = runnerCommands(`${hostile}\n::error::ours\n`).map((c) => c.name);
    expect(names).toEqual(['error', 'add-mask', 'stop-commands']);
  });

  it('leaves text without :: or ##[ as it is, and writes once', () => {
    expect(quoteForLog('ok  fixtures/a.yaml > step 1 (3 ms)')).toBe('ok  fixtures/a.yaml > step 1 (3 ms)');
    const writes: string[] = [];
    logUntrusted('::error::x', (s) => writes.push(s));
    expect(writes).toHaveLength(1);
    expect(runnerCommands(writes[0] ?? '').map((c) => c.name)).toEqual(['stop-commands']);
  });
});
