"""The questionnaire's side panel: which options the answers so far leave feasible, and what each would cost.

It sits with the advice (it runs the engine) so the questionnaire itself stays below the advice: the findings read
the questionnaire (which answer set a field), never the other way round.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from desktop.model.advice.engine import compute_quote
from desktop.model.format import left_out_text
from desktop.model.pricing.book import PriceBook
from desktop.model.questionnaire.questions import workload_from_answers


@dataclass(frozen=True, slots=True)
class OptionPreview:
    """One option as the wizard's side panel shows it while answers come in."""

    option: str
    label: str
    feasible: bool
    reasons: tuple[str, ...]  # why it is ruled out (each names the limit)
    monthly_usd: Decimal | None
    left_out: str = ""  # what the total leaves out: "Application Load Balancer (no eu-west-1 price in the book)"


def feasibility_preview(answers: dict[str, Any], book: PriceBook, *,
                        region: str = "us-east-1") -> tuple[OptionPreview, ...]:
    """Which options the answers so far leave feasible, and why the others are ruled out (AnswersError if bad)."""
    workload = workload_from_answers(answers, region=region)
    quote = compute_quote(workload, book)
    return tuple(OptionPreview(o, q.label, q.feasible, tuple(r.text for r in q.reasons), q.monthly_usd,
                               left_out_text(q)) for o, q in quote.options.items())
