"""Recovery files: every open document's unsaved state, kept in the user's data folder until it is saved or
discarded, so a crash (or kill -9) loses at most the last few seconds of edits.

One file per open document, `<id>.recovery.json`: {"format": 1, "saved_at": ISO time, "name": ..., "path": the
document's own file or null, "kind": "workload", "owner": the instance writing it (desktop.workbench.ownership),
"document": the document's JSON}. A file whose owner is still running is that instance's, never offered nor
deleted by another. Reading never trusts the files: one that cannot be read or parsed is reported with its name
and skipped, never a crash; a time without a zone is taken as UTC. Every document the app can save can be
recovered: the files are written compact, so they stay within the largest document file the readers accept
plus room for the envelope.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.files import load_json_file, write_atomically
from desktop.model.workload.files import MAX_FILE_BYTES as MAX_WORKLOAD_BYTES
from desktop.model.workshop.files import MAX_FILE_BYTES as MAX_WORKSHOP_BYTES
from desktop.workbench.ownership import Owner

RECOVERY_FORMAT = 1
SUFFIX = ".recovery.json"
ENVELOPE_BYTES = 64 * 1024  # the name, the path, the owner and the time around the document
MAX_BYTES = max(MAX_WORKSHOP_BYTES, MAX_WORKLOAD_BYTES) + ENVELOPE_BYTES


@dataclass(frozen=True, slots=True)
class Recovered:
    """An unsaved document found after a crash."""

    file: Path  # the recovery file
    name: str
    saved_at: dt.datetime
    path: Path | None  # the document's own file, if it had one
    kind: str
    document: Any  # the document's JSON, parsed (validated by whoever restores it)
    owner: Owner | None = None  # the instance that wrote it (None: a file from before owners were written)

    def age(self, now: dt.datetime | None = None) -> str:
        """How long ago it was written, as a person says it ("3 min ago")."""
        seconds = max(0.0, ((now or dt.datetime.now(dt.UTC)) - self.saved_at).total_seconds())
        if seconds < 90:
            return f"{seconds:.0f} s ago"
        if seconds < 90 * 60:
            return f"{seconds / 60:.0f} min ago"
        if seconds < 36 * 3600:
            return f"{seconds / 3600:.0f} h ago"
        return f"{seconds / 86400:.0f} days ago"


@dataclass(frozen=True, slots=True)
class Unreadable:
    file: Path
    problem: str

    def __str__(self) -> str:
        return f"{self.file}: {self.problem}"


class RecoveryStore:
    """The recovery folder. Each open document writes through its own `RecoverySlot`."""

    def __init__(self, folder: Path, owner: Owner | None = None) -> None:
        self.folder = folder
        self.owner = owner or Owner.new()

    def slot(self, owner: Owner | None = None) -> RecoverySlot:
        return RecoverySlot(self.folder / f"{uuid.uuid4().hex}{SUFFIX}", owner or self.owner)

    def found(self) -> list[Recovered | Unreadable]:
        """Every recovery file left behind by an instance that is no longer running, newest first; unreadable
        ones as problems."""
        if not self.folder.is_dir():
            return []
        items: list[Recovered | Unreadable] = []
        for file in sorted(self.folder.glob(f"*{SUFFIX}")):
            item = _read(file)
            if isinstance(item, Recovered) and item.owner is not None and item.owner.alive():
                continue  # a running instance's unsaved document: not crashed, not ours to offer or delete
            items.append(item)
        return sorted(items, key=lambda i: i.saved_at if isinstance(i, Recovered) else dt.datetime.max.replace(
            tzinfo=dt.UTC), reverse=True)


class RecoverySlot:
    """One document's recovery file: written after edits, removed when the document is saved or discarded."""

    def __init__(self, file: Path, owner: Owner | None = None) -> None:
        self.file = file
        self.owner = owner or Owner.new()

    def write(self, name: str, path: Path | None, document: Any, kind: str = "workload") -> None:
        data = {"format": RECOVERY_FORMAT, "saved_at": dt.datetime.now(dt.UTC).isoformat(), "name": name,
                "path": None if path is None else str(path), "kind": kind, "owner": self.owner.to_json(),
                "document": document}
        self.file.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        write_atomically(self.file, text.encode("utf-8", "surrogatepass"))

    def remove(self) -> None:
        self.file.unlink(missing_ok=True)


def _read(file: Path) -> Recovered | Unreadable:
    try:
        data = load_json_file(file, MAX_BYTES, "recovery file")
        if not isinstance(data, dict) or data.get("format") != RECOVERY_FORMAT:
            return Unreadable(file, "not a ComputeFit recovery file of a format this version knows")
        saved_at = dt.datetime.fromisoformat(str(data["saved_at"])[:64])
        if saved_at.tzinfo is None:
            saved_at = saved_at.replace(tzinfo=dt.UTC)
        path = data.get("path")
        return Recovered(file, str(data["name"])[:1024], saved_at, None if path is None else Path(str(path)),
                         str(data.get("kind", "workload"))[:32], data["document"], Owner.from_json(data.get("owner")))
    except (OSError, ValueError, KeyError, TypeError, OverflowError) as exc:
        return Unreadable(file, f"cannot be read ({exc})")
