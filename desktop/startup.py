"""What every entry point does first, and how it writes a message for a terminal.

The command (`desktop.cli`), the window (`desktop.app`) and the smoke test (`desktop.smoke`) all start here, so none
of them imports another for its helpers: cli runs app and smoke, smoke builds the window through app, and this
module imports none of them.
"""

from __future__ import annotations

import os
import sys

from desktop.terminal import one_line as one_line  # stderr's escaping, bounded to one line


def skip_pydantic_plugins() -> None:
    """ComputeFit uses no pydantic plugin: say so, and keep pydantic from importing importlib.metadata to look.

    pydantic's plugin loader imports importlib.metadata (with email, zipfile, csv...: about 20 ms of every
    start) at its own import, even when PYDANTIC_DISABLE_PLUGINS tells it to find none. Before any model class
    is built, a loader that finds none takes its place (every pydantic 2 imports only `get_plugins` from it;
    tests/test_start_up_work.py checks the installed one still does)."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    name = "pydantic.plugin._loader"
    if name in sys.modules or os.environ["PYDANTIC_DISABLE_PLUGINS"] not in ("1", "true", "__all__"):
        return
    import types

    loader = types.ModuleType(name, "No pydantic plugins (ComputeFit uses none): "
                                    "see desktop.startup.skip_pydantic_plugins")
    loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
    sys.modules[name] = loader


def hashes_without_openssl() -> None:
    """The window's process hashes with Python's own SHA-256, not OpenSSL's: the same digests, without libcrypto.

    pydantic imports `secrets` (hmac, hashlib), and hashlib loads OpenSSL's libcrypto for its hashes: 3.4 MB of the
    window's resident memory and about 3 ms, for hashing a few MB at most (the bundled book's digest, files'
    fingerprints), which Python's built-in hashes do as well. hashlib and hmac use those when `_hashlib` cannot be
    imported (None in sys.modules). Call it before anything imports hashlib (a no-op after); the command-line
    subcommands leave OpenSSL to Python, as their floor (`import pydantic`) has it."""
    if "hashlib" not in sys.modules and "hmac" not in sys.modules:
        sys.modules.setdefault("_hashlib", None)  # type: ignore[arg-type]  # None: "cannot be imported"


def _uses_pyside(module: object) -> bool:
    return True


def skip_pyside_source_scan() -> None:
    """Keep PySide6 from reading the source of every module imported after it.

    PySide6's import hook asks of each new module whether it uses PySide (`shibokensupport.feature.
    _mod_uses_pyside`, by reading its whole source through linecache, which then keeps it): yes gives the module
    the default API (select id 0), no leaves it to whichever module ran before (-1). ComputeFit selects no
    `__feature__`, so every module gets the default either way: answering yes without reading saves the scan
    (about 500 modules in a frozen app whose PyInstaller run-time hook imports PySide6 first) and the
    linecache memory (about 12 MB of source once pyqtgraph is in). A module that does `from __feature__ import`
    still sets its own selection, as before. Call it once PySide6 is imported (a no-op before)."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _uses_pyside  # type: ignore[attr-defined]


_MIRRORED = ("QtCore", "QtGui", "QtWidgets")
LAZY_MIRRORS: list[str] = []  # the pyqtgraph mirrors made lazy in this process (tests check the fast path is taken)


def lazy_pyqtgraph_mirrors() -> None:
    """Keep pyqtgraph from making PySide6 create every class of QtCore, QtGui and QtWidgets at its import.

    pyqtgraph.Qt mirrors those three modules into its own (`_copy_attrs`: a getattr of each of their 721 names,
    which makes PySide6 build each class: 140-190 ms of CPU and 16 MB, one lookup holding the interpreter up to
    37 ms). Here the mirrors forward a name to PySide6 when it is first asked for (PEP 562), and the copy finds
    nothing to copy; pyqtgraph's own patches, set on the mirrors afterwards, come first as before. The shape
    relied on is checked where it is used: `dir` called by `_copy_attrs` in pyqtgraph.Qt on one of the three
    PySide6 modules, its mirror imported; anything else (another pyqtgraph, PyQt) takes the plain path. Call it
    before pyqtgraph is imported (a no-op after, and once is enough)."""
    if "pyqtgraph.Qt" not in sys.modules and not any(isinstance(f, _MirrorFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _MirrorFinder())


class _MirrorFinder:
    """Finds pyqtgraph.Qt through the other finders (source, bytecode or a frozen archive) and wraps its loader."""

    def find_spec(self, name, path=None, target=None):  # type: ignore[no-untyped-def]
        if name != "pyqtgraph.Qt":
            return None
        if self in sys.meta_path:
            sys.meta_path.remove(self)
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            spec = find(name, path, target) if find is not None else None
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _MirrorLoader(spec.loader)
                return spec
        return None


class _MirrorLoader:
    def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
        self.inner = inner

    def create_module(self, spec):  # type: ignore[no-untyped-def]
        return self.inner.create_module(spec)

    def exec_module(self, module) -> None:  # type: ignore[no-untyped-def]
        module.__spec__.loader = module.__loader__ = self.inner  # pyqtgraph's resources: its own loader
        module.__dict__["dir"] = _lazy_dir  # `_copy_attrs` finds it before the built-in
        try:
            self.inner.exec_module(module)
        finally:
            if module.__dict__.get("dir") is _lazy_dir:
                del module.__dict__["dir"]


def _lazy_dir(*args):  # type: ignore[no-untyped-def]
    """`dir` as seen by pyqtgraph.Qt while it runs: for `_copy_attrs(PySide6.QtX, mirror)`, the mirror made to
    forward instead, and nothing to copy; anything else, the built-in."""
    import builtins

    if len(args) == 1:
        source = args[0]
        name = str(getattr(source, "__name__", ""))
        caller = sys._getframe(1)
        mirror = sys.modules.get(f"pyqtgraph.Qt.{name.rpartition('.')[2]}")
        if (caller.f_code.co_name == "_copy_attrs" and caller.f_globals.get("__name__") == "pyqtgraph.Qt"
                and name in {f"PySide6.{m}" for m in _MIRRORED} and mirror is not None
                and "__getattr__" not in vars(mirror)):
            _forward(mirror, source)
            LAZY_MIRRORS.append(mirror.__name__)
            return []
    return builtins.dir(*args)


def _forward(mirror, source) -> None:  # type: ignore[no-untyped-def]
    def __getattr__(name: str) -> object:
        value = getattr(source, name)  # AttributeError as the copy would have had it
        if not name.startswith("__"):
            setattr(mirror, name, value)  # once: later lookups find it in the mirror
        return value

    def __dir__() -> list[str]:
        import builtins

        return sorted(set(vars(mirror)) | set(builtins.dir(source)))

    mirror.__getattr__ = __getattr__
    mirror.__dir__ = __dir__
