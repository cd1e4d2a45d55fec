"""kill -9 in the middle of an import, or in the middle of writing the user book, leaves the old book intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.pricelist.book.store import read_user_book
from tests.conftest import REPO
from tests.pricelist.conftest import FIXTURES
from tests.pricelist.offer_files import write_ec2_json

pytestmark = pytest.mark.skipif(not Path("/proc/self/fdinfo").exists(), reason="needs Linux /proc")


def _start(data_dir: Path, code: str, *argv: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "COMPUTEFIT_DATA_DIR": str(data_dir), "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-c", code, *argv], cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def _reading_offset(pid: int, path: Path) -> int:
    """How far the process has read `path` (0 while it has not opened it)."""
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            if os.readlink(f"/proc/{pid}/fd/{fd}") == str(path):
                info = Path(f"/proc/{pid}/fdinfo/{fd}").read_text()
                return int(info.split("pos:")[1].split()[0])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return 0


@pytest.fixture()
def old_book(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, bytes]:
    assert main(["prices", "import", str(FIXTURES / "AmazonECS-eu-west-2.csv")]) == 0
    capsys.readouterr()
    book = data_dir / "user-price-book.json"
    return book, book.read_bytes()


def test_kill_9_while_reading_leaves_the_old_user_book(tmp_path: Path, data_dir: Path,
                                                       old_book: tuple[Path, bytes]) -> None:
    big = tmp_path / "AmazonEC2-index.json"
    write_ec2_json(big, 20_000_000)
    process = _start(data_dir, "from desktop.cli import main; raise SystemExit(main())", "prices", "import", str(big))
    offset = 0
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        offset = _reading_offset(process.pid, big)
        if offset > 0:
            break
        time.sleep(0.002)
    assert process.poll() is None, "the import ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=30) == -signal.SIGKILL
    assert 0 < offset < 2 * big.stat().st_size
    book, before = old_book
    assert book.read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == ["user-price-book.json"]


def test_kill_9_while_writing_leaves_the_old_user_book(data_dir: Path, old_book: tuple[Path, bytes]) -> None:
    # The process kills itself at the worst moment: the new book written and synced in its temporary file,
    # the rename over the old one not yet done.
    code = ("import os, signal\n"
            "os.replace = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)\n"
            "from desktop.cli import main\n"
            "raise SystemExit(main())\n")
    process = _start(data_dir, code, "prices", "import", str(FIXTURES / "AWSLambda-eu-west-2.csv"))
    assert process.wait(timeout=60) == -signal.SIGKILL
    book, before = old_book
    assert book.read_bytes() == before
    assert read_user_book(book).regions.keys() == {"eu-west-2"}
    leftovers = [p for p in data_dir.iterdir() if p.name != "user-price-book.json"]
    assert [p.name.startswith(".user-price-book.json.") and p.suffix == ".tmp" for p in leftovers] == [True]
    assert b"AWSLambda" in leftovers[0].read_bytes()  # the whole new book was in the temporary file
