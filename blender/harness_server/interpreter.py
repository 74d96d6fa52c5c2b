"""The interpreter Blender runs: named in messages that tell a user how to install into it."""

from __future__ import annotations

import os
import sys


def blender_python() -> tuple[str, str]:
    """Its path and version. sys.executable may be whatever python3.X is first on PATH
    (Debian's Blender), so prefer the one under sys.prefix."""
    version = "%d.%d" % sys.version_info[:2]
    candidate = os.path.join(sys.prefix, "bin", f"python{version}")
    if not os.path.exists(candidate):
        candidate = os.path.join(sys.prefix, "python.exe") if sys.platform == "win32" else sys.executable
    return candidate, sys.version.split()[0]
