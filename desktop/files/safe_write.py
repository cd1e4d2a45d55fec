"""One way to write a file: whole or not at all, never over what is not a regular file.

`write_atomically(path, data)`:
- follows a symlink (and symlinked folders) and replaces the file it points to; the link stays a link;
- refuses a target that is a folder, a named pipe (FIFO), a device or a socket, and paths under /proc and
  /sys, with a message saying what the target is; refuses a read-only file (no write permission bit, or one
  the process may not write), as other editors do; on Windows, refuses names Windows cannot hold (CON, NUL,
  COM1..., a trailing dot or space, `<>:"|?*`);
- writes a temporary file in the target's own folder, writes every byte, gives it the existing file's
  permission bits (and owner, where allowed) and extended attributes (where the system has them: Linux) or,
  for a new file, what the umask gives, fsyncs it, renames it over the target and fsyncs the folder, so a
  crash or a full disk leaves the old file whole;
- on any failure removes the temporary file and raises WriteError (an OSError): `strerror` is the reason in
  words, `filename` the path asked for; a temporary file a killed save left behind (our own name pattern only,
  older than STALE_SECONDS) is removed by the next save of the same file.
Platform-only calls are guarded: fchmod (Unix; Windows from Python 3.13) falls back to chmod on the path,
fchown and the xattr calls are skipped where `os` lacks them (Windows; macOS has no xattr calls in `os`).
A hard link to the old file keeps the old content (the rename makes a new file), as with any atomic save.
"""

from __future__ import annotations

import contextlib
import errno
import ntpath
import os
import re
import stat
import time
from collections.abc import Iterable
from pathlib import Path

from desktop.files.kinds import kind_of

SYSTEM_FOLDERS = ("/proc", "/sys")  # kernel file systems: their files are not data and cannot be replaced
STALE_SECONDS = 15 * 60  # a temporary file of ours this old is what a killed save left behind
WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}
_WINDOWS_REFUSED_CHARS = re.compile(r'[<>:"|?*\x00-\x1f]')


def _process_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _process_umask()  # read once at import: os.umask can only be read by setting it


class WriteError(OSError):
    """A file that cannot be written: `strerror` says why in words, `filename` is the path asked for."""


def write_text_atomically(path: Path | str, text: str) -> Path:
    """`write_atomically` for text, as UTF-8 with the newlines given."""
    return write_atomically(path, text.encode("utf-8"))


def check_target(path: Path | str) -> None:
    """Refuse early, before building what to write, a target `write_atomically` would refuse (WriteError):
    a folder, FIFO, device or socket, a kernel folder, or a folder that does not exist."""
    asked = Path(path)
    target = _real_path(asked)
    _check_name(asked, target)
    existing = _existing_file(asked, target)
    _check_system_folder(asked, target)
    _check_writable(asked, existing)
    if not target.parent.is_dir():
        raise WriteError(errno.ENOENT, f"the folder {_shown_folder(asked, target)} does not exist", str(asked))


def write_atomically(path: Path | str, data: bytes | Iterable[bytes]) -> Path:
    """Replace the file at `path` (through symlinks) with `data`, whole or not at all; returns the file written.
    `data` may come in parts (an iterable of bytes), written as they come: a part that fails to come (the
    iterable raises) leaves the old file as it was, like any other failure.

    Raises WriteError with the reason in words.
    """
    asked = Path(path)
    target = _real_path(asked)
    folder = target.parent
    shown = _shown_folder(asked, target)
    _check_name(asked, target)
    existing = _existing_file(asked, target)
    _check_system_folder(asked, target)
    _check_writable(asked, existing)
    _remove_stale_temporaries(target)
    import tempfile  # (shutil, random): only when something is written, not for every read of desktop.files

    try:
        fd, temporary = tempfile.mkstemp(prefix=_temporary_prefix(target), suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _error(exc, asked, shown, creating=True) from None
    try:
        try:
            _write_all(fd, data)
            _copy_permissions(fd, temporary, existing)
            if existing is not None:
                _copy_extended_attributes(target, fd)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise _error(exc, asked, shown, creating=False) from None
        raise
    _fsync_folder(folder)
    return target


def _real_path(asked: Path) -> Path:
    """The file a path names, through symlinks (those of its folders too)."""
    try:
        return Path(os.path.realpath(asked))
    except ValueError:  # a NUL character in the name: no file can have it
        raise WriteError(errno.EINVAL, "the file name is not valid", str(asked)) from None


def _shown_folder(asked: Path, target: Path) -> Path:
    """The folder to name in a message: as the user gave it, unless a symlink led elsewhere."""
    return asked.parent if os.path.abspath(asked) == str(target) else target.parent


def _existing_file(asked: Path, target: Path) -> os.stat_result | None:
    """The target's stat when it exists as a regular file, None when it does not exist; else WriteError."""
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        raise WriteError(errno.ENOTDIR, f"{target.parent} is a file, not a folder", str(asked)) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise WriteError(errno.ELOOP, "the path is a loop of symbolic links", str(asked)) from None
        raise WriteError(exc.errno or errno.EIO, exc.strerror or str(exc), str(asked)) from None
    if stat.S_ISREG(info.st_mode):
        return info
    if stat.S_ISDIR(info.st_mode):
        raise WriteError(errno.EISDIR, "it is a folder, not a file", str(asked))
    raise WriteError(errno.EINVAL, f"it is {kind_of(info.st_mode)}, not a regular file: ComputeFit only "
                                   "replaces regular files", str(asked))


def _check_writable(asked: Path, existing: os.stat_result | None) -> None:
    """A read-only file is not replaced (as other editors refuse it): no write bit at all, or not writable by
    this process (on Windows, the read-only attribute shows as a mode without write bits)."""
    if existing is None:
        return
    if not existing.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(asked, os.W_OK):
        raise WriteError(errno.EACCES, "the file is read-only: ComputeFit does not replace a read-only file; make "
                                       "it writable or save under another name", str(asked))


def windows_name_problem(path: str) -> str:
    """Why Windows cannot hold a file of this name ("" when it can): a reserved device name (CON, NUL, COM1...,
    with any extension), a trailing dot or space, or one of <>:"|?* and control characters."""
    name = ntpath.basename(path.replace("/", "\\"))
    if not name:
        return "the path names a folder, not a file"
    if _WINDOWS_REFUSED_CHARS.search(name):
        return 'Windows does not allow the characters <>:"|?* (or control characters) in a file name'
    if name[-1] in ". ":
        return "Windows does not allow a file name ending in a dot or a space"
    if name.split(".")[0].rstrip(" ").upper() in WINDOWS_RESERVED:
        return f"{name.split('.')[0]} is a device name on Windows, not a file name"
    return ""


def _check_name(asked: Path, target: Path) -> None:
    if os.name != "nt":
        return
    problem = windows_name_problem(str(target))
    if problem:
        raise WriteError(errno.EINVAL, problem, str(asked))


def _temporary_prefix(target: Path) -> str:
    return f".{target.name[:100]}."


def _remove_stale_temporaries(target: Path) -> None:
    """Temporary files a killed save of this file left: our own pattern (".<name>.<8 random>.tmp", as mkstemp
    makes them), regular files older than STALE_SECONDS; never anything else, and never an error."""
    prefix = _temporary_prefix(target)
    pattern = re.compile(re.escape(prefix) + r"[a-z0-9_]{8}\.tmp")
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent):
            if not entry.name.startswith(prefix) or not pattern.fullmatch(entry.name):
                continue
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_SECONDS:
                    os.unlink(entry.path)


