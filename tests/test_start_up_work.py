"""What start-up leaves out stays left out: no plugin search in pydantic, no wizard after the first start, no
DuckDB (the usage import's engine) anywhere but in a usage import."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pydantic

from desktop.resources import default_example_path

REPO = Path(__file__).resolve().parent.parent


def test_pydantic_takes_only_get_plugins_from_its_plugin_loader() -> None:
    """desktop.startup.skip_pydantic_plugins stands in for pydantic.plugin._loader with `get_plugins` alone."""
    names: set[str] = set()
    for source in Path(pydantic.__file__).parent.rglob("*.py"):
        for match in re.finditer(r"from \.?_loader import ([\w, ]+)|from pydantic\.plugin\._loader import ([\w, ]+)",
                                 source.read_text(encoding="utf-8")):
            names.update(n.strip() for n in (match.group(1) or match.group(2)).split(","))
        assert "_loader." not in source.read_text(encoding="utf-8").replace("plugin._loader.py", "")
    assert names == {"get_plugins"}


def test_a_cli_run_never_imports_importlib_metadata(tmp_path: Path) -> None:
    code = ("import sys; from desktop.cli import main; status = main(['estimate', sys.argv[1]]); "
            "print('METADATA', 'importlib.metadata' in sys.modules); "
            "print('NUMPY', 'numpy' in sys.modules); print('PYDANTIC', 'pydantic' in sys.modules); "
            "print('WORKSHOP', sorted(m for m in sys.modules if m.startswith('desktop.model.workshop.'))); "
            "print('USAGE', sorted(m for m in sys.modules if m.startswith(('duckdb', 'desktop.usage')))); "
            "sys.exit(status)")
    done = subprocess.run([sys.executable, "-c", code, str(default_example_path())], cwd=REPO, capture_output=True,
                          text=True, timeout=120, env={"COMPUTEFIT_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
                          check=False)
    assert done.returncode == 0, done.stderr
    assert "METADATA False" in done.stdout
    assert "NUMPY False" in done.stdout  # the quote's exact calc: plain-Python arrays (calc.exact_arrays)
    assert "PYDANTIC False" in done.stdout  # the lean path: a plainly valid workload, the bundled book (issue 26)
    assert "WORKSHOP []" in done.stdout  # a workload file needs no workshop model
    assert "USAGE []" in done.stdout


def test_the_window_and_a_fleet_review_never_import_duckdb(tmp_path: Path) -> None:
    """The window's modules and `usage review` (a workshop file, no billing export) leave DuckDB out; a billing
    import brings it in (so the check above would see it)."""
    code = """
import sys
import desktop.app, desktop.qt.main_window
from desktop.usage import commands, importer, review
print("WINDOW", "duckdb" in sys.modules)
from desktop.usage import engine
print("ENGINE", "duckdb" in sys.modules)
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120,
                          env={"QT_QPA_PLATFORM": "offscreen", "COMPUTEFIT_DATA_DIR": str(tmp_path),
                               "PATH": "/usr/bin:/bin"}, check=False)
    assert done.returncode == 0, done.stderr
    assert "WINDOW False" in done.stdout and "ENGINE False" in done.stdout


def test_the_first_start_key_is_the_wizards() -> None:
    from desktop.app import FIRST_START_OFFERED
    from desktop.qt.wizard.first_start import OFFERED_KEY

    assert FIRST_START_OFFERED == OFFERED_KEY


def test_pyside_reads_no_module_source_once_told_and_tracebacks_still_show_lines(tmp_path: Path) -> None:
    code = """
import linecache, sys, traceback
import PySide6.QtWidgets
import shibokensupport.feature as feature
assert "_mod_uses_pyside" in feature.feature_imported.__code__.co_names  # what skip_pyside_source_scan replaces
from desktop.startup import skip_pyside_source_scan
skip_pyside_source_scan()
cached, known = set(linecache.cache), set(feature.pyside_feature_dict)
import desktop.qt.main_window, numpy, pydantic
from desktop.files import read_bounded
added = {feature.pyside_feature_dict[name] for name in set(feature.pyside_feature_dict) - known}
print("CACHED", len(set(linecache.cache) - cached), "DEFAULT API", added)
try:
    read_bounded("/no/such/file", 10)
except Exception:
    print("LINES", "raise " in traceback.format_exc())
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120,
                          env={"QT_QPA_PLATFORM": "offscreen", "COMPUTEFIT_DATA_DIR": str(tmp_path),
                               "PATH": "/usr/bin:/bin"}, check=False)
    assert done.returncode == 0, done.stderr
    assert "CACHED 0 DEFAULT API {0}" in done.stdout and "LINES True" in done.stdout


def test_the_window_loads_neither_openssl_nor_numpy_ma(tmp_path: Path) -> None:
    """The window's process hashes with Python's own SHA-256 (desktop.startup.hashes_without_openssl: libcrypto is
    3.4 MB of its memory) with the same digests, and its break-evens do not import numpy.ma (np.unique would:
    1 MB); checked through the launcher up to the first paint, then a PDF's worth of advice in the same process."""
    code = """
import runpy, sys
sys.argv = ["computefit"]
sys.path.insert(0, "packaging")  # the launcher's stall_probe, beside it
try:
    runpy.run_path("packaging/launcher.py", run_name="__main__")
except SystemExit as exc:
    assert not exc.code, exc.code
import hashlib
from desktop.model.advice.advise import advise
from desktop.pricelist.book.store import bundled_book
from desktop.model.workload.files import load_workload
from desktop.resources import default_example_path
assert advise(load_workload(default_example_path()), bundled_book()).break_even
print("OPENSSL", sys.modules.get("_hashlib", "absent"), "MA", "numpy.ma" in sys.modules)
print("SHA", hashlib.sha256(b"abc").hexdigest())
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=180,
                          env={"QT_QPA_PLATFORM": "offscreen", "COMPUTEFIT_DATA_DIR": str(tmp_path),
                               "XDG_CONFIG_HOME": str(tmp_path / "config"), "COMPUTEFIT_EXIT_AFTER_FIRST_PAINT": "1",
                               "PATH": "/usr/bin:/bin"}, check=False)
    assert done.returncode == 0, done.stderr
    assert "OPENSSL None MA False" in done.stdout
    assert "SHA ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" in done.stdout
