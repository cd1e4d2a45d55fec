"""Sentences no bundled example produces, in German: every example, with every option compared, in every region of
the book, as it is and with each hard limit provoked (a 40-minute run, 20 GB per unit and 160 GB tasks, a GPU,
Windows containers, privileged mode, an agent on every host, 250 GB of scratch, a 20 GB image, an asynchronous
event of 300 KB, a budget and a latency target no option meets). The window's texts (the verdict, the rationale,
the findings, each option's table cells, status and tooltip lines) and the sheet's (its HTML, translated as the
PDF prints it) must hold no English sentence once product names, codes and the book's own words are set aside."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from typing import Any

import pytest

from desktop.model.advice.advise import advise
from desktop.model.format import left_out, left_out_cell, usd
from desktop.model.options.registry import missing_prices, option_ids
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.spec import Workload
from desktop.present.i18n import shown
from desktop.present.outlook import outlook_lines
from desktop.present.text import capacity, per_unit
from desktop.qt.views.comparison_table import status_text
from desktop.qt.views.recommendation_panel import headline
from desktop.report.sheet.html import FIELD_CHARS, SOURCE_CHARS, clip, sheet_html
from desktop.report.sheet.price_register import price_register
from tests.german_check import untranslated

LIMITS: dict[str, dict[str, Any]] = {
    "as it is": {},
    "a 40-minute run": {"traffic": {"duration_ms": 2_400_000}},
    "20 GB a unit, 160 GB tasks": {"requirements": {"memory_mb_per_unit": 20_480}, "container": {"memory_gb": 160}},
    "a GPU": {"requirements": {"gpus": 1}},
    "Windows": {"container": {"os": "windows"}},
    "privileged": {"requirements": {"privileged": True}},
    "an agent on every host": {"requirements": {"daemon_per_host": True}},
    "250 GB of scratch": {"requirements": {"scratch_gb": 250}},
    "a 20 GB image": {"requirements": {"artifact_mb": 20_000}},
    "a 300 KB event": {"requirements": {"trigger": "event", "payload_kb": 300}},
    "a target no option meets": {"requirements": {"latency_slo_ms": 5}, "priorities": {"budget_usd": 1}},
}


def _merged(data: dict[str, Any], change: dict[str, Any]) -> dict[str, Any]:
    out = dict(data)
    for key, value in change.items():
        out[key] = _merged(out.get(key) or {}, value) if isinstance(value, dict) else value
    return out


def _workloads(examples: dict[str, Workload], book: PriceBook) -> Iterator[tuple[str, Workload]]:
    for name, example in examples.items():
        base = example.to_json_dict() | {"options": list(option_ids())}
        for region in book.regions:
            for limit, change in LIMITS.items():
                data = _merged(base | {"region": region}, change)
                try:
                    yield f"{name} in {region}, {limit}", Workload.model_validate(data)
                except ValueError:  # a change this example's shape does not take (a job with a latency target)
                    continue


def window_texts(workload: Workload, book: PriceBook) -> list[str]:
    """What the window shows of an advice (recommendation panel, comparison table), as it shows it."""
    advice = advise(workload, book)
    rec = advice.recommendation
    texts = [headline(advice), advice.verdict if advice.hinge_known else "", *outlook_lines(advice, wait=False),
             *rec.rationale, *(f.text for f in advice.findings)]
    jobs = advice.quote.unit_name == "run"
    for option_id, option in advice.quote.options.items():
        monthly = (usd(option.monthly_usd, option.estimated) + (f"\n{left_out_cell(option)}" if option.missing
                                                                 else "")) if option.feasible else "-"
        texts += [monthly, per_unit(option, advice.quote.units_per_month, jobs), capacity(option),
                  status_text(advice, option_id), left_out(option), *option.warnings,
                  *(f"Limit source: {r.source}" for r in option.reasons if r.source)]
    return [shown(text) for text in texts if text]


def sheet_texts(workload: Workload, book: PriceBook) -> list[str]:
    """The sheet's texts as its PDF prints them (the HTML the writer lays out, in German), the prices' sources it
    cites left out."""
    advice = advise(workload, book)
    page = sheet_html(advice, workload, book, generated=dt.date(2026, 12, 6), version="sweep")
    page = re.sub(r"(?s)<style.*?</style>", "", page)
    kept = {f"{clip(use.source_id, FIELD_CHARS)}: {clip(use.source_title, SOURCE_CHARS)}"
            for use in price_register(advice.quote, book).prices}  # the prices' sources, as the sheet cites them
    texts = (html.unescape(text).strip() for text in re.split(r"<[^>]+>", page))
    return [text for text in texts if text and text not in kept]


def _left(texts: list[str], workload: Workload, book: PriceBook) -> list[tuple[str, set[str]]]:
    """The English left: the user's, the book's and the limits' own words (a citation) set aside."""
    citations = {r.source for o in advise(workload, book).quote.options.values() for r in o.reasons if r.source}
    return untranslated(texts, {workload.name, book.title, *missing_prices(book, workload.region), *citations})


@pytest.mark.parametrize("part", ["window", "sheet"])
def test_no_english_sentence_in_any_generated_workload(german: None, book: PriceBook,  # type: ignore[no-untyped-def]
                                                       examples: dict[str, Workload], part: str) -> None:
    texts_of = window_texts if part == "window" else sheet_texts
    seen = 0
    found: dict[str, str] = {}
    for where, workload in _workloads(examples, book):
        if part == "sheet" and not (where.endswith(("as it is", "a GPU", "Windows")) or " in us-east-1, " in where):
            continue  # the sheet: each region as it is and with the limits that change it most, every limit once
        seen += 1
        for line, words in _left(texts_of(workload, book), workload, book):
            found.setdefault(line, f"{sorted(words)} ({where})")
    assert seen > (500 if part == "window" else 200)
    assert not found, "\n".join(f"{why} | {line}" for line, why in sorted(found.items()))
