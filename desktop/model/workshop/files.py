"""Reading and writing workshop files; a plain workload file reads as a workshop of one.

Every failure is a WorkloadFileError naming the file and the field ("scenarios.2.workload.region: ..."); saves
are whole or not at all (a temporary file in the same folder, fsync, rename).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from desktop.model.workload.files import MAX_FILE_BYTES as MAX_WORKLOAD_BYTES
from desktop.model.workload.files import WorkloadFileError, parse_workload
from desktop.model.workload.validation import FieldProblem, problems_of
from desktop.model.workshop.spec import SCHEMA_VERSION, ScenarioEntry, WorkshopSpec

SUFFIX = ".workshop.json"
MAX_FILE_BYTES = 20 * 1024 * 1024  # 200 scenarios of about 3 KB each fit many times over
_UMASK = os.umask(0o022)
os.umask(_UMASK)


@dataclass(frozen=True, slots=True)
class LoadedDocument:
    """What a file held: a workshop, or one workload (then `is_workshop` is False and it holds one scenario)."""

    workshop: WorkshopSpec
    is_workshop: bool


def is_workshop_data(data: Any) -> bool:
    """A workshop file is an object with a `scenarios` list; anything else is read as a workload."""
    return isinstance(data, dict) and "scenarios" in data


def parse_workshop(data: Any, where: str = "workshop") -> WorkshopSpec:
    """Validate already-parsed workshop JSON (raises WorkloadFileError naming each field)."""
    if not isinstance(data, dict):
        raise WorkloadFileError(where, [FieldProblem("", "a workshop must be a JSON object")])
    version = data.get("schema_version", SCHEMA_VERSION)
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise WorkloadFileError(where, [FieldProblem(
            "schema_version", f"this file is workshop format {version}, newer than this app reads "
            f"({SCHEMA_VERSION}); open it with a newer ComputeFit")])
    try:
        return WorkshopSpec.model_validate(data)
    except ValidationError as exc:
        raise WorkloadFileError(where, problems_of(exc, WorkshopSpec)) from None


def parse_document(data: Any, where: str) -> LoadedDocument:
    if is_workshop_data(data):
        return LoadedDocument(parse_workshop(data, where), True)
    workload = parse_workload(data, where)
    return LoadedDocument(WorkshopSpec(scenarios=(ScenarioEntry(workload=workload),)), False)


def _read_text(path: Path) -> str:
    where = str(path)
    try:
        size = path.stat().st_size
        workshop = path.name.lower().endswith(SUFFIX)
        if size > (MAX_FILE_BYTES if workshop else MAX_WORKLOAD_BYTES):
            what = "a workshop file is at most 20 MB" if workshop else "a workload file is at most 5 MB"
            raise WorkloadFileError(where, [FieldProblem("", f"file is too large ({size / 1e6:.1f} MB; {what})")])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise WorkloadFileError(where, [FieldProblem("", "file not found")]) from None
    except IsADirectoryError:
        raise WorkloadFileError(where, [FieldProblem("", "is a folder, not a workload or workshop file")]) from None
    except PermissionError:
        raise WorkloadFileError(where, [FieldProblem("", "permission denied")]) from None
    except OSError as exc:
        raise WorkloadFileError(where, [FieldProblem("", f"cannot be read ({exc.strerror})")]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise WorkloadFileError(where, [FieldProblem("", "is not UTF-8 text")]) from None


def load_document(path: Path) -> LoadedDocument:
    """Read a workshop or a workload file (raises WorkloadFileError with a message for the user)."""
    text = _read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise WorkloadFileError(str(path), [FieldProblem(
            "", f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")]) from None
    except RecursionError:
        raise WorkloadFileError(str(path), [FieldProblem("", "not valid JSON: nested too deeply")]) from None
    return parse_document(data, str(path))


def workshop_json(workshop: WorkshopSpec) -> str:
    return json.dumps(workshop.to_json_dict(), indent=2, ensure_ascii=False) + "\n"


def write_text_safely(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder, fsync and rename: what was at `path` stays whole on failure.
    Raises OSError."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise IsADirectoryError(21, "it is a folder, not a file", str(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def save_workshop(path: Path, workshop: WorkshopSpec) -> None:
    write_text_safely(path, workshop_json(workshop))
