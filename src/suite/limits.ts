// Bounds on what flags, inputs and suite files may ask for: past them the machine, or Node
// itself, gives out, and the run must say so up front instead.
import { availableParallelism, totalmem } from 'node:os';

/**
 * The longest wait Node's timers hold: setTimeout takes at most 2^31 - 1 ms and fires at
 * once (after 1 ms, with a warning) for anything longer, so a larger --timeout would fail a
 * passing test immediately. In whole seconds: 2,147,483 s, about 24.8 days.
 */
export const MAX_TIMER_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/** Memory one background Blender session may take, for the worker ceiling. */
const BLENDER_MEMORY = 512 * 2 ** 20;
/** No machine gains from more Blenders than this at once. */
const WORKER_CEILING = 64;

/**
 * The most Blender sessions worth running at once on this machine: two per CPU (tests wait on
 * Blender's start-up and I/O too), no more than memory holds at about 512 MiB each, and never
 * more than 64. More only thrash: 290 Blenders filled a 24 GB machine.
 */
export function maxWorkers(cpus = availableParallelism(), memory = totalmem()): number {
  return Math.max(1, Math.min(WORKER_CEILING, cpus * 2, Math.floor(memory / BLENDER_MEMORY)));
}

/**
 * The worker count to use for `requested`, and a warning when that is fewer than asked: the
 * faces print it (the CLI on stderr, the Action as a warning annotation).
 */
export function capWorkers(requested: number, max = maxWorkers()): { workers: number; warning?: string } {
  if (requested <= max) return { workers: requested };
  return {
    workers: max,
    warning: `${requested} is more Blenders than this machine can run at once; using ${max} (two per CPU, about 512 MiB of memory each, at most ${WORKER_CEILING})`,
  };
}
