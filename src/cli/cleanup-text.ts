import type { CleanupReport } from '../session/index.js';

export function formatCleanup(cleanup: CleanupReport): string {
  const stops = cleanup.stops
    .map((s) => `${s.stoppedBy === 'exited' ? 'had already exited' : `stopped by ${s.stoppedBy}`} in ${s.stopMs} ms`)
    .join(', ');
  if (cleanup.clean) return `cleanup: nothing left running (Blender ${stops || 'stopped'})`;
  const lines = cleanup.leftovers.map((l) => `  pid ${l.pid} (${l.found}${l.killed ? ', killed' : ''}): ${l.command}`);
  return [`cleanup: ${cleanup.leftovers.length} left behind (Blender ${stops})`, ...lines].join('\n');
}
