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


def register() -> None:
    """In an interactive Blender, start the server driven by a timer.

    In background mode bootstrap.py starts and drives the server itself, so registering the
    add-on there does nothing more.
    """
    global _gui_server
    import bpy

    if bpy.app.background or _gui_server is not None:
        return
    import os

    options = ServerOptions.from_environment(os.environ)
    _gui_server = Server(options)
    _gui_server.start()
    _gui_server.announce()
    bpy.app.timers.register(_tick, first_interval=0.0, persistent=True)


def _tick() -> "float | None":
    if _gui_server is None:
        return None
    _gui_server.poll()
    if _gui_server.stopped:
        _quit_gui()
        return None
    return 0.01


def _quit_gui() -> None:
    import bpy

    bpy.ops.wm.quit_blender()


def unregister() -> None:
    global _gui_server
    import bpy

    if _gui_server is not None:
        if bpy.app.timers.is_registered(_tick):
            bpy.app.timers.unregister(_tick)
        _gui_server.close()
        _gui_server = None
