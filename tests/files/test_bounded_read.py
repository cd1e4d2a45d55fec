"""The one bounded-read helper and the strict JSON loader: regular files only, limits counted, one clear line."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from desktop.files import MAX_DEPTH, ReadError, load_json_file, loads_strict, read_bounded


def _finishes(action: object) -> ReadError:
    """Run `action` in a thread (a hang would otherwise hang the suite) and return the ReadError it raised."""
    result: list[BaseException] = []

    def run() -> None:
        try:
            action()  # type: ignore[operator]
        except BaseException as exc:
            result.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(30)
    assert not worker.is_alive(), "the read blocked"
    assert len(result) == 1 and isinstance(result[0], ReadError), result
    return result[0]


def test_reads_a_regular_file_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(b"x" * 3_000_000)
    assert read_bounded(path, 3_000_000) == b"x" * 3_000_000


def test_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.workload.json"
    os.mkfifo(fifo)
    error = _finishes(lambda: read_bounded(fifo, 1000))
    assert str(error) == f"{fifo}: is a named pipe (FIFO), not a regular file: ComputeFit reads only regular files"


def test_dev_zero_is_refused_before_any_read() -> None:
    error = _finishes(lambda: read_bounded("/dev/zero", 5 * 1024 * 1024))
    assert str(error) == "/dev/zero: is a device, not a regular file: ComputeFit reads only regular files"


def test_a_folder_and_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as caught:
        read_bounded(tmp_path, 10)
    assert str(caught.value) == f"{tmp_path}: is a folder, not a file"
    with pytest.raises(ReadError) as caught:
        read_bounded(tmp_path / "nope.json", 10)
    assert str(caught.value) == f"{tmp_path / 'nope.json'}: file not found" and caught.value.errno == 2


def test_the_limit_counts_bytes_read_not_the_size_the_file_claims(tmp_path: Path) -> None:
    status = Path("/proc/self/status")
    if not status.exists() or status.stat().st_size != 0:
        pytest.skip("needs a /proc file whose size says 0")
    with pytest.raises(ReadError) as caught:
        read_bounded(status, 10, "a test file")
    assert str(caught.value) == (f"{status}: file is too large (more than 10 bytes read; "
                                 "a test file is at most 10 bytes)")


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (6 * 1024 * 1024))

    def no_read(*_args: object) -> bytes:
        raise AssertionError("read although st_size is over the limit")

    monkeypatch.setattr(os, "read", no_read)
    with pytest.raises(ReadError) as caught:
        read_bounded(path, 5 * 1024 * 1024, "a workload file")
    assert caught.value.message == "file is too large (6 MB; a workload file is at most 5 MB)"


def test_a_huge_integer_names_its_field() -> None:
    text = '{"traffic": {"requests_per_month": ' + "9" * 4301 + "}}"
    with pytest.raises(ReadError) as caught:
        loads_strict(text, "w.json")
    assert str(caught.value) == ("w.json: traffic.requests_per_month: a number of 4,301 digits is too long "
                                 "(at most 100 characters)")


def test_a_huge_float_and_numbers_in_lists_name_their_place() -> None:
    with pytest.raises(ReadError) as caught:
        loads_strict('{"p": [1, 2, 0.' + "5" * 200 + "]}", "b.json")
    assert caught.value.field == "p.2" and "201 digits" in caught.value.message
    assert loads_strict('{"n": 1e400, "m": ' + "9" * 100 + "}", "b.json") == {"n": float("inf"), "m": int("9" * 100)}


@pytest.mark.parametrize("text", ["[" * 100_000, '{"a":' * 100_000 + "1" + "}" * 100_000,
                                  "[" * 100_000 + "]" * 100_000])
def test_deep_nesting_is_refused_without_recursing(text: str) -> None:
    with pytest.raises(ReadError) as caught:
        loads_strict(text, "deep.json")
    assert str(caught.value) == f"deep.json: nested more than {MAX_DEPTH} levels deep (line 1)"


def test_nesting_up_to_the_limit_is_fine_and_brackets_in_strings_do_not_count() -> None:
    deep = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert loads_strict(deep, "ok.json") is not None
    assert loads_strict(json.dumps({"name": "[[[{{{" * 1000 + '\\"' + "]]]"}), "ok.json")["name"].startswith("[[[")
    with pytest.raises(ReadError) as caught:
        loads_strict("{\n" + '"a":' + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "}", "deep.json")
    assert caught.value.message == f"nested more than {MAX_DEPTH} levels deep (line 2)"


@pytest.mark.parametrize(("text", "field"), [
    ('{"name": "a", "name": "b"}', "name"),
    ('{"name": "x", "traffic": {"kind": "jobs", "kind": "requests"}}', "traffic.kind"),
    ('{"regions": {"us-east-1": {}}, "list": [{"a": 1}, {"b": 1, "b": 2}]}', "list.1.b"),
])
def test_duplicate_keys_are_refused_naming_the_key_path(text: str, field: str) -> None:
    with pytest.raises(ReadError) as caught:
        loads_strict(text, "d.json")
    assert str(caught.value) == f"d.json: {field}: the key is given twice in the same object (keep one)"


def test_the_first_problem_in_file_order_is_named() -> None:
    with pytest.raises(ReadError) as caught:
        loads_strict('{"a": {"x": 1, "x": 2}, "b": ' + "1" * 200 + "}", "f.json")
    assert caught.value.field == "a.x"


def test_malformed_json_and_text_that_is_not_utf8(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as caught:
        loads_strict('{"name": "x",', "m.json")
    assert str(caught.value).startswith("m.json: not valid JSON: Expecting property name enclosed in double quotes")
    path = tmp_path / "bin.json"
    path.write_bytes(b"\xff\xfe\x00\x81garbage")
    with pytest.raises(ReadError) as caught:
        load_json_file(path, 1000)
    assert str(caught.value) == f"{path}: is not UTF-8 text"
    path.write_bytes(b'\xef\xbb\xbf{"bom": true}')
    assert load_json_file(path, 1000) == {"bom": True}


def test_nan_and_infinity_still_parse_so_the_models_can_name_the_field() -> None:
    data = loads_strict('{"a": NaN, "b": -Infinity}', "n.json")
    assert data["a"] != data["a"] and data["b"] == float("-inf")


def test_a_name_no_file_can_have_is_refused() -> None:
    with pytest.raises(ReadError) as caught:
        read_bounded("a\x00b.json", 10)
    assert caught.value.message == "is not a valid file name"
