"""The asyncio TCP server. Whoever owns the main thread drives its loop (see bootstrap.py)."""

from __future__ import annotations

import asyncio
import hmac
import json
import os
import platform
import sys
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
        self._done: asyncio.Future[None] = self.loop.create_future()
        self._server: asyncio.base_events.Server | None = None

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
        if not self._done.done():
            self._done.set_result(None)

    def run_until_stopped(self) -> None:
        """Background mode: wait in the selector until a quit, a signal or stdin EOF."""
        self.loop.run_until_complete(self._done)

    def poll(self, budget: float = 0.002) -> None:
        """GUI mode: serve for at most `budget` seconds, then give the UI its thread back.

        A request takes several loop turns (accept, read, answer); one turn per timer tick
        would stretch a round trip over many redraws of the interface.
        """
        self.loop.call_later(budget, self.loop.stop)
        self.loop.run_forever()

    def close(self) -> None:
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
                await self._send(writer, self.handle_line(line))
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
        return handler(rid, request)
