"""The workshop's handout in German: the summary page(s) of its PDF (the header, the comparison's column headers,
each total, the commitment, the "P10-P90 · wie sicher" cells and their explanation, the margins and changes, what
each total leaves out, the chart's title, axis and amounts, what differs from the baseline, the footer) are German
with German numbers and amounts in USD; the scenarios' names and notes and the title stay as the user typed them;
every word is inside its page. English stays as it was (the goldens and the other workshop tests guard it)."""

from __future__ import annotations

import datetime as dt
import html as markup
import io
import re
from collections.abc import Iterator

import pytest
from pypdf import PdfReader

from desktop import __version__
from desktop.model.options.registry import missing_prices
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.files import load_workload
from desktop.model.workload.spec import Workload
from desktop.model.workshop.compare import Comparison
from desktop.model.workshop.spec import ScenarioEntry, WorkshopSpec
from desktop.present import i18n
from desktop.report.workshop.export import workshop_advice
from desktop.report.workshop.html import workshop_summary_html
from desktop.report.workshop.pdf import workshop_pdf_bytes
from desktop.resources import examples_dir
from tests.german_check import untranslated
from tests.report.sheet.test_german_sheet import EXAMPLES, _loose, _runs, outside_its_page

TITLE = "Orders platform review"
RANGED = "Orders API, 3 years, committed"
NOTE = "Launch traffic anywhere from 10M to 90M requests"


def ranged_committed(workload: Workload) -> Workload:
    """The example API over 36 months with a ranged traffic and growth and a 3-year Compute Savings Plan."""
    data = workload.to_json_dict()
    assumptions = {**data.get("assumptions", {}),  # type: ignore[dict-item]
                   "commitment": {"plan": "compute_sp", "term": "3yr", "payment": "no_upfront"}}
    ranges = {"seed": 7, "samples": 2000,
              "fields": {"traffic.requests_per_month": {"low": 10e6, "likely": 30e6, "high": 90e6},
                         "horizon.growth.monthly_pct": {"low": 0, "likely": 3, "high": 8}}}
    return Workload.model_validate({**data, "name": RANGED, "assumptions": assumptions, "ranges": ranges,
                                    "horizon": {"months": 36, "growth": {"kind": "compound", "monthly_pct": 3}}})


def workshop(kind: str = "variants") -> WorkshopSpec:
    """Every bundled example, then the ranged, committed, 36-month API with a note."""
    examples = [load_workload(examples_dir() / f"{name}.workload.json") for name in EXAMPLES]
    entries = [ScenarioEntry(workload=w) for w in examples]
    entries.append(ScenarioEntry(workload=ranged_committed(examples[0]), note=NOTE))
    return WorkshopSpec(kind=kind, scenarios=tuple(entries))  # type: ignore[arg-type]


def _kept(comparison: Comparison, book: PriceBook) -> set[str]:
    """The user's and the files' own texts: the title, each scenario's name and note, the prices the book lacks."""
    return {TITLE, *(text for row in comparison.rows for text in (row.name, row.note) if text),
            *(name for row in comparison.rows for name in missing_prices(book, row.region or "us-east-1"))}


def _set_aside(text: str, kept: set[str], names: list[str]) -> str:
    """`text` without the kept texts (however a line breaks them) and the chart's names cut short ("Nightly l…")."""
    for each in sorted(kept, key=len, reverse=True):
        text = _loose(each).sub(" ", text)
    return "\n".join(" " if line.endswith("\u2026") and any(n.startswith(line.strip()[:-1]) for n in names)
                     else line for line in text.splitlines())


@pytest.fixture(scope="module")
def summary_pdf(qt_app, book: PriceBook) -> Iterator[tuple[bytes, Comparison]]:  # type: ignore[no-untyped-def]
    assert i18n.set_language("de") == "de"
    try:
        advices, comparison = workshop_advice(workshop(), book)
        data, _pages = workshop_pdf_bytes(advices, comparison, TITLE, book, generated=dt.date(2026, 12, 6),
                                          sheets=False)
        yield data, comparison
    finally:
        i18n.set_language("en")


def test_the_german_workshop_summary_has_no_english(summary_pdf: tuple[bytes, Comparison], book: PriceBook) -> None:
    data, comparison = summary_pdf
    ranged = comparison.rows[-1]
    assert ranged.ranged and ranged.commitment_terms and ranged.horizon_months == 36  # what the page must say
    pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
    text = re.sub(r"[^\S\n]+", " ", "\n".join(pages))  # pypdf writes some word gaps as tabs
    left_text = _set_aside(text, _kept(comparison, book), [row.name for row in comparison.rows])
    left = untranslated([" ".join(left_text.split())])  # one line: a product's name may break across two
    assert not left, "\n".join(f"{sorted(words)} | {line}" for line, words in left)
    flat = " ".join(text.split())
    for german in ("ComputeFit-Workshopvergleich", "Monatliche Kosten jedes Szenarios", "Zusage", "wie sicher",
                   "Vorsprung vor dem Zweiten", "Änderung gegenüber der Basis", "Was sich von der Basis",
                   "Summen, die einen Preis auslassen", "Compute SP 3J ohne Vorauszahlung, 100%:",
                   "Empfohlene Monatssumme jedes Szenarios", f"ComputeFit {__version__} Workshop: {TITLE}",
                   f"Seite 1 von {len(pages)}"):
        assert _loose(german).search(flat), german  # wherever a narrow column breaks it
    assert NOTE in flat and RANGED in flat  # the user's texts as typed (no "3 Jahre")
    assert re.search(r"\$\d+,\d\d-\$\d+,\d\d", flat)  # the P10-P90 band: "$45,58-$49,58"
    assert re.search(r"\$1\.156,97", flat) and not re.search(r"\$\d+\.\d\d\b", flat)  # never "$62.44"


def test_every_german_word_of_the_summary_is_inside_its_page(summary_pdf: tuple[bytes, Comparison]) -> None:
    data, _comparison = summary_pdf
    for page in PdfReader(io.BytesIO(data)).pages:
        runs = _runs(page)
        assert len(runs) > 20  # the second page is the end of "what differs" only
        assert outside_its_page(page, runs) == []  # the chart's words among them (drawn on its own page only)


@pytest.mark.parametrize("kind", ["variants", "parts"])
def test_the_german_summary_html_has_no_english(german: None, book: PriceBook, kind: str) -> None:
    """The HTML the PDF is laid out from, text by text: the portfolio sentence of the parts of one system too."""
    _advices, comparison = workshop_advice(workshop(kind), book)
    html = workshop_summary_html(comparison, TITLE, book, generated=dt.date(2026, 12, 6), version="1.0")
    texts = [t for t in re.split(r"<style.*?</style>|<[^>]*>", html, flags=re.DOTALL) if t.strip()]
    left = untranslated([markup.unescape(t) for t in texts], _kept(comparison, book))
    assert not left, "\n".join(f"{sorted(words)} | {line}" for line, words in left)
    if kind == "parts":
        assert "Portfoliosumme: mindestens $1.4" in markup.unescape(html)
        assert "bei Image upload event processor." in markup.unescape(html)  # the part's name as typed
