"""The recommendation: rank the feasible options by a transparent score and say why.

Score (USD-equivalent a month, lower wins) =
    monthly cost x (cost priority / 3)
  + for each finding against the option:  severity share x (concern priority / 3) x reference cost
  - for each finding in the option's favour: the same amount.
Severity shares: info 5%, warning 15%, strong 40%. The reference cost is the cheapest feasible option's
monthly cost, at least $20 (so findings still count when every option costs a few dollars).
Scores within 3% of each other are a near tie and are said so.
"""

from __future__ import annotations

from decimal import Decimal

from desktop.model.advice.types import Finding, Recommendation
from desktop.model.options.registry import label, option_ids, short_label
from desktop.model.pricing.money import fmt_usd
from desktop.model.pricing.quote import Quote
from desktop.model.workload.spec import Workload

SEVERITY_SHARE: dict[str, float] = {"info": 0.05, "warning": 0.15, "strong": 0.40}
NEUTRAL_PRIORITY = 3
NEAR_TIE_SHARE = 0.03
MIN_REFERENCE_USD = 20.0
MAX_DECIDING_LINES = 6
CONCERN_SHARE_NAMED = 0.25  # a concern is named in the headline when it carries this share of the lead
CONCERN_WORDS = {"operations": "less operations work", "latency": "better latency",
                 "flexibility": "a better fit for the design", "cost": "less cost risk"}


def weight(workload: Workload, concern: str) -> float:
    """A priority 0..5 as a multiplier (the default 3 = 1.0)."""
    return float(getattr(workload.priorities, concern)) / NEUTRAL_PRIORITY


def reference_cost(quote: Quote) -> float:
    costs = [float(q.monthly_usd) for q in quote.feasible_options() if q.monthly_usd is not None]
    return max(min(costs), MIN_REFERENCE_USD) if costs else MIN_REFERENCE_USD


def finding_effect(finding: Finding, option: str, workload: Workload, reference: float) -> float:
    """What one finding adds to (against) or takes from (in favour) an option's score, in USD-equivalent."""
    sign = 1 if option in finding.against else (-1 if option in finding.favours else 0)
    if sign == 0:
        return 0.0
    return sign * SEVERITY_SHARE[finding.severity] * weight(workload, finding.concern) * reference


def score_terms(workload: Workload, quote: Quote, findings: tuple[Finding, ...]
                ) -> dict[str, tuple[tuple[str, float], ...]]:
    """Each feasible option's score as labelled terms: its weighted cost, then one term per finding."""
    reference = reference_cost(quote)
    cost_weight = weight(workload, "cost")
    found: dict[str, tuple[tuple[str, float], ...]] = {}
    for option in quote.feasible_options():
        assert option.monthly_usd is not None
        terms = [(f"monthly cost x {cost_weight:.2f}", float(option.monthly_usd) * cost_weight)]
        for finding in findings:
            effect = finding_effect(finding, option.option, workload, reference)
            if effect:
                terms.append((finding.finding_id, effect))
        found[option.option] = tuple(terms)
    return found


def rank(workload: Workload, quote: Quote, findings: tuple[Finding, ...]) -> list[tuple[str, float]]:
    """Feasible options by score, lowest first (ties: cheaper first, then in the registry's order)."""
    terms = score_terms(workload, quote, findings)
    order = {o: n for n, o in enumerate(option_ids())}
    scored = [(option, sum(v for _, v in parts)) for option, parts in terms.items()]
    return sorted(scored, key=lambda s: (round(s[1], 9), quote.options[s[0]].monthly_usd or Decimal(0),
                                         order.get(s[0], len(order))))


def winner(workload: Workload, quote: Quote, findings: tuple[Finding, ...]) -> str | None:
    ranked = rank(workload, quote, findings)
    return ranked[0][0] if ranked else None


def _trace(finding: Finding) -> str:
    parts = [finding.origin] + ([f"answer {finding.answer}"] if finding.answer else [])
    return "[" + "; ".join(parts) + "]"


def _ruled_out_lines(quote: Quote) -> list[str]:
    return [f"Ruled out: {reason.text} [limit: {reason.source}]" if reason.source else f"Ruled out: {reason.text}"
            for option in quote.options.values() if not option.feasible for reason in option.reasons]


def _cost_line(workload: Workload, quote: Quote) -> str:
    path = "traffic.runs_per_month" if workload.is_jobs else "traffic.requests_per_month"
    ordered = sorted(quote.feasible_options(), key=lambda o: o.monthly_usd or Decimal(0))
    costs = ", ".join(f"{short_label(o.option)} {fmt_usd(o.monthly_usd)}"
                      + (" (incomplete)" if o.missing_prices else "") for o in ordered)
    return (f"Monthly cost at {quote.units_per_month:,} {quote.unit_name}s a month [{path}], cheapest first: "
            f"{costs}")


def _deciding_lines(workload: Workload, quote: Quote, findings: tuple[Finding, ...], first: str,
                    second: str) -> tuple[list[str], list[str]]:
    """Findings that separate the winner from the runner-up, biggest first; and the concerns favouring the winner."""
    reference = reference_cost(quote)
    rows = []
    for finding in findings:
        mine = finding_effect(finding, first, workload, reference)
        theirs = finding_effect(finding, second, workload, reference)
        if mine != theirs:
            rows.append((theirs - mine, finding, mine, theirs))
    rows.sort(key=lambda r: -abs(r[0]))
    lines: list[str] = []
    by_concern: dict[str, float] = {}
    for gap, finding, _mine, _theirs in rows:
        by_concern[finding.concern] = by_concern.get(finding.concern, 0.0) + gap
    for _gap, finding, mine, theirs in rows[:MAX_DECIDING_LINES]:
        priority = getattr(workload.priorities, finding.concern)
        effects = "; ".join(f"{sign_usd(v)} to {short_label(o)}" for o, v in ((first, mine), (second, theirs)) if v)
        lines.append(f"{finding.concern.capitalize()} ({finding.severity}, priority {priority}/5): {finding.text} "
                     f"({effects}) {_trace(finding)}")
    top = max(by_concern.values(), default=0.0)
    concerns = [c for c, g in sorted(by_concern.items(), key=lambda item: -item[1])
                if g > 0 and g >= CONCERN_SHARE_NAMED * top]
    return lines, concerns


