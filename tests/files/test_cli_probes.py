"""The issue's probes through the `computefit` command: each ends in one line naming the file, exit status 2."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.resources import default_example_path, price_book_path

EXAMPLE = default_example_path()
DEEP = "[" * 100_000
HUGE_INT = "9" * 4301


def _one_line(capsys: pytest.CaptureFixture[str], code: int, path: Path | str, expected: str) -> str:
    captured = capsys.readouterr()
    assert code == 2, captured.err
    assert captured.out == ""
    assert captured.err.startswith(f"computefit: {path}: ") and len(captured.err.splitlines()) == 1, captured.err
    assert expected in captured.err and "Traceback" not in captured.err
    return captured.err


def _special(kind: str, tmp_path: Path) -> tuple[Path, str]:
    if kind == "fifo":
        fifo = tmp_path / "pipe.json"
        os.mkfifo(fifo)
        return fifo, "is a named pipe (FIFO), not a regular file"
    if kind == "dev-zero":
        return Path("/dev/zero"), "is a device, not a regular file"
    return tmp_path, "is a folder, not a file"


def _text_file(tmp_path: Path, text: str, name: str = "in.json") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


WORKLOAD_TEXTS = {
    "huge int": ('{"name": "x", "traffic": {"requests_per_month": ' + HUGE_INT + "}}",
                 "traffic.requests_per_month: a number of 4,301 digits is too long"),
    "deep": (DEEP, "nested more than 64 levels deep (line 1)"),
    "duplicate": ('{"name": "x", "lambda": {"memory_mb": 512, "memory_mb": 2048}}',
                  "lambda.memory_mb: the key is given twice in the same object"),
    "true as number": ('{"name": "x", "lambda": {"memory_mb": true}}', "lambda.memory_mb: must be a number, not true"),
    "false in profile": ('{"name": "x", "traffic": {"daily_profile": [' + ", ".join(["1"] * 23 + ["false"]) + "]}}",
                         "traffic.daily_profile: item 24 must be a number, not false"),
    "true as version": ('{"name": "x", "schema_version": true}', "schema_version: must be a number, not true"),
    "line break in a key": ('{"name": "x", "a\\nb\\u2028c": 1}', "a\\nb\\u2028c: is not a known field"),
}


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder"])
@pytest.mark.parametrize("verb", [["estimate"], ["estimate", "--json"], ["advise"]])
def test_special_files_as_the_workload(tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str,
                                       verb: list[str]) -> None:
    path, expected = _special(kind, tmp_path)
    _one_line(capsys, main([*verb, str(path)]), path, expected)


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder"])
def test_special_files_as_answers_and_price_book(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 kind: str) -> None:
    path, expected = _special(kind, tmp_path)
    _one_line(capsys, main(["advise", "--answers", str(path)]), path, expected)
    _one_line(capsys, main(["estimate", str(EXAMPLE), "--price-book", str(path)]), path, expected)


@pytest.mark.parametrize("case", sorted(WORKLOAD_TEXTS))
@pytest.mark.parametrize("verb", [["estimate", "--json"], ["advise"], ["export", "-o", "OUT.csv"]])
def test_hostile_workload_files(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str,
                                verb: list[str]) -> None:
    text, expected = WORKLOAD_TEXTS[case]
    path = _text_file(tmp_path, text, "w.workload.json")
    args = [a.replace("OUT", str(tmp_path / "out")) for a in verb]
    _one_line(capsys, main([args[0], str(path), *args[1:]]), path, expected)
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize(("text", "expected"), [
    ('{"monthly_volume": ' + HUGE_INT + "}", "monthly_volume: a number of 4,301 digits is too long"),
    (DEEP, "nested more than 64 levels deep"),
    ('{"trigger": "http", "trigger": "queue"}', "trigger: the key is given twice"),
    ('{"answers": {"monthly_volume": true}}', "monthly_volume: must be a number, got True"),
    ('{"answers": {}, "name": ""}', "name: must be text of 1 to 120 characters"),
    ("[]", "must be a JSON object of question id -> answer"),
])
def test_hostile_answers_files(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str) -> None:
    path = _text_file(tmp_path, text, "answers.json")
    _one_line(capsys, main(["advise", "--answers", str(path)]), path, expected)


def _book(mutate: Callable[[dict[str, object]], object]) -> str:
    data = json.loads(price_book_path().read_text(encoding="utf-8"))
    mutate(data)
    return json.dumps(data)


@pytest.mark.parametrize(("text", "expected"), [
    (_book(lambda b: b["free_tier"].update(lambda_requests="HUGE")).replace('"HUGE"', HUGE_INT),  # type: ignore[attr-defined]
     "free_tier.lambda_requests: a number of 4,301 digits is too long"),
    (DEEP, "nested more than 64 levels deep"),
    ('{"schema_version": 1, "schema_version": 1}', "schema_version: the key is given twice"),
    (_book(lambda b: b["instance_types"]["t3.medium"].update(vcpu=True)),  # type: ignore[index]
     "instance_types.t3.medium.vcpu: must be a number, not true"),
    (_book(lambda b: b.update(schema_version=9)), "price book format 9 is newer than this app knows"),
    ("{", "not valid JSON"),
])
@pytest.mark.parametrize("verb", [["estimate", "--json"], ["advise"], ["export", "-o", "OUT.json"]])
def test_hostile_price_books(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str,
                             verb: list[str]) -> None:
    book = _text_file(tmp_path, text, "book.json")
    args = [a.replace("OUT", str(tmp_path / "out")) for a in verb]
    _one_line(capsys, main([args[0], str(EXAMPLE), *args[1:], "--price-book", str(book)]), book, expected)


def test_a_broadly_broken_book_is_still_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def break_every_region(book: dict[str, object]) -> None:
        for region in book["regions"].values():  # type: ignore[attr-defined]
            region["colour"] = "blue"

    book = _text_file(tmp_path, _book(break_every_region), "book.json")
    err = _one_line(capsys, main(["estimate", str(EXAMPLE), "--price-book", str(book)]), book, "colour")
    assert "more problem(s)" in err


@pytest.mark.parametrize("verb", ["report", "export"])
def test_writing_to_dev_null_is_refused_and_it_stays_a_device(capsys: pytest.CaptureFixture[str], verb: str) -> None:
    suffix = [] if verb == "report" else ["--format", "csv"]
    code = main([verb, str(EXAMPLE), "-o", "/dev/null", *suffix])
    _one_line(capsys, code, "/dev/null", "it is a device, not a regular file")
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


def test_exporting_to_a_fifo_is_refused_and_it_stays_a_fifo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    _one_line(capsys, main(["export", str(EXAMPLE), "-o", str(fifo)]), fifo, "named pipe (FIFO)")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.skipif(not Path("/proc/version").exists(), reason="no /proc on this system")
def test_proc_version_as_the_output_gets_a_truthful_message(capsys: pytest.CaptureFixture[str]) -> None:
    err = _one_line(capsys, main(["export", str(EXAMPLE), "-o", "/proc/version", "--format", "json"]),
                    "/proc/version", "/proc belongs to the kernel's /proc file system, which holds no ordinary files")
    assert "does not exist" not in err


def test_export_through_a_symlink_keeps_the_link_and_the_mode(tmp_path: Path) -> None:
    real = tmp_path / "shared" / "comparison.json"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    os.chmod(real, 0o644)
    link = tmp_path / "comparison.json"
    link.symlink_to(real)
    assert main(["export", str(EXAMPLE), "-o", str(link)]) == 0
    assert link.is_symlink() and json.loads(real.read_text(encoding="utf-8"))["options"]
    assert stat.S_IMODE(real.stat().st_mode) == 0o644
