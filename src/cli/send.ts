import { parseArgs } from 'node:util';
import { Client, ConnectionClosedError, RequestTimeoutError, wire } from '../session/index.js';
import { parseNumber, UsageError, type Io } from './usage.js';

export const sendHelp = `blender-harness send '<json>' [--port N] [--token T] [--timeout S]
  Sends one request to a running session and prints the answer. Port and token default to
  BLENDER_HARNESS_PORT and BLENDER_HARNESS_TOKEN.`;

export async function sendCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, token: { type: 'string' }, timeout: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new UsageError(`send takes one JSON request, e.g. '{"type":"ping"}'`);
  let request: unknown;
  try {
    request = JSON.parse(positionals[0] ?? '');
  } catch (error) {
    throw new UsageError(`the request is not valid JSON (${(error as Error).message}); quote it for the shell: '{"type":"ping"}'`);
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    throw new UsageError('the request must be a JSON object such as {"type":"ping"}');
  }
  const port = parseNumber('--port', values.port ?? process.env[wire.environment.port], 0, 1);
  if (!port) throw new UsageError('no port: pass --port N or set BLENDER_HARNESS_PORT (blender-harness serve prints both)');
  const token = values.token ?? process.env[wire.environment.token];
  let client: Client;
  try {
    client = await Client.connect(port, token);
  } catch (error) {
    throw new UsageError(`nothing answers on 127.0.0.1:${port} (${(error as Error).message}); is the session still running?`);
  }
  const timeout = parseNumber('--timeout', values.timeout, 60, 0.001);
  try {
    const answer = await client.request(request as Record<string, unknown>, timeout * 1000);
    io.out(JSON.stringify(answer, null, 2) + '\n');
    return answer.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof RequestTimeoutError) {
      throw new UsageError(
        `no answer from 127.0.0.1:${port} within ${timeout} s; Blender may still be running the request: raise --timeout for slow requests`,
      );
    }
    if (error instanceof ConnectionClosedError) {
      const why = error.message.replace(/\s+/g, ' ').trim();
      throw new UsageError(
        `127.0.0.1:${port} closed the connection without an answer (${why}): is it a blender-harness session? ` +
          '`blender-harness serve` prints its port and token',
      );
    }
    throw error;
  } finally {
    client.close();
  }
}
