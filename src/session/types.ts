// What a session reports about how it ended and what it left behind.

export interface Leftover {
  pid: number;
  command: string;
  /**
   * How it was found: in Blender's process group, by the session tag, a zombie, a port,
   * holding the output pipes of Blender or of a command (a daemon that escaped group and tag),
   * or in the tree the process supervisor tracks (Linux: anything descended from Blender or
   * a command, whatever it did with its session, environment or stdio; or, with pid 0, that
   * tree was lost because the supervisor was killed).
   */
  found: 'group' | 'tag' | 'zombie' | 'port' | 'pipe' | 'tree';
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
