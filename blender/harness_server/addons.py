"""Install and enable the author's add-ons: a folder, a single .py, a .zip, or (4.2+) an
extension with blender_manifest.toml. Installed into the session's own user scripts folder
(the harness points BLENDER_USER_SCRIPTS at a temporary one), so the author's real Blender
preferences are never touched.

Three things real suites taught, each checked on Blender 3.4, 4.3 and 5.2:

- One folder often carries both ``bl_info`` (in __init__.py) and blender_manifest.toml. Before
  4.2 it is a legacy add-on (Blender ignores the manifest); from 4.2 it is an extension.
- Blender bundles add-ons whose module names an author's may share (io_scene_gltf2 for a
  fork of the glTF exporter). Blender's own add-on folder comes first on sys.path and several
  bundled add-ons are imported and enabled at startup, so the bundled copy would silently
  win. Ours goes ahead of it on sys.path, and a bundled module of the same name is disabled
  and forgotten before ours is enabled; after enabling, the module's file is checked.
- Suites reset Blender and enable the add-on themselves: ``read_factory_settings()`` then
  ``addon_utils.enable()``. The harness enables its add-ons without ``persistent``: before
  Blender 4.x, ``addon_utils.disable()`` clears a misspelt attribute (``__addon_persistent``)
  and leaves ``__addon_persistent__`` set, so ``read_factory_settings()`` (disable_all, then
  reset_all) enabled a persistent add-on again inside the reset, with the add-on missing from
  the just-reset preferences. An add-on whose register() reads its own preferences failed
  there half-way, leaving its classes registered and its module dropped, and the suite's own
  ``enable()`` then failed with "register_class(...): already registered", as did every
  fresh scene after it. Without ``persistent`` the reset leaves the add-on disabled, exactly
  as in a Blender that never had it enabled, and the suite's ``enable()`` works.
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
import sys
import tempfile
import traceback
import zipfile

from .paths import add_path_map
from .tracebacks import format_exception
from .wire import error_info

MANIFEST = "blender_manifest.toml"

# Every add-on module the harness enabled at startup: a fresh scene enables again any that a
# test disabled (see commands.reset_scene).
ENABLED: list[str] = []

# Where each add-on module the harness installed lives (the installed folder or .py file),
# and where the author's copy is: for the check that the module Python loaded is theirs.
_ORIGINS: dict[str, tuple[str, str]] = {}


class AddonError(Exception):
    def __init__(self, path: str, message: str, tb: str | None = None) -> None:
        super().__init__(message)
        self.path, self.message, self.tb = path, message, tb

    def as_dict(self) -> dict:
        return error_info("AddonError", f"add-on {self.path}: {self.message}", traceback=self.tb, file=self.path)


def _norm(path: str) -> str:
    return os.path.normcase(os.path.realpath(path))


def _user_addons_dir() -> str:
    import bpy

    folder = bpy.utils.user_resource("SCRIPTS", path="addons", create=True)
    _put_ahead_of_bundled(folder)
    return folder


def _put_ahead_of_bundled(folder: str) -> None:
    """Put the session's add-ons folder on sys.path just before Blender's own add-on folders
    (Blender appends it after them), so that an add-on of ours named like a bundled one is
    the one Python imports. The standard library and site-packages stay in front."""
    import addon_utils

    ours = _norm(folder)
    others = {_norm(p) for p in addon_utils.paths()} - {ours}
    kept = [p for p in sys.path if not (p and _norm(p) == ours)]
    index = next((i for i, p in enumerate(kept) if p and _norm(p) in others), len(kept))
    kept.insert(index, folder)
    sys.path[:] = kept
    importlib.invalidate_caches()


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


_BL_INFO = re.compile(r"^bl_info\s*(?::[^=\n]*)?=", re.MULTILINE)
_MANIFEST_ID = re.compile(r"""^\s*id\s*=\s*(["'])([^"'\n]*)\1""", re.MULTILINE)


def _has_bl_info(source: str) -> bool:
    """Whether Python source assigns ``bl_info`` at the top level, without running it."""
    return bool(_BL_INFO.search(source))


def _manifest_id(text: str) -> str | None:
    try:
        import tomllib
    except ImportError:  # Python 3.10 (Blender 3.3 to 3.6): the one key we need, by hand
        match = _MANIFEST_ID.search(text)
        return match.group(2) if match else None
    value = tomllib.loads(text).get("id")
    return value if isinstance(value, str) else None


def _zip_layout(path: str) -> tuple[bool, list[str], bool]:
    """Whether a zip is an extension (manifest at its top), the add-on modules at its top
    level, and whether its top-level __init__.py has bl_info (a dual legacy add-on)."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        if MANIFEST in names:
            dual = "__init__.py" in names and _has_bl_info(archive.read("__init__.py").decode("utf-8", "replace"))
            return True, [], dual
    modules = sorted({n.split("/")[0] for n in names if n.count("/") == 1 and n.endswith("/__init__.py")})
    modules += sorted(n[:-3] for n in names if "/" not in n and n.endswith(".py"))
    return False, modules, False


def _extensions_supported() -> bool:
    import bpy

    return bpy.app.version >= (4, 2, 0)


def _require_extensions(path: str) -> None:
    import bpy

    if not _extensions_supported():
        raise AddonError(path, f"is an extension ({MANIFEST}) without bl_info, which needs Blender 4.2 or newer; "
                               f"this is Blender {bpy.app.version_string}. Test it on 4.2+, or add a bl_info "
                               "dict to its __init__.py so that older Blenders load it as a legacy add-on")


def _install_extension(path: str, enable: bool) -> str:
    _require_extensions(path)
    import bpy

    if os.path.isdir(path):
        with open(os.path.join(path, MANIFEST), encoding="utf-8") as handle:
            text = handle.read()
    else:
        with zipfile.ZipFile(path) as zf:
            text = zf.read(MANIFEST).decode("utf-8")
    try:
        ext_id = _manifest_id(text)
    except ValueError as exc:  # tomllib.TOMLDecodeError
        raise AddonError(path, f"cannot read its {MANIFEST}: {exc}") from None
    if not ext_id:
        raise AddonError(path, f'{MANIFEST} has no "id" (the extension\'s module name); add one, e.g. id = "my_addon"')
    if os.path.isdir(path):
        staging = tempfile.mkdtemp(prefix="bh-ext-")
        archive = shutil.make_archive(os.path.join(staging, ext_id), "zip", path)
    else:
        archive = path
    repo = "user_default"
    module = f"bl_ext.{repo}.{ext_id}"
    import addon_utils

    if addon_utils.check(module)[1]:
        return module
    try:
        bpy.ops.extensions.package_install_files(filepath=archive, repo=repo, enable_on_install=enable)
    except Exception as exc:  # the operator reports Blender's reason in the exception
        raise AddonError(path, f"Blender refused to install the extension: {exc}", traceback.format_exc()) from None
    repos = {r.module: r for r in bpy.context.preferences.extensions.repos}
    directory = getattr(repos.get(repo), "directory", "")
    if directory:
        # Before enabling: a traceback from register() names the author's files too.
        add_path_map(os.path.join(directory, ext_id), path)
    if enable:
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


def _loaded_from(module: str, location: str) -> bool:
    """Whether the module Python has under that name was loaded from location (a folder or
    a file), following links: ours is a link to the author's folder."""
    file = getattr(sys.modules.get(module), "__file__", None)
    if not isinstance(file, str):
        return False
    real, where = _norm(file), _norm(location)
    return real == where or real.startswith(os.path.join(where, ""))


def _is_addon_elsewhere(module: str, location: str) -> bool:
    """Whether the module loaded under that name is another add-on (one from Blender's own
    add-on folders, or any module addon_utils enabled), not a library that happens to share
    the name: only those are ours to disable and forget."""
    loaded = sys.modules.get(module)
    if loaded is None or _loaded_from(module, location):
        return False
    if "__addon_enabled__" in vars(loaded):
        return True
    import addon_utils

    file = getattr(loaded, "__file__", None)
    if not isinstance(file, str):
        return False
    real = _norm(file)
    return any(real.startswith(os.path.join(_norm(folder), "")) for folder in addon_utils.paths())


def _evict_namesake(module: str, location: str) -> None:
    """Another add-on of that name already loaded (a bundled one: Blender enables several at
    startup) is disabled, taken out of the preferences, and forgotten with its submodules,
    so importing the name loads the author's add-on."""
    if not _is_addon_elsewhere(module, location):
        return
    import addon_utils

    if addon_utils.check(module)[1]:
        addon_utils.disable(module, default_set=True)
    for name in [n for n in sys.modules if n == module or n.startswith(module + ".")]:
        del sys.modules[name]
    importlib.invalidate_caches()


def _namesake_message(module: str, other: str | None, installed: str) -> str:
    return (f"Python imports the module {module!r} from {other}, not from this add-on (installed at {installed}): "
            "a module of that name comes before the session's add-ons folder on sys.path (the standard library, "
            "site-packages, a folder your tests put on sys.path). Rename the add-on's folder or .py file")


def _check_importable(path: str, module: str, installed: str) -> None:
    """Before enabling: the name must lead to the author's files, not to a namesake that
    comes first on sys.path or is already imported (a library of the same name)."""
    if module in sys.modules:
        if _loaded_from(module, installed):
            return
        raise AddonError(path, _namesake_message(module, getattr(sys.modules[module], "__file__", None), installed))
    import importlib.util

    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        spec = None
    origin = getattr(spec, "origin", None)
    if spec is None or not isinstance(origin, str):
        return  # enabling reports what is wrong
    where = _norm(installed)
    real = _norm(origin)
    if real != where and not real.startswith(os.path.join(where, "")):
        raise AddonError(path, _namesake_message(module, origin, installed))


def _check_origin(path: str, module: str) -> None:
    """After enabling: the module Blender enabled must be the author's."""
    origin = _ORIGINS.get(module)
    if origin is None or _loaded_from(module, origin[0]):
        return
    raise AddonError(path, _namesake_message(module, getattr(sys.modules.get(module), "__file__", None), origin[0]))


def _enable(path: str, module: str) -> None:
    import addon_utils

    errors: list[str] = []

    def handle_error(exc: BaseException) -> None:
        try:
            errors.append(format_exception(exc))
        except Exception:  # noqa: BLE001 - the add-on's own error matters more than its formatting
            errors.append(traceback.format_exc())

    # Not persistent: see the module's docstring (read_factory_settings() on Blender 3.x).
    loaded = addon_utils.enable(module, default_set=True, persistent=False, handle_error=handle_error)
    if errors or loaded is None or not addon_utils.check(module)[1]:
        detail = errors[0] if errors else None
        last = detail.strip().splitlines()[-1] if detail else "Blender did not enable it"
        raise AddonError(path, f"failed to enable module {module!r}: {last}", detail)
    _check_origin(path, module)


def install_and_enable(path: str) -> list[str]:
    """Install the add-on at path and enable it; returns the enabled module names."""
    modules = _install(path, enable=True)
    ENABLED.extend(m for m in modules if m not in ENABLED)
    return modules


def install_only(path: str) -> list[str]:
    """Install the add-on at path so that a suite can enable it itself (addon_utils.enable),
    without enabling it: legacy add-ons go into the session's add-ons folder (which is on
    sys.path, ahead of Blender's bundled ones), extensions into the user_default repository.
    Returns the module names to enable."""
    return _install(path, enable=False)


def reenable() -> None:
    """Enable again any add-on of ours that a test disabled (addon_utils.disable(), a common
    "unregister cleans up" test, or read_factory_settings()), so the next fresh scene has it
    as every test does."""
    import addon_utils

    for module in ENABLED:
        if addon_utils.check(module)[1] and (module not in _ORIGINS or _loaded_from(module, _ORIGINS[module][0])):
            continue
        source = _ORIGINS[module][1] if module in _ORIGINS else module
        if module in _ORIGINS:
            _evict_namesake(module, _ORIGINS[module][0])
        try:
            _enable(source, module)
        except AddonError as error:
            raise AddonError(error.path, f"{error.message} (enabling it again for the next test, after a test left it "
                                         "disabled; if your tests enable and disable the add-on themselves, pass it "
                                         "with --addon-path, Action input addon-paths, instead of --addon)",
                             error.tb) from None


def _install(path: str, enable: bool) -> list[str]:
    path = os.path.abspath(path)
    if not os.path.exists(path):
        raise AddonError(path, "does not exist")
    addons_dir = _user_addons_dir()
    # A folder or zip with both bl_info and a manifest: before 4.2 a legacy add-on; from 4.2
    # an extension, and when only installed, a legacy add-on as well, so that a suite can
    # enable it under either name (bl_ext.user_default.ID, or the folder's name).
    if os.path.isdir(path):
        manifest = os.path.exists(os.path.join(path, MANIFEST))
        init = os.path.join(path, "__init__.py")
        dual = manifest and _file_has_bl_info(init)
        if manifest and (_extensions_supported() or not dual):
            extension = _install_extension(path, enable)
            if enable or not dual:
                return [extension]
        if not os.path.exists(init):
            raise AddonError(path, "is a folder without __init__.py or blender_manifest.toml; point at the add-on's own folder")
        modules = [os.path.basename(path.rstrip(os.sep))]
        _place(path, os.path.join(addons_dir, modules[0]))
    elif path.endswith(".py"):
        modules = [os.path.splitext(os.path.basename(path))[0]]
        _place(path, os.path.join(addons_dir, os.path.basename(path)))
    elif path.endswith(".zip"):
        try:
            is_extension, modules, dual = _zip_layout(path)
        except zipfile.BadZipFile as exc:
            raise AddonError(path, f"is not a valid zip file: {exc}") from None
        if is_extension and (_extensions_supported() or not dual):
            extension = _install_extension(path, enable)
            if enable or not dual:
                return [extension]
        if is_extension:
            # An extension zip (files at its top) that also has bl_info, on Blender < 4.2:
            # a legacy add-on whose module is named by the manifest's id.
            modules = [_dual_zip_module(path)]
            _extract_into(path, os.path.join(addons_dir, modules[0]))
        elif not modules:
            raise AddonError(path, "holds no add-on: expected a package folder with __init__.py or .py files at its top level")
        else:
            with zipfile.ZipFile(path) as archive:
                archive.extractall(addons_dir)
    else:
        raise AddonError(path, "is not an add-on: expected a folder, a .py file or a .zip")
    for module in modules:
        source = _module_source(path, module)
        installed = os.path.join(addons_dir, module)
        if not os.path.isdir(installed):
            installed += ".py"
        _ORIGINS[module] = (installed, source)
        add_path_map(installed, source)  # before enabling: register()'s traceback too
        _evict_namesake(module, installed)
        _check_importable(path, module, installed)
        if enable:
            _enable(path, module)
            _map_module(module, source)
    return modules


def _file_has_bl_info(file: str) -> bool:
    try:
        with open(file, encoding="utf-8", errors="replace") as handle:
            return _has_bl_info(handle.read())
    except OSError:
        return False


def _dual_zip_module(path: str) -> str:
    with zipfile.ZipFile(path) as archive:
        text = archive.read(MANIFEST).decode("utf-8", "replace")
    try:
        module = _manifest_id(text)
    except ValueError as exc:
        raise AddonError(path, f"cannot read its {MANIFEST}: {exc}") from None
    if not module or not module.isidentifier():
        raise AddonError(path, f'{MANIFEST} needs an "id" that is a Python identifier: on Blender < 4.2 it names '
                               "the legacy add-on module this zip is installed as")
    return module


def _extract_into(path: str, target: str) -> None:
    if os.path.lexists(target):
        if os.path.isdir(target) and not os.path.islink(target):
            shutil.rmtree(target)
        else:
            os.remove(target)
    with zipfile.ZipFile(path) as archive:
        archive.extractall(target)


def _module_source(path: str, module: str) -> str:
    """Where an add-on module's files come from: the folder or .py the author passed, or,
    for a zip, the member path inside it (archive.zip/module or archive.zip/module.py)."""
    if not path.endswith(".zip"):
        return path
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
    if MANIFEST in names:
        return path  # a dual zip: its top level is the add-on's folder
    inner = module if f"{module}/__init__.py" in names else f"{module}.py"
    return os.path.join(path, inner)
