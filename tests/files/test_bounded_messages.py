"""Validation messages are bounded whatever the file: at most ten problems and how many more, keys and values
clipped, and a file far larger than any workload refused before validation (issue: a 4 MB workload with two
million bad list items took 38 s and 2.6 GB and printed one 113 MB line; a 20 MB workshop of bad scenarios
passed 5 GB; a 1 MB key was echoed whole). Peak memory is measured in a child process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from desktop.model.workload.spec import Workload
from desktop.model.workload.validation import MAX_PROBLEMS, problems_of
from desktop.resources import examples_dir
from tests.pricelist.offers.test_hostile_offers import run_measured

EXAMPLE = json.loads((examples_dir() / "http-api.workload.json").read_text(encoding="utf-8"))


def _one_bounded_line(err: str, path: Path) -> str:
    assert err.count("\n") == 1 and "Traceback" not in err, err[:3000]
    assert err.startswith(f"computefit: {path}: ") and len(err) < 4000, err[:3000]
    return err


def test_two_million_bad_list_items_are_one_short_line_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "bad.workload.json"
    path.write_text(json.dumps({**EXAMPLE, "options": [1] * 1_900_000}, separators=(",", ":")))
    assert 3_500_000 < path.stat().st_size < 5 * 1024 * 1024
    status, peak, err = run_measured("estimate", str(path), data_dir=tmp_path)
    assert status == 2
    err = _one_bounded_line(err, path)
    assert "options: has 1,900,000 items; no field of a workload or workshop has more than 1,000" in err
    assert peak < 150  # MB; was 2.6 GB


def test_a_million_nested_lists_are_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "lists.workload.json"
    traffic = {**EXAMPLE["traffic"], "daily_profile": [[]] * 1_500_000}
    path.write_text(json.dumps({**EXAMPLE, "traffic": traffic}, separators=(",", ":")))
    status, peak, err = run_measured("estimate", str(path), data_dir=tmp_path)
    assert status == 2
    assert "more than 1,000,000 objects and arrays (line 1)" in _one_bounded_line(err, path)
    assert peak < 150


@pytest.mark.slow
def test_a_large_workshop_of_bad_scenarios_is_ten_problems_and_a_count(tmp_path: Path) -> None:
    path = tmp_path / "bad.workshop.json"
    scenarios = [{"workload": {**EXAMPLE, "name": f"s{i}", **{f"bad{k}": "v" * 200 for k in range(400)}}}
                 for i in range(200)]
    path.write_text(json.dumps({"schema_version": 1, "scenarios": scenarios}))
    assert path.stat().st_size > 15 * 1024 * 1024
    status, peak, err = run_measured("estimate", str(path), data_dir=tmp_path)
    assert status == 2
    err = _one_bounded_line(err, path)
    assert err.count("is not a known field") == MAX_PROBLEMS
    more = int(err.rstrip().removesuffix(" more problem(s)").rpartition(f"{path}: and ")[2].replace(",", ""))
    assert more >= 200 * 400 - MAX_PROBLEMS
    assert peak < 400  # MB; was over 5 GB


def test_a_1_mb_key_is_clipped_in_the_message(tmp_path: Path) -> None:
    path = tmp_path / "key.workload.json"
    path.write_text(json.dumps({**EXAMPLE, "k" * 1_000_000: 1}))
    status, _, err = run_measured("estimate", str(path), data_dir=tmp_path)
    assert status == 2
    err = _one_bounded_line(err, path)
    assert "kkk...kkk" in err and "k: is not a known field" in err and len(err) < 500


def test_problems_are_at_most_ten_and_a_count() -> None:
    with pytest.raises(ValidationError) as caught:
        Workload.model_validate({**EXAMPLE, **{f"bad{k}": 1 for k in range(50)}})
    problems = [str(p) for p in problems_of(caught.value)]
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1] == f"and {50 - MAX_PROBLEMS} more problem(s)"
    assert all(p.endswith("is not a known field (check the spelling; see docs/workload-format.md)")
               for p in problems[:-1])
