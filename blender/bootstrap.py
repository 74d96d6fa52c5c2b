"""What `blender --background --python bootstrap.py -- ...` runs.

Background Blender exits as soon as this script returns, so it keeps the process alive by
driving the server's event loop until a quit request, SIGTERM/SIGINT, or EOF on stdin (the
harness went away, even by SIGKILL). In an interactive Blender (no --background) the script
returns at once and a timer drives the same loop, as when the add-on is enabled by hand.

Arguments after `--`: --port N, --no-auth, --max-line BYTES, --watch-stdin, --addon PATH
(repeatable). The token comes from BLENDER_HARNESS_TOKEN, never from the command line.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys

ERROR_PREFIX = "BLENDER_HARNESS_ERROR "


def parse_args(argv: list[str]) -> argparse.Namespace:
    args = argv[argv.index("--") + 1:] if "--" in argv else []
    parser = argparse.ArgumentParser(prog="bootstrap.py")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--no-auth", action="store_true")
    parser.add_argument("--max-line", type=int, default=0)
    parser.add_argument("--watch-stdin", action="store_true")
    parser.add_argument("--addon", action="append", default=[])
    return parser.parse_args(args)


def report_startup_error(error: dict) -> None:
    sys.stdout.write(ERROR_PREFIX + json.dumps(error) + "\n")
    sys.stdout.flush()


def main() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    # No __pycache__ in the harness's folder (an Action checkout, an npm install) or the
    # author's test folders. Blender's own startup scripts are loaded by now and unaffected.
    sys.dont_write_bytecode = True
    if here not in sys.path:
        sys.path.insert(0, here)
    import bpy
    import harness_server
    from harness_server import addons
    from harness_server.server import DEFAULT_MAX_LINE, Server, ServerOptions

    args = parse_args(sys.argv)
    token = os.environ.get("BLENDER_HARNESS_TOKEN") or None
    if not args.no_auth and token is None:
        report_startup_error({"type": "UsageError",
                              "message": "BLENDER_HARNESS_TOKEN is not set; pass --no-auth to serve without a token"})
        raise SystemExit(1)
    for path in args.addon:
        try:
            addons.install_and_enable(path)
        except addons.AddonError as error:
            report_startup_error(error.as_dict())
            raise SystemExit(1) from None
        except Exception as exc:  # noqa: BLE001 - a broken manifest, a permission error...
            import traceback

            report_startup_error({"type": "AddonError", "message": f"add-on {path}: {type(exc).__name__}: {exc}",
                                  "traceback": traceback.format_exc(), "file": path, "line": None})
            raise SystemExit(1) from None

    server = Server(ServerOptions(port=args.port, token=None if args.no_auth else token,
                                  max_line=args.max_line or DEFAULT_MAX_LINE))
    try:
        server.start()
    except (OSError, OverflowError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        report_startup_error({"type": "PortError", "message": f"cannot listen on 127.0.0.1:{args.port}: {reason}"})
        raise SystemExit(1) from None

    if bpy.app.background and sys.platform != "win32":
        for signum in (signal.SIGTERM, signal.SIGINT):
            server.loop.add_signal_handler(signum, server.request_stop, signal.Signals(signum).name)
    if args.watch_stdin:
        watch_stdin(server)

    if not bpy.app.background:
        harness_server.drive_with_timer(server)  # announces from its first turn
        return
    server.announce()
    server.run_until_stopped()
    server.close()
    print(f"blender-harness: server stopped ({server.stop_reason})", flush=True)


def watch_stdin(server) -> None:  # noqa: ANN001 - Server is imported late, inside main()
    """Stop when stdin reaches EOF: the harness holds the pipe's other end until it exits."""
    fd = sys.stdin.fileno()

    def on_readable() -> None:
        try:
            data = os.read(fd, 65536)
        except OSError:
            data = b""
        if not data:
            server.loop.remove_reader(fd)
            server.request_stop("stdin closed")

    def wait_for_eof() -> None:
        while sys.stdin.buffer.read(65536):
            pass
        server.loop.call_soon_threadsafe(server.request_stop, "stdin closed")

    try:
        server.loop.add_reader(fd, on_readable)
    except (OSError, ValueError, NotImplementedError):
        # Windows pipes and regular files cannot be selected: a daemon thread waits instead.
        import threading

        threading.Thread(target=wait_for_eof, daemon=True).start()

main()
