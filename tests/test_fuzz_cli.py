"""Fuzzing every CLI verb in process: workload, answers and price-book files, valid and not (hypothesis).

Each generated file goes through one verb (drawn, so every verb is exercised) of `desktop.cli.main`. The only
outcomes allowed: exit 0 with finite, non-negative totals (and nothing on stderr), or exit 2 with exactly one
line on stderr, "computefit: <the fuzzed file>: ...", nothing on stdout and no output file. Anything else (a
traceback, another status, two lines, a NaN total) fails. The inputs: the examples and the bundled book with
random values put in, keys removed or added; then, on the text, truncation, a duplicated key, deep nesting, a
number of thousands of digits, a byte-order mark; and plain random text and bytes; and valid workloads from the
engine's property strategy. Runtime is kept to about half a minute here (max_examples below; no deadline).
"""

from __future__ import annotations

import copy
import csv
import io
import json
import math
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.cli import main
from desktop.model.questionnaire.data import DONT_KNOW, QUESTIONS
from desktop.resources import examples_dir, price_book_path
from tests.model.advice.test_engine_properties import workloads

FUZZ = settings(max_examples=70, deadline=None, derandomize=False,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])
WORKLOAD_VERBS = ["estimate", "estimate --json", "advise", "export csv", "export json"]
EXAMPLES = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(examples_dir().glob("*.workload.json"))]
BOOK = json.loads(price_book_path().read_text(encoding="utf-8"))
DUP = "__computefit_fuzz_duplicate__"

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**15), st.integers(),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20),
    st.sampled_from(["auto", "jobs", "requests", "linux", "windows", "arm64", "x86_64", "", "0.5", "us-east-1",
                     "t3.medium", "A", "C", "hour", "2026-01-01", DONT_KNOW]),
)
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=6)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


@st.composite
def mutated_text(draw: st.DrawFn, base: Any, paths: list[tuple[Any, ...]] | None = None) -> bytes:
    """`base` with 0-3 structural changes, serialised, then perhaps changed as text."""
    data = copy.deepcopy(base)
    for _ in range(draw(st.integers(0, 3))):
        candidates = paths if paths is not None else _paths(data)
        path = draw(st.sampled_from(candidates))
        try:
            parent = _parent(data, path)
            op = draw(st.sampled_from(["replace", "replace", "delete", "add", "duplicate"]))
            if op == "replace":
                parent[path[-1]] = draw(json_values)
            elif op == "delete" and isinstance(parent, dict):
                parent.pop(path[-1], None)
            elif op == "add" and isinstance(parent, dict):
                parent[draw(st.text(max_size=12))] = draw(json_values)
            elif op == "duplicate" and isinstance(parent, dict) and DUP not in parent:
                parent[DUP] = path[-1]
        except (KeyError, IndexError, TypeError):
            continue  # the path went away with an earlier change
    text = json.dumps(data, allow_nan=True)
    text = re.sub(rf'"{DUP}": "((?:[^"\\]|\\.)*)"', lambda m: f'"{m.group(1)}": 0', text)
    change = draw(st.sampled_from(["none", "none", "truncate", "deep", "huge number", "bom", "random text",
                                   "random bytes"]))
    if change == "truncate":
        text = text[:draw(st.integers(0, max(0, len(text) - 1)))]
    elif change == "deep":
        depth = draw(st.integers(1, 300))
        opener, closer = draw(st.sampled_from([("[", "]"), ('{"a": ', "}")]))
        text = opener * depth + text + closer * depth
    elif change == "huge number":
        text = re.sub(r"(?<=: )\d+", "9" * draw(st.integers(20, 5000)), text, count=1)
    elif change == "bom":
        text = "\ufeff" + text
    elif change == "random text":
        text = draw(st.text(max_size=200))
    elif change == "random bytes":
        return draw(st.binary(max_size=200))
    return text.encode("utf-8")


@st.composite
def workload_files(draw: st.DrawFn) -> bytes:
    if draw(st.integers(0, 4)) == 0:
        return json.dumps(draw(workloads()).to_json_dict()).encode("utf-8")
    return draw(mutated_text(draw(st.sampled_from(EXAMPLES))))


def _answer(question: Any) -> st.SearchStrategy[Any]:
    good = st.sampled_from([c.choice_id for c in question.choices]) if question.choices else st.floats(
        question.minimum or 0, question.maximum or 1e9)
    return st.one_of(good, good, st.just(DONT_KNOW), st.none(), scalars)


@st.composite
def answers_files(draw: st.DrawFn) -> bytes:
    answers = {q.question_id: draw(_answer(q)) for q in QUESTIONS if draw(st.booleans())}
    data: Any = answers
    if draw(st.booleans()):
        data = {"answers": answers, "name": draw(st.one_of(st.text(max_size=130), scalars)),
                "region": draw(st.sampled_from(["us-east-1", "eu-west-1", "us-east-2", "mars-1"]))}
    return draw(mutated_text(data))


