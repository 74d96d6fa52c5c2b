"""The asyncio TCP server. Whoever owns the main thread drives its loop (see bootstrap.py).

Connections are refused before they are trusted. With a token, a new connection is
*waiting* until a request carrying the token arrives, and while it waits it may buffer no
more than a few KiB, it must authenticate within a few seconds of the loop's time, it gets
only a few answers to requests without the token, and only so many connections may wait at
once. Once a request with the right token arrives the connection is *trusted*: its lines
may be as long as ``max_line`` and it may stay idle. Every request still carries the token.
"""

from __future__ import annotations

import asyncio
import collections
import hmac
import json
import math
import os
import platform
import re
import sys
import traceback
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Union

from . import coverage_session
from .commands import Commands
from .wire import MAX_LINE_VARIABLE, PORT_VARIABLE, PROTOCOL_VERSION, READY_PREFIX, TOKEN_VARIABLE, fail, jsonable

DEFAULT_MAX_LINE = 16 * 1024 * 1024

# A "token" field within the first bytes of a longer request: the sender knows the token.
_TOKEN_FIELD = re.compile(rb'"token"\s*:\s*"((?:[^"\\\r\n]|\\.){1,1024})"')
_NOT_BLANK = re.compile(rb"[^ \t\r\n]")
_SWEEP_SECONDS = 0.25
# A connection refused while it is still sending is kept, unread, for a moment after its
# answer and end of stream: closed at once with data unread, it would get a reset, and a
# client busy writing drops the answer that came before it.
_LINGER_SECONDS = 0.5
_MAX_LINGERING = 64


@dataclass
class ServerOptions:
    host: str = "127.0.0.1"
    port: int = 0
    token: "str | None" = None  # None turns authentication off
    max_line: int = DEFAULT_MAX_LINE
    # Until a connection has sent a request with the token:
    auth_timeout: float = 5.0  # seconds of the loop's time (not counting requests run meanwhile)
    pre_auth_line: int = 4096  # a longer first request must have its "token" field in these bytes...
    pre_auth_budget: "int | None" = None  # ...or fit in this allowance shared by all (default max_line)
    pre_auth_strikes: int = 16  # answers to requests without the right token, then closed
    max_pending: int = 64  # connections waiting for their token; past it the longest waiting goes
    max_connections: int = 256  # all connections; past it new ones are closed at once

    @classmethod
    def from_environment(cls, env: Mapping[str, str]) -> "ServerOptions":
        return cls(
            port=int(env.get(PORT_VARIABLE) or 0),
            token=env.get(TOKEN_VARIABLE) or None,
            max_line=int(env.get(MAX_LINE_VARIABLE) or DEFAULT_MAX_LINE),
        )


def _valid_id(rid: Any) -> bool:
    """Ids are echoed: only what encodes as JSON again (Python reads NaN and 1e999 as floats)."""
    if rid is None or isinstance(rid, (str, bool, int)):
        return True
    return isinstance(rid, float) and math.isfinite(rid)


def _describe(exc: BaseException) -> str:
    try:
        text = str(exc)
    except Exception:  # noqa: BLE001 - its __str__ may be what is broken
        text = ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def parse_request(line: bytes) -> "tuple[dict | None, dict | None]":
    """A request line as (request, None), or (None, the error answer). Never raises: deep
    nesting (RecursionError), numbers Python will not convert, invalid UTF-8, not an object,
    an id that could not be echoed as JSON."""
    try:
        request = json.loads(line)
    except RecursionError:
        return None, fail(None, "ProtocolError", "request is not valid JSON: it is nested too deeply")
    except Exception as exc:  # noqa: BLE001 - ValueError, UnicodeDecodeError, MemoryError...
        return None, fail(None, "ProtocolError", f"request is not valid JSON: {_describe(exc)}")
    if not isinstance(request, dict):
        return None, fail(None, "ProtocolError", "request must be a JSON object")
    if not _valid_id(request.get("id")):
        return None, fail(None, "ProtocolError", '"id" must be a string, a finite number or null')
    return request, None


