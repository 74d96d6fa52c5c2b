import { createRequire as __bhCreateRequire } from 'node:module'; const require = __bhCreateRequire(import.meta.url);
import {
  getState,
  warning
} from "./chunks/chunk-UGITPSGT.js";
import {
  signalGroup
} from "./chunks/chunk-THMYIOYC.js";

// src/action/post.ts
function run() {
  const raw = getState("sessions");
  if (!raw) return;
  const handles = JSON.parse(raw);
  for (const { pgid } of handles) {
    if (signalGroup(pgid, "SIGKILL")) warning(`post: killed process group ${pgid} left by the main step`);
  }
}
run();
