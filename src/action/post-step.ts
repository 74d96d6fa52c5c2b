// The post step always runs, after success, failure or cancellation. It ends whatever main
// left running (found by the tag prefix main's sessions, displays and commands carry, and
// their process groups) and saves the cross-run Blender and Python-packages caches when main
// installed them after a miss.
import * as core from '@actions/core';
import { TAG_VARIABLE } from '../session/index.js';
import { processesByEnv, signalGroup, signalProcess } from '../session/processes.js';
import { saveActionsCache, type CacheState } from './cache-save.js';
import { STATE } from './state.js';

export function killLeftovers(prefix: string): number {
  const found = processesByEnv(TAG_VARIABLE, (v) => v.startsWith(prefix)).filter((p) => p.state !== 'Z');
  for (const p of found) {
    // Its whole group, then the process itself in case it left the group.
    signalGroup(p.pgid, 'SIGKILL');
    signalProcess(p.pid, 'SIGKILL');
    core.warning(`post: killed pid ${p.pid} left running by the main step: ${p.command}`);
  }
  return found.length;
}

export async function runPost(): Promise<void> {
  const prefix = core.getState(STATE.tagPrefix);
  if (prefix) {
    const killed = killLeftovers(prefix);
    if (killed === 0) core.info('post: nothing of the main step is left running');
  }
  const cache = core.getState(STATE.cache);
  if (cache) {
    const outcome = await saveActionsCache(JSON.parse(cache) as CacheState, (m) => core.info(m));
    core.info(`post: Blender cache ${outcome}`);
  }
  const packages = core.getState(STATE.packages);
  if (packages) {
    const state = JSON.parse(packages) as CacheState;
    const outcome = await saveActionsCache(state, (m) => core.info(m), undefined, "Blender's Python packages");
    core.info(`post: Python packages cache ${outcome}`);
  }
}
