import { createRequire as __bhCreateRequire } from 'node:module'; const require = __bhCreateRequire(import.meta.url);
import {
  STATE
} from "./chunks/chunk-RX2XP5RR.js";
import {
  TAG_VARIABLE,
  processesByEnv,
  saveActionsCache,
  signalGroup,
  signalProcess
} from "./chunks/chunk-HESJD6JL.js";
import {
  getState,
  info,
  warning
} from "./chunks/chunk-244WP6SK.js";

// src/action/post-step.ts
function killLeftovers(prefix) {
  const found = processesByEnv(TAG_VARIABLE, (v) => v.startsWith(prefix)).filter((p) => p.state !== "Z");
  for (const p of found) {
    signalGroup(p.pgid, "SIGKILL");
    signalProcess(p.pid, "SIGKILL");
    warning(`post: killed pid ${p.pid} left running by the main step: ${p.command}`);
  }
  return found.length;
}
async function runPost() {
  const prefix = getState(STATE.tagPrefix);
  if (prefix) {
    const killed = killLeftovers(prefix);
    if (killed === 0) info("post: nothing of the main step is left running");
  }
  const cache = getState(STATE.cache);
  if (cache) {
    const outcome = await saveActionsCache(JSON.parse(cache), (m) => info(m));
    info(`post: Blender cache ${outcome}`);
  }
  const packages = getState(STATE.packages);
  if (packages) {
    const state = JSON.parse(packages);
    const outcome = await saveActionsCache(state, (m) => info(m), void 0, "Blender's Python packages");
    info(`post: Python packages cache ${outcome}`);
  }
}

// src/action/post.ts
runPost().catch((error) => warning(`post: ${error instanceof Error ? error.message : String(error)}`));
