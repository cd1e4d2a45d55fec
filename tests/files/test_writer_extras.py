"""The writer refuses a read-only file as other editors do, keeps extended attributes where the system has them,
and removes the temporary files a killed save left (its own pattern only, only old ones). Issue: a 0444 file was
replaced without a word, extended attributes were dropped, stale temporaries were never cleaned."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.files import WriteError, check_target, write_atomically
from desktop.files.safe_write import STALE_SECONDS
from desktop.resources import examples_dir

READ_ONLY = "the file is read-only: ComputeFit does not replace a read-only file; make it writable or save under " \
            "another name"


def test_a_read_only_file_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "plan.workload.json"
    path.write_bytes(b"old")
    path.chmod(0o444)
    for attempt in (lambda: check_target(path), lambda: write_atomically(path, b"new")):
        with pytest.raises(WriteError) as caught:
            attempt()
        assert caught.value.strerror == READ_ONLY and caught.value.filename == str(path)
    assert path.read_bytes() == b"old" and oct(path.stat().st_mode & 0o777) == "0o444"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.workload.json"]


def test_a_command_writing_over_a_read_only_file_says_so_in_one_line(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(b"old")
    pdf.chmod(0o444)
    assert main(["report", str(examples_dir() / "http-api.workload.json"), "-o", str(pdf)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and READ_ONLY in err and str(pdf) in err, err
    assert pdf.read_bytes() == b"old"


def test_extended_attributes_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "tagged.json"
    path.write_bytes(b"old")
    try:
        os.setxattr(path, "user.computefit.test", b"kept")
    except (AttributeError, OSError):
        pytest.skip("no user extended attributes here")
    write_atomically(path, b"new")
    assert path.read_bytes() == b"new"
    assert os.getxattr(path, "user.computefit.test") == b"kept"


def test_stale_temporaries_of_ours_are_removed_at_the_next_save(tmp_path: Path) -> None:
    old = time.time() - STALE_SECONDS - 60
    names = {"stale": ".a.json.k2x_9qzp.tmp", "fresh": ".a.json.m3n4p5q6.tmp", "not_ours": ".a.json.backup.tmp",
             "other_file": ".b.json.k2x_9qzp.tmp", "user_file": "a.json.k2x_9qzp.tmp"}
    for name in names.values():
        (tmp_path / name).write_bytes(b"x")
        if name != names["fresh"]:
            os.utime(tmp_path / name, (old, old))
    write_atomically(tmp_path / "a.json", b"{}")
    left = {p.name for p in tmp_path.iterdir()}
    assert left == {"a.json", *names.values()} - {names["stale"]}


def test_the_window_s_save_of_a_read_only_file_is_its_message(tmp_path: Path) -> None:
    """The window saves through the workbench, whose one message the window shows (desktop.qt.main_window)."""
    from desktop.model.workload.files import WorkloadFileError
    from desktop.model.workload.spec import Workload
    from desktop.pricelist.book.store import bundled_book
    from desktop.workbench.workbench import Workbench

    path = tmp_path / "plan.workload.json"
    path.write_text("{}")
    path.chmod(0o444)
    with pytest.raises(WorkloadFileError) as caught:
        Workbench(bundled_book(), Workload(name="w")).save(path)
    assert str(caught.value) == f"{path}: cannot be written ({READ_ONLY})"
    assert path.read_text() == "{}"
