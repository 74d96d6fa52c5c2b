"""The asyncio TCP server. Whoever owns the main thread drives its loop (see bootstrap.py)."""

from __future__ import annotations

import asyncio
import collections
import hmac
import json
import os
import platform
import sys
import traceback
from dataclasses import dataclass
from typing import Any, Mapping

from .commands import Commands
from .wire import PROTOCOL_VERSION, fail

READY_PREFIX = "BLENDER_HARNESS_READY "
DEFAULT_MAX_LINE = 16 * 1024 * 1024


@dataclass
class ServerOptions:
    host: str = "127.0.0.1"
    port: int = 0
    token: "str | None" = None  # None turns authentication off
    max_line: int = DEFAULT_MAX_LINE

    @classmethod
    def from_environment(cls, env: Mapping[str, str]) -> "ServerOptions":
        return cls(
            port=int(env.get("BLENDER_HARNESS_PORT") or 0),
            token=env.get("BLENDER_HARNESS_TOKEN") or None,
            max_line=int(env.get("BLENDER_HARNESS_MAX_LINE") or DEFAULT_MAX_LINE),
        )


class Server:
    def __init__(self, options: ServerOptions) -> None:
        self.options = options
        self.commands = Commands(self.request_stop)
        self.stopped = False
        self.stop_reason = ""
        self.port = 0
        self._writers: set[asyncio.StreamWriter] = set()
        self.loop = asyncio.new_event_loop()  # never get_event_loop(): it fails on 3.14
        self._server: asyncio.base_events.Server | None = None
        # Requests wait here for the driver, which runs them with the loop NOT running: code
        # under test may then use asyncio.run() itself, as it could in a plain script.
        self._work: collections.deque[tuple[bytes, asyncio.Future[dict]]] = collections.deque()
        self._waiting = False
        self._unsent = 0

    def start(self) -> None:
        asyncio.set_event_loop(self.loop)
        self._server = self.loop.run_until_complete(
            asyncio.start_server(
                self._serve_client, self.options.host, self.options.port, limit=self.options.max_line
            )
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
        stdin EOF; run the work; repeat."""
        while not self.stopped:
            if not self._work:
                self._waiting = True
                try:
                    self.loop.run_forever()
                finally:
                    self._waiting = False
            self._run_work()

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
            answer = self.handle_line(line)
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
        for writer in list(self._writers):
            writer.close()
        if self._server is not None:
            self._server.close()
        # Let the transports finish closing before the loop goes away.
        self.loop.run_until_complete(asyncio.sleep(0))
        self.loop.close()

    async def _serve_client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        try:
            while not self.stopped:
                try:
                    line = await reader.readline()
                except (ValueError, asyncio.LimitOverrunError):
                    limit = self.options.max_line
                    await self._send(writer, fail(None, "LineTooLong",
                                                  f"request line longer than {limit} bytes; connection closed"))
                    break
                if not line:
                    break
                if not line.strip():
                    continue
                answered: asyncio.Future[dict] = self.loop.create_future()
                self._work.append((line, answered))
                self._unsent += 1
                self._notify()
                try:
                    await self._send(writer, await answered)
                finally:
                    self._unsent -= 1
        except (ConnectionError, OSError):
            pass  # the client went away; nothing to answer
        finally:
            self._writers.discard(writer)
            writer.close()

    async def _send(self, writer: asyncio.StreamWriter, answer: dict) -> None:
        writer.write((json.dumps(answer) + "\n").encode("utf-8"))
        await writer.drain()

    def handle_line(self, line: bytes) -> dict:
        try:
            request = json.loads(line)
        except (UnicodeDecodeError, ValueError) as exc:
            return fail(None, "ProtocolError", f"request is not valid JSON: {exc}")
        if not isinstance(request, dict):
            return fail(None, "ProtocolError", "request must be a JSON object")
        rid = request.get("id")
        expected = self.options.token
        if expected is not None:
            given = request.get("token")
            if not isinstance(given, str) or not hmac.compare_digest(given.encode(), expected.encode()):
                return fail(rid, "AuthError", 'missing or wrong "token"; send the session token with each request')
        kind = request.get("type")
        if kind is None:
            # The reference echo plugin's bare forms: {"code": ...} and {"message": ...}.
            kind = "exec" if "code" in request else "echo" if "message" in request else None
        handler = self.commands.handlers.get(kind) if isinstance(kind, str) else None
        if handler is None:
            known = ", ".join(sorted(self.commands.handlers))
            return fail(rid, "UnknownType", f"unknown request type {kind!r}; known types: {known}")
        try:
            return handler(rid, request)
        except BaseException as exc:  # noqa: BLE001 - e.g. a result whose repr() raises
            # Whatever goes wrong in a handler is this request's answer, never a dead server.
            try:
                detail = str(exc)
            except Exception:  # noqa: BLE001 - its __str__ may be what is broken
                detail = "(its message could not be read)"
            return fail(rid, "InternalError", f"{type(exc).__name__} while answering: {detail}",
                        traceback=traceback.format_exc())
