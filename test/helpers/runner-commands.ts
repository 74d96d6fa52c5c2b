/**
 * The workflow commands the Actions runner would act on in a step's raw log, read as it reads
 * them: lines end at \n, \r or \r\n and are trimmed; `::name props::data` (or the old
 * `##[name props]data`) is a command; after `::stop-commands::T` nothing is one until a line
 * `::T::`.
 */
export function runnerCommands(log: string): { name: string; data: string }[] {
  const commands: { name: string; data: string }[] = [];
  let stopToken: string | undefined;
  for (const raw of log.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (stopToken !== undefined) {
      if (line.toLowerCase() === `::${stopToken.toLowerCase()}::`) stopToken = undefined;
      continue;
    }
    const m = /^::([^\s:]+)(?: [^:]*)?::(.*)$/.exec(line) ?? /^##\[([^\s\]]+)[^\]]*\](.*)$/.exec(line);
    if (!m) continue;
    const [, name = '', data = ''] = m;
    if (name === 'stop-commands') stopToken = data;
    commands.push({ name, data });
  }
  return commands;
}
