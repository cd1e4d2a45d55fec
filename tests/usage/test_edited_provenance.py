"""A field imported from usage that the user changes is "edited", not imported: in the document, the workshop
JSON and the sheet's register, with the imported value and its source kept; set back, it is the import's again.

From tests/usage/fixtures.py: `orders` has no memory in the billing export (1,024 MB, a default) and 7,300,000
requests a month (measured: 1,920,000 over 192 h scaled to 730 h)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from desktop.model.advice.advise import advise
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.spec import Workload
from desktop.model.workshop.files import save_workshop
from desktop.model.workshop.usage import FieldOrigin
from desktop.report.sheet.html import sheet_html
from desktop.usage.importer import import_usage
from desktop.workbench.workbench import Workbench
from tests.usage import fixtures as fx


def _open_fleet(tmp_path: Path, book: PriceBook) -> tuple[Workbench, Path]:
    workshop, _ = import_usage([fx.write_csv(tmp_path / "cur.csv", fx.cur_rows())], book)
    path = tmp_path / "fleet.workshop.json"
    save_workshop(path, workshop)
    bench = Workbench(book, Workload(name="x"))
    bench.open(path)
    bench.select([s.name for s in bench.state.scenarios].index("orders"))
    return bench, path


def _field(bench: Workbench, path: str) -> FieldOrigin:
    usage = bench.state.scenarios[bench.state.selected].usage
    found = usage.origin_of(path) if usage is not None else None
    assert found is not None
    return found


def test_the_import_records_each_value_it_set(tmp_path: Path, book: PriceBook) -> None:
    bench, _ = _open_fleet(tmp_path, book)
    memory, requests = _field(bench, "lambda.memory_mb"), _field(bench, "traffic.requests_per_month")
    assert (memory.origin, memory.imported, memory.imported_origin) == ("default", 1024, None)
    assert (requests.origin, requests.imported) == ("measured", 7_300_000)
    profile = _field(bench, "traffic.daily_profile")
    assert profile.imported == (1.0,) * 24  # orders runs the same every hour


def test_an_edit_marks_the_field_edited_and_undo_and_setting_it_back_restore_the_import(tmp_path: Path,
                                                                                       book: PriceBook) -> None:
    bench, _ = _open_fleet(tmp_path, book)
    assert bench.apply_changes({"lambda.memory_mb": 2048}, "Memory")[1] == []
    memory = _field(bench, "lambda.memory_mb")
    assert (memory.origin, memory.imported, memory.imported_origin) == ("edited", 1024, "default")
    assert memory.detail == "not in a billing export or metrics"  # where the imported value came from, kept
    assert _field(bench, "traffic.requests_per_month").origin == "measured"  # the others untouched
    bench.undo()
    assert _field(bench, "lambda.memory_mb").origin == "default"
    bench.apply_changes({"lambda.memory_mb": 2048}, "Memory")
    bench.apply_changes({"lambda.memory_mb": 1024}, "Memory")
    back = _field(bench, "lambda.memory_mb")
    assert (back.origin, back.imported, back.imported_origin) == ("default", 1024, None)


def test_the_saved_json_says_edited_with_the_imported_value(tmp_path: Path, book: PriceBook) -> None:
    bench, path = _open_fleet(tmp_path, book)
    bench.apply_changes({"traffic.requests_per_month": 9_000_000}, "Requests")
    bench.save(path)
    scenario = next(s for s in json.loads(path.read_text())["scenarios"] if s["workload"]["name"] == "orders")
    fields = {f["field"]: f for f in scenario["usage"]["fields"]}
    assert fields["traffic.requests_per_month"] == {
        "field": "traffic.requests_per_month", "origin": "edited",
        "detail": "billing: 1,920,000 requests over 192 h, scaled to 730 h", "imported": 7_300_000,
        "imported_origin": "measured"}
    assert "imported_origin" not in fields["lambda.memory_mb"] and fields["lambda.memory_mb"]["imported"] == 1024


def test_a_file_written_before_values_were_recorded_opens_and_never_claims_an_edit(tmp_path: Path,
                                                                                   book: PriceBook) -> None:
    bench, path = _open_fleet(tmp_path, book)
    data = json.loads(path.read_text())
    for scenario in data["scenarios"]:
        for f in scenario["usage"]["fields"]:
            del f["imported"]
    path.write_text(json.dumps(data), encoding="utf-8")
    bench.open(path)
    bench.select([s.name for s in bench.state.scenarios].index("orders"))
    bench.apply_changes({"lambda.memory_mb": 2048}, "Memory")
    assert _field(bench, "lambda.memory_mb").origin == "default"
    bench.save(path)
    saved = json.loads(path.read_text())["scenarios"]
    assert all("imported" not in f for s in saved for f in s["usage"]["fields"])


def test_the_sheet_s_register_says_where_each_value_came_from_and_what_was_edited(tmp_path: Path,
                                                                                 book: PriceBook) -> None:
    bench, _ = _open_fleet(tmp_path, book)
    bench.apply_changes({"lambda.memory_mb": 2048}, "Memory")
    scenario = bench.state.scenarios[bench.state.selected]
    html = sheet_html(advise(scenario.workload, book), scenario.workload, book, generated=dt.date(2026, 12, 6),
                      version="test", usage=scenario.usage)
    assert "2,048 (edited; imported 1,024)" in html
    assert "7,300,000 (measured)" in html and "us-east-1 (measured)" in html
    plain = sheet_html(advise(scenario.workload, book), scenario.workload, book, generated=dt.date(2026, 12, 6),
                       version="test")
    assert "(measured)" not in plain and "edited" not in plain


def test_the_fleet_review_counts_the_edited_fields(tmp_path: Path, book: PriceBook) -> None:
    from desktop.report.workshop.fleet_review_html import provenance_table
    from desktop.workbench.document import spec_from_state

    bench, _ = _open_fleet(tmp_path, book)
    bench.apply_changes({"lambda.memory_mb": 2048}, "Memory")
    html = provenance_table(spec_from_state(bench.state), ["orders"])
    assert '<th class="num">Edited</th>' in html
    # orders: 4 measured (region, architecture, requests, profile), 1 default left (duration), memory edited
    assert ('<tr><td>orders</td><td class="num">4</td><td class="num">0</td><td class="num">1</td>'
            '<td class="num">1</td><td class="small">traffic.duration_ms</td></tr>') in html
