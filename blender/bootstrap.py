"""What `blender --background --python bootstrap.py -- ...` runs.

Background Blender exits as soon as this script returns, so it keeps the process alive by
driving the server's event loop until a quit request, SIGTERM/SIGINT, or EOF on stdin (the
harness went away, even by SIGKILL). In an interactive Blender (no --background) the script
returns at once and a timer drives the same loop, as when the add-on is enabled by hand.

Arguments after `--`: --port N, --no-auth, --max-line BYTES, --watch-stdin, --addon PATH
(repeatable: install and enable), --addon-path PATH (repeatable: install only, for suites
that enable the add-on themselves), --python-path DIR (repeatable: put first on sys.path, as
the packages the harness installed for the suite are), --coverage-data DIR and
--coverage-include PATTERN (repeatable: measure with coverage.py, saving into DIR). The token comes from BLENDER_HARNESS_TOKEN, never from
the command line.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time

# Once the harness is gone (stdin EOF), how long a clean stop may take before Blender's
# process group is killed: the harness promises everything is gone within 2 s.
STDIN_GRACE_SECONDS = 1.0


def parse_args(argv: list[str]) -> argparse.Namespace:
    args = argv[argv.index("--") + 1:] if "--" in argv else []
    parser = argparse.ArgumentParser(prog="bootstrap.py")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--no-auth", action="store_true")
    parser.add_argument("--max-line", type=int, default=0)
    parser.add_argument("--watch-stdin", action="store_true")
    parser.add_argument("--addon", action="append", default=[])
    parser.add_argument("--addon-path", action="append", default=[])
    parser.add_argument("--python-path", action="append", default=[])
    parser.add_argument("--coverage-data", default="")
    parser.add_argument("--coverage-include", action="append", default=[])
    return parser.parse_args(args)


def report_startup_error(error: dict) -> None:
    from harness_server.wire import STARTUP_ERROR_PREFIX

    sys.stdout.write(STARTUP_ERROR_PREFIX + json.dumps(error) + "\n")
    sys.stdout.flush()


def main() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    # No __pycache__ in the harness's folder (an Action checkout, an npm install) or the
    # author's test folders. Blender's own startup scripts are loaded by now and unaffected.
    sys.dont_write_bytecode = True
    if here not in sys.path:
        sys.path.insert(0, here)
    args = parse_args(sys.argv)
    # The author's code sees what a plain `blender --background --python` run gives: scripts that
    # read their own arguments after "--" must not meet the harness's (argparse would exit).
    if "--" in sys.argv:
        del sys.argv[sys.argv.index("--") + 1:]
    # Ahead of the Blender's own site-packages: the set the suite asked for wins.
    # Their .pth files are read as in site-packages (addsitedir keeps a folder's place).
    import site

    for path in reversed(args.python_path):
        sys.path.insert(0, path)
        site.addsitedir(path)
    import bpy
    import harness_server
    from harness_server import addons
    from harness_server.server import DEFAULT_MAX_LINE, Server, ServerOptions
    from harness_server.wire import TOKEN_VARIABLE, error_info

    token = os.environ.get(TOKEN_VARIABLE) or None
    if not args.no_auth and token is None:
        report_startup_error(error_info("UsageError", f"{TOKEN_VARIABLE} is not set; pass --no-auth to serve without a token"))
        raise SystemExit(1)
    if args.coverage_data:
        from harness_server import coverage_session

        try:
            coverage_session.start(args.coverage_data, args.coverage_include)
        except coverage_session.CoverageMissing as exc:
            report_startup_error(error_info("CoverageMissing", str(exc)))
            raise SystemExit(1) from None
    # Installed-only add-ons first: an add-on given both ways ends up enabled.
    steps = [(path, addons.install_only) for path in args.addon_path]
    steps += [(path, addons.install_and_enable) for path in args.addon]
    for path, install in steps:
        try:
            install(path)
        except addons.AddonError as error:
            report_startup_error(error.as_dict())
            raise SystemExit(1) from None
        except Exception as exc:  # noqa: BLE001 - a broken manifest, a permission error...
            import traceback

            report_startup_error(error_info("AddonError", f"add-on {path}: {type(exc).__name__}: {exc}",
                                            traceback=traceback.format_exc(), file=path))
            raise SystemExit(1) from None

    if args.coverage_data:
        from harness_server import coverage_session, paths

        coverage_session.record_paths(paths.path_maps())
    server = Server(ServerOptions(port=args.port, token=None if args.no_auth else token,
                                  max_line=args.max_line or DEFAULT_MAX_LINE))
    try:
        server.start()
    except (OSError, OverflowError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        report_startup_error(error_info("PortError", f"cannot listen on 127.0.0.1:{args.port}: {reason}"))
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
    if args.coverage_data:
        from harness_server import coverage_session

        coverage_session.stop()
    print(f"blender-harness: server stopped ({server.stop_reason})", flush=True)


def watch_stdin(server) -> None:  # noqa: ANN001 - Server is imported late, inside main()
    """Stop when stdin reaches EOF: the harness holds the pipe's other end until it exits.

    Watched through a descriptor of its own: pytest's capture puts /dev/null on fd 0 for
    the whole session. Watched by a thread, not by the event loop: a test holding the main
    thread (an endless loop, a long sleep) keeps the loop from running, and Blender must go
    all the same. The thread asks for a clean stop first; if Blender is still there a moment
    later, it kills Blender's process group (Blender and the children that stayed in it).
    On Linux the process supervisor kills the whole tree as well; this is the line that
    holds where there is none (macOS, Windows)."""
    import threading

    fd = os.dup(sys.stdin.fileno())

    def wait_for_eof() -> None:
        try:
            while os.read(fd, 65536):
                pass
        except OSError:
            pass
        try:
            server.loop.call_soon_threadsafe(server.request_stop, "stdin closed")
        except RuntimeError:
            pass  # the loop is closed: Blender is on its way out already
        time.sleep(STDIN_GRACE_SECONDS)
        # Still running: the main thread is busy and will not stop by itself.
        if sys.platform == "win32":
            os._exit(1)
        if os.getpgrp() == os.getpid():  # the group the harness made for Blender, not a shell's job
            os.killpg(os.getpgrp(), signal.SIGKILL)
        os.kill(os.getpid(), signal.SIGKILL)

    threading.Thread(target=wait_for_eof, name="blender-harness stdin watcher", daemon=True).start()


main()
