"""Reading and writing workshop files; a plain workload file reads as a workshop of one.

Every failure is a WorkloadFileError naming the file and the field ("scenarios.2.workload.region: ..."). Reads
and writes go through desktop.files: bounded, strict reads; saves whole or not at all.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from desktop.files import ReadError, load_json_file
from desktop.model.workload.files import MAX_FILE_BYTES as MAX_WORKLOAD_BYTES
from desktop.model.workload.files import WorkloadFileError, check_file_object, parse_workload, write_readable
from desktop.model.workload.spec import Workload
from desktop.model.workload.validation import FieldProblem, problems_of

if TYPE_CHECKING:  # a workload file never imports the workshop's models (spec, prices, usage): see LoadedDocument
    from desktop.model.workshop.prices import WorkshopPrices
    from desktop.model.workshop.spec import WorkshopSpec

SUFFIX = ".workshop.json"
MAX_FILE_BYTES = 20 * 1024 * 1024  # 200 scenarios of about 3 KB each fit many times over


class LoadedDocument:
    """What a file held: a workshop, or one workload (then `is_workshop` is False and it holds one scenario).

    A workload file's workshop of one is made when first asked for: `workloads` and `prices` need no workshop model,
    so `computefit estimate WORKLOAD` imports none (issue 26)."""

    __slots__ = ("_workload", "_workshop")

    def __init__(self, document: WorkshopSpec | Workload) -> None:
        self._workload: Workload | None = None
        self._workshop: WorkshopSpec | None = None
        if isinstance(document, Workload):
            self._workload = document
        else:
            self._workshop = document

    @property
    def is_workshop(self) -> bool:
        return self._workload is None

    @property
    def workshop(self) -> WorkshopSpec:
        if self._workshop is None:
            assert self._workload is not None
            self._workshop = workshop_of_one(self._workload)
        return self._workshop

    @property
    def workloads(self) -> tuple[Workload, ...]:
        """Each scenario's workload, in order (a workload file's alone)."""
        if self._workload is not None:
            return (self._workload,)
        return tuple(s.workload for s in self.workshop.scenarios)

    @property
    def prices(self) -> WorkshopPrices | None:
        """The workshop's own prices (a workload file has none)."""
        return None if self._workload is not None else self.workshop.prices


def is_workshop_data(data: Any) -> bool:
    """A workshop file is an object with a `scenarios` list; anything else is read as a workload."""
    return isinstance(data, dict) and "scenarios" in data


def parse_workshop(data: Any, where: str = "workshop") -> WorkshopSpec:
    """Validate already-parsed workshop JSON (raises WorkloadFileError naming each field)."""
    from desktop.model.workshop.spec import SCHEMA_VERSION, WorkshopSpec

    check_file_object(data, where, "a workshop", SCHEMA_VERSION, "workshop format")
    try:
        return WorkshopSpec.model_validate(data)
    except ValidationError as exc:
        raise WorkloadFileError(where, problems_of(exc, WorkshopSpec)) from None


def parse_document(data: Any, where: str) -> LoadedDocument:
    if is_workshop_data(data):
        return LoadedDocument(parse_workshop(data, where))
    return LoadedDocument(parse_workload(data, where))


def workshop_of_one(workload: Workload) -> WorkshopSpec:
    """A validated workload as a workshop of one scenario, built without validating it again (so a workload file
    never builds the workshop's schemas): the same values as WorkshopSpec(scenarios=(ScenarioEntry(workload=...),)),
    which tests/model/workshop/test_workshop_file.py checks."""
    from desktop.model.workshop.spec import ScenarioEntry, WorkshopSpec

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
