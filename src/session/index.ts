export { Client, ConnectionClosedError, RequestTimeoutError, type Answer, type Request } from './client.js';
export { parseDisplayMode, wantsVirtualDisplay, type DisplayMode } from './display.js';
export { takeCrashReport } from './crash.js';
export { SessionStartError, type StartFailure } from './errors.js';
export { blenderScriptsDir, bootstrapScript } from './paths.js';
export { Profile } from './profile.js';
export {
  describeExit,
  idle,
  Session,
  killAllSessionsNow,
  tagPrefix,
  TAG_VARIABLE,
  type ExitInfo,
  type ReadyInfo,
  type SessionOptions,
} from './session.js';
export type { CleanupReport, Leftover, StopReport } from './types.js';
export { PROTOCOL_VERSION, wire, type ErrorInfo, type WireSchema } from './wire.js';
