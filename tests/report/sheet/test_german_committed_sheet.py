"""The German sheet of a committed workload: the examples with a 3-year Savings Plan or Reserved Instances (no,
partial, all upfront), a 36-month horizon with ranged compounding growth, in us-east-1 and in a region whose book
lacks the commitment rates (ap-south-1): the commitment's line items, the missing rates' names inside lists and
verdicts, the growth and the bounded verdict are German, every word inside its page."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re

import pytest
from pypdf import PdfReader

from desktop.model.advice.advise import advise
from desktop.model.options.registry import missing_prices
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.spec import Workload
from desktop.report.sheet.html import _verbatim, sheet_html
from desktop.report.sheet.pdf_writer import sheet_pdf_bytes
from desktop.resources import resource
from tests.german_check import untranslated
from tests.report.sheet.test_german_sheet import EXAMPLES, _loose, _runs, outside_its_page

PLANS = (("compute_sp", "no_upfront"), ("compute_sp", "partial_upfront"), ("compute_sp", "all_upfront"),
         ("ec2_instance_sp", "partial_upfront"), ("standard_ri", "all_upfront"))


def committed(example: str, region: str, plan: str, payment: str) -> Workload:
    data = json.loads(resource("examples", f"{example}.workload.json").read_text(encoding="utf-8"))
    data["region"] = region
    data.setdefault("assumptions", {})["commitment"] = {"plan": plan, "term": "3yr", "payment": payment,
                                                        "covered_pct": 80}
    data["horizon"] = {"months": 36, "growth": {"kind": "compound", "monthly_pct": 3}}
    data["ranges"] = {"seed": 7, "samples": 300, "fields": {"horizon.growth.monthly_pct": {"low": 1, "high": 5}}}
    return Workload.model_validate(data)


def _texts(fragment: str) -> list[str]:
    """The texts between the tags of the sheet's HTML (its style sheet left out)."""
    body = re.sub(r"<style.*?</style>", "", fragment, flags=re.DOTALL)
    return [html.unescape(t) for t in re.split(r"<[^>]*>", body) if t.strip()]


@pytest.mark.parametrize("region", ("us-east-1", "ap-south-1"))
@pytest.mark.parametrize(("plan", "payment"), PLANS)
def test_the_committed_german_sheet_has_no_english(german: None, book: PriceBook, region: str, plan: str,
                                                   payment: str) -> None:
    for example in EXAMPLES:
        workload = committed(example, region, plan, payment)
        advice = advise(workload, book)
        page = sheet_html(advice, workload, book, generated=dt.date(2026, 12, 6), version="1")
        kept = {*_verbatim(advice, workload, book), *missing_prices(book, region)}
        left = untranslated(_texts(page), kept)
        assert not left, f"{example}:\n" + "\n".join(f"{sorted(words)} | {line}" for line, words in left)
        assert "Wachstum: 3% im Monat, mit Zinseszins." in page
        assert " rate for " not in page and "-year" not in page and "upfront" not in page
        assert "vervollständigen aus" not in page and "Satz von die" not in page  # no sentence cut wrongly
        assert "(continued)" not in page and ">ranges<" not in page  # the register's headings


@pytest.mark.parametrize(("example", "region", "plan", "payment"),
                         (("event-processor", "us-east-1", "ec2_instance_sp", "partial_upfront"),
                          ("event-processor", "ap-south-1", "compute_sp", "no_upfront"),
                          ("http-api", "ap-south-1", "compute_sp", "all_upfront")))
def test_the_committed_german_pdf_is_german_and_inside_its_pages(qt_app, german: None, book: PriceBook,  # type: ignore[no-untyped-def]
                                                                 example: str, region: str, plan: str,
                                                                 payment: str) -> None:
    workload = committed(example, region, plan, payment)
    advice = advise(workload, book)
    data, _pages = sheet_pdf_bytes(advice, workload, book)
    pages = PdfReader(io.BytesIO(data)).pages
    text = re.sub(r"[^\S\n]+", " ", "\n".join(page.extract_text() or "" for page in pages))
    for kept in sorted({*_verbatim(advice, workload, book), *missing_prices(book, region)}, key=len, reverse=True):
        text = _loose(kept).sub(" ", text)
    left = untranslated([" ".join(text.split())])
    assert not left, "\n".join(f"{sorted(words)} | {line}" for line, words in left)
    assert re.search(r"(ohne Vorauszahlung|teilweise vorausbezahlt|voll vorausbezahlt)", text)
    for page in pages:
        assert outside_its_page(page, _runs(page)) == []
