"""Reading and writing workload files: every failure becomes one clear message, saves are atomic."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from desktop.model.workload.spec import SCHEMA_VERSION, Workload
from desktop.model.workload.validation import FieldProblem, problems_of

MAX_FILE_BYTES = 5 * 1024 * 1024
SUFFIX = ".workload.json"


class WorkloadFileError(Exception):
    """A workload file that cannot be used; str() is the message for the user."""

    def __init__(self, where: str, problems: list[FieldProblem]):
        self.where = where
        self.problems = problems
        super().__init__("; ".join(f"{where}: {p}" for p in problems))


def parse_workload(data: Any, where: str = "workload") -> Workload:
    """Validate already-parsed JSON data (raises WorkloadFileError)."""
    if not isinstance(data, dict):
        raise WorkloadFileError(where, [FieldProblem("", "a workload must be a JSON object")])
    version = data.get("schema_version", SCHEMA_VERSION)
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise WorkloadFileError(where, [FieldProblem(
            "schema_version", f"this file is format {version}, newer than this app reads ({SCHEMA_VERSION}); "
            "open it with a newer ComputeFit")])
    try:
        return Workload.model_validate(data)
    except ValidationError as exc:
        raise WorkloadFileError(where, problems_of(exc)) from None


def parse_workload_text(text: str, where: str = "workload") -> Workload:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise WorkloadFileError(where, [FieldProblem(
            "", f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")]) from None
    except RecursionError:
        raise WorkloadFileError(where, [FieldProblem("", "not valid JSON: nested too deeply")]) from None
    return parse_workload(data, where)


def load_workload(path: Path) -> Workload:
    where = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise WorkloadFileError(where, [FieldProblem(
                "", f"file is too large ({size / 1e6:.1f} MB; a workload file is at most 5 MB)")])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise WorkloadFileError(where, [FieldProblem("", "file not found")]) from None
    except IsADirectoryError:
        raise WorkloadFileError(where, [FieldProblem("", "is a folder, not a workload file")]) from None
    except PermissionError:
        raise WorkloadFileError(where, [FieldProblem("", "permission denied")]) from None
    except OSError as exc:
        raise WorkloadFileError(where, [FieldProblem("", f"cannot be read ({exc.strerror})")]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise WorkloadFileError(where, [FieldProblem("", "is not UTF-8 text")]) from None
    return parse_workload_text(text, where)


def workload_json(workload: Workload) -> str:
    return json.dumps(workload.to_json_dict(), indent=2, ensure_ascii=False) + "\n"


def write_text_atomically(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder and rename: a crash never leaves half a file."""
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def save_workload(path: Path, workload: Workload) -> None:
    write_text_atomically(path, workload_json(workload))
