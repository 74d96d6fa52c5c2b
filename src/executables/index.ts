// Programs on this machine: whether a file may be run, where a name is on PATH, and what a
// Blender says its version is. A leaf like the transport: it imports nothing else of ours, so
// the install, provisioning and session stages share it without depending on one another.

export { isRunnableFile, which } from './runnable.js';
export { parseVersionOutput, runVersion, type VersionRun, type VersionRunOptions } from './version.js';
