// Provisioning the machine: what Blender needs from the system before it can start.

export { ensureRunnable, listMissingLibraries, SystemDepsError, type EnsureRunnableOptions } from './system-deps.js';
export { LIBRARY_PACKAGES, describeMissing, missingLibraries, planLibraries, type LibraryPlan } from './libraries.js';
export { usesT64Names } from './apt.js';
