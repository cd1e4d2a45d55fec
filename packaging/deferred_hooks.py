"""PyInstaller's own run-time hooks, run when the module each one serves is first imported, not at every start.

PyInstaller runs a run-time hook for each of some modules the analysis found (PyInstaller's rthooks.dat) before the
program's first line, whether or not the program imports that module in this run. Four of them cost the frozen
`computefit estimate` about 100 ms, most of the frozen executable's start, for modules the quote never imports:
pyi_rth_pyside6 imports PySide6.QtCore (shiboken6 and its signature loader, Qt's core library and ICU: about 75 ms),
pyi_rth_multiprocessing imports multiprocessing and subprocess (about 15 ms), pyi_rth_inspect imports zipfile and
reads base_library.zip's list (about 6 ms more than the quote's own imports) and pyi_rth_pkgutil imports pkgutil.

`packaging/trim.py`'s `defer_runtime_hooks` takes those hooks out of the executable's start-up scripts and puts
them, unchanged, in the archive as modules of the same name; the run-time hook `rth_deferred_hooks.py` (which
runs first) calls `install`, which runs each when the module it serves is first imported:
- pyi_rth_pyside6 once the PySide6 package has run (the hook then imports QtCore and registers its qt.conf, and
  sets QT_PLUGIN_PATH and QML2_IMPORT_PATH, before the importing code can make a QCoreApplication);
- pyi_rth_multiprocessing and pyi_rth_pkgutil once that module has run (what they patch is in it);
- pyi_rth_inspect at the first call of `inspect.getsourcefile` (the only function it replaces; `dataclasses`
  imports inspect in every run of the quote, which should not pay for zipfile).
So a run that imports the module gets the hook's work before it can use the module, as before; a run that does
not, skips it. A hook missing from the archive (an analysis that did not find its module) is skipped.
"""

from __future__ import annotations

import sys
from types import ModuleType  # imported by the interpreter's start already (typing is not: nothing of it here)

# The module each deferred hook serves (as PyInstaller's rthooks.dat registers it) -> the hook.
AFTER_IMPORT = {
    "PySide6": "pyi_rth_pyside6",
    "multiprocessing": "pyi_rth_multiprocessing",
    "pkgutil": "pyi_rth_pkgutil",
}
AT_FIRST_CALL = {"inspect": ("getsourcefile", "pyi_rth_inspect")}  # module -> (function it replaces, hook)
DEFERRED = {*AFTER_IMPORT.values(), *(hook for _function, hook in AT_FIRST_CALL.values())}
RAN: list[str] = []  # the hooks run in this process, in order (tests check what ran and when)


def run_hook(hook: str) -> bool:
    """Import the hook's module (it does its work at import, as at start-up); False when it is not collected."""
    if hook in sys.modules:
        return True
    try:
        __import__(hook)
    except ModuleNotFoundError as missing:
        if missing.name != hook:
            raise
        return False
    RAN.append(hook)
    return True


def _after(module: ModuleType) -> None:
    """What the first import of `module` owes: run its hook, or wrap the function whose first call runs it."""
    name = module.__name__
    if name in AFTER_IMPORT:
        run_hook(AFTER_IMPORT[name])
        return
    function, hook = AT_FIRST_CALL[name]
    original = getattr(module, function)

    def first_call(*args, **kwargs):  # type: ignore[no-untyped-def]
        if getattr(module, function) is first_call:
            setattr(module, function, original)  # the hook wraps the original, as it would have at start-up
            run_hook(hook)
        return getattr(module, function)(*args, **kwargs)

    first_call.__wrapped__ = original  # type: ignore[attr-defined]
    setattr(module, function, first_call)


class DeferredHookFinder:
    """A meta path finder that lets each watched module load through the other finders, then runs its hook."""

    def __init__(self, names: set[str]) -> None:
        self.waiting = set(names)

    def find_spec(self, name: str, path: object = None, target: object = None) -> object:
        if name not in self.waiting:
            return None
        self.waiting.discard(name)
        if not self.waiting and self in sys.meta_path:
            sys.meta_path.remove(self)
        for finder in [f for f in sys.meta_path if f is not self]:
            find = getattr(finder, "find_spec", None)
            spec = find(name, path, target) if find is not None else None
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _HookedLoader(spec.loader)
                return spec
        return None


class _HookedLoader:
    def __init__(self, inner: object) -> None:
        self.inner = inner

    def create_module(self, spec: object) -> object:
        return self.inner.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        module.__spec__.loader = module.__loader__ = self.inner  # type: ignore[union-attr]  # its own loader
        self.inner.exec_module(module)
        _after(module)


def install() -> None:
    """Defer the hooks (once): a watched module imported already (by a hook that ran before) is served now."""
    if any(isinstance(finder, DeferredHookFinder) for finder in sys.meta_path):
        return
    watched = set(AFTER_IMPORT) | set(AT_FIRST_CALL)
    for name in sorted(watched):
        if name in sys.modules:
            watched.discard(name)
            _after(sys.modules[name])
    if watched:
        sys.meta_path.insert(0, DeferredHookFinder(watched))
