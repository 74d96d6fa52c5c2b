// One error type for the whole stage, so faces can print `message` as it is and decide the exit
// code from `code` without parsing text. Every message says what happened and what to do.

export type InstallErrorCode =
  | 'BAD_SPEC' // the spec string is not one we understand
  | 'NOT_FOUND' // the spec is well-formed but names nothing that exists
  | 'NO_BUILD_FOR_PLATFORM' // it exists, but not for this OS/arch
  | 'UNSUPPORTED_PLATFORM' // this machine is not one Blender publishes builds for
  | 'LEGACY_RELEASE' // releases with names or formats we do not install
  | 'HTTP' // a definitive HTTP failure (404, 403, ...)
  | 'NETWORK' // connection refused, reset, timed out, after retries
  | 'CHALLENGE' // a Cloudflare (or similar) challenge page instead of the file
  | 'TRUNCATED' // fewer bytes than announced
  | 'CHECKSUM_MISMATCH'
  | 'BAD_CHECKSUM_FILE'
  | 'EXTRACT'
  | 'NO_EXECUTABLE'
  | 'SYSTEM_NOT_FOUND'
  | 'VERSION_PROBE'
  | 'CACHE'
  | 'ABORTED';

export class InstallError extends Error {
  override readonly name = 'InstallError';
  readonly code: InstallErrorCode;

  constructor(code: InstallErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
