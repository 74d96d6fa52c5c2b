import * as core from '@actions/core';
import { signalGroup } from '../session/processes.js';

// The post step always runs: it ends whatever a cancelled or crashed main left running.
function run(): void {
  const raw = core.getState('sessions');
  if (!raw) return;
  const handles = JSON.parse(raw) as { pgid: number; tag: string }[];
  for (const { pgid } of handles) {
    if (signalGroup(pgid, 'SIGKILL')) core.warning(`post: killed process group ${pgid} left by the main step`);
  }
}

run();
