"""coverage.py inside a Blender session, when the harness runs with --coverage.

Started by bootstrap.py before any add-on is installed or enabled, so the lines an add-on
runs at import and in register() count. Data is saved after every request (a test, an exec),
so a test that crashes Blender loses only its own lines. Each session writes its own data file
(``.coverage.<host>.<pid>.<random>``) into the run's folder, with the map from the add-ons'
installed copies back to the author's files beside it; the harness combines them at the end.
"""

from __future__ import annotations

import json
import os
from typing import Any

_cov: Any = None
_data_dir = ""


class CoverageMissing(Exception):
    pass


def start(data_dir: str, include: list[str]) -> None:
    global _cov, _data_dir
    try:
        import coverage
    except ImportError as exc:
        raise CoverageMissing(f"coverage.py is not installed in Blender's Python: {exc}") from None
    _data_dir = data_dir
    _cov = coverage.Coverage(data_file=os.path.join(data_dir, ".coverage"), data_suffix=True, branch=True,
                             include=include or None, config_file=False)
    _cov.start()


def active() -> bool:
    return _cov is not None


def record_paths(path_maps: list[tuple[str, str, bool]]) -> None:
    """Where each add-on was installed and where its author keeps it: the combine step maps
    the measured copies back onto the author's files."""
    if _cov is None or not path_maps:
        return
    target = os.path.join(_data_dir, f"paths.{os.getpid()}.json")
    with open(target + ".tmp", "w", encoding="utf-8") as f:
        json.dump([{"installed": i, "source": s, "folder": d} for i, s, d in path_maps], f)
    os.replace(target + ".tmp", target)


def checkpoint() -> None:
    """Flush what was measured into the data file (SQLite commits it). Not save(): from
    coverage.py 7.10 the first save() names the file after a hash of the data so far and
    `combine` skips files with the same name, so two sessions whose first save held the same
    lines (the add-on's import) would keep only one of them."""
    if _cov is not None:
        try:
            _cov.get_data()
        except Exception as exc:  # noqa: BLE001 - a full disk must not fail the test that just ran
            print(f"blender-harness: could not save coverage data: {exc}", flush=True)


def stop() -> None:
    global _cov
    if _cov is not None:
        _cov.stop()
        try:
            _cov.save()
        except Exception as exc:  # noqa: BLE001 - Blender is stopping either way
            print(f"blender-harness: could not save coverage data: {exc}", flush=True)
        _cov = None