def _check_system_folder(asked: Path, target: Path) -> None:
    for system in SYSTEM_FOLDERS:
        if str(target) == system or str(target).startswith(system + "/"):
            raise WriteError(errno.EACCES, f"{target.parent} belongs to the kernel's {system} file system, "
                                           "which holds no ordinary files", str(asked))


def _write_all(fd: int, data: bytes | Iterable[bytes]) -> None:
    for part in (data,) if isinstance(data, bytes) else data:
        view = memoryview(part)
        while view:
            written = os.write(fd, view)
            view = view[written:]


def _copy_permissions(fd: int, temporary: str, existing: os.stat_result | None) -> None:
    """The old file's permission bits (and owner and group where the process may set them); else the umask's."""
    if existing is None:
        _chmod(fd, temporary, 0o666 & ~_UMASK)
        return
    if hasattr(os, "fchown") and hasattr(os, "geteuid") and \
            (existing.st_uid, existing.st_gid) != (os.geteuid(), os.getegid()):
        with contextlib.suppress(OSError):  # only root may give a file away; a group we are in is allowed
            os.fchown(fd, existing.st_uid, existing.st_gid)
    _chmod(fd, temporary, stat.S_IMODE(existing.st_mode) & 0o777)


def _chmod(fd: int, temporary: str, mode: int) -> None:
    """fchmod where `os` has it (Unix; Windows from Python 3.13), else chmod on the path (Windows: only the
    read-only attribute means anything there)."""
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)
    else:
        os.chmod(temporary, mode)


def _copy_extended_attributes(target: Path, fd: int) -> None:
    """The old file's extended attributes (tags, ACLs, labels), where `os` has the calls (Linux); one that cannot
    be set (a security label only the kernel sets, a file system without them) is left, never an error."""
    if not all(hasattr(os, name) for name in ("listxattr", "getxattr", "setxattr")):
        return
    try:
        names = os.listxattr(target)
    except OSError:
        return
    for name in names:
        with contextlib.suppress(OSError):
            os.setxattr(fd, name, os.getxattr(target, name))


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable; some file systems cannot fsync a folder, which is not an error here."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(folder, flags)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _error(exc: OSError, asked: Path, folder: Path, *, creating: bool) -> WriteError:
    code = exc.errno or errno.EIO
    return WriteError(code, _reason(exc, asked, folder, creating), str(asked))


def _reason(exc: OSError, asked: Path, folder: Path, creating: bool) -> str:
    code = exc.errno
    if code in (errno.ENOSPC, errno.EFBIG):
        return "the disk is full"
    if code == errno.EDQUOT:
        return "the disk quota is used up"
    if code == errno.EROFS:
        return f"the folder {folder} is on a read-only file system"
    if code == errno.ENAMETOOLONG:
        return "the file name is too long"
    if code == errno.ENOENT and creating:
        return f"the folder {folder} does not exist" if not folder.is_dir() else \
            f"the folder {folder} does not accept new files"
    if code == errno.ENOTDIR:
        return f"{folder} is not a folder"
    if code in (errno.EACCES, errno.EPERM):
        return f"permission denied: the folder {folder} is not writable" if creating else \
            f"permission denied: {asked} cannot be replaced"
    if code == errno.EISDIR:
        return "it is a folder, not a file"
    return exc.strerror or str(exc)
