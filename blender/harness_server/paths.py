"""Installed add-on copies mapped back to the author's files, and the harness's own files.

Python names the file it imported: an add-on's installed copy or link, in a folder the author
never sees. Tracebacks, failure locations, captured output and coverage name the author's own.
"""

from __future__ import annotations

import os
import re

# The harness's own folder (blender/: bootstrap.py and this package), as given and resolved.
_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_ROOTS = tuple({os.path.join(_ROOT, ""), os.path.join(os.path.realpath(_ROOT), "")})

# Installed add-on copies and where they came from: (installed path, source path, is a folder).
# Tracebacks name the file Python imported; the author wants the one they passed.
_PATH_MAPS: list[tuple[str, str, bool]] = []


def is_harness_file(filename: str) -> bool:
    """Whether a traceback frame's file is the harness's own (bootstrap.py, this package)."""
    if filename.startswith("<"):
        return False
    return filename.startswith(_ROOTS) or os.path.realpath(filename).startswith(_ROOTS)


def add_path_map(installed: str, source: str) -> None:
    """Report files under ``installed`` (a folder or a single file) as the same files under
    ``source``: an add-on's installed copy or link back to what the author passed."""
    installed = os.path.abspath(installed)
    if os.path.normcase(installed) == os.path.normcase(os.path.abspath(source)):
        return
    entry = (installed, source, os.path.isdir(installed))
    if entry not in _PATH_MAPS:
        _PATH_MAPS.append(entry)


def path_maps() -> list[tuple[str, str, bool]]:
    """Every (installed, source, is_folder) entry so far."""
    return list(_PATH_MAPS)


def map_path(filename: str) -> str:
    """The author's own path for a file inside an installed add-on; any other unchanged."""
    if not filename or filename.startswith("<") or not _PATH_MAPS:
        return filename
    for installed, source, is_folder in _PATH_MAPS:
        if is_folder:
            prefix = os.path.join(installed, "")
            if filename.startswith(prefix):
                return os.path.join(source, filename[len(prefix):])
        elif filename == installed:
            return source
    return filename


def map_quoted_paths(text: str) -> str:
    """Installed add-on paths in already formatted text (a SyntaxError's File line)."""
    for installed, source, is_folder in _PATH_MAPS:
        if is_folder:
            text = text.replace('"' + os.path.join(installed, ""), '"' + os.path.join(source, ""))
        else:
            text = text.replace(f'"{installed}"', f'"{source}"')
    return text


def _as_pytest_shows(path: str) -> str:
    """A path the way pytest's tracebacks print it: relative to the working folder when
    that is shorter (a checkout beside the temp folder: ../blender-harness-XXX/...)."""
    try:
        rel = os.path.relpath(path, os.getcwd())
    except ValueError:  # another drive
        return path
    return rel if len(rel) < len(path) else path


def map_paths_in_text(text: str) -> str:
    """Installed add-on paths anywhere in text (pytest's tracebacks name files unquoted,
    absolute or relative to the working folder)."""
    for installed, source, is_folder in _PATH_MAPS:
        if is_folder:
            installed, source = os.path.join(installed, ""), os.path.join(source, "")
        shown = _as_pytest_shows(installed)
        text = text.replace(installed, source)
        if shown != installed:
            # Only at the start of a line or after a space: never inside a longer path.
            text = re.sub(r"(^|(?<=\s))" + re.escape(shown), lambda _m: _as_pytest_shows(source), text, flags=re.M)
    return text
