"""pyqtgraph's mirrors of QtCore, QtGui and QtWidgets forward each name when first asked for
(desktop.startup.lazy_pyqtgraph_mirrors): the lazy path is the one taken with the pyqtgraph installed here, the
charts see the same classes and pyqtgraph's own patches, and anything of another shape takes the plain path."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyqtgraph as pg
import PySide6.QtCore
import PySide6.QtGui
import PySide6.QtWidgets

from desktop import startup
from desktop.qt.main_window import MainWindow

REPO = Path(__file__).resolve().parents[3]


def test_the_charts_of_this_test_run_use_the_lazy_mirrors(window: MainWindow) -> None:
    """tests/qt/conftest.py builds the window first: desktop.qt.charts made the mirrors lazy before pyqtgraph came
    in, so every chart test here runs on them."""
    assert startup.LAZY_MIRRORS == ["pyqtgraph.Qt.QtCore", "pyqtgraph.Qt.QtGui", "pyqtgraph.Qt.QtWidgets"]
    assert pg.QtCore.QTimer is PySide6.QtCore.QTimer and pg.QtGui.QPen is PySide6.QtGui.QPen
    assert pg.QtWidgets.QGraphicsView is PySide6.QtWidgets.QGraphicsView
    assert pg.QtCore.__version__ == PySide6.QtCore.__version__  # a module attribute, forwarded too
    assert pg.QtGui.QFileSystemModel is PySide6.QtWidgets.QFileSystemModel  # pyqtgraph's own patch wins
    assert "QTimer" in dir(pg.QtCore) and "QApplication" in dir(pg.QtWidgets)
    chart = window.charts.cost_curve
    advice = window.session.advice
    assert list(chart.curves) == list(advice.curves.costs)  # the real chart drew the advice's curves
    assert all(len(item.getData()[0]) == len(advice.curves.volumes) for item in chart.curves.values())


def test_a_fresh_import_creates_only_the_classes_asked_for(tmp_path: Path) -> None:
    code = """
import sys
import PySide6.QtWidgets
from desktop.startup import LAZY_MIRRORS, lazy_pyqtgraph_mirrors
lazy_pyqtgraph_mirrors()
import pyqtgraph as pg
from pyqtgraph.Qt import QtCore
print("LAZY", LAZY_MIRRORS)
print("COPIED", len(vars(QtCore)) < 100, "OF", len(dir(PySide6.QtCore)))
print("FINDER", type(pg.Qt.__spec__.loader).__module__ != "desktop.startup")
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120,
                          env={"QT_QPA_PLATFORM": "offscreen", "COMPUTEFIT_DATA_DIR": str(tmp_path),
                               "PATH": "/usr/bin:/bin"}, check=False)
    assert done.returncode == 0, done.stderr
    assert "LAZY ['pyqtgraph.Qt.QtCore', 'pyqtgraph.Qt.QtGui', 'pyqtgraph.Qt.QtWidgets']" in done.stdout
    assert "COPIED True" in done.stdout and "FINDER True" in done.stdout


def test_dir_keeps_its_meaning_outside_pyqtgraphs_copy() -> None:
    """Another shape (a pyqtgraph without `_copy_attrs`, another caller, another module): the plain `dir`."""
    def _copy_attrs(src: object) -> list[str]:  # the right name, but not in pyqtgraph.Qt
        return startup._lazy_dir(src)  # type: ignore[no-any-return]

    assert _copy_attrs(PySide6.QtCore) == dir(PySide6.QtCore)
    assert startup._lazy_dir(PySide6.QtGui) == dir(PySide6.QtGui)
    assert startup._lazy_dir(sys) == dir(sys)
    assert startup.lazy_pyqtgraph_mirrors() is None  # pyqtgraph is in: nothing to install
    assert not any(isinstance(f, startup._MirrorFinder) for f in sys.meta_path)
