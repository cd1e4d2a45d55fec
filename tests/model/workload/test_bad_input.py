"""Bad input: one clear line naming the file and the field, exit status 2, no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.model.workload.files import WorkloadFileError, load_workload, save_workload

GOOD = {"schema_version": 1, "name": "ok"}


def run_estimate(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> tuple[int, str, str]:
    path = tmp_path / "bad.workload.json"
    path.write_text(text, encoding="utf-8")
    code = main(["estimate", str(path), "--json"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(("data", "expected"), [
    ({"lambda": {"memory_mb": 99999}}, "lambda.memory_mb: must be between 128 and 10,240, got 99999"),
    ({"lambda": {"memory_mb": "big"}}, "lambda.memory_mb: must be a whole number, got 'big'"),
    ({"traffic": {"duration_ms": -5}}, "traffic.duration_ms: must be more than 0"),
    ({"container": {"target_utilization": 1.5}}, "container.target_utilization: must be between 0.1 and 1, got 1.5"),
    ({"colour": "blue"}, "colour: is not a known field"),
    ({"traffic": {"kind": "streams"}}, "traffic.kind: must be one of 'requests' or 'jobs', got 'streams'"),
    ({"architecture": "sparc"}, "architecture: must be one of 'x86_64' or 'arm64', got 'sparc'"),
    ({"region": "mars-north-1"}, "region: 'mars-north-1' is not in the price book"),
    ({"ec2": {"instance_type": "z9.mega"}}, "ec2.instance_type: 'z9.mega' is not in the price book"),
    ({"name": ""}, "name: must have at least 1 characters"),
    ({"traffic": {"daily_profile": [1, 2, 3]}}, "traffic.daily_profile: must hold 24 numbers (one per hour), got 3"),
    ({"schema_version": 7}, "schema_version: this file is format 7, newer than this app reads (1)"),
])
def test_field_errors_name_the_field(tmp_path, capsys, data, expected):
    code, out, err = run_estimate(tmp_path, capsys, json.dumps({**GOOD, **data}))
    assert code == 2
    assert out == ""
    assert err.startswith("computefit: ") and str(tmp_path / "bad.workload.json") in err
    assert expected in err
    assert "Traceback" not in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(("text", "expected"), [
    ('{"name": "x", "traffic": {"duration_ms": NaN}}', "traffic.duration_ms: must be a finite number, got nan"),
    ('{"name": "x", "traffic": {"duration_ms": Infinity}}', "traffic.duration_ms: must be a finite number, got inf"),
    ('{"name": "x", "traffic": {"requests_per_month": 1e400}}', "traffic.requests_per_month"),
    ('{"name": "x",', "not valid JSON"),
    ("[1, 2, 3]", "a workload must be a JSON object"),
    ("[" * 100_000, "nested more than 64 levels deep (line 1)"),
    ("", "not valid JSON"),
])
def test_malformed_and_hostile_files(tmp_path, capsys, text, expected):
    code, _out, err = run_estimate(tmp_path, capsys, text)
    assert code == 2, err
    assert expected in err
    assert "Traceback" not in err


def test_missing_file(tmp_path, capsys):
    code = main(["estimate", str(tmp_path / "nope.json")])
    err = capsys.readouterr().err
    assert code == 2 and "nope.json: file not found" in err


def test_binary_file(tmp_path, capsys):
    path = tmp_path / "bin.workload.json"
    path.write_bytes(b"\xff\xfe\x00\x81garbage")
    assert main(["estimate", str(path)]) == 2
    assert "is not UTF-8 text" in capsys.readouterr().err


def test_oversized_file_is_refused_before_reading(tmp_path, capsys):
    path = tmp_path / "huge.workload.json"
    path.write_text(" " * (6 * 1024 * 1024))
    assert main(["estimate", str(path)]) == 2
    assert "file is too large" in capsys.readouterr().err


def test_multiple_problems_are_all_named(tmp_path):
    path = tmp_path / "two.workload.json"
    path.write_text(json.dumps({"name": "x", "lambda": {"memory_mb": 1}, "container": {"vcpu": 0}}))
    with pytest.raises(WorkloadFileError) as info:
        load_workload(path)
    paths = [p.path for p in info.value.problems]
    assert paths == ["lambda.memory_mb", "container.vcpu"]


def test_save_is_atomic_and_round_trips(tmp_path, examples):
    for name, workload in examples.items():
        path = tmp_path / f"{name}.workload.json"
        save_workload(path, workload)
        assert load_workload(path) == workload
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_failed_save_leaves_the_old_file(tmp_path, examples, monkeypatch):
    path = tmp_path / "keep.workload.json"
    save_workload(path, examples["http-api"])
    before = path.read_bytes()

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", boom)
    with pytest.raises(OSError):
        save_workload(path, examples["nightly-batch"])
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.workload.json"]


@pytest.mark.parametrize(("mutate", "expected"), [
    (lambda book: book.update(schema_version=9), "schema_version: price book format 9 is newer than this app knows"),
    (lambda book: book["regions"]["us-east-1"]["lambda"]["requests"].update(usd="-1"),
     "regions.us-east-1.lambda.requests.usd"),
    (lambda book: book["regions"]["us-east-1"]["lambda"]["requests"].update(usd="NaN"),
     "regions.us-east-1.lambda.requests.usd"),
    (lambda book: book.pop("sources"), "sources: is required"),
])
def test_a_bad_price_book_is_refused_with_the_field(tmp_path, capsys, mutate, expected):
    from desktop.resources import price_book_path

    data = json.loads(price_book_path().read_text(encoding="utf-8"))
    mutate(data)
    book_path = tmp_path / "book.json"
    book_path.write_text(json.dumps(data), encoding="utf-8")
    workload = tmp_path / "w.workload.json"
    workload.write_text(json.dumps(GOOD), encoding="utf-8")
    assert main(["estimate", str(workload), "--price-book", str(book_path)]) == 2
    err = capsys.readouterr().err
    assert str(book_path) in err and expected in err and "Traceback" not in err


def test_a_missing_or_malformed_price_book_is_refused(tmp_path, capsys):
    workload = tmp_path / "w.workload.json"
    workload.write_text(json.dumps(GOOD), encoding="utf-8")
    assert main(["estimate", str(workload), "--price-book", str(tmp_path / "none.json")]) == 2
    assert "price book not found" in capsys.readouterr().err
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert main(["estimate", str(workload), "--price-book", str(broken)]) == 2
    assert "not valid JSON" in capsys.readouterr().err
