"""PyInstaller's run-time hooks deferred to the first import of their module (packaging/deferred_hooks.py).

The frozen bundle is built in .ci/run (packaging/build.py checks there that the frozen `estimate` imports none of
these modules and runs none of their hooks, and that the window runs PySide6's); here the mechanism itself, with
stand-in modules and hooks, and the specs' use of it.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGING = REPO / "packaging"
sys.path.insert(0, str(PACKAGING))
import deferred_hooks  # noqa: E402  (packaging/ is not a Python package)
import trim  # noqa: E402

MODULE = '''
calls = []
def getsourcefile(obj):
    calls.append(obj)
    return "original"
'''
HOOK_AFTER_IMPORT = '''
import sys
import cf_watched
cf_watched.seen_by_hook = hasattr(cf_watched, "getsourcefile")  # the module had run whole before its hook
sys.modules["cf_log"].append("hook")
'''
HOOK_AT_FIRST_CALL = '''
import sys
import cf_watched
_original = cf_watched.getsourcefile
def getsourcefile(obj):  # as pyi_rth_inspect does: its own, falling back on the original
    return "hooked " + _original(obj)
cf_watched.getsourcefile = getsourcefile
sys.modules["cf_log"].append("hook")
'''


@pytest.fixture
def stand_ins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """A watched module `cf_watched`, a log the hooks write to, a clean meta path and nothing hooked yet."""
    (tmp_path / "cf_watched.py").write_text(MODULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))
    monkeypatch.setattr(deferred_hooks, "AFTER_IMPORT", {})
    monkeypatch.setattr(deferred_hooks, "AT_FIRST_CALL", {})
    monkeypatch.setattr(deferred_hooks, "RAN", [])
    log: list[str] = []
    sys.modules["cf_log"] = log  # type: ignore[assignment]
    yield log
    for name in ("cf_log", "cf_watched", "cf_hook"):
        sys.modules.pop(name, None)


def write_hook(tmp_path: Path, text: str) -> None:
    (tmp_path / "cf_hook.py").write_text(text, encoding="utf-8")


def test_a_hook_runs_once_its_module_has_been_imported_and_not_before(stand_ins: list[str], tmp_path: Path) -> None:
    write_hook(tmp_path, HOOK_AFTER_IMPORT)
    deferred_hooks.AFTER_IMPORT["cf_watched"] = "cf_hook"
    deferred_hooks.install()
    assert stand_ins == [] and "cf_watched" not in sys.modules
    import cf_watched  # type: ignore[import-not-found]

    assert stand_ins == ["hook"] and cf_watched.seen_by_hook is True
    assert deferred_hooks.RAN == ["cf_hook"]
    assert not any(isinstance(f, deferred_hooks.DeferredHookFinder) for f in sys.meta_path)  # nothing left to wait for
    assert cf_watched.__loader__.__class__.__name__ != "_HookedLoader"  # the module keeps its own loader


def test_a_hook_on_a_function_runs_at_its_first_call(stand_ins: list[str], tmp_path: Path) -> None:
    write_hook(tmp_path, HOOK_AT_FIRST_CALL)
    deferred_hooks.AT_FIRST_CALL["cf_watched"] = ("getsourcefile", "cf_hook")
    deferred_hooks.install()
    import cf_watched

    assert stand_ins == []  # imported, not called: the hook waits
    assert cf_watched.getsourcefile("a") == "hooked original"
    assert cf_watched.getsourcefile("b") == "hooked original"
    assert stand_ins == ["hook"] and cf_watched.calls == ["a", "b"]  # once, and the original under it once a call


def test_a_module_imported_before_install_gets_its_hook_at_install(stand_ins: list[str], tmp_path: Path) -> None:
    write_hook(tmp_path, HOOK_AFTER_IMPORT)
    import cf_watched  # noqa: F401

    deferred_hooks.AFTER_IMPORT["cf_watched"] = "cf_hook"
    deferred_hooks.install()
    assert stand_ins == ["hook"]


def test_a_hook_the_analysis_did_not_collect_is_skipped(stand_ins: list[str]) -> None:
    deferred_hooks.AFTER_IMPORT["cf_watched"] = "cf_hook"  # no cf_hook.py
    deferred_hooks.install()
    import cf_watched

    assert cf_watched.getsourcefile("x") == "original" and deferred_hooks.RAN == []


def test_the_deferred_hooks_leave_the_start_up_scripts_for_the_archive() -> None:
    scripts = [("pyiboot01_bootstrap", "/b.py", "PYSOURCE"), ("rth_deferred_hooks", "/r.py", "PYSOURCE"),
               ("pyi_rth_inspect", "/i.py", "PYSOURCE"), ("pyi_rth_pkgutil", "/p.py", "PYSOURCE"),
               ("pyi_rth_multiprocessing", "/m.py", "PYSOURCE"), ("pyi_rth_pyside6", "/q.py", "PYSOURCE"),
               ("pyi_rth_pyqtgraph_multiprocess", "/g.py", "PYSOURCE"), ("launcher", "/l.py", "PYSOURCE")]
    pure = [("json", "/json.py", "PYMODULE")]
    same_lists = (id(scripts), id(pure))
    moved = trim.defer_runtime_hooks(scripts, pure)
    assert moved == ["pyi_rth_inspect", "pyi_rth_multiprocessing", "pyi_rth_pkgutil", "pyi_rth_pyside6"]
    assert [name for name, _p, _k in scripts] == ["pyiboot01_bootstrap", "rth_deferred_hooks",
                                                  "pyi_rth_pyqtgraph_multiprocess", "launcher"]
    assert ("pyi_rth_pyside6", "/q.py", "PYMODULE") in pure and len(pure) == 5
    assert (id(scripts), id(pure)) == same_lists  # in place: PyInstaller keeps a.pure's compiled code by identity


@pytest.mark.parametrize("spec", ["computefit.spec", "baseline.spec"])
def test_both_bundles_defer_the_hooks(spec: str) -> None:
    """The floor gets the app's start-up fix (the budgets compare like with like)."""
    text = (PACKAGING / spec).read_text(encoding="utf-8")
    assert "runtime_hooks=[str(HERE / RUNTIME_HOOK)]" in text
    assert "defer_runtime_hooks(a.scripts, a.pure)" in text
    assert (PACKAGING / trim.RUNTIME_HOOK).read_text(encoding="utf-8").count("install()") == 1


def test_pyinstaller_registers_each_deferred_hook_for_the_module_it_waits_for() -> None:
    """A PyInstaller that moved a hook to another module (or renamed it) would leave it waiting for the wrong one."""
    pytest.importorskip("PyInstaller")
    import PyInstaller

    registry = ast.literal_eval((Path(PyInstaller.__file__).parent / "hooks" / "rthooks.dat").read_text())
    waits_for = {**deferred_hooks.AFTER_IMPORT,
                 **{module: hook for module, (_f, hook) in deferred_hooks.AT_FIRST_CALL.items()}}
    for module, hook in waits_for.items():
        assert f"{hook}.py" in registry[module], (module, hook)
    assert deferred_hooks.AT_FIRST_CALL == {"inspect": ("getsourcefile", "pyi_rth_inspect")}
    hook = (Path(PyInstaller.__file__).parent / "hooks" / "rthooks" / "pyi_rth_inspect.py").read_text()
    assert "inspect.getsourcefile = _pyi_getsourcefile" in hook  # the only thing it changes in inspect
