// What a session reports about how it ended and what it left behind.

export interface Leftover {
  pid: number;
  command: string;
  /**
   * How it was found: in Blender's process group, by the session tag, a zombie, a port, or
   * holding the output pipes of Blender or of a command (a daemon that escaped group and tag).
   */
  found: 'group' | 'tag' | 'zombie' | 'port' | 'pipe';
  /** Whether the harness killed it after finding it. */
  killed: boolean;
}

export interface StopReport {
  /** Which step ended Blender: our quit request, SIGTERM, SIGKILL, or it was already gone. */
  stoppedBy: 'quit' | 'SIGTERM' | 'SIGKILL' | 'exited';
  stopMs: number;
  exitCode: number | null;
  signal: string | null;
}

export interface CleanupReport {
  clean: boolean;
  leftovers: Leftover[];
  /** The server port still bound after stop, if it was. */
  portBound: number | null;
  stops: StopReport[];
}
