import { connect, type Socket } from 'node:net';
import { LineSplitter } from './lines.js';
import type { ErrorInfo } from './wire.js';

export type Answer =
  | { id: unknown; ok: true; result: unknown; stdout: string; stderr: string }
  | { id: unknown; ok: false; error: ErrorInfo; stdout?: string; stderr?: string };

export type Request = { type?: string; [key: string]: unknown };

export class RequestTimeoutError extends Error {
  constructor(
    readonly request: Request,
    readonly timeoutMs: number,
  ) {
    super(`request ${String(request.type ?? '')} got no answer within ${timeoutMs / 1000} s`);
    this.name = 'RequestTimeoutError';
  }
}

export class ConnectionClosedError extends Error {
  constructor(message = 'the connection to Blender closed before it answered') {
    super(message);
    this.name = 'ConnectionClosedError';
  }
}

/** The server refused the token: retrying will not help. */
export class AuthRefusedError extends Error {
  constructor(message: string) {
    super(`the server in Blender refused the session token: ${message}`);
    this.name = 'AuthRefusedError';
  }
}

const AUTH_ANSWER_MS = 10_000;

interface Pending {
  resolve: (answer: Answer) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout | undefined;
}

/** Newline-delimited JSON over TCP: request ids, answers matched by id, a timeout each. */
export class Client {
  private nextId = 1;
  private readonly lines = new LineSplitter();
  private readonly pending = new Map<number, Pending>();
  private closedError: Error | undefined;

  private constructor(
    private readonly socket: Socket,
    private readonly token: string | undefined,
  ) {
    socket.setEncoding('utf8');
    socket.setNoDelay(true);
    socket.on('data', (chunk: string) => this.receive(chunk));
    socket.on('close', () => this.failAll(new ConnectionClosedError()));
    socket.on('error', (error) => this.failAll(new ConnectionClosedError(`connection to Blender failed: ${error.message}`)));
  }

  /**
   * Connect, and with a token authenticate at once: the server closes a connection that has
   * not shown the token within a few seconds, and a client may idle long before its first
   * request (the session's own, while a --run command works).
   */
  static async connect(port: number, token?: string, host = '127.0.0.1'): Promise<Client> {
    const client = await new Promise<Client>((resolve, reject) => {
      const socket = connect({ port, host });
      socket.once('connect', () => {
        socket.removeListener('error', reject);
        resolve(new Client(socket, token));
      });
      socket.once('error', reject);
    });
    if (token === undefined) return client;
    try {
      const answer = await client.request({ type: 'ping' }, AUTH_ANSWER_MS);
      if (!answer.ok) throw new AuthRefusedError(answer.error.message);
    } catch (error) {
      client.close();
      throw error;
    }
    return client;
  }

  /** Send a request; its timeout starts now, or once `startAfter` settles (see Session.request). */
  request(request: Request, timeoutMs?: number, startAfter?: Promise<unknown>): Promise<Answer> {
    if (this.closedError) return Promise.reject(this.closedError);
    const id = this.nextId++;
    const line = JSON.stringify({ ...request, id, ...(this.token ? { token: this.token } : {}) });
    return new Promise<Answer>((resolve, reject) => {
      const entry: Pending = { resolve, reject, timer: undefined };
      const startTimer = (): void => {
        if (timeoutMs === undefined || !this.pending.has(id)) return;
        entry.timer = setTimeout(() => {
          this.pending.delete(id);
          reject(new RequestTimeoutError(request, timeoutMs));
        }, timeoutMs);
      };
      this.pending.set(id, entry);
      if (startAfter) startAfter.then(startTimer, startTimer);
      else startTimer();
      this.socket.write(line + '\n');
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private receive(chunk: string): void {
    for (const line of this.lines.push(chunk)) {
      if (!line.trim()) continue;
      let answer: Answer;
      try {
        answer = JSON.parse(line) as Answer;
      } catch {
        this.failAll(new ConnectionClosedError(`the server sent something that is not JSON: ${line.slice(0, 200)}`));
        this.socket.destroy();
        return;
      }
      this.settle(answer);
    }
  }

  private settle(answer: Answer): void {
    // An answer without an id (the server could not read the request) belongs to the oldest;
    // one with an id we no longer wait for (it timed out) belongs to nobody.
    const id = answer.id === null || answer.id === undefined ? this.pending.keys().next().value : answer.id;
    if (typeof id !== 'number' || !this.pending.has(id)) return;
    const entry = this.pending.get(id);
    this.pending.delete(id);
    if (entry?.timer) clearTimeout(entry.timer);
    entry?.resolve(answer);
  }

  private failAll(error: Error): void {
    this.closedError ??= error;
    for (const [id, entry] of this.pending) {
      if (entry.timer) clearTimeout(entry.timer);
      entry.reject(error);
      this.pending.delete(id);
    }
  }
}
