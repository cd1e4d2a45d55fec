"""Hostile Price List files: refused with one line naming the file and the row or field, never a crash of the
process, a hang or unbounded memory (issue: the JSON parser's C backend crashed on a 4,301-digit integer and
took memory with the square of the nesting depth; a FIFO hung the import; a 200 MB CSV without line breaks
took 1 GB).

The files that once crashed or flooded the process run in a child process whose peak memory is measured
(`run_measured`); each stays under MEMORY_BOUND_MB, the import's bound whatever the file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.pricelist.offers import read_csv, stream
from desktop.pricelist.offers.importer import import_files
from desktop.pricelist.offers.records import PriceListError
from tests.pricelist.conftest import FIXTURES
from tests.pricelist.offer_files import csv_to_json_data, read_csv_offer, write_csv_offer

REPO = Path(__file__).resolve().parents[3]
LAMBDA = FIXTURES / "AWSLambda-eu-west-2.csv"
HEAD = '{"offerCode":"AWSLambda","version":"1","publicationDate":"2026-08-31T00:00:00Z",'
MEMORY_BOUND_MB = 100  # the import's peak RSS whatever the file (about 45 MB of it is Python and the libraries)

MEASURE = r"""
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=120)
sys.stdout.write(f"{done.returncode}\n{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\n{done.stderr}")
"""


def run_measured(*args: str, data_dir: Path) -> tuple[int, float, str]:
    """`computefit ARGS` in a child process: (exit status, peak RSS in MB, stderr)."""
    env = {**os.environ, "COMPUTEFIT_DATA_DIR": str(data_dir)}
    done = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, "-m", "desktop", *args], cwd=REPO,
                          env=env, capture_output=True, text=True, timeout=180, check=True)
    status, peak_kb, err = done.stdout.split("\n", 2)
    return int(status), int(peak_kb) / 1024, err


def _one_line_refusal(err: str, path: Path, expected: str) -> None:
    assert err.count("\n") == 1 and "Traceback" not in err, err[:2000]
    assert err.startswith(f"computefit: {path}: ") and expected in err, err[:2000]
    assert len(err) < 1000


def test_a_4301_digit_integer_is_refused_not_a_crash(tmp_path: Path, data_dir: Path) -> None:
    bad = tmp_path / "s.json"
    bad.write_text(HEAD + '"products":{"A":{"attributes":{"x":' + "9" * 4301 + '}}},"terms":{"OnDemand":{}}}')
    status, _peak, err = run_measured("prices", "import", str(bad), data_dir=data_dir)
    assert status == 2  # was -11 (SIGSEGV in ijson's yajl2_c backend)
    _one_line_refusal(err, bad, "line 1: a number of more than 100 digits (at byte 115)")


def test_deep_nesting_is_refused_at_64_levels_in_bounded_memory(tmp_path: Path, data_dir: Path) -> None:
    bad = tmp_path / "deep.json"
    depth = 20_000  # a 40 KB file: 1 GB and a RecursionError traceback before
    bad.write_text(HEAD + '"products":{"A":{"attributes":{"x":' + "[" * depth + "]" * depth + '}}},"terms":{}}')
    status, peak, err = run_measured("prices", "import", str(bad), data_dir=data_dir)
    assert status == 2
    _one_line_refusal(err, bad, "nested more than 64 levels deep")
    assert peak < MEMORY_BOUND_MB


def test_a_100_mb_offer_code_is_refused_quickly_in_bounded_memory(tmp_path: Path, data_dir: Path) -> None:
    bad = tmp_path / "code.json"
    with bad.open("w") as handle:
        handle.write('{"offerCode":"')
        for _ in range(100):
            handle.write("A" * 1_000_000)
        handle.write('"}')
    status, peak, err = run_measured("prices", "import", str(bad), data_dir=data_dir)  # was 699 MB and 38 s
    assert status == 2
    _one_line_refusal(err, bad, "line 1: a string longer than 64 KB")
    assert peak < MEMORY_BOUND_MB


@pytest.mark.slow
def test_a_200_mb_csv_without_line_breaks_is_refused_in_bounded_memory(tmp_path: Path, data_dir: Path) -> None:
    bad = tmp_path / "flat.csv"
    head = LAMBDA.read_bytes().split(b'"SKU"')[0]
    with bad.open("wb") as handle:
        handle.write(head)
        for _ in range(200):
            handle.write(b"x" * 1_000_000)
    status, peak, err = run_measured("prices", "import", str(bad), data_dir=data_dir)  # was a 1 GB peak
    assert status == 2
    _one_line_refusal(err, bad, "line 6: longer than 1,024 KB (a Price List row is a few KB)")
    assert peak < MEMORY_BOUND_MB


@pytest.mark.slow
def test_a_csv_larger_than_the_memory_bound_imports_in_bounded_memory(tmp_path: Path, data_dir: Path) -> None:
    """A file larger than the bound: rows of 2 KB nobody uses, and every 20th a kept Lambda price repeated (held
    once)."""
    meta, rows = read_csv_offer(LAMBDA)
    kept = [r for r in rows if r["usageType"] == "EUW2-Request"]
    unused = [{**r, "usageType": "EUW2-Unused-Thing", "PriceDescription": "x" * 2000} for r in rows]
    big = write_csv_offer(tmp_path / "big.csv", meta, rows)
    block = write_csv_offer(tmp_path / "block.csv", meta, (unused * 2)[:19] + kept[:1]).read_bytes()
    block = block.split(b"\n", 6)[6]
    with big.open("ab") as handle:
        while handle.tell() < (MEMORY_BOUND_MB + 10) * 1024 * 1024:
            handle.write(block * 100)
    assert big.stat().st_size > MEMORY_BOUND_MB * 1024 * 1024
    status, peak, err = run_measured("prices", "import", str(big), "--into", str(tmp_path / "book.json"),
                                     data_dir=data_dir)
    assert (status, err) == (0, "")
    assert peak < MEMORY_BOUND_MB
    book = json.loads((tmp_path / "book.json").read_text())
    assert book["regions"]["eu-west-2"]["lambda"]["requests"]["usd"] == "0.2"


def test_too_many_distinct_prices_in_one_file_are_refused(tmp_path: Path, bundled: dict[str, object],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Kept prices are held one per distinct band, at most MAX_PRICES_PER_FILE (50,000) per file; a file giving
    more is refused (here with the limit lowered to 5: the Lambda sample for six made-up regions)."""
    monkeypatch.setattr(stream, "MAX_PRICES_PER_FILE", 5)
    meta, rows = read_csv_offer(LAMBDA)
    requests = next(r for r in rows if r["usageType"] == "EUW2-Request")
    many = [{**requests, "Region Code": f"xx-test-{n}", "SKU": f"SKU{n:013d}"} for n in range(6)]
    path = write_csv_offer(tmp_path / "many.csv", meta, many)
    with pytest.raises(PriceListError, match=r"line 12: more than 5 distinct prices ComputeFit uses in one file"):
        import_files([path], bundled, None)