class Server:
    def __init__(self, options: ServerOptions) -> None:
        self.options = options
        self.commands = Commands(self)
        self.stopped = False
        self.stop_reason = ""
        self.port = 0
        self.loop = asyncio.new_event_loop()  # never get_event_loop(): it fails on 3.14
        self._server: asyncio.base_events.Server | None = None
        # Requests wait here for the driver, which runs them with the loop NOT running: code
        # under test may then use asyncio.run() itself, as it could in a plain script. A
        # request is its line, or already parsed (the one that authenticated a connection).
        self._work: collections.deque[tuple[Union[bytes, dict], asyncio.Future[dict]]] = collections.deque()
        self._waiting = False
        self._unsent = 0
        # The requests being handled, innermost last (see reply_now).
        self._replies: list[asyncio.Future[dict]] = []
        # Connections: waiting for their token (oldest first), and trusted.
        self._pending: dict[_Connection, None] = {}
        self._trusted: set[_Connection] = set()
        self._pre_auth_bytes = 0
        self._sweeper: asyncio.TimerHandle | None = None
        self._sweep_last = 0.0
        self._sweep_due = 0.0
        self._lingering: set[_Connection] = set()

    def start(self) -> None:
        asyncio.set_event_loop(self.loop)
        self._server = self.loop.run_until_complete(
            self.loop.create_server(lambda: _Connection(self), self.options.host, self.options.port)
        )
        self.port = self._server.sockets[0].getsockname()[1]

    def announce(self) -> None:
        import bpy

        ready = {
            "port": self.port,
            "pid": os.getpid(),
            "blender": bpy.app.version_string,
            "python": platform.python_version(),
            "protocol": PROTOCOL_VERSION,
            "auth": self.options.token is not None,
        }
        sys.stdout.write(READY_PREFIX + json.dumps(ready) + "\n")
        sys.stdout.flush()

    def request_stop(self, reason: str = "quit") -> None:
        if self.stopped:
            return
        self.stopped, self.stop_reason = True, reason
        self._notify()

    def _notify(self) -> None:
        # Stops the loop after this turn, handing control back to run_until_stopped().
        if self._waiting:
            self.loop.stop()

    def run_until_stopped(self) -> None:
        """Background mode: wait in the selector until there is work, a quit, a signal or
        stdin EOF; run the work; repeat.

        A request's handler may call this again (the pytest session serves the requests
        that follow its collect from inside pytest's test loop): the loop is never running
        while work runs, so the nested call drives it the same way."""
        while not self.stopped:
            if not self._work:
                self._waiting = True
                try:
                    self.loop.run_forever()
                finally:
                    self._waiting = False
            self._run_work()

    def reply_now(self, answer: dict) -> None:
        """Answer the request being handled before its handler returns; the next turn of
        the loop sends it."""
        if self._replies and not self._replies[-1].done():
            self._replies[-1].set_result(answer)

    def poll(self, budget: float = 0.002) -> None:
        """GUI mode: serve for at most `budget` seconds, then give the UI its thread back.

        A request takes several loop turns (accept, read, answer); one turn per timer tick
        would stretch a round trip over many redraws of the interface.
        """
        self.loop.call_later(budget, self.loop.stop)
        self.loop.run_forever()
        if self._run_work():
            self.loop.call_soon(self.loop.stop)  # one more turn writes the answers
            self.loop.run_forever()

    def kick(self) -> None:
        """One turn of the loop and whatever work it brought: the reference echo plugin's
        kick_async_loop(), kept for the benchmark that compares against it."""
        self.loop.call_soon(self.loop.stop)
        self.loop.run_forever()
        self._run_work()

    def _run_work(self) -> bool:
        ran = bool(self._work)
        while self._work:
            line, answered = self._work.popleft()
            self._replies.append(answered)
            try:
                answer = self.handle_line(line)
            finally:
                self._replies.pop()
            if not answered.done():
                answered.set_result(answer)
            # asyncio.run() in the code just run leaves no current loop behind; restore ours.
            asyncio.set_event_loop(self.loop)
        return ran

    def _flush(self, timeout: float = 2.0) -> None:
        """Deliver the answers still queued (the quit's own among them) before closing."""

        async def sent() -> None:
            while self._unsent:
                await asyncio.sleep(0.001)

        try:
            self.loop.run_until_complete(asyncio.wait_for(sent(), timeout))
        except asyncio.TimeoutError:
            pass  # a client that stopped reading does not hold up the exit

    def close(self) -> None:
        self._flush()
        if self._sweeper is not None:
            self._sweeper.cancel()
            self._sweeper = None
        for connection in [*self._pending, *self._trusted]:
            connection._close()
        for connection in list(self._lingering):
            connection._hard_close()
        if self._server is not None:
            self._server.close()
        # Let the transports finish closing before the loop goes away.
        self.loop.run_until_complete(asyncio.sleep(0))
        self.loop.close()

    # connections: who gets in, and for how long without the token

    def _admit(self, connection: _Connection) -> None:
        options = self.options
        auth = options.token is not None
        if auth and len(self._pending) >= options.max_pending:
            self._evict_oldest_pending()
        if len(self._pending) + len(self._trusted) >= options.max_connections and not self._evict_oldest_pending():
            self._drop(connection)  # never counted
            connection.refuse("TooManyConnections",
                              f"{options.max_connections} connections are open already; connection closed")
            return
        if not auth:
            connection.trusted = True
            self._trusted.add(connection)
            return
        # Every connection, the harness's own included (it pings with the token the moment
        # it connects), has the same deadline and byte limits until its token arrives.
        self._pending[connection] = None
        connection.read_small(True)
        if self._sweeper is None:
            now = self.loop.time()
            self._sweep_last, self._sweep_due = now, now + _SWEEP_SECONDS
            self._sweeper = self.loop.call_at(self._sweep_due, self._sweep)

    def _evict_oldest_pending(self) -> bool:
        for connection in self._pending:
            connection.refuse("TooManyConnections", f"{self.options.max_pending} connections are waiting to send "
                              "the session token; the one waiting longest is closed")
            return True
        return False

    def _sweep(self) -> None:
        """Close waiting connections whose time is up. Only time the loop could serve them
        counts: while a request runs the loop stands still (a late sweep is that time)."""
        self._sweeper = None
        now = self.loop.time()
        running = max(0.0, (now - self._sweep_last) - max(0.0, now - self._sweep_due))
        self._sweep_last = now
        timeout = self.options.auth_timeout
        waiting = False
        for connection in list(self._pending):
            connection.waited += min(running, now - connection.accepted)
            if connection.waited >= timeout:
                connection.refuse("AuthError", f"no request with the session token within {timeout:g} s; "
                                  "connection closed")
            else:
                waiting = True
        if waiting and not self.stopped:
            self._sweep_due = now + _SWEEP_SECONDS
            self._sweeper = self.loop.call_at(self._sweep_due, self._sweep)

    def _trust(self, connection: _Connection) -> None:
        self._pending.pop(connection, None)
        connection.trusted = True
        connection._release()
        connection.read_small(False)
        self._trusted.add(connection)

    def _drop(self, connection: _Connection) -> None:
        self._pending.pop(connection, None)
        self._trusted.discard(connection)

    def _reserve(self, connection: _Connection, size: int) -> bool:
        """Let a waiting connection's line grow to `size` bytes from the shared allowance."""
        budget = self.options.pre_auth_budget
        if budget is None:
            budget = self.options.max_line
        more = size - connection.budgeted
        if self._pre_auth_bytes + more > budget:
            return False
        self._pre_auth_bytes += more
        connection.budgeted = size
        return True

    def _token_ok(self, given: Any) -> bool:
        expected = self.options.token
        if expected is None:
            return True
        return isinstance(given, str) and hmac.compare_digest(given.encode("utf-8", "surrogatepass"), expected.encode())

    def _has_token(self, window: bytes) -> bool:
        for match in _TOKEN_FIELD.finditer(window):
            try:
                given = json.loads(b'"' + match.group(1) + b'"')
            except Exception:  # noqa: BLE001 - a broken escape: not the token
                continue
            if self._token_ok(given):
                return True
        return False

    # answers

    def encode(self, answer: dict) -> bytes:
        """An answer as one line of valid JSON, whatever a handler put in it."""
        try:
            return (json.dumps(answer, allow_nan=False) + "\n").encode("utf-8")
        except Exception as exc:  # noqa: BLE001 - NaN, an int too long to print, a cycle...
            problem = exc
        try:
            return (json.dumps(jsonable(answer), allow_nan=False) + "\n").encode("utf-8")
        except Exception:  # noqa: BLE001
            pass
        rid = answer.get("id") if isinstance(answer, dict) else None
        safe = fail(rid if _valid_id(rid) else None, "InternalError",
                    f"the answer could not be encoded as JSON: {_describe(problem)}")
        try:
            return (json.dumps(safe, allow_nan=False) + "\n").encode("utf-8")
        except Exception:  # noqa: BLE001 - an int id too long to print
            return (json.dumps(fail(None, "InternalError", "the answer could not be encoded as JSON")) + "\n").encode()

    def handle_line(self, line: "bytes | dict") -> dict:
        """The answer to one request (its line, or the request already parsed). Never raises."""
        if isinstance(line, dict):
            request: "dict | None" = line
        else:
            request, error = parse_request(line)
            if request is None:
                return error  # type: ignore[return-value]
        rid = request.get("id")
        if not self._token_ok(request.get("token")):
            return fail(rid, "AuthError", 'missing or wrong "token"; send the session token with each request')
        kind = request.get("type")
        if kind is None:
            # The reference echo plugin's bare forms: {"code": ...} and {"message": ...}.
            kind = "exec" if "code" in request else "echo" if "message" in request else None
        handler = self.commands.handlers.get(kind) if isinstance(kind, str) else None
        if handler is None:
            known = ", ".join(sorted(self.commands.handlers))
            try:
                shown = repr(kind)[:200]
            except Exception:  # noqa: BLE001 - a kind nested too deeply to repr
                shown = f"a {type(kind).__name__}"
            return fail(rid, "UnknownType", f"unknown request type {shown}; known types: {known}")
        try:
            return self._answer(handler, rid, request)
        finally:
            # A test that crashes Blender next loses only its own lines.
            if kind not in ("ping", "echo") and coverage_session.active():
                coverage_session.checkpoint()

    @staticmethod
    def _answer(handler: Callable[[Any, dict], dict], rid: Any, request: dict) -> dict:
        try:
            return handler(rid, request)
        except BaseException as exc:  # noqa: BLE001 - e.g. a result whose repr() raises
            # Whatever goes wrong in a handler is this request's answer, never a dead server.
            try:
                detail = str(exc)
            except Exception:  # noqa: BLE001 - its __str__ may be what is broken
                detail = "(its message could not be read)"
            try:
                trace = traceback.format_exc()
            except Exception:  # noqa: BLE001 - e.g. a traceback too deep to format
                trace = None
            return fail(rid, "InternalError", f"{type(exc).__name__} while answering: {detail}", traceback=trace)


