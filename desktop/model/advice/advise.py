"""The advisor's answer: the quote plus findings, a recommendation, break-even volumes, sensitivity, curves.

`advise(workload, book)` is what the window, the PDF sheet and the CLI call: one computation per edit,
and every view renders from the Advice it returns. The quote and the sensitivity use the exact calc (Decimal);
the curves and the break-even search run the same cost model fast over many volumes (floats), the search
confirmed by the exact calc, and both are remembered across edits of the volume alone (`volume_memo`). The
curves, break-even and sensitivity are computed on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.model.advice.engine import compute_quote
from desktop.model.advice.findings import find_findings
from desktop.model.advice.recommend import recommend
from desktop.model.advice.sensitivity import hinge, sensitivity
from desktop.model.advice.types import (
    Advice,
    BreakEven,
    Concern,
    Curves,
    Finding,
    Hinge,
    Recommendation,
    SensitivityRow,
    Severity,
    VolumeAnalysis,
)

if TYPE_CHECKING:  # annotations only: the lean `estimate --json` advises on plain objects, without pydantic
    from desktop.model.pricing.book import PriceBook
    from desktop.model.workload.spec import Workload

__all__ = ["Advice", "BreakEven", "Concern", "Curves", "Finding", "Hinge", "Recommendation", "SensitivityRow",
           "Severity", "VolumeAnalysis", "advise"]


def advise(workload: Workload, book: PriceBook) -> Advice:
    """Quote the options compared, weigh the findings, recommend, and compute break-even, sensitivity and curves."""
    quote = compute_quote(workload, book)
    findings = find_findings(workload, quote)
    recommendation = recommend(workload, quote, findings)

    def analyse_volumes() -> VolumeAnalysis:
        from desktop.model.advice.breakeven import break_evens  # loaded on first use, not before the first paint
        from desktop.model.advice.curves import FastCosts, build_curves, curve_volumes, volume_range
        from desktop.model.advice.volume_memo import MEMO, key_for

        key = key_for(workload, book, quote, volume_range(workload))
        found = MEMO.get(key)  # the same analysis when only the volume changed
        if found is None:
            fast = FastCosts(workload, book)
            volumes = curve_volumes(workload)
            costs = fast.costs(volumes)
            left_out = fast.left_out
            found = (volumes, costs, left_out, break_evens(workload, book, quote, fast, volumes, costs))
            MEMO.put(key, found)
        volumes, costs, left_out, evens = found
        return VolumeAnalysis(evens, build_curves(volumes, costs, quote, left_out))

    return Advice(
        workload=workload,
        book=book,
        quote=quote,
        findings=findings,
        recommendation=recommendation,
        analyse_volumes=analyse_volumes,
        analyse_sensitivity=lambda: sensitivity(workload, book, quote, recommendation.option),
        analyse_hinge=lambda rows: hinge(workload, book, rows),
    )