def test_a_repeated_row_is_kept_once_a_contradicting_one_refused(tmp_path: Path, bundled: dict[str, object]) -> None:
    meta, rows = read_csv_offer(LAMBDA)
    requests = next(r for r in rows if r["usageType"] == "EUW2-Request")
    path = write_csv_offer(tmp_path / "repeat.csv", meta, rows + [requests] * 50)
    _layer, report = import_files([path], bundled, None)
    assert report.written == {"eu-west-2": 10}
    path = write_csv_offer(tmp_path / "contradict.csv", meta, [*rows, {**requests, "PricePerUnit": "0.3"}])
    with pytest.raises(PriceListError, match=r"line 22: a second price for lambda.requests.x86_64 in eu-west-2 "
                                             r"from 0 \(line \d+ has 0.0000002, this row 0.3\)"):
        import_files([path], bundled, None)


def _lambda_json(**change: str) -> dict[str, object]:
    data = csv_to_json_data(LAMBDA)
    dims = data["terms"]["OnDemand"]["NDYBVXT3KB548Z2A"]["NDYBVXT3KB548Z2A.JRTCKXETXF"]["priceDimensions"]
    next(iter(dims.values())).update(change)
    return data


HUGE = {
    "a price of 1e999999 (json)": ("x.json", lambda: json.dumps(_lambda_json(pricePerUnit={"USD": "1e999999"})),
                                   "pricePerUnit.USD: price '1e999999' is out of range"),
    "a range end of 1e999999 (json)": ("x.json", lambda: json.dumps(_lambda_json(endRange="1e999999")),
                                       "endRange: range bound '1e999999' is out of range"),
    "a price of 1e999999 (csv)": ("x.csv", lambda: LAMBDA.read_text().replace('"0.0000002000"', '"1e999999"', 1),
                                  "PricePerUnit: price '1e999999' is out of range"),
    "a range start of 1e999999 (csv)": ("x.csv", lambda: LAMBDA.read_text().replace(
        '"7500000000","18750000000"', '"1e999999","18750000000"'), "StartingRange: range bound '1e999999' is out of"),
    "a price of 10,000 digits (csv)": ("x.csv", lambda: LAMBDA.read_text().replace(
        '"0.0000002000"', '"0.' + "0" * 10_000 + '2"', 1),
        "PricePerUnit: price '0.000000000000000000000000000000...000000000000002' is out of range"),
}