class _Connection(asyncio.Protocol):
    """One client: splits its bytes into lines and answers them one at a time, in order.

    Waiting (not yet authenticated) connections have their lines checked and answered right
    here; requests of trusted ones go to the server's work queue and run on the main thread
    when the driver gets to them."""

    def __init__(self, server: "Server") -> None:
        self.server = server
        self.transport: "asyncio.Transport | None" = None
        self.buffer = bytearray()
        self.start = 0  # where the unread part of buffer begins
        self.scanned = 0  # buffer holds no newline before this offset
        self.trusted = False
        self.accepted = 0.0
        self.waited = 0.0  # the loop's time spent waiting for the token
        self.strikes = 0
        self.presented = False  # a "token" field in the first bytes of the line being read
        self.window_checked = False
        self.budgeted = 0  # bytes of the shared allowance this connection holds
        self.busy = False  # a request of it is queued or running
        self.closed = False
        self.eof = False
        self.write_paused = False
        self.read_paused = False
        self.discarding = False  # refused, kept unread for a moment (see refuse)
        self.linger_handle: "asyncio.TimerHandle | None" = None

    # asyncio.Protocol

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        self.accepted = self.server.loop.time()
        self.server._admit(self)

    def data_received(self, data: bytes) -> None:
        if self.closed:
            return
        try:
            self.buffer += data
            self._advance()
        except Exception as exc:  # noqa: BLE001 - a client's bytes never take the server down
            self.refuse("InternalError", f"{_describe(exc)} while reading the request; connection closed", linger=True)

    def eof_received(self) -> bool:
        # The client is done sending: answer what it sent (a last line may lack its
        # newline, as `printf ... | nc` sends it), then close.
        if self.closed:
            return False
        self.eof = True
        try:
            self._advance()
        except Exception:  # noqa: BLE001
            self._close()
        return True  # keep the transport open for the answers

    def connection_lost(self, exc: "Exception | None") -> None:
        self._forget()
        self._stop_lingering()

    def pause_writing(self) -> None:
        self.write_paused = True

    def resume_writing(self) -> None:
        self.write_paused = False
        if not self.closed:
            self._advance()

    # reading

    def read_small(self, small: bool) -> None:
        """Read a waiting connection a few KiB at a time (asyncio's selector transports read
        up to 256 KiB): a flood of junk costs a small read before it is refused."""
        transport = self.transport
        if transport is None or not isinstance(getattr(transport, "max_size", None), int):
            return
        if small:
            transport.max_size = 2 * self.server.options.pre_auth_line  # type: ignore[attr-defined]
        elif "max_size" in vars(transport):
            del transport.max_size  # type: ignore[attr-defined]

    def _advance(self) -> None:
        """Take the complete lines in the buffer while nothing of this connection is in flight."""
        server = self.server
        buf = self.buffer
        while not (self.closed or self.busy or self.write_paused or server.stopped):
            if self.start == self.scanned:
                # Blank lines between requests are skipped in one go, however many.
                first = _NOT_BLANK.search(buf, self.start)
                if first is None:
                    self._consume(len(buf))
                    if self.eof:
                        self._close()
                        return
                    break
                if first.start() > self.start:
                    self._consume(first.start())
            newline = buf.find(b"\n", max(self.start, self.scanned))
            if newline < 0:
                self.scanned = len(buf)
                if self.eof:
                    rest = bytes(buf[self.start:])
                    self._consume(len(buf))
                    if rest and not rest.isspace():
                        self._take(rest)
                        continue
                    self._close()
                    return
                self._check_size(len(buf) - self.start)
                break
            if not self._check_size(newline - self.start):
                return
            line = bytes(buf[self.start:newline])
            self._consume(newline + 1)
            if line and not line.isspace():
                self._take(line)
        if self.closed:
            return
        if self.start and (self.start >= len(buf) or self.start > 65536 and self.start * 2 > len(buf)):
            del buf[:self.start]
            self.scanned = max(0, self.scanned - self.start)
            self.start = 0
        # A trusted client pipelining more than a line's worth while one runs waits in TCP.
        transport = self.transport
        if transport is not None:
            full = len(buf) - self.start > server.options.max_line
            if full and not self.read_paused:
                self.read_paused = True
                transport.pause_reading()
            elif not full and self.read_paused:
                self.read_paused = False
                transport.resume_reading()

    def _consume(self, end: int) -> None:
        """A line is complete (or abandoned): it no longer holds any of the shared allowance."""
        self.start = end
        self.scanned = end
        self.presented = self.window_checked = False
        self._release()

    def _check_size(self, size: int) -> bool:
        """Limits on the line being read, `size` bytes so far (complete or not); False once
        the connection is refused."""
        options = self.server.options
        if self.trusted or self.presented:
            if size > options.max_line:
                self.refuse("LineTooLong", f"request line longer than {options.max_line} bytes; connection closed", linger=True)
                return False
            return True
        limit = options.pre_auth_line
        if size <= limit:
            return True
        if not self.window_checked:
            self.window_checked = True
            window = bytes(self.buffer[self.start:self.start + limit])
            if self.server._has_token(window):
                self.presented = True
                self.read_small(False)
                return self._check_size(size)
            if not window.lstrip().startswith(b"{"):
                self.refuse("LineTooLong", f"a connection's first request may be at most {limit} bytes "
                            "unless it is a JSON object with the session token; connection closed", linger=True)
                return False
            self.read_small(False)
        # A first request with its token further in (a client that sends the token last):
        # buffered only while the allowance all waiting connections share lasts.
        if not self.server._reserve(self, size):
            self.refuse("LineTooLong", f"a request of more than {limit} bytes from a connection that has not "
                        'sent the session token yet: send "token" first, or a small request with it first; '
                        "connection closed", linger=True)
            return False
        if size > options.max_line:
            self.refuse("LineTooLong", f"request line longer than {options.max_line} bytes; connection closed",
                        linger=True)
            return False
        return True

    def _release(self) -> None:
        if self.budgeted:
            self.server._pre_auth_bytes -= self.budgeted
            self.budgeted = 0

    def _take(self, line: bytes) -> None:
        server = self.server
        if self.trusted:
            self._queue(line)
            return
        request, error = parse_request(line)
        if request is None:
            self._strike(error)  # type: ignore[arg-type]
        elif server._token_ok(request.get("token")):
            server._trust(self)
            self._queue(request)
        else:
            self._strike(fail(request.get("id"), "AuthError",
                              'missing or wrong "token"; send the session token with each request'))

    def _strike(self, answer: dict) -> None:
        self.write(answer)
        self.strikes += 1
        if self.strikes >= self.server.options.pre_auth_strikes:
            self.refuse("AuthError", f"{self.strikes} requests without the session token; connection closed",
                        linger=True)

    def _queue(self, line: "bytes | dict") -> None:
        server = self.server
        answered: asyncio.Future[dict] = server.loop.create_future()
        answered.add_done_callback(self._answered)
        self.busy = True
        server._unsent += 1
        server._work.append((line, answered))
        server._notify()

    def _answered(self, answered: "asyncio.Future[dict]") -> None:
        self.server._unsent -= 1
        self.busy = False
        if self.closed:
            return
        try:
            answer = answered.result()
        except BaseException as exc:  # noqa: BLE001 - cancelled, or set with an exception
            answer = fail(None, "InternalError", f"{_describe(exc)} while answering")
        self.write(answer)
        try:
            self._advance()
        except Exception as exc:  # noqa: BLE001
            self.refuse("InternalError", f"{_describe(exc)} while reading the request; connection closed", linger=True)

    # writing and closing

    def write(self, answer: dict) -> None:
        transport = self.transport
        if self.closed or transport is None or transport.is_closing():
            return
        transport.write(self.server.encode(answer))

    def refuse(self, error_type: str, message: str, linger: bool = False) -> None:
        """Tell the client why, and close. `linger` when it may still be sending: then it is
        left unread (its sends stall, costing nothing) for a moment before the close, so
        that it reads the answer rather than a reset."""
        if self.closed:
            return
        self.write(fail(None, error_type, message))
        transport = self.transport
        server = self.server
        if (not linger or transport is None or len(server._lingering) >= _MAX_LINGERING
                or not transport.can_write_eof() or transport.get_write_buffer_size()):
            self._close()
            return
        self._forget()
        self.discarding = True
        server._lingering.add(self)
        transport.write_eof()
        if not self.read_paused:
            self.read_paused = True
            transport.pause_reading()
        self.linger_handle = server.loop.call_later(_LINGER_SECONDS, self._hard_close)

    def _hard_close(self) -> None:
        self._stop_lingering()
        if self.transport is not None:
            self.transport.abort()

    def _stop_lingering(self) -> None:
        if self.linger_handle is not None:
            self.linger_handle.cancel()
            self.linger_handle = None
        self.server._lingering.discard(self)

    def _close(self) -> None:
        if self.closed:
            return
        self._forget()
        transport = self.transport
        if transport is not None:
            # An answer the client does not read must not keep the socket open.
            if transport.get_write_buffer_size():
                transport.abort()
            else:
                transport.close()

    def _forget(self) -> None:
        self.closed = True
        self._release()
        self.buffer = bytearray()
        self.start = self.scanned = 0
        self.server._drop(self)
