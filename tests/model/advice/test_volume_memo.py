"""An edit of the volume alone reuses the curves' costs and the break-even search; the answer is the one a fresh
analysis gives, and anything else that changes (a field, the book, the options, the range) is analysed again."""

from __future__ import annotations

import pytest

from desktop.model.advice.advise import advise
from desktop.model.advice.volume_memo import MEMO
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.files import load_workload
from desktop.model.workload.spec import Workload
from desktop.resources import examples_dir


def _with_volume(workload: Workload, requests: int) -> Workload:
    return workload.model_copy(update={"traffic": workload.traffic.model_copy(
        update={"requests_per_month": requests})})


def _fresh(workload: Workload, book: PriceBook) -> tuple[object, object]:
    MEMO.clear()
    advice = advise(workload, book)
    return advice.break_even, advice.curves


@pytest.mark.parametrize("example", ["http-api", "event-processor", "alb-api-ireland"])
def test_a_volume_edit_reuses_the_analysis_and_gives_the_fresh_answer(example: str, book: PriceBook) -> None:
    base = load_workload(examples_dir() / f"{example}.workload.json")
    MEMO.clear()
    _ = advise(base, book).break_even  # analysed once
    for requests in (150_000, 3_000_000, 45_000_000, 99_000_000):
        edited = _with_volume(base, requests)
        hits = MEMO.hits
        advice = advise(edited, book)
        remembered = (advice.break_even, advice.curves)
        assert MEMO.hits == hits + 1  # nothing priced again over the volumes
        assert remembered == _fresh(edited, book)  # and the same answer, curve point for point and text for text
        _ = advise(base, book).break_even  # back in the memo for the next volume


def test_anything_else_is_analysed_again(book: PriceBook) -> None:
    base = load_workload(examples_dir() / "http-api.workload.json")
    MEMO.clear()
    _ = advise(base, book).break_even
    hits = MEMO.hits
    other_memory = base.model_copy(update={"lambda_": base.lambda_.model_copy(
        update={"memory_mb": base.lambda_.memory_mb * 2})})
    other_range = _with_volume(base, 5 * 10**9)  # beyond 1e8: the range widens
    other_book = book.model_copy()
    for workload, with_book in ((other_memory, book), (other_range, book), (base, other_book)):
        advice = advise(workload, with_book)
        assert advice.break_even == _fresh(workload, with_book)[0]
    assert MEMO.hits == hits
