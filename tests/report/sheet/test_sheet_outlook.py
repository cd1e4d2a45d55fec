"""The sheet beside its monthly dollars: the Monte Carlo's P10-P90 bars on the cost chart (and what they are, in
the chart's legend and the text), and the recommended option's footprint with what moving region changes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from desktop.model.advice.advise import advise
from desktop.model.advice.uncertainty import monte_carlo
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.spec import Workload
from desktop.present.style import option_colour
from desktop.report.sheet.charts import draw_cost_chart, sheet_bands
from desktop.report.sheet.html import sheet_html
from desktop.report.sheet.pdf_writer import sheet_pdf_bytes
from tests.report.conftest import pdf_text

RANGES = {"seed": 7, "samples": 4000,
          "fields": {"traffic.requests_per_month": {"low": 5e6, "likely": 20e6, "high": 60e6},
                     "traffic.duration_ms": {"low": 80, "high": 300}}}


def _with(workload: Workload, **changes: Any) -> Workload:
    data = workload.to_json_dict()
    data.update(changes)
    return Workload.model_validate(data)


def _chart(advice: Any, with_bands: bool) -> QImage:
    image = QImage(900, 450, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    draw_cost_chart(painter, QRectF(0, 0, 900, 450), advice.curves, advice.break_even,
                    sheet_bands(advice) if with_bands else None)
    painter.end()
    return image


def test_a_ranged_workloads_chart_has_each_options_bar_and_says_what_it_is(qt_app, examples: dict[str, Workload],  # type: ignore[no-untyped-def]
                                                                           book: PriceBook) -> None:
    workload = _with(examples["http-api"], ranges=RANGES)
    advice = advise(workload, book)
    bands = sheet_bands(advice)
    found = monte_carlo(workload, book, advice.quote)
    assert bands is not None and found is not None
    lam = found.options["lambda"]
    assert bands.options["lambda"] == (float(lam.p10 or 0), float(lam.p50 or 0), float(lam.p90 or 0))
    assert bands.words == "P10-P90 a month (tick: P50) of 4,000 samples, seed 7"
    plain, barred = _chart(advice, False), _chart(advice, True)
    orange = QColor(option_colour("lambda")).rgb()
    added = sum(1 for x in range(900) for y in range(450)
                if barred.pixel(x, y) == orange and plain.pixel(x, y) != orange)
    assert added > 40  # Lambda's P10-P90 bar (Lambda's own colour) where the chart without bands has none
    text = pdf_text(sheet_pdf_bytes(advice, workload, book)[0])
    assert "bars at this workload: P10-P90 a month (tick: P50) of 4,000 samples, seed 7" in text
    assert "How sure:" in text and "4,000 samples, seed 7" in text
    assert sheet_bands(advise(examples["http-api"], book)) is None  # no ranges, no bars


def test_the_sheet_says_what_moving_region_changes_in_the_footprint(examples: dict[str, Workload],
                                                                    book: PriceBook) -> None:
    html = sheet_html(advise(examples["http-api"], book), examples["http-api"], book, generated=dt.date(2026, 12, 6),
                      version="t")
    assert ("Footprint: Amazon ECS on AWS Fargate 0.667 kgCO2e a month (estimated by Cloud Carbon Footprint&#x27;s "
            "method, not in the dollars); in sa-east-1 Amazon ECS on AWS Fargate would emit 0.109 kgCO2e a month "
            "instead of 0.667 kgCO2e in us-east-1.") in html
    moved = _with(examples["http-api"], region="sa-east-1")
    html = sheet_html(advise(moved, book), moved, book, generated=dt.date(2026, 12, 6), version="t")
    assert "sa-east-1 has the method&#x27;s lowest grid factor" in html
