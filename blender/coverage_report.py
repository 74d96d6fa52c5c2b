"""What `blender --background --factory-startup --python coverage_report.py -- REQUEST.json` runs.

Combines the coverage data every session of a run saved (workers, restarts after a crash)
into one, maps the add-ons' installed copies back onto the author's files, and writes the
reports: JSON (the harness's tables and its LCOV file) and Cobertura XML, with paths
relative to the working folder. Runs in Blender's Python because that is where coverage.py is installed.

Request: {"data_dir", "sources": [absolute paths], "json", "xml" (or null), "python_paths"}.
The last line printed is `BLENDER_HARNESS_COVERAGE {json}`.
"""

from __future__ import annotations

import glob
import json
import os
import sys


def _answer_prefix(name: str) -> str:
    # From the schema the harness reads too. Read as a file: importing harness_server would
    # load the whole server into a script that needs none of it.
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "harness_server", "wire.json")
    with open(path, encoding="utf-8") as file:
        return json.load(file)["lines"][name]


MARK = _answer_prefix("coverage")


def answer(value: dict) -> None:
    sys.stdout.write("\n" + MARK + json.dumps(value) + "\n")
    sys.stdout.flush()


def config_text(sources: list[str], maps: list[dict]) -> str:
    folders = [s for s in sources if os.path.isdir(s)]
    lines = ["[run]", "branch = True", "disable_warnings = no-data-collected module-not-measured"]
    if folders:
        # Unexecuted files under a source folder count too (0%), as with pytest-cov's --cov.
        lines += ["source ="] + [f"    {f}" for f in folders]
    lines += ["[paths]"]
    # Folders before single files: the first alias that matches a path wins.
    ordered = sorted(maps, key=lambda m: not m["folder"])
    for n, m in enumerate(ordered):
        if m["folder"]:
            canonical, copy = os.path.join(m["source"], ""), os.path.join(m["installed"], "")
        else:
            canonical, copy = os.path.join(os.path.dirname(m["source"]), ""), os.path.join(os.path.dirname(m["installed"]), "")
        lines += [f"alias{n} =", f"    {canonical}", f"    {copy}"]
    return "\n".join(lines) + "\n"


def relative_xml(path: str, cwd: str) -> None:
    """Cobertura's <source> and filenames, relative to the working folder, as CI services read them."""
    import xml.etree.ElementTree as ET

    tree = ET.parse(path)
    root = tree.getroot()
    sources = [s.text or "" for s in root.iter("source")]
    for cls in root.iter("class"):
        name = cls.get("filename", "")
        full = name if os.path.isabs(name) else next(
            (os.path.join(s, name) for s in sources if os.path.exists(os.path.join(s, name))), os.path.join(cwd, name))
        cls.set("filename", os.path.relpath(full, cwd).replace(os.sep, "/"))
    holder = root.find("sources")
    if holder is not None:
        for s in list(holder):
            holder.remove(s)
        ET.SubElement(holder, "source").text = cwd
    tree.write(path, encoding="utf-8", xml_declaration=True)


def main() -> int:
    sys.dont_write_bytecode = True  # nothing written beside the harness's scripts
    args = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
    with open(args[0], encoding="utf-8") as f:
        request = json.load(f)
    # Where the harness installed coverage.py when Blender's Python lacked it.
    for path in reversed(request.get("python_paths") or []):
        sys.path.insert(0, path)
    try:
        import coverage
    except ImportError as exc:
        answer({"error": "CoverageMissing", "message": str(exc)})
        return 3
    data_dir = request["data_dir"]
    sources = [os.path.abspath(s) for s in request["sources"]]
    maps: list[dict] = []
    for name in sorted(glob.glob(os.path.join(data_dir, "paths.*.json"))):
        with open(name, encoding="utf-8") as f:
            maps += [m for m in json.load(f) if m not in maps]
    rc = os.path.join(data_dir, "coveragerc")
    with open(rc, "w", encoding="utf-8") as f:
        f.write(config_text(sources, maps))
    include = [os.path.join(s, "*") if os.path.isdir(s) else s for s in sources]
    # The sessions' files are .coverage.<suffix>: combine() takes those named like its own.
    cov = coverage.Coverage(data_file=os.path.join(data_dir, ".coverage"), config_file=rc)
    # Started and stopped at once so the source folders' unexecuted files are listed.
    cov.start()
    cov.stop()
    if glob.glob(os.path.join(data_dir, ".coverage.*")):
        cov.combine([data_dir])
    cov.save()
    try:
        cov.json_report(outfile=request["json"], include=include)
    except getattr(coverage, "CoverageException", Exception) as exc:  # "No data to report."
        answer({"error": "NoData", "message": str(exc)})
        return 4
    with open(request["json"], encoding="utf-8") as f:
        report = json.load(f)
    for name, entry in report["files"].items():
        # Statements only: coverage.py 6 also lists a module docstring's line as executed.
        statements = set(cov.analysis2(name)[1])
        entry["executed_lines"] = sorted(set(entry["executed_lines"]) & statements)
    with open(request["json"], "w", encoding="utf-8") as f:
        json.dump(report, f)
    if request.get("xml"):
        cov.xml_report(outfile=request["xml"], include=include)
        relative_xml(request["xml"], os.getcwd())
    answer({"ok": True, "version": coverage.__version__})
    return 0


if __name__ == "__main__":
    code = main()
    os._exit(code)
