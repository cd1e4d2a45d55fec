"""What the bundles leave out: shared by computefit.spec and the benchmark's baseline.spec.

The trimming follows /work/shared/reference/qt-toolchain.md: unused Python packages and Qt modules are excluded
before analysis, and unused Qt plugins and the Qt translations are dropped after it. Kept on purpose:
numpy's bundled OpenBLAS (no strip), pydoc (pyqtgraph imports it), QtOpenGL (pyqtgraph's PlotCurveItem
imports it unconditionally), QtSvg (the window icon), QtPrintSupport and the xcb/offscreen/minimal platforms.
"""

from __future__ import annotations

# Python modules the app never imports (pyqtgraph mentions some of them in optional code paths).
EXCLUDED_MODULES = [
    "tkinter",
    "_tkinter",
    "pyqtgraph.opengl",
    "pyqtgraph.examples",
    "pyqtgraph.jupyter",
    "pyqtgraph.canvas",
    "OpenGL",
    "matplotlib",
    "scipy",
    "pandas",
    "h5py",
    "cupy",
    "numba",
    "IPython",
    "PyQt5",
    "PyQt6",
    "PySide2",
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtHelp",
    "PySide6.QtSql",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtDBus",
    "PySide6.QtSvgWidgets",
    "pytest",
    "hypothesis",
    # pydantic imports rich (and with it pygments and markdown_it) only to pretty-print a schema when debugging:
    # 2.4 MB of the archive that nothing runs.
    "rich",
    "pygments",
    "markdown_it",
    "mdurl",
    "pypdf",
    "mypy",
    "ruff",
    # Nothing runs setuptools, but a build venv with a recent setuptools (84) gets it collected with a run-time
    # hook that imports it at every start: +150 ms to the frozen start, +8 MB of memory, +1.5 MB of bundle.
    "setuptools",
    "pkg_resources",
    "_distutils_hack",
    "distutils",
]

# Qt plugin folders (under PySide6/Qt/plugins) the bundle keeps; anything else is dropped.
KEPT_PLUGIN_DIRS = {"platforms", "imageformats", "iconengines", "xcbglintegrations", "platforminputcontexts"}
# Within kept folders, the plugins that are dropped: other display servers, unused image formats.
DROPPED_PLUGINS = (
    "libqwayland",
    "libqeglfs",
    "libqlinuxfb",
    "libqvnc",
    "libqvkkhrdisplay",
    "libqminimalegl",
    "libqtvirtualkeyboardplugin",
    "libqpdf.so",  # PDF *reading* image plugin (pulls libQt6Pdf); writing PDFs is QPdfWriter in QtGui
    "libqicns",
    "libqtga",
    "libqtiff",
    "libqwbmp",
    "libqwebp",
    "libqgif",
)
# Shared libraries that only the dropped plugins or excluded modules need.
DROPPED_LIBRARIES = (
    "libQt6Pdf",
    "libQt6Qml",
    "libQt6Quick",
    "libQt6Network",
    "libQt6WaylandClient",
    "libQt6WlShellIntegration",
    "libQt6EglFSDeviceIntegration",
    "libQt6EglFsKmsSupport",
    "libQt6VirtualKeyboard",
    "libwayland-",
)


def _dest(entry: tuple) -> str:
    return str(entry[0]).replace("\\", "/")


def keep_entry(entry: tuple) -> bool:
    """True when a TOC entry (dest, source, kind) from Analysis belongs in the bundle."""
    dest = _dest(entry)
    name = dest.rsplit("/", 1)[-1]
    if "/Qt/translations/" in dest or dest.endswith(".qm"):
        return False
    if "/Qt/plugins/" in dest:
        plugin_dir = dest.split("/Qt/plugins/", 1)[1].split("/", 1)[0]
        if plugin_dir not in KEPT_PLUGIN_DIRS:
            return False
        if name.startswith(DROPPED_PLUGINS):
            return False
    return not name.startswith(DROPPED_LIBRARIES)


def trimmed(toc: list) -> list:
    """The TOC without the entries `keep_entry` refuses."""
    return [entry for entry in toc if keep_entry(entry)]


def without_orphans(binaries: list) -> list:
    """Drop the top-level shared libraries that no kept binary needs any more.

    PyInstaller collects the dependencies of every plugin before the spec trims the plugins, so the GTK
    platform theme leaves GTK, cairo, pango... behind. Linux only (ldd lists the transitive dependencies).
    """
    import sys

    if not sys.platform.startswith("linux"):
        return binaries
    from PyInstaller.depend.bindepend import get_imports

    top_level = {_dest(e): e for e in binaries if "/" not in _dest(e) and e[2] == "BINARY"}
    roots = [e for e in binaries if _dest(e) not in top_level or _dest(e).startswith("libpython")]
    needed: set[str] = set()
    queue = [str(e[1]) for e in roots]
    seen: set[str] = set()
    while queue:
        source = queue.pop()
        if source in seen:
            continue
        seen.add(source)
        try:
            imports = get_imports(source)
        except Exception:  # an unreadable file: keep everything rather than guess
            return binaries
        for name, _path in imports:
            base = str(name).rsplit("/", 1)[-1]
            if base in top_level and base not in needed:
                needed.add(base)
                queue.append(str(top_level[base][1]))
    return [e for e in binaries if _dest(e) not in top_level or _dest(e) in needed
            or _dest(e).startswith("libpython")]


RUNTIME_HOOK = "rth_deferred_hooks.py"  # beside this file: the specs pass it as their only custom run-time hook


def defer_runtime_hooks(scripts: list, pure: list) -> list[str]:
    """Move PyInstaller's run-time hooks that can wait (packaging/deferred_hooks.py) from the executable's start-up
    scripts into the archive, as modules of the same name, which the first import of the module each serves runs.

    Both lists are changed in place (PyInstaller keeps the compiled code of `a.pure` by the list's identity).
    Returns the names of the hooks moved."""
    from deferred_hooks import DEFERRED

    moved = [(name, path, "PYMODULE") for name, path, kind in scripts if kind == "PYSOURCE" and name in DEFERRED]
    names = {name for name, _path, _kind in moved}
    scripts[:] = [entry for entry in scripts if entry[0] not in names]
    pure.extend(moved)
    return sorted(names)
