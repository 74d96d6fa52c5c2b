"""Install and enable the author's add-ons: a folder, a single .py, a .zip, or (4.2+) an
extension with blender_manifest.toml. Installed into the session's own user scripts folder
(the harness points BLENDER_USER_SCRIPTS at a temporary one), so the author's real Blender
preferences are never touched."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import traceback
import zipfile

from .wire import add_path_map, format_exception

MANIFEST = "blender_manifest.toml"

# Every add-on module the harness enabled at startup: a fresh scene enables again any that a
# test disabled (see commands.reset_scene).
ENABLED: list[str] = []


class AddonError(Exception):
    def __init__(self, path: str, message: str, tb: str | None = None) -> None:
        super().__init__(message)
        self.path, self.message, self.tb = path, message, tb

    def as_dict(self) -> dict:
        return {"type": "AddonError", "message": f"add-on {self.path}: {self.message}",
                "traceback": self.tb, "file": self.path, "line": None}


def _user_addons_dir() -> str:
    import bpy

    folder = bpy.utils.user_resource("SCRIPTS", path="addons", create=True)
    if folder not in sys.path:
        sys.path.append(folder)
    return folder


def _place(source: str, target: str) -> None:
    """Link (or copy, where links are not allowed) source to target, once per profile."""
    if os.path.lexists(target):
        if os.path.realpath(target) == os.path.realpath(source):
            return
        if os.path.isdir(target) and not os.path.islink(target):
            shutil.rmtree(target)
        else:
            os.remove(target)
    try:
        os.symlink(source, target, target_is_directory=os.path.isdir(source))
    except OSError:
        if os.path.isdir(source):
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)


def _zip_layout(path: str) -> tuple[bool, list[str]]:
    """Whether a zip is an extension, and the add-on modules at its top level."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    if MANIFEST in names:
        return True, []
    modules = sorted({n.split("/")[0] for n in names if n.count("/") == 1 and n.endswith("/__init__.py")})
    modules += sorted(n[:-3] for n in names if "/" not in n and n.endswith(".py"))
    return False, modules


def _require_extensions(path: str) -> None:
    import bpy

    if bpy.app.version < (4, 2, 0):
        raise AddonError(path, f"is an extension ({MANIFEST}), which needs Blender 4.2 or newer; "
                               f"this is Blender {bpy.app.version_string}. Test it on 4.2+, or "
                               "ship a legacy add-on (bl_info in __init__.py) for older lines")


def _install_extension(path: str) -> str:
    _require_extensions(path)
    import bpy

    try:
        import tomllib
    except ImportError as exc:  # Python < 3.11 never ships with a Blender that has extensions
        raise AddonError(path, f"cannot read {MANIFEST}: {exc}") from None
    if os.path.isdir(path):
        with open(os.path.join(path, MANIFEST), "rb") as handle:
            ext_id = tomllib.load(handle).get("id")
        staging = tempfile.mkdtemp(prefix="bh-ext-")
        archive = shutil.make_archive(os.path.join(staging, str(ext_id)), "zip", path)
    else:
        with zipfile.ZipFile(path) as zf, zf.open(MANIFEST) as handle:
            ext_id = tomllib.load(handle).get("id")
        archive = path
    if not ext_id:
        raise AddonError(path, f'{MANIFEST} has no "id"')
    repo = "user_default"
    module = f"bl_ext.{repo}.{ext_id}"
    import addon_utils

    if addon_utils.check(module)[1]:
        return module
    try:
        bpy.ops.extensions.package_install_files(filepath=archive, repo=repo, enable_on_install=True)
    except Exception as exc:  # the operator reports Blender's reason in the exception
        raise AddonError(path, f"Blender refused to install the extension: {exc}", traceback.format_exc()) from None
    if not addon_utils.check(module)[1]:
        _enable(path, module)
    _map_module(module, path)
    return module


def _map_module(module: str, source: str) -> None:
    """Map the files Python loaded for an enabled add-on module back to ``source``: the
    folder, .py file, or zip member path (archive.zip/inner/path) the author passed."""
    loaded = sys.modules.get(module)
    file = getattr(loaded, "__file__", None)
    if not isinstance(file, str):
        return
    if os.path.basename(file) == "__init__.py":
        add_path_map(os.path.dirname(file), source)
        real = os.path.realpath(os.path.dirname(file))
        if real != os.path.realpath(source):
            add_path_map(real, source)
    else:
        add_path_map(file, source)


def _enable(path: str, module: str) -> None:
    import addon_utils

    errors: list[str] = []

    def handle_error(exc: BaseException) -> None:
        try:
            errors.append(format_exception(exc))
        except Exception:  # noqa: BLE001 - the add-on's own error matters more than its formatting
            errors.append(traceback.format_exc())

    loaded = addon_utils.enable(module, default_set=True, persistent=True, handle_error=handle_error)
    if errors or loaded is None or not addon_utils.check(module)[1]:
        detail = errors[0] if errors else None
        last = detail.strip().splitlines()[-1] if detail else "Blender did not enable it"
        raise AddonError(path, f"failed to enable module {module!r}: {last}", detail)


def install_and_enable(path: str) -> list[str]:
    """Install the add-on at path and enable it; returns the enabled module names."""
    modules = _install_and_enable(path)
    ENABLED.extend(m for m in modules if m not in ENABLED)
    return modules


def reenable() -> None:
    """Enable again any add-on of ours that a test disabled (addon_utils.disable(), a common
    "unregister cleans up" test), so the next fresh scene has it as every test does."""
    import addon_utils

    for module in ENABLED:
        if not addon_utils.check(module)[1]:
            _enable(module, module)


def _install_and_enable(path: str) -> list[str]:
    path = os.path.abspath(path)
    if not os.path.exists(path):
        raise AddonError(path, "does not exist")
    addons_dir = _user_addons_dir()
    if os.path.isdir(path):
        if os.path.exists(os.path.join(path, MANIFEST)):
            return [_install_extension(path)]
        if not os.path.exists(os.path.join(path, "__init__.py")):
            raise AddonError(path, "is a folder without __init__.py or blender_manifest.toml; point at the add-on's own folder")
        modules = [os.path.basename(path.rstrip(os.sep))]
        _place(path, os.path.join(addons_dir, modules[0]))
    elif path.endswith(".py"):
        modules = [os.path.splitext(os.path.basename(path))[0]]
        _place(path, os.path.join(addons_dir, os.path.basename(path)))
    elif path.endswith(".zip"):
        try:
            is_extension, modules = _zip_layout(path)
        except zipfile.BadZipFile as exc:
            raise AddonError(path, f"is not a valid zip file: {exc}") from None
        if is_extension:
            return [_install_extension(path)]
        if not modules:
            raise AddonError(path, "holds no add-on: expected a package folder with __init__.py or .py files at its top level")
        with zipfile.ZipFile(path) as archive:
            archive.extractall(addons_dir)
    else:
        raise AddonError(path, "is not an add-on: expected a folder, a .py file or a .zip")
    for module in modules:
        source = _module_source(path, module)
        installed = os.path.join(addons_dir, module)
        if not os.path.isdir(installed):
            installed += ".py"
        add_path_map(installed, source)  # before enabling: register()'s traceback too
        _enable(path, module)
        _map_module(module, source)
    return modules


def _module_source(path: str, module: str) -> str:
    """Where an add-on module's files come from: the folder or .py the author passed, or,
    for a zip, the member path inside it (archive.zip/module or archive.zip/module.py)."""
    if not path.endswith(".zip"):
        return path
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
    inner = module if f"{module}/__init__.py" in names else f"{module}.py"
    return os.path.join(path, inner)
