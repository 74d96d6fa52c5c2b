export type StartFailure = 'not-found' | 'exited' | 'timeout' | 'addon' | 'port' | 'usage';

/** Blender did not come up: why, and what it printed on the way down. */
export class SessionStartError extends Error {
  constructor(
    readonly reason: StartFailure,
    message: string,
    readonly log: string = '',
    readonly traceback: string | null = null,
  ) {
    super(message);
    this.name = 'SessionStartError';
  }
}
