"""`computefit export -o X.xlsx` (and File > Export XLSX): a workbook with numbers as numbers, units in the headers
and incomplete totals marked; the workshop's as a Scenarios sheet and one sheet per scenario. Checked by reading
the package's XML as a spreadsheet application does."""

from __future__ import annotations

import json
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import pytest

from desktop.cli import main
from desktop.report.sheet.xlsx_export import Sheet, xlsx_bytes
from desktop.resources import examples_dir

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
IRELAND = examples_dir() / "alb-api-ireland.workload.json"
# The book before eu-west-1's ALB and data transfer prices were found (the goldens' frozen book): Ireland's totals
# leave them out, which is what these tests need to show
FROZEN = str(Path(__file__).resolve().parents[2] / "goldens" / "price-book.json")


def read_workbook(path: Path) -> dict[str, list[list[object]]]:
    """Each sheet's rows, numbers as Decimal and text as str (None for an empty cell)."""
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None
        for name in zf.namelist():
            ElementTree.fromstring(zf.read(name))  # every part is well-formed XML
        workbook = ElementTree.fromstring(zf.read("xl/workbook.xml"))
        sheets = {}
        for i, sheet in enumerate(workbook.findall("m:sheets/m:sheet", NS), 1):
            root = ElementTree.fromstring(zf.read(f"xl/worksheets/sheet{i}.xml"))
            rows = []
            for row in root.findall("m:sheetData/m:row", NS):
                cells: list[object] = []
                for cell in row.findall("m:c", NS):
                    column = "".join(ch for ch in cell.get("r", "") if ch.isalpha())
                    index = sum((ord(ch) - 64) * 26 ** k for k, ch in enumerate(reversed(column))) - 1
                    cells += [None] * (index - len(cells))
                    if cell.get("t") == "inlineStr":
                        cells.append(cell.findtext("m:is/m:t", default="", namespaces=NS))
                    else:
                        cells.append(Decimal(cell.findtext("m:v", default="", namespaces=NS)))
                rows.append(cells)
            sheets[sheet.get("name", "")] = rows
    return sheets


def test_the_comparison_workbook_has_numbers_units_and_incomplete_totals(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["estimate", str(IRELAND), "--json", "--price-book", FROZEN]) == 0
    quote = json.loads(capsys.readouterr().out)
    target = tmp_path / "ireland.xlsx"
    assert main(["export", str(IRELAND), "-o", str(target), "--price-book", FROZEN]) == 0
    book = read_workbook(target)
    assert list(book) == ["Comparison", "Line items", "About"]
    header, *rows = book["Comparison"]
    assert header[:3] == ["Option", "Monthly total (USD)", "Per million requests (USD)"]
    by_label = {row[0]: row for row in rows}
    labels = {"lambda": "AWS Lambda", "fargate": "Amazon ECS on AWS Fargate", "ec2": "Amazon ECS on Amazon EC2"}
    for option_id, option in quote["options"].items():
        row = by_label[labels[option_id]]
        assert row[1] == Decimal(str(option["monthly_usd"])) and isinstance(row[1], Decimal)  # as estimate gives
    fargate = by_label["Amazon ECS on AWS Fargate"]
    assert fargate[3].startswith("no: leaves out Application Load Balancer")  # the incomplete total, marked
    assert fargate[5] == "recommended" and fargate[4] == "yes"
    items_header, *items = book["Line items"]
    assert items_header[2:6] == ["Quantity", "Unit", "Unit price (USD)", "Amount (USD)"]
    priced = [r for r in items if len(r) > 5 and isinstance(r[5], Decimal)]
    assert priced and all(isinstance(r[2], Decimal) and isinstance(r[4], Decimal) for r in priced)
    assert any(str(r[1]).startswith("left out: ") for r in items)
    about = dict((r[0], r[1]) for r in book["About"][1:])
    assert about["Currency"].startswith("US dollars")


def test_a_workshop_workbook_has_a_scenarios_sheet_and_one_per_scenario(tmp_path: Path) -> None:
    workshop = tmp_path / "two.workshop.json"
    assert main(["workshop", "new", str(workshop), str(IRELAND), str(examples_dir() / "http-api.workload.json"),
                 "--price-book", FROZEN]) == 0
    target = tmp_path / "two.xlsx"
    assert main(["export", str(workshop), "-o", str(target), "--price-book", FROZEN]) == 0
    book = read_workbook(target)
    names = list(book)
    assert names[0] == "Scenarios" and len(names) == 3
    header, *rows = book["Scenarios"]
    assert header[2].endswith("(USD)") and "Incomplete totals" in header
    ireland = rows[0]
    assert "fargate" in ireland[header.index("Incomplete totals")]
    assert isinstance(ireland[header.index("Recommended (USD)")], Decimal)
    # against a baseline that leaves out prices (the ALB in eu-west-1), a whole total's change is an upper bound
    assert [r[header.index("The change is")] for r in rows] == ["exact", "upper bound"]
    assert rows[1][header.index("Change (%)")] is None


def test_text_stays_text_and_control_characters_are_dropped() -> None:
    data = xlsx_bytes([Sheet("A:b/c", ("Name", "USD"), [("=HYPERLINK(\"x\")\x01", Decimal("1.50")), (None, 2)])])
    path_parts = zipfile.ZipFile(__import__("io").BytesIO(data))
    sheet = path_parts.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and 't="inlineStr"' in sheet and "\x01" not in sheet
    assert "=HYPERLINK(&quot;x&quot;)" in sheet or '=HYPERLINK("x")' in sheet
    assert 'name="A b c"' in path_parts.read("xl/workbook.xml").decode()


@pytest.mark.parametrize("name", ["out.xlsx", "OUT.XLSX"])
def test_the_format_comes_from_the_name(tmp_path: Path, name: str) -> None:
    assert main(["export", str(examples_dir() / "http-api.workload.json"), "-o", str(tmp_path / name)]) == 0
    assert (tmp_path / name).read_bytes()[:2] == b"PK"
