"""The one safe-write helper: whole or not at all, through symlinks, never over what is not a regular file."""

from __future__ import annotations

import errno
import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.files import WriteError, check_target, write_atomically


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_writes_a_new_file_with_the_umask_mode_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "new.json"
    assert write_atomically(target, b"{}\n") == target
    assert target.read_bytes() == b"{}\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()
    assert [p.name for p in tmp_path.iterdir()] == ["new.json"]


def test_data_in_parts_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "ranked.csv"
    write_atomically(target, (f"{n}\n".encode() for n in range(3)))
    assert target.read_bytes() == b"0\n1\n2\n"

    def failing() -> Iterator[bytes]:
        yield b"half"
        raise ValueError("the producer failed")

    with pytest.raises(ValueError, match="the producer failed"):
        write_atomically(target, failing())
    assert target.read_bytes() == b"0\n1\n2\n" and [p.name for p in tmp_path.iterdir()] == ["ranked.csv"]


@pytest.mark.parametrize("mode", [0o644, 0o600, 0o664, 0o640])
def test_an_existing_files_mode_is_kept(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "shared.workload.json"
    target.write_bytes(b"old")
    os.chmod(target, mode)
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_a_symlink_is_followed_its_target_replaced_and_the_link_kept(tmp_path: Path) -> None:
    real_folder = tmp_path / "real"
    real_folder.mkdir()
    real = real_folder / "w.workload.json"
    real.write_bytes(b"old")
    os.chmod(real, 0o644)
    link_folder = tmp_path / "links"
    link_folder.mkdir()
    link = link_folder / "w.workload.json"
    link.symlink_to(os.path.relpath(real, link_folder))
    assert write_atomically(link, b"new") == real
    assert link.is_symlink() and os.readlink(link) == os.path.relpath(real, link_folder)
    assert real.read_bytes() == b"new" and link.read_bytes() == b"new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o644
    assert sorted(p.name for p in real_folder.iterdir()) == ["w.workload.json"]
    assert sorted(p.name for p in link_folder.iterdir()) == ["w.workload.json"]


def test_a_chain_of_symlinks_and_a_dangling_one(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_bytes(b"old")
    (tmp_path / "one").symlink_to("real.csv")
    (tmp_path / "two").symlink_to("one")
    write_atomically(tmp_path / "two", b"new")
    assert real.read_bytes() == b"new" and (tmp_path / "two").is_symlink() and (tmp_path / "one").is_symlink()
    dangling = tmp_path / "dangling"
    dangling.symlink_to("made-by-the-write.csv")
    write_atomically(dangling, b"fresh")
    assert dangling.is_symlink() and (tmp_path / "made-by-the-write.csv").read_bytes() == b"fresh"


def test_a_symlink_loop_is_refused_clearly(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    with pytest.raises(WriteError) as caught:
        write_atomically(tmp_path / "a", b"x")
    assert caught.value.strerror == "the path is a loop of symbolic links"


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(WriteError) as caught:
        write_atomically(tmp_path, b"x")
    assert caught.value.strerror == "it is a folder, not a file"
    assert caught.value.filename == str(tmp_path)


def test_a_fifo_is_refused_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for attempt in (check_target, lambda p: write_atomically(p, b"x")):
        with pytest.raises(WriteError) as caught:
            attempt(fifo)
        assert caught.value.strerror == ("it is a named pipe (FIFO), not a regular file: ComputeFit only replaces "
                                         "regular files")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_a_socket_is_refused_and_stays_a_socket(tmp_path: Path) -> None:
    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(path))
        with pytest.raises(WriteError) as caught:
            write_atomically(path, b"x")
        assert "it is a socket, not a regular file" in str(caught.value.strerror)
        assert stat.S_ISSOCK(os.lstat(path).st_mode)
    finally:
        server.close()


def test_a_symlink_to_a_fifo_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "out.pdf").symlink_to("pipe")
    with pytest.raises(WriteError) as caught:
        write_atomically(tmp_path / "out.pdf", b"x")
    assert "named pipe (FIFO)" in str(caught.value.strerror)
    assert stat.S_ISFIFO(os.lstat(tmp_path / "pipe").st_mode) and (tmp_path / "out.pdf").is_symlink()


def test_dev_null_is_refused_and_is_still_a_device() -> None:
    with pytest.raises(WriteError) as caught:
        write_atomically("/dev/null", b"x")
    assert caught.value.strerror == "it is a device, not a regular file: ComputeFit only replaces regular files"
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


@pytest.mark.skipif(not Path("/proc/version").exists(), reason="no /proc on this system")
def test_proc_is_refused_with_a_truthful_message() -> None:
    with pytest.raises(WriteError) as caught:
        write_atomically("/proc/version", b"x")
    assert caught.value.strerror == "/proc belongs to the kernel's /proc file system, which holds no ordinary files"
    assert "does not exist" not in str(caught.value.strerror)


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    target = tmp_path / "nope" / "out.csv"
    for attempt in (check_target, lambda p: write_atomically(p, b"x")):
        with pytest.raises(WriteError) as caught:
            attempt(target)
        assert caught.value.strerror == f"the folder {tmp_path / 'nope'} does not exist"


def test_a_file_where_a_folder_should_be_is_named(tmp_path: Path) -> None:
    (tmp_path / "file").write_bytes(b"")
    with pytest.raises(WriteError) as caught:
        write_atomically(tmp_path / "file" / "out.csv", b"x")
    assert caught.value.strerror == f"{tmp_path / 'file'} is a file, not a folder"


def _old_file(tmp_path: Path) -> Path:
    target = tmp_path / "keep.workload.json"
    target.write_bytes(b"the old content\n")
    os.chmod(target, 0o644)
    return target


def test_a_write_that_fails_midway_leaves_the_old_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = _old_file(tmp_path)
    real_write = os.write
    calls: list[int] = []

    def half_then_full_disk(fd: int, data: bytes | memoryview) -> int:
        calls.append(len(data))
        if len(calls) == 1:
            return real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", half_then_full_disk)
    with pytest.raises(WriteError) as caught:
        write_atomically(target, b"x" * 100_000)
    assert len(calls) == 2  # it did write half before the disk filled
    assert caught.value.strerror == "the disk is full" and caught.value.errno == errno.ENOSPC
    assert target.read_bytes() == b"the old content\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["keep.workload.json"]


@pytest.mark.parametrize("failing", ["fsync", "replace", "fchmod", "close"])
def test_any_failing_step_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               failing: str) -> None:
    target = _old_file(tmp_path)
    real = getattr(os, failing)
    failed: list[bool] = []

    def fail_once(*args: object) -> object:
        if not failed:
            failed.append(True)
            if failing == "close":
                real(*args)  # really close it, then report the error as NFS can
            raise OSError(errno.EIO, "Input/output error")
        return real(*args)

    monkeypatch.setattr(os, failing, fail_once)
    with pytest.raises(WriteError) as caught:
        write_atomically(target, b"new content")
    assert caught.value.strerror == "Input/output error"
    assert target.read_bytes() == b"the old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.workload.json"]


def test_an_interrupted_write_removes_its_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = _old_file(tmp_path)

    def interrupted(*_args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"the old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.workload.json"]


def test_an_unwritable_folder_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", denied)  # root may write anywhere: simulate
    with pytest.raises(WriteError) as caught:
        write_atomically(tmp_path / "x.pdf", b"x")
    assert caught.value.strerror == f"permission denied: the folder {tmp_path} is not writable"


def test_a_name_no_file_can_have_is_refused(tmp_path: Path) -> None:
    with pytest.raises(WriteError) as caught:
        write_atomically(f"{tmp_path}/a\x00b", b"x")
    assert caught.value.strerror == "the file name is not valid"
    assert list(tmp_path.iterdir()) == []


def test_a_name_at_the_file_systems_limit_can_still_be_written(tmp_path: Path) -> None:
    target = tmp_path / ("n" * 250 + ".json")  # the temporary's name must not be longer than the target's limit
    write_atomically(target, b"{}")
    assert target.read_bytes() == b"{}" and len(list(tmp_path.iterdir())) == 1
