"""A new compute option is one module and one registry line: a toy option registered at run time is priced, ruled
on, charted, drawn in the window and printed on the sheet and in every export, with nothing else changed."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
import pytest

from desktop.model.advice.advise import advise
from desktop.model.advice.engine import compute_quote
from desktop.model.advice.fast import fast_costs
from desktop.model.advice.quote_json import advice_json
from desktop.model.options import registry
from desktop.model.options.base import ComputeOption, HardRule, Signal, Sizing, SoftRule, Traits
from desktop.model.options.common.calc import Calc
from desktop.model.pricing.book import Price, PriceBook
from desktop.model.pricing.context import PricingContext
from desktop.model.pricing.quote import Quote
from desktop.model.workload.spec import Workload
from desktop.present.style import option_colour
from desktop.report.sheet.csv_export import comparison_csv
from desktop.report.sheet.html import sheet_html
from desktop.report.sheet.text import advice_text
from tests.conftest import make_workload

TOY_PRICE = Price(usd=Decimal("0.000002"), unit="request", source="S1", as_of=dt.date(2026, 11, 1), confidence="C",
                  note="a made-up price for a test option")


@dataclass(frozen=True, slots=True)
class ToyCapacity:
    servers: int
    hourly_name = "Toy servers"
    hourly_whole = True

    @property
    def hourly(self) -> tuple[float, ...]:
        return (float(self.servers),) * 24

    def summary(self) -> str:
        return f"{self.servers} toy server(s)"

    def details(self) -> list[str]:
        return [f"{self.servers} toy server(s) all day"]

    def to_json(self) -> dict[str, Any]:
        return {"servers": self.servers}

    def assumption(self) -> tuple[str, str] | None:
        return None


class ToyOption(ComputeOption):
    def price(self, ctx: PricingContext, calc: Calc) -> Sizing | None:
        calc.line("Toy requests", calc.units, "request", TOY_PRICE, group="requests")
        return Sizing(ToyCapacity(3)) if calc.exact else Sizing()


def _no_gpus(w: Workload) -> str | None:
    return f"Toy: the work needs {w.requirements.gpus} GPU(s); toys have none" if w.requirements.gpus else None


def _toy_signal(w: Workload, q: Quote) -> Signal | None:
    return Signal("Toys are fun to run", "info", favours=("toy",))


TOY = ToyOption(id="toy", label="Toy Compute Service", short_label="Toy", front_door="alb",
                alb_gb_per_lcu=1.0, traits=Traits(kind="container", operations=2, control=2),
                hard_rules=(HardRule("toy.gpu", "the toy's manual", _no_gpus),),
                soft_rules=(SoftRule(95, "toy.fun", "name", "operations", "the toy's manual", _toy_signal),))


@pytest.fixture
def toy() -> Iterator[ComputeOption]:
    registry.register(TOY)
    try:
        yield TOY
    finally:
        registry.unregister("toy")


def test_a_registered_option_is_priced_exactly_and_fast(toy: ComputeOption, book: PriceBook) -> None:
    w = make_workload(traffic={"requests_per_month": 5_000_000}, front_door="none")
    option = compute_quote(w, book).options["toy"]
    assert option.monthly_usd == Decimal("10.00")  # 5M requests x $0.000002
    assert option.label == "Toy Compute Service" and option.capacity is not None
    fast = fast_costs(w, book, np.array([1e6, 5e6]))["toy"]
    assert fast is not None and fast.tolist() == [2.0, 10.0]


def test_its_rules_findings_and_break_evens_take_part(toy: ComputeOption, book: PriceBook) -> None:
    gpu = make_workload(requirements={"gpus": 1}, container={"vcpu": 4, "memory_gb": 14})
    assert compute_quote(gpu, book).options["toy"].reasons[0].text.startswith("Toy: the work needs 1 GPU(s)")
    advice = advise(make_workload(), book)
    assert any(f.finding_id == "toy.fun" and f.favours == ("toy",) for f in advice.findings)
    assert {("lambda", "toy"), ("fargate", "toy"), ("ec2", "toy")} <= {(b.first, b.second) for b in advice.break_even}
    assert "toy" in advice.curves.costs


def test_it_is_on_the_sheet_in_the_exports_and_in_the_text(toy: ComputeOption, book: PriceBook) -> None:
    w = make_workload()
    advice = advise(w, book)
    html = sheet_html(advice, w, book, generated=dt.date(2026, 12, 1), version="test")
    assert "Toy Compute Service" in html and "3 toy server(s) all day" in html
    assert option_colour("toy") in html  # a spare style: drawn, never dropped
    assert json.loads(json.dumps(advice_json(advice, book)))["options"]["toy"]["capacity"] == {"servers": 3}
    assert ",toy,Toy Compute Service," in comparison_csv(advice, book)
    assert "Toy Compute Service" in advice_text(advice, book)


def test_the_sheet_charts_draw_it(toy: ComputeOption, book: PriceBook, qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    from desktop.report.sheet.charts import draw_breakdown_chart, draw_cost_chart

    advice = advise(make_workload(), book)
    image = QImage(600, 300, QImage.Format.Format_ARGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    draw_cost_chart(painter, QRectF(0, 0, 600, 300), advice.curves, advice.break_even)
    draw_breakdown_chart(painter, QRectF(0, 0, 600, 300), advice.quote)
    painter.end()
