"""The file helpers and the commands that read and write files run with `os` shaped as on Windows' CPython 3.11
(no O_NONBLOCK, fchmod, fchown, geteuid, xattr calls...; os.name "nt") and as on macOS (no xattr calls in `os`;
sys.platform "darwin"). Issue: with Windows' `os`, every read (the bundled book at start included) and every
save raised AttributeError (os.O_NONBLOCK in bounded_read, os.fchmod in safe_write).

Only our modules' module-level `os` reference is replaced (os.path stays this system's, so paths work here);
what Windows itself does with drive letters and backslashes is pathlib's; the names Windows refuses are checked
by `windows_name_problem`, which reads paths as Windows does (ntpath)."""

from __future__ import annotations

import json
import os
import re
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.files import WriteError, load_json_file, read_bounded, write_atomically
from desktop.files.bounded_read import open_regular
from desktop.files.safe_write import windows_name_problem
from desktop.model.workshop.files import load_document, save_workshop
from desktop.resources import examples_dir

EXAMPLE = examples_dir() / "http-api.workload.json"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pricelist"

# What Windows' CPython 3.11 `os` lacks of Linux's (the Unix-only names a file helper could reach for).
WINDOWS_LACKS = ("O_NONBLOCK", "O_NOCTTY", "O_CLOEXEC", "O_NOFOLLOW", "O_DIRECTORY", "O_SYNC", "O_DSYNC",
                 "fchmod", "fchown", "lchown", "chown", "geteuid", "getegid", "getuid", "getgid", "getgroups",
                 "getxattr", "setxattr", "listxattr", "removexattr", "mkfifo", "mknod", "fork", "killpg", "getpgid",
                 "statvfs", "fstatvfs", "sync", "uname", "pipe2", "posix_fadvise", "sched_getaffinity")
MACOS_LACKS = ("getxattr", "setxattr", "listxattr", "removexattr", "pipe2", "posix_fadvise", "sched_getaffinity")


def _shaped_os(lacks: tuple[str, ...], **given: object) -> types.ModuleType:
    shaped = types.ModuleType("os")
    shaped.__dict__.update({k: v for k, v in vars(os).items() if k not in lacks})
    shaped.__dict__.update(given)
    return shaped


def _use_os(monkeypatch: pytest.MonkeyPatch, shaped: types.ModuleType) -> list[str]:
    """Every loaded desktop module's module-level `os` becomes `shaped`; the modules patched, by name."""
    import desktop.files.bounded_read
    import desktop.files.safe_write
    import desktop.pricelist.offers.read_json  # noqa: F401 (loaded so that its `os` is patched too)

    patched = []
    for name, module in list(sys.modules.items()):
        if name.startswith("desktop") and getattr(module, "os", None) is os:
            monkeypatch.setattr(module, "os", shaped)
            patched.append(name)
    return patched


@pytest.fixture()
def windows(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[str]]:
    monkeypatch.setenv("COMPUTEFIT_DATA_DIR", str(tmp_path / "data"))
    yield _use_os(monkeypatch, _shaped_os(WINDOWS_LACKS, name="nt", O_BINARY=0))


@pytest.fixture()
def macos(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[str]]:
    monkeypatch.setenv("COMPUTEFIT_DATA_DIR", str(tmp_path / "data"))
    patched = _use_os(monkeypatch, _shaped_os(MACOS_LACKS))
    monkeypatch.setattr(sys, "platform", "darwin")
    yield patched


def _file_helpers(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    assert write_atomically(path, b'{"a": 1}') == path.resolve()
    path.chmod(0o640)
    write_atomically(path, b'{"a": 2}')  # replaces it, keeping its permission bits
    assert oct(path.stat().st_mode & 0o777) == "0o640"
    assert read_bounded(path, 100) == b'{"a": 2}' and load_json_file(path, 100) == {"a": 2}
    with open_regular(path) as handle:
        assert handle.read() == b'{"a": 2}'


def _commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["estimate", str(EXAMPLE), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["options"]["lambda"]["monthly_usd"]
    pdf = tmp_path / "sheet.pdf"
    assert main(["report", str(EXAMPLE), "-o", str(pdf)]) == 0, capsys.readouterr().err
    assert pdf.read_bytes().startswith(b"%PDF")
    book = tmp_path / "book.json"
    for offer in (FIXTURES / "AWSLambda-eu-west-2.csv", FIXTURES / "AmazonECS-eu-west-2.csv"):
        assert main(["prices", "import", str(offer), "--into", str(book)]) == 0, capsys.readouterr().err
    assert set(json.loads(book.read_text())["regions"]["eu-west-2"]) >= {"lambda", "fargate"}
    workshop = tmp_path / "w.workshop.json"
    loaded = load_document(EXAMPLE).workshop
    save_workshop(workshop, loaded)
    save_workshop(workshop, loaded)  # a second save replaces the first
    assert load_document(workshop).workshop == loaded
    capsys.readouterr()


def test_windows_shaped_os_reads_and_writes(windows: list[str], tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert {"desktop.files.bounded_read", "desktop.files.safe_write"} <= set(windows)
    _file_helpers(tmp_path)
    _commands(tmp_path, capsys)


def test_windows_shaped_os_refuses_names_windows_cannot_hold(windows: list[str], tmp_path: Path) -> None:
    for name, problem in (("CON.json", "CON is a device name on Windows"), ("nul", "nul is a device name"),
                          ("a.json.", "ending in a dot or a space"), ('a"b.json', 'characters <>:"|?*')):
        with pytest.raises(WriteError, match=re.escape(problem)):
            write_atomically(tmp_path / name, b"{}")
        assert not (tmp_path / name).exists()


@pytest.mark.parametrize(("path", "problem"), [
    ("C:\\Users\\me\\Documents\\plan.workshop.json", ""),
    ("D:/shared/plan.json", ""),
    ("\\\\server\\share\\plan.json", ""),
    ("C:\\Users\\me\\COM1.txt", "COM1 is a device name on Windows"),
    ("C:\\Users\\me\\LPT9", "LPT9 is a device name on Windows"),
    ("C:\\Users\\me\\report.pdf ", "ending in a dot or a space"),
    ("C:\\Users\\me\\what?.json", 'characters <>:"|?*'),
    ("C:\\Users\\me\\a|b.json", 'characters <>:"|?*'),
    ("C:\\Users\\me\\", "names a folder"),
])
def test_names_windows_refuses(path: str, problem: str) -> None:
    found = windows_name_problem(path)
    assert (problem in found) if problem else found == ""


def test_macos_shaped_os_reads_and_writes(macos: list[str], tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert sys.platform == "darwin" and "desktop.files.safe_write" in macos
    _file_helpers(tmp_path)
    _commands(tmp_path, capsys)
