"""Reading and writing workshop files; a plain workload file reads as a workshop of one.

Every failure is a WorkloadFileError naming the file and the field ("scenarios.2.workload.region: ..."). Reads
and writes go through desktop.files: bounded, strict reads; saves whole or not at all.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from desktop.files import ReadError, load_json_file
from desktop.model.workload.files import MAX_FILE_BYTES as MAX_WORKLOAD_BYTES
from desktop.model.workload.files import WorkloadFileError, check_file_object, parse_workload, write_readable
from desktop.model.workload.spec import Workload
from desktop.model.workload.validation import FieldProblem, problems_of
from desktop.model.workshop.spec import SCHEMA_VERSION, ScenarioEntry, WorkshopSpec

SUFFIX = ".workshop.json"
MAX_FILE_BYTES = 20 * 1024 * 1024  # 200 scenarios of about 3 KB each fit many times over


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
    check_file_object(data, where, "a workshop", SCHEMA_VERSION, "workshop format")
    try:
        return WorkshopSpec.model_validate(data)
    except ValidationError as exc:
        raise WorkloadFileError(where, problems_of(exc, WorkshopSpec)) from None


def parse_document(data: Any, where: str) -> LoadedDocument:
    if is_workshop_data(data):
        return LoadedDocument(parse_workshop(data, where), True)
    workload = parse_workload(data, where)
    return LoadedDocument(workshop_of_one(workload), False)


def workshop_of_one(workload: Workload) -> WorkshopSpec:
    """A validated workload as a workshop of one scenario, built without validating it again (so a workload file
    never builds the workshop's schemas): the same values as WorkshopSpec(scenarios=(ScenarioEntry(workload=...),)),
    which tests/model/workshop/test_workshop_file.py checks."""
    return WorkshopSpec.model_construct(scenarios=(ScenarioEntry.model_construct(workload=workload),))


def size_limit(path: Path) -> tuple[int, str]:
    """The most a document at `path` may hold, by its name (what load_document reads, save_workshop writes)."""
    if path.name.lower().endswith(SUFFIX):
        return MAX_FILE_BYTES, "a workshop file"
    return MAX_WORKLOAD_BYTES, "a workload file"


def load_document(path: Path) -> LoadedDocument:
    """Read a workshop or a workload file (raises WorkloadFileError with a message for the user). A name ending
    in .workshop.json may hold up to 20 MB, any other the workload file's 5 MB."""
    limit, what = size_limit(path)
    try:
        data = load_json_file(path, limit, what)
    except ReadError as exc:
        raise WorkloadFileError(str(path), [FieldProblem(exc.field, exc.message)]) from None
    return parse_document(data, str(path))


def workshop_json(workshop: WorkshopSpec) -> str:
    return json.dumps(workshop.to_json_dict(), indent=2, ensure_ascii=False) + "\n"


def save_workshop(path: Path, workshop: WorkshopSpec) -> None:
    """Write the workshop file whole or not at all (desktop.files.safe_write); raises WriteError (an OSError),
    also for a workshop larger than a workshop file may be (the reader would refuse it)."""
    write_readable(path, workshop_json(workshop), *size_limit(path))
