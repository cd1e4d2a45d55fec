"""The lean quote path (issue 26) against the validated one: `computefit estimate WORKLOAD` on plain objects gives
the validated path's output byte for byte, takes no file the schema refuses (the refusal is then the validated
path's own line), and is the path taken for the bundled examples.

Fails if the reader takes a value validation would refuse or convert differently, if a plain object lacks what
the quote reads, if shapes.py falls behind the schema or the bundled book, or if the plain book differs from the
validated one in any price, source, date or grade."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pydantic import BaseModel, ValidationError

from desktop.cli import lean_estimate, main, run_subcommand
from desktop.model.advice.advise import advise
from desktop.model.advice.engine import compute_quote
from desktop.model.advice.quote_json import advice_json
from desktop.model.lean import derive, shapes
from desktop.model.lean.book import plain_bundled_book
from desktop.model.lean.bounds import shape_bounds
from desktop.model.lean.nodes import Node, prices_under
from desktop.model.lean.reader import lean_workload
from desktop.model.options.common.calc import exact_arrays, plain_arrays
from desktop.model.options.registry import option_ids
from desktop.model.pricing.book import PriceBook, load_price_book
from desktop.model.workload.fields import field_bounds
from desktop.model.workload.files import MAX_FILE_BYTES
from desktop.model.workload.spec import MAX_BURST_RATIO, MAX_MIN_TASKS, Workload, set_dotted
from desktop.report.sheet.text import quote_table
from desktop.resources import examples_dir, price_book_path
from tests.goldens.make_goldens import cases

REPO = Path(__file__).resolve().parents[3]
EXAMPLES = sorted(examples_dir().glob("*.workload.json"))


def same(plain: Any, model: Any, where: str = "") -> None:
    """Value for value and type for type: a plain node against a validated model."""
    if isinstance(model, BaseModel):
        assert isinstance(plain, Node), where
        names = set(type(model).model_fields)
        assert set(vars(plain)) == names, where
        for name in names:
            same(getattr(plain, name), getattr(model, name), f"{where}.{name}")
    elif isinstance(model, dict):
        assert isinstance(plain, dict) and list(plain) == list(model), where
        for key in model:
            same(plain[key], model[key], f"{where}.{key}")
    elif isinstance(model, list | tuple):
        assert type(plain) is type(model) and len(plain) == len(model), where
        for index, (a, b) in enumerate(zip(plain, model, strict=True)):
            same(a, b, f"{where}[{index}]")
    else:
        assert type(plain) is type(model) and plain == model, f"{where}: {plain!r} != {model!r}"


@pytest.fixture(scope="module")
def books() -> tuple[Any, PriceBook]:
    plain = plain_bundled_book(price_book_path())
    assert plain is not None, "shapes.py's digest is not the bundled book's: python -m desktop.model.lean.derive"
    return plain, load_price_book(price_book_path())


def test_shapes_are_derived_from_the_schema_and_the_bundled_book() -> None:
    assert Path(shapes.__file__).read_text(encoding="utf-8") == derive.shapes_text(), (
        "desktop/model/lean/shapes.py is out of date: python -m desktop.model.lean.derive > "
        "desktop/model/lean/shapes.py")


def test_the_plain_bundled_book_equals_the_validated_one(books: tuple[Any, PriceBook]) -> None:
    plain, validated = books
    same(plain, validated, "book")
    assert plain.confidence_counts == validated.confidence_counts
    graded = Counter(price.confidence for price in prices_under(plain.regions))  # the regions built, counted
    assert graded == Counter(validated.confidence_counts) and len(prices_under(plain)) == sum(graded.values())
    assert plain.confidence_summary == validated.confidence_summary


def test_a_changed_bundled_book_is_not_built_plainly(tmp_path: Path) -> None:
    changed = tmp_path / "price-book.json"
    changed.write_bytes(price_book_path().read_bytes() + b"\n")
    assert plain_bundled_book(changed) is None
    assert plain_bundled_book(tmp_path / "absent.json") is None


def _quotes(data: dict[str, Any], books: tuple[Any, PriceBook]) -> tuple[str, str]:
    plain_book, book = books
    plain = lean_workload(data)
    assert plain is not None, data
    workload = Workload.model_validate(data)
    same(plain, workload, "workload")
    return (quote_table(compute_quote(plain, plain_book), plain_book),  # type: ignore[arg-type]
            quote_table(compute_quote(workload, book), book))


@pytest.mark.parametrize("name", sorted(cases()))
def test_every_golden_case_in_every_region_quotes_the_same(name: str, books: tuple[Any, PriceBook]) -> None:
    data = cases()[name]
    for region in books[1].regions:
        lean, validated = _quotes({**data, "region": region}, books)
        assert lean == validated, f"{name} in {region}"
    everything = {**data, "options": list(option_ids())}  # every option, the managed ones and EKS included
    for region in books[1].regions:
        lean, validated = _quotes({**everything, "region": region}, books)
        assert lean == validated, f"{name} in {region}, every option"


def _advice_jsons(data: dict[str, Any], books: tuple[Any, PriceBook]) -> tuple[str, str]:
    """`estimate --json`'s text of the advice on the plain objects with plain-Python arrays, as the command runs
    without numpy, and on the validated ones with numpy's arrays (the window's and the fleet's)."""
    plain_book, book = books
    plain, workload = lean_workload(data), Workload.model_validate(data)
    assert plain is not None, data
    with plain_arrays():
        lean = json.dumps(advice_json(advise(plain, plain_book), plain_book), indent=1)  # type: ignore[arg-type]
    assert exact_arrays() is np
    return lean, json.dumps(advice_json(advise(workload, book), book), indent=1)


