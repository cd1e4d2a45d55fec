"""The user's shared lines (workload `shared_lines`): a database every option carries, a cache only one needs,
priced from the user's quantity and unit price, marked "yours", in every total like for like and in the exports."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from pydantic import ValidationError

from desktop.model.advice.advise import advise
from desktop.model.advice.engine import compute_quote
from desktop.model.advice.fast import fast_costs
from desktop.model.options.registry import check_workload
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.spec import Workload
from desktop.report.sheet.assumption_register import assumption_register
from desktop.report.sheet.csv_export import comparison_rows
from desktop.report.sheet.html import prices_block
from tests.conftest import make_workload

DATABASE = {"label": "PostgreSQL db.t4g.medium", "quantity": 730, "unit": "hour", "unit_usd": "0.072",
            "note": "RDS on-demand, our quote", "as_of": "2026-12-01"}
CACHE = {"label": "Redis cache", "unit_usd": "25", "options": ["fargate"], "as_of": "2026-12-02",
         "confidence": "C"}


def _shared(option: object) -> dict[str, Decimal]:
    return {i.label: i.usd for i in option.line_items if i.group == "shared"}  # type: ignore[attr-defined]


def test_a_shared_line_is_in_every_total_and_leaves_the_differences(book: PriceBook) -> None:
    plain = make_workload(region="eu-west-2")
    with_db = make_workload(region="eu-west-2", shared_lines=[DATABASE])
    before, after = compute_quote(plain, book), compute_quote(with_db, book)
    for option in ("lambda", "fargate", "ec2"):
        assert _shared(after.options[option]) == {"PostgreSQL db.t4g.medium": Decimal("52.56")}  # 730 h x 0.072
        assert after.options[option].monthly_usd == before.options[option].monthly_usd + Decimal("52.56")
        line = next(i for i in after.options[option].line_items if i.group == "shared")
        assert line.price is not None and (line.price.origin, line.price.source, line.price.confidence) == (
            "yours", "USER", "B")
    # the verdict compares what differs: the margin between the options is the same with or without the line
    rec_before, rec_after = advise(plain, book).recommendation, advise(with_db, book).recommendation
    assert (rec_after.option, rec_after.margin_usd) == (rec_before.option, rec_before.margin_usd)


def test_a_line_for_some_options_only_and_the_fast_path_agree(book: PriceBook) -> None:
    w = make_workload(region="eu-west-2", shared_lines=[DATABASE, CACHE])
    quote = compute_quote(w, book)
    assert _shared(quote.options["fargate"]) == {"PostgreSQL db.t4g.medium": Decimal("52.56"),
                                                 "Redis cache": Decimal("25.00")}
    assert "Redis cache" not in _shared(quote.options["lambda"])
    fast = fast_costs(w, book, [float(w.units_per_month)])
    for option, q in quote.options.items():
        costs = fast[option]
        assert costs is not None and q.monthly_usd is not None
        assert abs(float(costs[0]) - float(q.monthly_usd)) < 0.02, option


def test_exports_mark_the_line_as_yours(book: PriceBook) -> None:
    w = make_workload(region="eu-west-2", shared_lines=[DATABASE])
    advice = advise(w, book)
    rows = comparison_rows(advice, book)
    db = [r for r in rows if r["label"] == "PostgreSQL db.t4g.medium"]
    assert {r["option"] for r in db} == {"lambda", "fargate", "ec2"}
    assert all(r["usd"] == "52.56" and "yours (your price, as of 2026-12-01): RDS on-demand, our quote" in r["note"]
               for r in db)
    block = prices_block(advice, w, book)
    assert "PostgreSQL db.t4g.medium" in block and "The user&#x27;s own price (a shared line of the workload)" in block
    register = assumption_register(w, book, advice.quote)
    assert [r.value for r in register if r.path == "shared_lines"] == [
        "PostgreSQL db.t4g.medium: 730 hour x $0.072 (every option)"]
    assert json.loads(json.dumps(w.to_json_dict()))["shared_lines"][0]["unit_usd"] == "0.072"
    assert "shared_lines" not in make_workload().to_json_dict()  # files without lines are written unchanged
    assert Workload.model_validate(w.to_json_dict()) == w


@pytest.mark.parametrize(("line", "said"), [
    ({**DATABASE, "unit_usd": "-1"}, "greater than or equal to 0"),
    ({**DATABASE, "label": " "}, "must not be blank"),
    ({**DATABASE, "unit": "parsec"}, "Input should be"),
    ({**DATABASE, "unit_usd": "1e400"}, "less than or equal to 1000000000"),
])
def test_bad_lines_are_refused_naming_the_field(line: dict[str, object], said: str) -> None:
    with pytest.raises(ValidationError, match=said):
        make_workload(shared_lines=[line])


def test_an_unknown_option_is_named(book: PriceBook) -> None:
    w = make_workload(shared_lines=[{**CACHE, "options": ["kubernetes"]}])
    problems = check_workload(w, book)
    assert [(p.path, p.message.split(" (")[0]) for p in problems] == [
        ("shared_lines.0.options", "'kubernetes' is not a compute option")]