def _cheaper_losers(workload: Workload, quote: Quote, findings: tuple[Finding, ...],
                    ranked: list[tuple[str, float]], first: str, second: str) -> list[str]:
    """Why an option cheaper than the winner, other than the runner-up, still lost: its strongest finding."""
    reference = reference_cost(quote)
    scores = dict(ranked)
    first_cost = quote.options[first].monthly_usd or Decimal(0)
    lines = []
    for option, score in ranked[2:]:
        cost = quote.options[option].monthly_usd or Decimal(0)
        if cost >= first_cost:
            continue
        against = [(finding_effect(f, option, workload, reference), f) for f in findings]
        worst = max(against, key=lambda pair: pair[0], default=(0.0, None))
        why = f"; strongest finding against it: {worst[1].text} {_trace(worst[1])}" if worst[1] and worst[0] > 0 \
            else ""
        lines.append(f"{short_label(option)} is {fmt_usd(first_cost - cost)} a month cheaper than "
                     f"{short_label(first)} but scores ${score - scores[first]:,.2f} worse{why}")
    return lines


def sign_usd(value: float) -> str:
    return f"{'+' if value >= 0 else '-'}${abs(value):,.2f}"


def margin_phrase(margin: Decimal | None, pct: float | None, other: str) -> str:
    """How the recommended option's cost compares with another's, e.g. "$33.99 a month cheaper than Lambda (38%)"."""
    pct_text = "" if pct is None else f" ({abs(pct):.0f}%)"
    if margin is None or margin == 0:
        return f"the same monthly cost as {other}"
    if margin > 0:
        return f"{fmt_usd(margin)} a month cheaper than {other}{pct_text}"
    return f"{fmt_usd(-margin)} a month more than {other}{pct_text}"


def _headline(quote: Quote, first: str, second: str | None, margin: Decimal | None, pct: float | None,
              near_tie: bool, concerns: list[str]) -> str:
    name = label(first)
    if second is None:
        return f"Recommended: {name}, the only feasible option ({fmt_usd(quote.options[first].monthly_usd)} a month)"
    other = label(second)
    money = margin_phrase(margin, pct, other)
    why = f", for {' and '.join(CONCERN_WORDS[c] for c in concerns[:2])}" if concerns and (margin or 0) <= 0 else ""
    if near_tie:
        return f"Near tie: {name} and {other} score within 3%; {short_label(first)} is recommended, {money}{why}"
    return f"Recommended: {name}, {money}{why}"


def recommend(workload: Workload, quote: Quote, findings: tuple[Finding, ...]) -> Recommendation:
    """The recommended option, by how much it wins, the runner-up, and the ordered rationale."""
    ranked = rank(workload, quote, findings)
    terms = score_terms(workload, quote, findings)
    scores = {o: round(s, 2) for o, s in ranked}
    rationale = _ruled_out_lines(quote)
    if not ranked:
        rationale.append("No option is feasible: change the workload or its requirements")
        return Recommendation(None, None, None, None, False, tuple(rationale), scores,
                              "No option is feasible for this workload", terms)
    first = ranked[0][0]
    second = ranked[1][0] if len(ranked) > 1 else None
    rationale.append(_cost_line(workload, quote))
    first_cost = quote.options[first].monthly_usd
    margin: Decimal | None = None
    pct: float | None = None
    near_tie = False
    concerns: list[str] = []
    if second is not None:
        second_cost = quote.options[second].monthly_usd
        assert first_cost is not None and second_cost is not None
        margin = second_cost - first_cost
        pct = float(margin / second_cost * 100) if second_cost > 0 else None
        deciding, concerns = _deciding_lines(workload, quote, findings, first, second)
        rationale.extend(deciding)
        rationale.extend(_cheaper_losers(workload, quote, findings, ranked, first, second))
        gap = ranked[1][1] - ranked[0][1]
        near_tie = gap <= NEAR_TIE_SHARE * max(abs(ranked[1][1]), abs(ranked[0][1]), 1e-9)
        cost_weight = weight(workload, "cost")
        score_text = ", ".join(f"{short_label(o)} ${s:,.2f}" for o, s in ranked)
        rationale.append(f"Score = monthly cost x {cost_weight:.2f} (cost priority {workload.priorities.cost}/5) "
                         f"+ weighted findings (reference ${reference_cost(quote):,.2f}), lower wins: {score_text}")
        if near_tie:
            rationale.append(f"Near tie: {short_label(first)} and {short_label(second)} score within 3% "
                             f"(${gap:,.2f} apart): either is defensible; the priorities decide")
        else:
            rationale.append(f"{short_label(first)} wins by ${gap:,.2f} of score over {short_label(second)}")
    else:
        rationale.append(f"{short_label(first)} is the only feasible option")
    option = quote.options[first]
    if option.missing_prices:
        rationale.append(f"{short_label(first)}'s total is incomplete: {'; '.join(option.missing_prices)}")
    headline = _headline(quote, first, second, margin, pct, near_tie, concerns)
    return Recommendation(first, second, margin, None if pct is None else round(pct, 2), near_tie,
                          tuple(rationale), scores, headline, terms)