@pytest.mark.parametrize("name", sorted(cases()))
def test_every_golden_case_in_every_region_advises_the_same_json(name: str, books: tuple[Any, PriceBook]) -> None:
    """The advice on plain objects (findings, recommendation, break-even, sensitivity and its hinge, the footprint)
    is the validated advice's `--json` byte for byte, with the workload's options and with every option: the
    break-even search and the sensitivity's fast totals on plain-Python arrays give numpy's."""
    data = cases()[name]
    for options in (data.get("options"), list(option_ids())):
        for region in books[1].regions:
            changed = {**data, "region": region} if options is None else {**data, "region": region, "options": options}
            lean, validated = _advice_jsons(changed, books)
            assert lean == validated, f"{name} in {region}, options {options}"


def test_estimate_json_imports_neither_numpy_nor_pydantic_and_prints_the_validated_advice(
        tmp_path: Path, books: tuple[Any, PriceBook]) -> None:
    """`computefit estimate --json` on each golden case (the bundled book) in a fresh process: neither numpy nor
    pydantic is imported (the break-even search, the curves and the sensitivity's fast totals run on plain-Python
    arrays) and the text is the validated advice's, numpy's arrays, byte for byte."""
    paths = []
    for name, data in sorted(cases().items()):
        paths.append(tmp_path / f"{name}.workload.json")
        paths[-1].write_text(json.dumps(data), encoding="utf-8")
    code = ("import sys, io, json, contextlib; from desktop.cli import main\n"
            "found = {}\n"
            "for path in sys.argv[1:]:\n"
            "    with contextlib.redirect_stdout(io.StringIO()) as out:\n"
            "        assert main(['estimate', '--json', path]) == 0\n"
            "    found[path] = out.getvalue()\n"
            "print(json.dumps({'numpy': 'numpy' in sys.modules, 'pydantic': 'pydantic' in sys.modules, "
            "'texts': found}))")
    done = subprocess.run([sys.executable, "-c", code, *map(str, paths)], cwd=REPO, capture_output=True, text=True,
                          timeout=300, env={"COMPUTEFIT_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin",
                                            "PYTHONPATH": str(REPO)}, check=True)
    result = json.loads(done.stdout)
    assert (result["numpy"], result["pydantic"]) == (False, False), done.stderr
    book = books[1]
    for path in paths:
        workload = Workload.model_validate_json(path.read_text(encoding="utf-8"))
        expected = json.dumps(advice_json(advise(workload, book), book), indent=1) + "\n"
        assert result["texts"][str(path)] == expected, path.name
    assert any(b["volume"] for text in result["texts"].values() for b in json.loads(text)["break_even"])


