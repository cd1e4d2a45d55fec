"""The workshop file: versioned, validated with one clear message per field, schema in sync, workloads read as one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.model.workload.files import WorkloadFileError, workload_json
from desktop.model.workload.spec import Workload
from desktop.model.workshop.files import load_document, save_workshop, workshop_json
from desktop.model.workshop.schema import workshop_schema_text
from desktop.model.workshop.spec import ScenarioEntry, WorkshopSpec
from tests.refusals import assert_refused

REPO = Path(__file__).resolve().parents[3]


def _workshop(*names: str, **fields: object) -> WorkshopSpec:
    return WorkshopSpec(scenarios=tuple(ScenarioEntry(workload=Workload(name=n), note=f"note {n}") for n in names),
                        **fields)  # type: ignore[arg-type]


def test_the_schema_in_docs_is_generated_from_the_model() -> None:
    committed = (REPO / "docs" / "workshop.schema.json").read_text(encoding="utf-8")
    assert committed == workshop_schema_text(), (
        "run: python -m desktop.model.workshop.schema > docs/workshop.schema.json")


def test_a_workshop_round_trips_through_its_file(tmp_path: Path) -> None:
    spec = _workshop("a", "b", "c", kind="parts", baseline=2)
    path = tmp_path / "w.workshop.json"
    save_workshop(path, spec)
    loaded = load_document(path)
    assert loaded.is_workshop and loaded.workshop == spec
    assert loaded.workloads == tuple(s.workload for s in spec.scenarios) and loaded.prices == spec.prices
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema_version"] == 1 and data["kind"] == "parts" and data["baseline"] == 2
    assert data["scenarios"][0]["workload"]["lambda"]["memory_mb"] == 1024  # workloads as a workload file has them


def test_a_workload_file_reads_as_a_workshop_of_one(tmp_path: Path) -> None:
    path = tmp_path / "one.workload.json"
    path.write_text(workload_json(Workload(name="one")), encoding="utf-8")
    loaded = load_document(path)
    assert not loaded.is_workshop
    assert [s.workload.name for s in loaded.workshop.scenarios] == ["one"] and loaded.workshop.baseline == 0
    validated = WorkshopSpec(scenarios=(ScenarioEntry(workload=loaded.workshop.scenarios[0].workload),))
    assert loaded.workshop == validated  # built without validation (workshop_of_one), the same values
    assert loaded.workshop.model_fields_set == validated.model_fields_set == {"scenarios"}
    assert loaded.workloads == (validated.scenarios[0].workload,) and loaded.prices is None
    assert loaded.workshop.scenarios[0].model_fields_set == validated.scenarios[0].model_fields_set
    assert workshop_json(loaded.workshop) == workshop_json(validated)


@pytest.mark.parametrize(("change", "expected"), [
    (lambda d: d["scenarios"][1]["workload"]["traffic"].update(requests_per_month=-5),
     "scenarios.1.workload.traffic.requests_per_month: must be between 0 and 10,000,000,000,000, got -5"),
    (lambda d: d.update(baseline=7), "baseline: must be the position of a scenario (0 to 2), got 7"),
    (lambda d: d.update(kind="sideways"), "kind: must be one of 'variants' or 'parts', got 'sideways'"),
    (lambda d: d.update(scenarios=[]), "scenarios: "),
    (lambda d: d["scenarios"][0].update(colour="red"), "scenarios.0.colour: is not a known field"),
    (lambda d: d["scenarios"][2].pop("workload"), "scenarios.2.workload: is required"),
    (lambda d: d["scenarios"][0].update(note="x" * 2001), "scenarios.0.note: must have at most 2000 characters"),
    (lambda d: d.update(schema_version=9), "schema_version: this file is workshop format 9, newer than this app"),
])
def test_bad_workshops_get_one_clear_message_naming_the_file_and_field(tmp_path: Path, change, expected) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(workshop_json(_workshop("a", "b", "c")))
    change(data)
    path = tmp_path / "bad.workshop.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(WorkloadFileError) as info:
        load_document(path)
    assert str(info.value).startswith(f"{path}: ")
    assert expected in str(info.value)


@pytest.mark.parametrize(("content", "expected"), [
    (b"{not json", "not valid JSON"), (b"\xff\xfe\x00", "is not UTF-8 text"), (b"[1, 2]", "must be a JSON object"),
])
def test_unreadable_files_say_why(tmp_path: Path, content: bytes, expected: str) -> None:
    assert_refused(load_document, WorkloadFileError, tmp_path / "x.workshop.json", content, expected)


def test_a_failed_save_leaves_the_old_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "w.workshop.json"
    save_workshop(path, _workshop("a"))
    before = path.read_bytes()

    def boom(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", boom)
    with pytest.raises(OSError):
        save_workshop(path, _workshop("a", "b"))
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["w.workshop.json"]  # no temporary file left behind
