"""The footprint where it is shown: `estimate --json`, the sheet's phrase, the workshop comparison, the window's
column; always beside the dollars, never in them."""

from __future__ import annotations

import datetime as dt

from desktop.model.advice.advise import advise
from desktop.model.advice.quote_json import advice_json
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.spec import Workload
from desktop.model.workshop.compare import compare
from desktop.model.workshop.compare_json import comparison_json
from desktop.report.sheet.html import sheet_html


def test_estimate_json_carries_each_options_footprint_and_its_coefficients(examples: dict[str, Workload],
                                                                           book: PriceBook) -> None:
    advice = advise(examples["http-api"], book)
    data = advice_json(advice, book)
    found = data["footprint"]
    # 2 tasks of 0.5 vCPU / 1 GB all month = 730 vCPU-h and 1,460 GB-h: CCF's 0.667 kg in us-east-1
    assert found["options"]["fargate"]["kg_co2e"] == 0.667
    assert found["options"]["lambda"]["kg_co2e"] == 0.912  # 3.6M GB-s at average watts
    assert found["options"]["ec2"]["embodied_kg"] == 8.387  # 2 x t3.medium, CCF's burstable embodied rule
    assert found["moving_region"]["lowest"] == {"region": "sa-east-1", "kg_co2e": 0.109}
    grid = next(c for c in found["coefficients"] if c["name"] == "Grid emission factor, us-east-1")
    assert (grid["value"], grid["grade"], grid["as_of"]) == (0.379069, "A", "2024-03-25")
    assert "b7a049c7" in grid["source"]
    assert any("approximate" in line for line in found["limits"])
    # never folded into the dollars
    assert data["options"]["fargate"]["monthly_usd"] == float(advice.quote.options["fargate"].monthly_usd or 0)


def test_an_instance_the_method_lacks_is_not_estimated(examples: dict[str, Workload], book: PriceBook) -> None:
    found = advice_json(advise(examples["gpu-inference"], book), book)["footprint"]
    ec2 = found["options"]["ec2"]
    assert ec2["kg_co2e"] is None and not ec2["complete"]
    assert "not in the method's instance table" in ec2["left_out"][0]


def test_the_sheet_shows_each_options_footprint_under_its_dollars(examples: dict[str, Workload],
                                                                  book: PriceBook) -> None:
    workload = examples["http-api"]
    text = sheet_html(advise(workload, book), workload, book, generated=dt.date(2026, 12, 6), version="t")
    assert "&middot; 0.667 kgCO2e a month" in text and "&middot; 9.55 kgCO2e a month" in text


def test_the_workshop_comparison_has_each_scenarios_footprint(examples: dict[str, Workload],
                                                              book: PriceBook) -> None:
    base = examples["http-api"]
    london = base.with_changes({"name": "London", "region": "eu-west-2"})
    data = comparison_json(compare([("", advise(base, book)), ("", advise(london, book))]))
    assert data["scenarios"][0]["kgco2e_month"]["fargate"] == 0.667
    assert data["scenarios"][1]["kgco2e_month"]["fargate"] == 0.396  # the same usage on a cleaner grid
