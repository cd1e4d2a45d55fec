"""Save As starts from a safe file name made from the workload's name, in the folder last saved to."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from desktop.qt.main_window import MainWindow
from desktop.workbench.file_names import MAX_STEM_CHARS, safe_file_stem
from desktop.workbench.workbench import Workbench


@pytest.mark.parametrize(("name", "stem"), [
    ("/etc/cron.d/evil", "etc-cron.d-evil"), ("../../tmp/evil", "tmp-evil"), ("..\\..\\Windows\\x", "Windows-x"),
    ("a\x00b\x1b[31mc\u202e", "a-b-31mc"), ("CON", "workload-CON"), ("nul.txt", "workload-nul.txt"),
    ("Lpt1", "workload-Lpt1"), ("...", "workload"), (".hidden", "hidden"), ("Café API", "Café-API"),
    ("x" * 300, "x" * MAX_STEM_CHARS),
])
def test_a_safe_stem_never_leaves_its_folder(name: str, stem: str) -> None:
    assert safe_file_stem(name) == stem
    assert "/" not in stem and "\\" not in stem and ".." not in stem


def test_save_as_offers_the_safe_name_in_the_last_used_folder(window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                             monkeypatch) -> None:
    window.session.run(Workbench.apply_changes, {"name": "../../etc/cron.d/evil"}, "rename")
    offered: list[str] = []
    first = tmp_path / "chosen" / "mine.workload.json"
    first.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda _w, _t, start, *_a: offered.append(start) or (
        str(first), ""))
    assert window.save_as()
    assert Path(offered[0]).parent == Path.home() and Path(offered[0]).name == "etc-cron.d-evil.workload.json"
    window.session.run(Workbench.new)
    window.session.run(Workbench.apply_changes, {"name": "CON"}, "rename")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda _w, _t, start, *_a: offered.append(start) or ("", ""))
    assert not window.save_as()
    assert offered[1] == str(first.parent / "workload-CON.workload.json")