def test_numpy_is_imported_where_it_pays_only(tmp_path: Path) -> None:
    """Several workloads advised in one process (a workshop's three scenarios) take numpy's arrays (its import pays
    over their break-even searches); one workload's `estimate --json`, fewer than three, do not."""
    from desktop.model.workshop.files import save_workshop
    from desktop.model.workshop.spec import ScenarioEntry, WorkshopSpec

    workshop = tmp_path / "three.workshop.json"
    save_workshop(workshop, WorkshopSpec(scenarios=tuple(
        ScenarioEntry(workload=Workload.model_validate({**cases()["http-api"], "name": f"s{n}"})) for n in range(3))))
    code = ("import sys, io, contextlib; from desktop.cli import main\n"
            "from desktop.model.options.common.numpy_arrays import use_numpy\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    assert main(['estimate', '--json', sys.argv[1]]) == 0\n"
            "use_numpy(2); print('numpy' in sys.modules)\n"
            "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
            "    assert main(['estimate', '--json', sys.argv[2]]) == 0\n"
            "print('numpy' in sys.modules, out.getvalue().count('break_even'))")
    done = subprocess.run([sys.executable, "-c", code, str(EXAMPLES[0]), str(workshop)], cwd=REPO, capture_output=True,
                          text=True, timeout=300, check=True, env={"COMPUTEFIT_DATA_DIR": str(tmp_path),
                                                                   "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)})
    assert done.stdout.split() == ["False", "True", "3"], done.stderr


def test_the_lean_bounds_are_the_schemas() -> None:
    """The advice reads a field's bounds off the derived shapes (no pydantic): the same as the schema's own."""
    number_leaves = [path for path, shape in _leaves("Workload") if (shape[1] if shape[0] == "opt" else shape)[0]
                     in ("int", "float")]
    assert len(number_leaves) > 40
    for path in number_leaves:
        bounds = field_bounds(path)
        low, high = shape_bounds(path)
        assert (low, high) == (bounds.low, bounds.high) and (type(low), type(high)) == (
            type(bounds.low), type(bounds.high)), path
    assert shape_bounds("traffic.burst_ratio")[1] == MAX_BURST_RATIO
    assert shape_bounds("container.min_tasks")[1] == MAX_MIN_TASKS


# Values a field may be given: each number field's bounds and beyond, numbers as text, booleans, floats for ints.
def _candidates(shape: tuple[Any, ...], rng: random.Random) -> list[Any]:
    kind = shape[0]
    if kind == "opt":
        return [None, *_candidates(shape[1], rng)]
    if kind in ("int", "float"):
        low = 0 if shape[1] is None else shape[1]
        high = low + 1000 if shape[3] is None else shape[3]
        inside = rng.uniform(float(low), float(high))
        values = [low, high, inside, low - 1, high + 1, str(low), True, float(low) + 0.5]
        return [*values, int(inside), float(int(inside))] if kind == "int" else [*values, round(inside, 3)]
    if kind == "lit":
        return [*shape[1], "bogus", 1]
    if kind == "bool":
        return [True, False, 0, "true"]
    if kind in ("str", "not_blank"):
        return ["x", "auto", "m6i.large", "", " ", "y" * 200, 5]
    if kind == "tuple":
        return [[1.0] * 24, [0.0] * 24, [1] * 23, [-1.0] + [1.0] * 23, ["lambda", "fargate"], ["ec2", "ec2"], []]
    return [{}]


def _leaves(model: str, prefix: str = "") -> list[tuple[str, tuple[Any, ...]]]:
    found: list[tuple[str, tuple[Any, ...]]] = []
    for _name, key, shape, _checks, _default in shapes.MODELS[model][0]:
        if shape[0] == "model":
            found += _leaves(shape[1], f"{prefix}{key}.")
        elif shape[0] != "doubt":
            found.append((f"{prefix}{key}", shape))
    return found


def test_the_reader_takes_only_what_validation_takes_and_the_same_values(books: tuple[Any, PriceBook]) -> None:
    """Generated variants of the examples (1-4 fields each set to a value in, at or past the field's bounds, or
    of another type): whatever the lean reader takes, validation takes with the same values, and quotes the same."""
    rng = random.Random(26)
    leaves = _leaves("Workload")
    bases = [json.loads(path.read_text(encoding="utf-8")) for path in EXAMPLES]
    taken = valid = 0
    for number in range(600):
        data = json.loads(json.dumps(rng.choice(bases)))
        for path, shape in rng.sample(leaves, rng.randint(1, 4)):
            set_dotted(data, path, rng.choice(_candidates(shape, rng)))
        plain = lean_workload(data)
        try:
            workload = Workload.model_validate(data)
        except ValidationError:
            assert plain is None, data
            continue
        valid += 1
        if plain is None:
            continue
        taken += 1
        same(plain, workload, "workload")
        if number % 5 == 0 and workload.region in books[1].regions:
            assert _quotes(data, books)[0] == _quotes(data, books)[1]
    assert taken >= valid * 0.5 > 50, (taken, valid)  # the lean path is the usual one for valid files


INVALID = {
    "a volume past its bound": ("traffic.requests_per_month", 10**14),
    "a volume as text": ("traffic.requests_per_month", "30M"),
    "a boolean for a number": ("lambda.memory_mb", True),
    "an unknown key": ("container.cpus", 2),
    "an unknown section": ("gpu", {}),
    "a blank name": ("name", "   "),
    "a choice not listed": ("front_door", "cloudfront"),
    "a profile of 23 hours": ("traffic.daily_profile", [1.0] * 23),
    "a run longer than the month": ("traffic.duration_ms", 2_678_400_000),
    "an option twice": ("options", ["lambda", "lambda"]),
    "no options": ("options", []),
    "a newer format": ("schema_version", 2),
    "not finite": ("container.vcpu", 1e400),
}


@pytest.mark.parametrize("change", sorted(INVALID))
def test_a_refused_file_gets_the_validated_paths_one_line(change: str, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    path_in_file, value = INVALID[change]
    data = json.loads(EXAMPLES[0].read_text(encoding="utf-8"))
    set_dotted(data, path_in_file, value)
    target = tmp_path / "bad.workload.json"
    target.write_text(json.dumps(data), encoding="utf-8")
    assert lean_workload(json.loads(target.read_text(encoding="utf-8"))) is None
    for argv in (["estimate", str(target)], ["estimate", "--json", str(target)], ["estimate", str(target), "--json"]):
        assert main(argv) == 2
        lean_entry = capsys.readouterr()
        assert run_subcommand(argv) == 2  # the validated path alone
        validated = capsys.readouterr()
        assert lean_entry.err == validated.err and lean_entry.err.count("\n") == 1 and not lean_entry.out


def test_the_lean_path_is_taken_for_the_bundled_examples_only_without_options(tmp_path: Path) -> None:
    code = ("import sys, io, contextlib; from desktop.cli import lean_estimate\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    taken = [lean_estimate(['estimate', p]) for p in sys.argv[1:]]\n"
            "    taken += [lean_estimate(['estimate', '--json', p]) for p in sys.argv[1:]]\n"
            "    taken += [lean_estimate(['estimate', p, '--json']) for p in sys.argv[1:]]\n"
            "print(taken, 'pydantic' in sys.modules, 'argparse' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code, *map(str, EXAMPLES)], cwd=REPO, capture_output=True,
                          text=True, timeout=120, env={"COMPUTEFIT_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin",
                                                       "PYTHONPATH": str(REPO)}, check=True)
    assert done.stdout.strip() == f"{[True] * len(EXAMPLES) * 3} False False", done.stderr
    assert not lean_estimate(["estimate", "--json", "--json", str(EXAMPLES[0])])
    assert not lean_estimate(["estimate", str(EXAMPLES[0]), "--price-book", "bundled"])


def test_a_user_book_or_a_workshop_takes_the_validated_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.lean_estimate import lean_quote_table

    monkeypatch.setenv("COMPUTEFIT_DATA_DIR", str(tmp_path))
    assert lean_quote_table(EXAMPLES[0]) is not None
    (tmp_path / "user-price-book.json").write_text("{}", encoding="utf-8")
    assert lean_quote_table(EXAMPLES[0]) is None
    workshop = tmp_path / "x.workshop.json"
    workshop.write_bytes(EXAMPLES[0].read_bytes())
    (tmp_path / "user-price-book.json").unlink()
    assert lean_quote_table(workshop) is None


def test_the_lean_estimate_reads_files_as_large_as_the_workload_reader() -> None:
    from desktop import lean_estimate as module

    assert module.MAX_FILE_BYTES == MAX_FILE_BYTES
