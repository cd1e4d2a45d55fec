"""The comparison (or a workshop's) as an XLSX workbook, written with zipfile alone (no spreadsheet library).

Numbers are numbers (money to the cent, quantities and unit prices as the quote has them), units are in the
headers, and a total that leaves out a price says so in its own column ("no: leaves out ..."), as the CSV does; a
ruled-out option has no total (an empty cell, never 0). Text is stored as text (inline strings): a cell starting
with "=" stays text, never a formula. Pure Python, no Qt.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from xml.sax.saxutils import escape

from desktop.model.advice.advise import Advice
from desktop.model.pricing.book import PriceBook
from desktop.model.pricing.money import cents
from desktop.model.pricing.quote import OptionQuote
from desktop.model.workshop.compare import Comparison

Cell = str | int | float | Decimal | None
MAX_CELL_CHARS = 32_767  # Excel's limit for one cell
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
BOLD, MONEY, PLAIN = 1, 2, 0  # the style indexes styles.xml defines


@dataclass(frozen=True)
class Sheet:
    name: str
    header: tuple[str, ...]
    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    money_columns: frozenset[int] = frozenset()  # shown with two decimals
    widths: tuple[int, ...] = ()


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _cell(ref: str, value: Cell, style: int) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        value = "yes" if value else "no"
    if isinstance(value, int | float | Decimal):
        return f'<c r="{ref}" s="{style}"><v>{value}</v></c>'
    text = _NOT_XML.sub("", str(value))[:MAX_CELL_CHARS]
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}" t="inlineStr" s="{style}"><is><t{space}>{escape(text)}</t></is></c>'


def _sheet_xml(sheet: Sheet) -> str:
    rows = []
    for r, values in enumerate([sheet.header, *sheet.rows], start=1):
        cells = "".join(_cell(f"{_column(c)}{r}", v, BOLD if r == 1 else MONEY if c in sheet.money_columns
                              else PLAIN) for c, v in enumerate(values))
        rows.append(f'<row r="{r}">{cells}</row>')
    widths = sheet.widths or tuple(min(60, max(10, len(h) + 2)) for h in sheet.header)
    cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths, 1))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
            f'state="frozen"/></sheetView></sheetViews><cols>{cols}</cols><sheetData>{"".join(rows)}</sheetData>'
            '</worksheet>')


_STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
           '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
           '<fills count="2"><fill><patternFill patternType="none"/></fill>'
           '<fill><patternFill patternType="gray125"/></fill></fills>'
           '<borders count="1"><border/></borders>'
           '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
           '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
           '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
           '<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
           '</styleSheet>')


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The workbook: one worksheet per Sheet, in order (names made unique and at most 31 characters)."""
    names: list[str] = []
    for sheet in sheets:
        base = re.sub(r"[\[\]:*?/\\]", " ", sheet.name)[:28] or "Sheet"
        name, n = base, 2
        while name.lower() in (x.lower() for x in names):
            name, n = f"{base} {n}", n + 1
        names.append(name)
    content_types = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                            f'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                            for i in range(1, len(sheets) + 1))
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    files = {
        "[Content_Types].xml": head + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/'
        f'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{content_types}</Types>',
        "_rels/.rels": head + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": head + '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
        + "".join(f'<sheet name="{escape(n, {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"/>'
                  for i, n in enumerate(names, 1)) + "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": head + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships">' + "".join(
            f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            f'worksheet" Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(sheets) + 1))
        + f'<Relationship Id="rId{len(sheets) + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/styles" Target="styles.xml"/></Relationships>',
        "xl/styles.xml": _STYLES,
    }
    files.update({f"xl/worksheets/sheet{i}.xml": _sheet_xml(s) for i, s in enumerate(sheets, 1)})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), text)
    return out.getvalue()


def _money(value: Decimal | None) -> Decimal | None:
    return None if value is None else cents(value)


def _completeness(option: OptionQuote) -> str:
    if not option.priced:
        return ""
    if option.complete:
        return "yes"
    return "no: leaves out " + ", ".join(m.what or m.text for m in option.missing)


def _status(advice: Advice, option_id: str) -> str:
    option = advice.quote.options[option_id]
    if not option.feasible:
        return "ruled out: " + "; ".join(r.text for r in option.reasons)
    return "recommended" if option_id == advice.recommendation.option else "feasible"


