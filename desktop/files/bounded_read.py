"""One way to read a file: a regular file only, at most a byte limit, never a read that hangs.

`read_bounded(path, limit)` looks at the path first (stat, through symlinks) and refuses a folder, a named
pipe (FIFO), a device or a socket without opening it, so a FIFO cannot block and `/dev/zero` cannot fill the
memory. It then opens the file non-blocking, checks again that what it opened is a regular file, and reads
at most `limit` bytes counted as they arrive: a file that grows, or a /proc file whose size says 0, is
refused once more than `limit` bytes have been read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from desktop.files.kinds import kind_of, size_text

CHUNK_BYTES = 1024 * 1024


class ReadError(ValueError):
    """A file that cannot be used: str() is one line, "<file>: <field>: <message>" (field may be empty)."""

    def __init__(self, where: str, field: str, message: str, code: int | None = None):
        self.where = where
        self.field = field
        self.message = message
        self.errno = code  # ENOENT for a missing file, else None or the OS error number
        super().__init__(f"{where}: {field}: {message}" if field else f"{where}: {message}")


def read_bounded(path: Path | str, limit: int, what: str = "this file") -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them; else ReadError naming the file.

    `what` names the kind of file in the too-large message ("a workload file is at most 5 MB").
    """
    where = str(path)
    info = _stat(path, where)
    _check_regular(info, where)
    if info.st_size > limit:
        raise ReadError(where, "", f"file is too large ({size_text(info.st_size)}; {what} is at most "
                                   f"{size_text(limit)})")
    fd = _open_regular_fd(path, where)
    try:
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(CHUNK_BYTES, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise ReadError(where, "", f"file is too large (more than {size_text(limit)} read; {what} is at "
                                           f"most {size_text(limit)})")
    except OSError as exc:
        raise _error(exc, where) from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def open_regular(path: Path | str) -> BinaryIO:
    """The regular file at `path`, open for reading in binary (buffered); ReadError naming the file for anything
    else: a FIFO, device, socket or folder is refused from its stat, before any open that could block."""
    where = str(path)
    _check_regular(_stat(path, where), where)
    fd = _open_regular_fd(path, where)
    return open(fd, "rb", closefd=True)


def _open_flags() -> int:
    """Read-only, and where the system has them: non-blocking (a FIFO swapped in after the stat cannot block
    the open), no controlling terminal, closed on exec. Windows has none of these (and no FIFOs in the file
    system): plain read-only, in binary."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0)
    for name in ("O_NONBLOCK", "O_NOCTTY", "O_CLOEXEC"):
        flags |= getattr(os, name, 0)
    return flags


def _open_regular_fd(path: Path | str, where: str) -> int:
    """An open descriptor of the regular file at `path`, checked again after the open (the path may have been
    swapped since the stat)."""
    try:
        fd = os.open(path, _open_flags())
    except OSError as exc:
        raise _error(exc, where) from None
    try:
        _check_regular(os.fstat(fd), where)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _stat(path: Path | str, where: str) -> os.stat_result:
    try:
        return os.stat(path)
    except OSError as exc:
        raise _error(exc, where) from None
    except ValueError:  # a NUL character in the name: no file can have it
        raise ReadError(where, "", "is not a valid file name", errno.EINVAL) from None


def _check_regular(info: os.stat_result, where: str) -> None:
    if stat.S_ISREG(info.st_mode):
        return
    if stat.S_ISDIR(info.st_mode):
        raise ReadError(where, "", "is a folder, not a file", errno.EISDIR)
    raise ReadError(where, "", f"is {kind_of(info.st_mode)}, not a regular file: ComputeFit reads only "
                               "regular files", errno.EINVAL)


def _error(exc: OSError, where: str) -> ReadError:
    code = exc.errno
    if code in (errno.ENOENT, errno.ENOTDIR):
        return ReadError(where, "", "file not found", errno.ENOENT)
    if code in (errno.EACCES, errno.EPERM):
        return ReadError(where, "", "permission denied", code)
    if code == errno.ELOOP:
        return ReadError(where, "", "the path is a loop of symbolic links", code)
    if code == errno.EISDIR:
        return ReadError(where, "", "is a folder, not a file", code)
    if code == errno.ENXIO:
        return ReadError(where, "", "is not a regular file: ComputeFit reads only regular files", code)
    return ReadError(where, "", f"cannot be read ({exc.strerror or exc})", code)
