import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { blenderScriptsDir } from './paths.js';
import { PROTOCOL_VERSION, READY_PREFIX, STARTUP_ERROR_PREFIX, wire } from './wire.js';

// The server's side of the schema, without Blender: harness_server imports bpy only when it serves.
const PYTHON_SIDE = `
import json, sys
sys.dont_write_bytecode = True
sys.path.insert(0, sys.argv[1])
from harness_server import wire
print(json.dumps({
    "protocol": wire.PROTOCOL_VERSION,
    "ready": wire.READY_PREFIX,
    "startupError": wire.STARTUP_ERROR_PREFIX,
    "token": wire.TOKEN_VARIABLE,
    "answer": wire.fail(7, "BadRequest", "no"),
}))
`;

describe('the wire schema', () => {
  it('gives every stdout line its own prefix, a name and a space', () => {
    const prefixes = Object.values(wire.lines);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const prefix of prefixes) expect(prefix).toMatch(/^BLENDER_HARNESS_[A-Z]+ $/);
    expect([READY_PREFIX, STARTUP_ERROR_PREFIX]).toEqual([wire.lines.ready, wire.lines.startupError]);
  });

  it('is what the server in Blender reads', async () => {
    const { stdout } = await execa('python3', ['-c', PYTHON_SIDE, blenderScriptsDir()]);
    const side = JSON.parse(stdout) as { answer: { error: object } };
    expect(side).toEqual({
      protocol: PROTOCOL_VERSION,
      ready: wire.lines.ready,
      startupError: wire.lines.startupError,
      token: wire.environment.token,
      answer: { id: 7, ok: false, error: { type: 'BadRequest', message: 'no', traceback: null, file: null, line: null } },
    });
    expect(Object.keys(side.answer.error)).toEqual(Object.keys(wire.error));
  });
});
