"""Reading and writing workload files: every failure becomes one clear message, saves are atomic.

Reads and writes go through desktop.files (bounded, strict reads; safe, atomic writes)."""

from __future__ import annotations

import errno
import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from desktop.files import ReadError, WriteError, load_json_file, write_text_atomically
from desktop.files.kinds import size_text
from desktop.model.workload.spec import SCHEMA_VERSION, Workload
from desktop.model.workload.validation import FieldProblem, problems_of, size_problem

MAX_FILE_BYTES = 5 * 1024 * 1024  # a workload file; the examples are about 2 KB
SUFFIX = ".workload.json"


class WorkloadFileError(Exception):
    """A workload file that cannot be used; str() is the message for the user."""

    def __init__(self, where: str, problems: list[FieldProblem]):
        self.where = where
        self.problems = problems
        super().__init__("; ".join(f"{where}: {p}" for p in problems))


def check_file_object(data: Any, where: str, kind: str, known_version: int, format_name: str = "format") -> None:
    """A file's JSON is an object of a format version this app reads (raises WorkloadFileError naming the field):
    `kind` names the file ("a workload"), `format_name` its format in the message ("workshop format")."""
    if not isinstance(data, dict):
        raise WorkloadFileError(where, [FieldProblem("", f"{kind} must be a JSON object")])
    too_large = size_problem(data)
    if too_large is not None:
        raise WorkloadFileError(where, [too_large])
    version = data.get("schema_version", known_version)
    if isinstance(version, int) and not isinstance(version, bool) and version > known_version:
        raise WorkloadFileError(where, [FieldProblem(
            "schema_version", f"this file is {format_name} {version}, newer than this app reads ({known_version}); "
            "open it with a newer ComputeFit")])


def parse_workload(data: Any, where: str = "workload") -> Workload:
    """Validate already-parsed JSON data (raises WorkloadFileError)."""
    check_file_object(data, where, "a workload", SCHEMA_VERSION)
    try:
        return Workload.model_validate(data)
    except ValidationError as exc:
        raise WorkloadFileError(where, problems_of(exc)) from None


def load_workload(path: Path) -> Workload:
    """Read a workload file: a regular file of at most MAX_FILE_BYTES, strict JSON; WorkloadFileError."""
    where = str(path)
    try:
        data = load_json_file(path, MAX_FILE_BYTES, "a workload file")
    except ReadError as exc:
        raise WorkloadFileError(where, [FieldProblem(exc.field, exc.message)]) from None
    return parse_workload(data, where)


def workload_json(workload: Workload) -> str:
    return json.dumps(workload.to_json_dict(), indent=2, ensure_ascii=False) + "\n"


def write_readable(path: Path, text: str, limit: int, what: str) -> None:
    """Write a document whole or not at all, and never one its reader would refuse (larger than `limit`):
    raises WriteError (an OSError) saying so; nothing is written then."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise WriteError(errno.EFBIG, f"would be {size_text(size)}, more than {what} may hold "
                         f"({size_text(limit)}), so it could not be opened again; nothing was written", str(path))
    write_text_atomically(path, text)


def save_workload(path: Path, workload: Workload) -> None:
    """Write the workload file whole or not at all (desktop.files.safe_write); raises WriteError (an OSError)."""
    write_readable(path, workload_json(workload), MAX_FILE_BYTES, "a workload file")
