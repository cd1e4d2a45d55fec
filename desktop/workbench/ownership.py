"""Who has a document open, and which recovery files belong to a running instance.

An instance (one window's session) is an `Owner`: its process id, its host and a random token (two windows of one
process are two owners). A document open in an instance is locked by a small file in the user's state folder,
`locks/<hash of the document's full path>.lock`, holding the owner as JSON; it is removed when the document is
closed. A lock whose process is gone (a crash, kill -9) is stale and taken over; a lock from another host cannot
be checked and is taken as held. Recovery files carry their owner the same way, so a second instance never offers
a live instance's unsaved document as crashed, nor deletes it.

The process check is by id (os.kill(pid, 0) on POSIX, OpenProcess on Windows): a process id reused by an
unrelated process after a crash makes a stale lock look held until that process ends (the user is told which
process holds it).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import socket
import stat
import sys
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

LOCK_SUFFIX = ".lock"
MAX_LOCK_BYTES = 4096
FRESH_SECONDS = 10.0  # an empty or half-written lock file this young is being written: taken as held


@dataclass(frozen=True, slots=True)
class Owner:
    pid: int
    host: str
    token: str

    @staticmethod
    def new() -> Owner:
        return Owner(os.getpid(), socket.gethostname(), uuid.uuid4().hex)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @staticmethod
    def from_json(data: Any) -> Owner | None:
        """The owner a file names, or None when it names none this version understands."""
        if not isinstance(data, dict):
            return None
        pid, host, token = data.get("pid"), data.get("host"), data.get("token")
        if not (isinstance(pid, int) and not isinstance(pid, bool) and isinstance(host, str)
                and isinstance(token, str)):
            return None
        return Owner(pid, host[:255], token[:64])

    def alive(self) -> bool:
        """Whether the instance may still be running (another host's cannot be checked: yes)."""
        if self.host != socket.gethostname():
            return True
        return process_alive(self.pid)

    def describe(self) -> str:
        return f"process {self.pid} on {self.host}"


def process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, owned by another user
        return True
    except OSError:
        return False
    return True


def _windows_process_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return bool(ok) and code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def document_key(path: Path) -> str:
    """The same document's key in every instance: its full, resolved path (case-folded where names are)."""
    text = str(path.resolve())
    if sys.platform in ("win32", "darwin"):
        text = text.casefold()
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:40]


class DocumentLocks:
    """The locks one instance holds on the documents it has open (at most one at a time for a window)."""

    def __init__(self, folder: Path, owner: Owner | None = None) -> None:
        self.folder = folder
        self.owner = owner or Owner.new()
        self._held: dict[str, Path] = {}

    def _file(self, path: Path) -> Path:
        return self.folder / f"{document_key(path)}{LOCK_SUFFIX}"

    def holder(self, path: Path) -> Owner | None:
        """The other live instance holding `path`, or None (free, stale or ours)."""
        file = self._file(path)
        try:
            raw = file.read_bytes()[:MAX_LOCK_BYTES]
            age = time.time() - file.stat().st_mtime
        except OSError:
            return None
        try:
            owner = Owner.from_json(json.loads(raw.decode("utf-8")))
        except (ValueError, UnicodeDecodeError):
            owner = None
        if owner is None:  # being written this instant, or garbage left by a crash mid-write
            return Owner(0, "(unknown)", "") if age < FRESH_SECONDS else None
        if owner.token == self.owner.token or not owner.alive():
            return None
        return owner

    def acquire(self, path: Path) -> Owner | None:
        """Lock `path` for this instance: None when done (free, stale or already ours), else the live holder.
        A lock that cannot be written (a read-only state folder) is not a reason to refuse the document."""
        holder = self.holder(path)
        if holder is not None:
            return holder
        file = self._file(path)
        data = json.dumps({**self.owner.to_json(), "path": str(path)[:1024],
                           "since": dt.datetime.now(dt.UTC).isoformat()}).encode("utf-8")
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            temp = file.with_name(f"{file.name}.{self.owner.token}.tmp")
            temp.write_bytes(data)
            os.replace(temp, file)  # a stale lock is replaced whole; a reader never sees half of it
            self._held[document_key(path)] = file
        return self.holder(path)  # two instances taking a free lock at once: the last one written has it

    def release(self, path: Path | None) -> None:
        if path is None:
            return
        file = self._held.pop(document_key(path), None)
        if file is not None and self.holder(path) is None:  # still ours (or gone): remove it
            with contextlib.suppress(OSError):
                file.unlink()

    def release_all(self) -> None:
        for file in list(self._held.values()):
            with contextlib.suppress(OSError, ValueError):
                data = json.loads(file.read_bytes()[:MAX_LOCK_BYTES].decode("utf-8"))
                if Owner.from_json(data) == self.owner:
                    file.unlink()
        self._held.clear()


@dataclass(frozen=True, slots=True)
class DiskStamp:
    """What a document's file was when this instance last read or wrote it: size, time and content hash."""

    size: int
    mtime_ns: int
    digest: str

    @staticmethod
    def of(path: Path) -> DiskStamp | None:
        """The file's stamp now (None: there is no regular file there, or it cannot be read)."""
        digest = hashlib.sha256()
        try:
            with path.open("rb") as stream:
                info = os.fstat(stream.fileno())
                if not stat.S_ISREG(info.st_mode):
                    return None
                while chunk := stream.read(1024 * 1024):
                    digest.update(chunk)
        except OSError:
            return None
        return DiskStamp(info.st_size, info.st_mtime_ns, digest.hexdigest())

    def changed(self, path: Path) -> bool:
        """Whether another program (or window) wrote the file since: a different content (same size and time
        are taken as unchanged without reading it); a file now gone is not a change to keep."""
        try:
            info = path.stat()
        except OSError:
            return False
        if info.st_size == self.size and info.st_mtime_ns == self.mtime_ns:
            return False
        now = DiskStamp.of(path)
        return now is not None and now.digest != self.digest