@pytest.mark.parametrize("case", sorted(HUGE))
def test_absurd_prices_and_bounds_are_one_line_naming_the_row(case: str, tmp_path: Path, data_dir: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    name, text, expected = HUGE[case]
    bad = tmp_path / name
    bad.write_text(text())
    assert main(["prices", "import", str(bad)]) == 2  # was decimal.Overflow, a traceback
    err = capsys.readouterr().err
    _one_line_refusal(err, bad, expected)


def test_a_json_offer_with_a_byte_order_mark_is_read_like_a_csv_one(tmp_path: Path, data_dir: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    bom = tmp_path / "AWSLambda.json"
    bom.write_bytes(b"\xef\xbb\xbf" + json.dumps(csv_to_json_data(LAMBDA)).encode())
    assert main(["prices", "import", str(bom)]) == 0, capsys.readouterr().err
    assert "imported 10 price(s) for eu-west-2" in capsys.readouterr().out


def test_an_entry_over_1_mb_is_refused_before_it_is_built(tmp_path: Path, bundled: dict[str, object]) -> None:
    data = csv_to_json_data(LAMBDA)
    first = next(iter(data["products"].values()))
    first["attributes"].update({f"a{n}": "x" * 100 for n in range(40_000)})  # 4 MB
    path = tmp_path / "fat.json"
    path.write_text(json.dumps(data, indent=1))
    with pytest.raises(PriceListError, match=r"fat.json: line [\d,]+: one entry \(a value nested 3 deep, such as "
                                             r"a product\) is larger than 1,024 KB \(at byte [\d,]+\); not read "
                                             r"further"):
        import_files([path], bundled, None)


def test_a_fifo_is_refused_at_once_and_none_of_its_bytes_is_eaten(tmp_path: Path, data_dir: Path) -> None:
    fifo = tmp_path / "offer.csv"
    os.mkfifo(fifo)
    writer = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)  # a writer with data waiting: the old sniffing ate it
    try:
        os.write(writer, b'"FormatVersion","v1.0"\n')
        status, _, err = run_measured("prices", "import", str(fifo), data_dir=data_dir)  # hung forever before
        assert status == 2
        _one_line_refusal(err, fifo, "is a named pipe (FIFO), not a regular file: ComputeFit reads only regular")
        assert os.read(writer, 100) == b'"FormatVersion","v1.0"\n'
    finally:
        os.close(writer)


def test_a_fifo_in_a_folder_is_left_out_without_a_hang(tmp_path: Path, bundled: dict[str, object]) -> None:
    folder = tmp_path / "offers"
    folder.mkdir()
    (folder / "a.csv").write_bytes(LAMBDA.read_bytes())
    os.mkfifo(folder / "b.csv")
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.append(import_files([folder], bundled, None)))
    worker.start()
    worker.join(60)
    assert not worker.is_alive(), "the import hangs on the FIFO"
    _, report = result[0]  # type: ignore[misc]
    assert [h.path.name for h in report.headers] == ["a.csv"]


def test_a_field_over_64_kb_is_refused_naming_its_line(tmp_path: Path, bundled: dict[str, object]) -> None:
    meta, rows = read_csv_offer(LAMBDA)
    rows[3]["Location"] = "x" * (read_csv.MAX_FIELD_CHARS + 1)
    path = write_csv_offer(tmp_path / "wide.csv", meta, rows)
    with pytest.raises(PriceListError, match=r"wide.csv: line 10: a field longer than 64 KB"):
        import_files([path], bundled, None)
