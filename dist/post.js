import { createRequire as __bhCreateRequire } from 'node:module'; const require = __bhCreateRequire(import.meta.url);
import {
  STATE
} from "./chunks/chunk-RX2XP5RR.js";
import {
  TAG_VARIABLE,
  loadActionsCache,
  processesByEnv,
  signalGroup,
  signalProcess
} from "./chunks/chunk-FBWX2EWE.js";
import {
  getState,
  info,
  warning
} from "./chunks/chunk-244WP6SK.js";

// src/action/cache-save.ts
import { access } from "node:fs/promises";
async function saveActionsCache(state, log = () => void 0, api, what = "Blender") {
  if (state.cacheHit || !state.cacheKey || !state.cachePaths || state.cachePaths.length === 0) return "skipped";
  try {
    const cache = api ?? await loadActionsCache();
    if (!cache.isFeatureAvailable()) {
      log(`The Actions cache service is not available here; ${what} was not saved for later runs.`);
      return "unavailable";
    }
    for (const p of state.cachePaths) {
      try {
        await access(p);
      } catch {
        log(`Not saving ${what} to the cache: ${p} is gone.`);
        return "skipped";
      }
    }
    const id = await cache.saveCache(state.cachePaths, state.cacheKey);
    if (id === -1) return "failed";
    log(`Saved ${what} to the Actions cache as ${state.cacheKey}.`);
    return "saved";
  } catch (e) {
    if (e instanceof Error && e.name === "ReserveCacheError") {
      log(`The Actions cache already holds ${state.cacheKey}.`);
      return "exists";
    }
    log(`Could not save ${what} to the Actions cache: ${e instanceof Error ? e.message : String(e)}`);
    return "failed";
  }
}

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
