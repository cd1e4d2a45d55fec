"""The German window and sheet with a workload the bundled examples do not have: ranges (a Monte Carlo and a
ranged growth), a horizon of years with growth, one-off costs and people, and a commitment. The outlook lines
(horizon, growth P10-P90, "how sure"), the Over the years chart and the sheet's band legend are German."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPointF, QSettings

from desktop.model.advice.advise import advise
from desktop.model.options.registry import missing_prices
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.files import load_workload
from desktop.present import i18n
from desktop.present.i18n import shown
from desktop.present.outlook import outlook_lines, uncertainty_line
from desktop.present.workshop import commitment_text
from desktop.qt.charts.horizon import HorizonChart
from desktop.report.sheet.pdf_writer import sheet_pdf_bytes
from desktop.report.sheet.price_register import price_register
from desktop.resources import resource
from tests.german_check import untranslated
from tests.qt.test_german_window import _shown, open_at_720
from tests.qt.visible_texts import settle

ONE_OFF = "migration to containers"


@pytest.fixture
def ranged(tmp_path: Path) -> Path:
    data = json.loads(Path(resource("examples", "http-api.workload.json")).read_text(encoding="utf-8"))
    data["horizon"] = {"months": 36, "growth": {"kind": "compound", "monthly_pct": 4},
                       "one_off": [{"label": ONE_OFF, "usd": 6000, "month": 1, "option": "fargate"}],
                       "people": {"enabled": True, "rate_usd_per_hour": 90}}
    data["ranges"] = {"seed": 7, "samples": 1000, "fields": {
        "traffic.requests_per_month": {"low": 5000000, "likely": 20000000, "high": 40000000},
        "horizon.growth.monthly_pct": {"low": 1, "high": 6}}}
    data.setdefault("assumptions", {})["commitment"] = {"plan": "ec2_instance_sp", "term": "1yr",
                                                       "payment": "no_upfront", "covered_pct": 80}
    path = tmp_path / "ranged.workload.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path



def test_the_outlook_lines_in_german(german: None, book: PriceBook, ranged: Path) -> None:
    advice = advise(load_workload(ranged), book)
    lines = [i18n.shown(line) for line in [*outlook_lines(advice), uncertainty_line(advice, wait=False)]]
    assert len(lines) == 5
    assert untranslated(lines) == []
    assert lines[0].startswith("Über 36 Monate: ") and "am günstigsten" in lines[0]
    assert lines[1].startswith("Wachstum als Spanne (monatliches Wachstum 1-6%): über 36 Monate P10-P90 ")
    assert lines[1].endswith("Ziehungen, Seed 7)")
    assert lines[2].startswith("Wie sicher: ") and lines[2].endswith("1.000 Stichproben, Seed 7)")
    assert "der Fälle am günstigsten" in lines[2] and "P10-P90 im Monat: " in lines[2]
    assert i18n.shown("How sure: computing the ranges (1,000 samples)...") == \
        "Wie sicher: die Spannen werden berechnet (1.000 Stichproben)..."


def test_the_german_window_with_ranges_a_horizon_and_a_commitment(german: None, qtbot, book: PriceBook,  # type: ignore[no-untyped-def]
                                                                  settings: QSettings, ranged: Path) -> None:
    win = open_at_720(qtbot, book, settings, ranged)
    qtbot.waitUntil(lambda: "Wie sicher: " in win.recommendation.details.text()
                    and "berechnet" not in win.recommendation.details.text(), timeout=60_000)
    for index in range(win.charts.count()):
        win.charts.setCurrentIndex(index)
        settle()
    texts = [text for _kind, text, _widget in _shown(win)]
    horizon = next(c for c in win.charts.charts if isinstance(c, HorizonChart))
    hover = shown(horizon.hover(QPointF(1, 0)))  # month 1, the one-off cost paid
    assert hover.startswith("Monat 1 (Volumen ") and "bisher" in hover
    texts.append(hover)
    verbatim = {win.session.workload.name, ONE_OFF, *missing_prices(book, win.session.workload.region)}
    left = untranslated(texts, verbatim)
    assert not left, "\n".join(f"{sorted(words)} | {line}" for line, words in left)
    row = win.session.comparison.rows[0]  # the workshop's Commitment cells: the recommended option's, EC2's
    cells = [shown(commitment_text(row)), shown(commitment_text(row, "ec2"))]
    assert cells[0].startswith("On-Demand (EC2 Instance SP 1J ohne Vorauszahlung deckt es nicht ab)")
    assert cells[1].startswith("EC2 Instance SP 1J ohne Vorauszahlung, 80%: $") and cells[1].endswith(" im Monat")
    assert untranslated(cells) == []
    details = win.recommendation.details.text()
    assert "Über 36 Monate" in details and "Wachstum als Spanne" in details and "Stichproben, Seed 7" in details


def test_the_german_sheet_with_ranges_a_horizon_and_a_commitment(qapp, german: None, book: PriceBook,  # type: ignore[no-untyped-def]
                                                                 ranged: Path) -> None:
    workload = load_workload(ranged)
    advice = advise(workload, book)
    data, _pages = sheet_pdf_bytes(advice, workload, book)
    register = price_register(advice.quote, book)
    verbatim = {workload.name, book.title, ONE_OFF, *missing_prices(book, workload.region),
                *(f"{use.source_id}: {use.source_title}" for use in register.prices)}
    text = re.sub(r"[^\S\n]+", " ", "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages))
    for kept in sorted(verbatim, key=len, reverse=True):
        text = re.compile(r"\s*".join(re.escape(c) for c in kept if not c.isspace())).sub(" ", text)
    left = untranslated([" ".join(text.split())])  # one line: a product's name may break across two
    assert not left, "\n".join(f"{sorted(words)} | {line}" for line, words in left)
    assert "Stichproben" in text and "P10-P90 im Monat (Strich: P50) aus 1.000 Stichproben, Seed 7" in text
