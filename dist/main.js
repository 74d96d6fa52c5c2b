import { createRequire as __bhCreateRequire } from 'node:module'; const require = __bhCreateRequire(import.meta.url);
import {
  getInput,
  group,
  info,
  saveState,
  setFailed,
  setOutput,
  setSecret,
  warning
} from "./chunks/chunk-UGITPSGT.js";
import {
  Session,
  formatCleanup,
  liveSessionHandles,
  resolveBlender
} from "./chunks/chunk-3AIOM3ZO.js";
import "./chunks/chunk-THMYIOYC.js";

// src/action/main.ts
async function run() {
  const spec = getInput("blender-path") || void 0;
  const blender = await resolveBlender(spec, { out: (t) => info(t), err: (t) => warning(t) });
  const session = await group(
    "Start Blender",
    () => Session.start({ blender: blender.executable, onOutput: (line) => info(line) })
  );
  setSecret(session.token);
  saveState("sessions", JSON.stringify(liveSessionHandles()));
  const pong = await session.request({ type: "ping" }, 3e4);
  if (!pong.ok) throw new Error(`Blender did not answer ping: ${pong.error.message}`);
  const cleanup = await session.close();
  info(formatCleanup(cleanup));
  setOutput("blender-path", blender.executable);
  setOutput("blender-version", session.ready.blender);
  setOutput("leftovers", String(cleanup.leftovers.length));
  if (!cleanup.clean && getInput("fail-on-leak") !== "false") setFailed(formatCleanup(cleanup));
}
run().catch((error) => setFailed(error instanceof Error ? error.message : String(error)));
