"""The sheet with all five options: readable columns, incomplete totals said as such on paper, break-even points
of coinciding curves drawn once, and a chart beside a page break that never paints past the page."""

from __future__ import annotations

import datetime as dt

from desktop.model.advice.advise import advise
from desktop.model.advice.breakeven import meeting_points
from desktop.model.pricing.book import PriceBook, load_price_book
from desktop.model.workload.spec import Workload
from desktop.report.sheet.html import sheet_html
from desktop.report.sheet.pdf_writer import sheet_pdf_bytes
from tests.conftest import REPO, make_workload
from tests.report.conftest import pdf_text, squeeze

FIVE = ["lambda", "fargate", "ec2", "lambda_managed", "ecs_managed"]
FROZEN = REPO / "tests" / "goldens" / "price-book.json"


def _five(book: PriceBook) -> Workload:
    return make_workload(name="Five ways", options=FIVE, traffic={"requests_per_month": 30_000_000})


def test_five_options_print_as_two_tables_of_readable_columns(book: PriceBook) -> None:
    w = _five(book)
    html = sheet_html(advise(w, book), w, book, generated=dt.date(2026, 12, 1), version="test")
    tables = html.split('<table width="100%" cellspacing="0" cellpadding="4">')[1:]
    assert len(tables) == 2
    assert tables[0].count('<th width="33%"') == 3 and tables[1].count('<th width="33%"') == 2
    assert tables[1].count('<td width="33%"></td>') == 1  # the last table keeps the first one's column widths
    assert "AWS Lambda Managed Instances" in tables[1] and "Amazon ECS Managed Instances" in tables[1]
    # us-east-1 has the Lambda MI request price and the ECS MI fee rule (aws-prices-t3.md): every total complete
    assert "Feasible; total incomplete" not in html
    assert "ECS Managed Instances management fee" in tables[1]
    assert "Options compared" in html and "Lambda, Fargate, ECS on EC2, Lambda MI, ECS MI" in html


def test_the_managed_instances_settings_show_only_while_compared(book: PriceBook) -> None:
    three = make_workload(name="Three ways")
    html = sheet_html(advise(three, book), three, book, generated=dt.date(2026, 12, 1), version="test")
    assert "Lambda Managed Instances" not in html and "Options compared" not in html
    w = _five(book)
    html = sheet_html(advise(w, book), w, book, generated=dt.date(2026, 12, 1), version="test")
    assert "Function runtime (Lambda MI)" in html and "ECS MI instance type" in html
    assert "Lambda Managed Instances instance type" in html  # the type the sizing chose, as an assumption


def test_the_pdf_names_every_option_and_what_its_total_leaves_out(qt_app) -> None:  # type: ignore[no-untyped-def]
    book = load_price_book(FROZEN)  # the book before the LMI request price and the ECS MI fee rule were found
    w = _five(book)
    data, pages = sheet_pdf_bytes(advise(w, book), w, book)
    text = squeeze(pdf_text(data))
    assert pages <= 3
    for words in ("AWS Lambda Managed Instances", "Amazon ECS Managed Instances", "Feasible; total incomplete",
                  "ECS MI management fee rate (general types)",
                  "Lambda = ECS on EC2 = ECS MI"):
        assert squeeze(words) in text, words


def test_options_whose_curves_coincide_meet_a_third_at_one_point() -> None:
    book = load_price_book(FROZEN)  # the book before the ECS MI fee rule was found
    advice = advise(_five(book), book)
    points = meeting_points(advice.break_even, list(advice.quote.options))
    # ECS MI is ECS on EC2's fleet with the fee left out: Lambda crosses both at one volume
    assert ["lambda", "ec2", "ecs_managed"] in points.values()
    assert len(points) < len([b for b in advice.break_even if b.volume])


def test_a_chart_beside_a_page_break_stays_inside_the_page(qt_app, book: PriceBook) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from desktop.report.sheet.charts import draw_cost_chart

    advice = advise(_five(book), book)
    image = QImage(600, 600, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setClipRect(QRectF(0, 0, 600, 300))  # the page ends at y = 300; the chart starts just above it
    draw_cost_chart(painter, QRectF(0, 280, 600, 300), advice.curves, advice.break_even)
    painter.end()
    white = QColor("white").rgb()
    assert all(image.pixel(x, y) == white for y in range(301, 600, 3) for x in range(0, 600, 3))


def test_the_derived_lambda_mi_fee_is_listed_with_the_rate_s_source(book: PriceBook) -> None:
    from desktop.report.sheet.price_register import price_register

    w = make_workload(region="eu-west-2", options=["lambda_managed"])
    register = price_register(advise(w, book).quote, book)
    fee = next(u for u in register.prices if u.name == "Management fee (15% of EC2)")
    assert (str(fee.usd), fee.unit, fee.source_id, fee.as_of.isoformat(), fee.confidence) == \
        ("0.01515", "hour", "AE-L", "2026-09-20", "B")  # 15% of c5.large's $0.101 (B), the rate's source and date
    assert register.unmatched == ()
