"""The reference echo plugin's loop, for comparison: the same server, driven the way the
reference drives it (kick the loop, then sleep 10 ms), instead of waiting in the selector."""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "blender"))
from harness_server.server import Server, ServerOptions  # noqa: E402

server = Server(ServerOptions(port=0, token=None))
server.start()
server.announce()
while not server.stopped:
    server.kick()
    time.sleep(0.01)
server.close()
