"""Which files an import reads: each path a file or a folder of a month's parts, by kind, duplicates left out.

Nothing here opens a file for more than its first and last bytes (to recognise a part given twice) or writes
anything. A folder is walked (at most MAX_FILES files, symlinked folders not followed); what is not a billing
export part, a JSON export or a manifest is named in the summary and left alone.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from desktop.usage.records import UsageError

MAX_FILES = 20_000  # a month's parts of a very large organisation are a few thousand
SAMPLE_BYTES = 1 << 20  # the first and last MiB of a part, with its size, recognise a duplicate
PARQUET, CSV, JSON = "parquet", "csv", "json"
SUFFIXES = {".parquet": PARQUET, ".snappy.parquet": PARQUET, ".csv": CSV, ".csv.gz": CSV, ".json": JSON}


@dataclass(slots=True)
class Inputs:
    parquet: list[Path] = field(default_factory=list)
    csv: list[Path] = field(default_factory=list)
    json: list[Path] = field(default_factory=list)
    duplicates: list[tuple[Path, Path]] = field(default_factory=list)  # (left out, same as)
    ignored: list[Path] = field(default_factory=list)


def kind_of_name(name: str) -> str | None:
    lower = name.lower()
    for suffix, kind in sorted(SUFFIXES.items(), key=lambda item: -len(item[0])):
        if lower.endswith(suffix):
            return kind
    return None


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs.sort()
        found += [Path(root) / name for name in sorted(files) if not name.startswith(".")]
        if len(found) > MAX_FILES:
            raise UsageError(str(folder), "", f"holds more than {MAX_FILES:,} files: give the month's folder")
    return found


def _fingerprint(path: Path, size: int) -> str:
    digest = hashlib.sha256(str(size).encode())
    with path.open("rb") as handle:
        digest.update(handle.read(SAMPLE_BYTES))
        if size > 2 * SAMPLE_BYTES:
            handle.seek(size - SAMPLE_BYTES)
            digest.update(handle.read(SAMPLE_BYTES))
    return digest.hexdigest()


def _regular(path: Path) -> int:
    """The file's size; UsageError for what is not a regular file (a FIFO would hang the reader)."""
    try:
        info = path.stat()
    except OSError as exc:
        raise UsageError(str(path), "", f"cannot be read ({exc.strerror or exc})") from None
    if not stat.S_ISREG(info.st_mode):
        raise UsageError(str(path), "", "is not a regular file")
    return info.st_size


def collect(paths: list[Path]) -> Inputs:
    """The files to read, by kind: a folder's parts in name order; a part whose size and first and last MiB equal
    an earlier one's is left out as a duplicate (named in the summary)."""
    inputs = Inputs()
    seen: dict[str, Path] = {}
    for given in paths:
        if given.is_dir():
            candidates = _walk(given)
        elif given.exists():
            candidates = [given]
        else:
            raise UsageError(str(given), "", "no such file or folder")
        for path in candidates:
            kind = kind_of_name(path.name)
            if kind is None:
                if given.is_dir():
                    inputs.ignored.append(path)
                    continue
                raise UsageError(str(path), "", "is not a usage file this app reads (.parquet, .csv, .csv.gz, .json)")
            size = _regular(path)
            mark = _fingerprint(path, size)
            if mark in seen:
                inputs.duplicates.append((path, seen[mark]))
                continue
            seen[mark] = path
            getattr(inputs, kind).append(path)
    return inputs