BOOK_PATHS = _paths(BOOK)
PRICES_USED = [p for p in BOOK_PATHS if p[:2] == ("regions", "us-east-1") and p[-1] in ("usd", "up_to")
               and (p[3:4] != ("on_demand",) or str(p[4]).startswith("t3."))]  # the example's EC2 pick is a t3
magnitudes = st.builds(lambda digit, exponent: f"{digit}e{exponent}", st.integers(1, 9),
                       st.sampled_from([-30, -12, -6, -2, 0, 2, 3, 4, 5, 8, 12, 20, 25, 30, 40]))
prices = st.one_of(magnitudes, magnitudes.map(float), st.decimals(0, 10**6, places=6).map(str), scalars)


@st.composite
def book_files(draw: st.DrawFn) -> bytes:
    """The bundled book mutated anywhere, or with some of the prices the example uses changed."""
    if draw(st.booleans()):
        return draw(mutated_text(BOOK, BOOK_PATHS))
    data = copy.deepcopy(BOOK)
    for path in draw(st.lists(st.sampled_from(PRICES_USED), min_size=1, max_size=6)):
        _parent(data, path)[path[-1]] = draw(prices)
    return json.dumps(data).encode("utf-8")


def _write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def _check_totals(data: dict[str, Any]) -> None:
    for name, option in data["options"].items():
        usd = option["monthly_usd"]
        assert usd is None or (math.isfinite(usd) and usd >= 0), (name, usd)
        for item in option["line_items"]:  # discounts are negative line items; every one is finite
            assert math.isfinite(item["usd"]) and math.isfinite(item["quantity"]), (name, item)


def _run(capsys: pytest.CaptureFixture[str], tmp_path: Path, verb: str, fuzzed: Path, *,
         workload: Path | None = None, answers: Path | None = None, book: Path | None = None) -> None:
    capsys.readouterr()
    out = tmp_path / f"out.{verb.split()[-1]}"
    out.unlink(missing_ok=True)
    args = {
        "estimate": ["estimate", str(workload)], "estimate --json": ["estimate", str(workload), "--json"],
        "advise": ["advise", str(workload)], "advise --answers": ["advise", "--answers", str(answers)],
        "export csv": ["export", str(workload), "-o", str(out)],
        "export json": ["export", str(workload), "-o", str(out)],
        "report": ["report", str(workload), "-o", str(out)],
    }[verb] + (["--price-book", str(book)] if book else [])
    code = main(args)
    captured = capsys.readouterr()
    if code == 0:
        assert captured.err == "", captured.err
        if verb == "estimate --json":
            _check_totals(json.loads(captured.out))
        elif verb == "export json":
            _check_totals(json.loads(out.read_text(encoding="utf-8")))
        elif verb == "export csv":
            for row in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))):
                if row.get("row") == "total" and row["usd"]:
                    assert math.isfinite(float(row["usd"])) and float(row["usd"]) >= 0, row
        elif verb == "report":
            assert out.read_bytes().startswith(b"%PDF-")
        else:
            assert captured.out.strip()
        return
    assert code == 2, (code, captured.err)
    assert captured.out == ""
    assert len(captured.err.splitlines()) == 1 and captured.err.endswith("\n"), captured.err
    assert captured.err.startswith(f"computefit: {fuzzed}: "), captured.err
    assert not out.exists()


@FUZZ
@given(content=workload_files(), verb=st.sampled_from(WORKLOAD_VERBS))
def test_fuzzed_workload_files(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, verb: str) -> None:
    path = _write(tmp_path / "fuzz.workload.json", content)
    _run(capsys, tmp_path, verb, path, workload=path)


@settings(FUZZ, max_examples=50)
@given(content=answers_files())
def test_fuzzed_answers_files(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes) -> None:
    path = _write(tmp_path / "answers.json", content)
    _run(capsys, tmp_path, "advise --answers", path, answers=path)


@settings(FUZZ, max_examples=50)
@given(content=book_files(), verb=st.sampled_from(WORKLOAD_VERBS))
def test_fuzzed_price_books(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, verb: str) -> None:
    book = _write(tmp_path / "book.json", content)
    workload = examples_dir() / "http-api.workload.json"
    _run(capsys, tmp_path, verb, book, workload=workload, book=book)


@settings(FUZZ, max_examples=4)
@given(content=workload_files())
def test_fuzzed_workload_files_through_report(qapp, tmp_path: Path, capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
                                              content: bytes) -> None:
    path = _write(tmp_path / "fuzz.workload.json", content)
    _run(capsys, tmp_path, "report", path, workload=path)
