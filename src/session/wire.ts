// What the harness and the server in Blender agree on, from the one file both sides read:
// esbuild inlines blender/harness_server/wire.json into dist/ (vitest and tsx load it as a JSON
// module), and the server reads the same file when it starts. Change it there, never here.
import schema from '../../blender/harness_server/wire.json' with { type: 'json' };

/** An error as the server in Blender describes it: a failed request, or a server that could not start. */
export interface ErrorInfo {
  type: string;
  message: string;
  traceback: string | null;
  file: string | null;
  line: number | null;
}

export interface WireSchema {
  /** The server announces its own in the READY line; a different one means mismatched releases. */
  readonly protocol: number;
  /** Prefixes of the lines Blender's side prints on stdout, each followed by one JSON object. */
  readonly lines: {
    /** The server listens: a ReadyInfo. */
    readonly ready: string;
    /** bootstrap.py could not start the server: an ErrorInfo. */
    readonly startupError: string;
    /** The answer of python_packages.py. */
    readonly packages: string;
    /** The answer of coverage_report.py. */
    readonly coverage: string;
  };
  /** Each field of an error object, with what it holds. */
  readonly error: Readonly<Record<keyof ErrorInfo, string>>;
  /** Environment variables the server reads (the port and line limit only when enabled by hand). */
  readonly environment: { readonly port: string; readonly token: string; readonly maxLine: string };
}

type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
type Expect<T extends true> = T;
/** Does not compile when wire.json lists other error fields than ErrorInfo has. */
export type ErrorFieldsMatch = Expect<SameKeys<typeof schema.error, ErrorInfo>>;

export const wire: WireSchema = schema;

/** The wire protocol this harness speaks. */
export const PROTOCOL_VERSION = wire.protocol;
export const READY_PREFIX = wire.lines.ready;
export const STARTUP_ERROR_PREFIX = wire.lines.startupError;
