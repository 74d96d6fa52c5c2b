"""blender-harness server: a TCP server that runs requests on Blender's main thread.

In background mode ``bootstrap.py`` drives the asyncio loop itself, because background
Blender has no event loop and never fires ``bpy.app.timers`` while a script holds the main
thread. Enabled in an interactive Blender, a timer drives the same loop instead.
"""

bl_info = {
    "name": "blender-harness server",
    "author": "blender-harness",
    "version": (0, 1, 0),
    "blender": (3, 3, 0),
    "location": "Runs in the background; see the system console for the port",
    "description": "Newline-delimited JSON server on 127.0.0.1 for running tests in Blender",
    "category": "Development",
}

from .server import Server, ServerOptions  # noqa: E402

_gui_server: "Server | None" = None
_announce_pending = False
POLL_SECONDS = 0.01


def drive_with_timer(server: Server) -> None:
    """Interactive Blender owns the main thread: a timer hands the loop a turn every 10 ms,
    and quits Blender once the server has been told to stop. The READY line waits for the
    first turn: until the window is up (seconds on a software-rendered display) nothing
    would answer."""
    global _gui_server, _announce_pending
    import bpy

    _gui_server, _announce_pending = server, True
    bpy.app.timers.register(_tick, first_interval=0.0, persistent=True)


def _tick() -> "float | None":
    global _announce_pending
    server = _gui_server
    if server is None:
        return None
    if _announce_pending:
        _announce_pending = False
        server.announce()
    server.poll()
    if server.stopped:
        _quit_gui()
        return None
    return POLL_SECONDS


def _quit_gui() -> None:
    global _gui_server
    import bpy

    server, _gui_server = _gui_server, None
    if server is not None:
        server.close()
        print(f"blender-harness: server stopped ({server.stop_reason})", flush=True)
    bpy.ops.wm.quit_blender()


def register() -> None:
    """Enabled in an interactive Blender: serve on BLENDER_HARNESS_PORT (default: a free one)
    with the token from BLENDER_HARNESS_TOKEN, or a fresh one printed to the console: the
    server runs any code it is sent, so it never serves without a token.

    In background mode bootstrap.py starts and drives the server itself; then this does
    nothing.
    """
    import bpy

    if bpy.app.background or _gui_server is not None:
        return
    import os
    import secrets

    options = ServerOptions.from_environment(os.environ)
    if options.token is None:
        options.token = secrets.token_hex(24)
        print(f"blender-harness: token for this session: {options.token}", flush=True)
    server = Server(options)
    server.start()
    print(f"blender-harness: serving on 127.0.0.1:{server.port}", flush=True)
    drive_with_timer(server)


def unregister() -> None:
    global _gui_server
    import bpy

    if bpy.app.timers.is_registered(_tick):
        bpy.app.timers.unregister(_tick)
    if _gui_server is not None:
        _gui_server.close()
        _gui_server = None