def comparison_sheets(advice: Advice, book: PriceBook) -> list[Sheet]:
    """'Comparison' (one row per option) and 'Line items' (what each total is made of, and what it leaves out)."""
    quote = advice.quote
    jobs = quote.unit_name == "run"
    per_unit_header = "Per run (USD)" if jobs else "Per million requests (USD)"
    rows: list[tuple[Cell, ...]] = []
    for option_id, option in quote.options.items():
        monthly = _money(option.monthly_usd)
        per_unit: Cell = None
        if monthly is not None and quote.units_per_month > 0:
            scale = Decimal(1) if jobs else Decimal(1_000_000)
            per_unit = round(monthly * scale / quote.units_per_month, 6)
        rows.append((option.label, monthly, per_unit, _completeness(option), "yes" if option.estimated else "no",
                     _status(advice, option_id)))
    summary = Sheet("Comparison", ("Option", "Monthly total (USD)", per_unit_header, "Complete",
                                   "Estimated prices", "Status"), rows, frozenset({1}), (34, 20, 26, 48, 16, 60))
    items: list[tuple[Cell, ...]] = []
    for option in quote.options.values():
        for item in option.line_items:
            items.append((option.label, item.label, item.quantity, item.unit, item.unit_price_usd,
                          _money(item.usd), "yes" if item.estimated else "no", item.note))
        for missing in option.missing:
            quantity, unit = missing.usage[0] if len(missing.usage) == 1 else (None, "")
            items.append((option.label, f"left out: {missing.what or missing.text}", quantity, unit, None, None,
                          "", missing.text))
    lines = Sheet("Line items", ("Option", "Item", "Quantity", "Unit", "Unit price (USD)", "Amount (USD)",
                                 "Estimated", "Note"), items, frozenset({5}), (34, 40, 16, 18, 16, 14, 10, 60))
    about = Sheet("About", ("Field", "Value"), [
        ("Workload", quote.workload_name), ("Region", f"{quote.region} ({quote.region_name})"),
        (f"{quote.unit_name.title()}s a month", quote.units_per_month),
        ("Price book", book.effective_date.isoformat()), ("Prices", quote.price_confidence),
        ("Currency", "US dollars (USD), as AWS bills"),
        ("Recommendation", advice.recommendation.headline or "")], widths=(22, 100))
    return [summary, lines, about]


def workshop_sheets(advices: Sequence[Advice], comparison: Comparison, book: PriceBook) -> list[Sheet]:
    """'Scenarios' (each scenario's total per option, the recommendation and the change against the baseline),
    then each scenario's 'Comparison' sheet."""
    options = list(comparison.options)
    header = ("Scenario", "Baseline", *(f"{o} (USD)" for o in options), "Recommended", "Recommended (USD)",
              "Change against the baseline (USD)", "Change (%)", "Incomplete totals", "What differs",
              "The change is")  # exact, lower bound, upper bound, unknown (no figure), not compared (parts)
    rows: list[tuple[Cell, ...]] = []
    for row, advice in zip(comparison.rows, advices, strict=True):
        quote = advice.quote
        incomplete = [o for o in options if o in quote.options and quote.options[o].priced
                      and not quote.options[o].complete]
        rows.append((row.name, "yes" if row.is_baseline else "no",
                     *(_money(row.totals.get(o)) for o in options), row.recommended or "",
                     _money(row.recommended_usd), _money(row.change_usd),
                     None if row.change_pct is None else round(row.change_pct, 2),
                     ", ".join(incomplete), row.differences_text, row.change_kind))
    if comparison.portfolio_usd is not None:
        short = [*comparison.unpriced, *(r.name for r in comparison.incomplete_parts)]
        rows.append(("Portfolio total", "", *([None] * len(options)), "", _money(comparison.portfolio_usd), None,
                     None, "; ".join(short), "" if comparison.portfolio_complete else
                     "a lower bound: these parts leave out a price or have no feasible option", ""))
    money = frozenset(range(2, 2 + len(options))) | {len(options) + 3, len(options) + 4}
    sheets = [Sheet("Scenarios", header, rows, money)]
    for i, advice in enumerate(advices, 1):
        table = comparison_sheets(advice, book)[0]
        sheets.append(Sheet(f"{i} {advice.workload.name}", table.header, table.rows, table.money_columns,
                            table.widths))
    return sheets
