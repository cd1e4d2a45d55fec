"""The recommendation: rank the feasible options by a transparent score and say why.

Score (USD-equivalent a month, lower wins) =
    monthly cost x (cost priority / 3)
  + for each finding against the option:  severity share x (concern priority / 3) x reference cost
  - for each finding in the option's favour: the same amount.
Severity shares: info 5%, warning 15%, strong 40%. The reference cost is the cheapest feasible option's
monthly cost, at least $20 (so findings still count when every option costs a few dollars).
Scores within 3% of each other are a near tie and are said so.

Like with like: a total that leaves out a price (none in the book for the region) is compared as such. When the
winner and the runner-up leave out the same items with the same usage, the margin is exact; when only one of them
leaves something out, the margin is a bound ("at least", or "unless X costs more than"); when both leave out
different things, no margin is stated and the verdict names the prices that would complete the comparison.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import TYPE_CHECKING

from desktop.model.advice.types import Finding, MarginKind, Recommendation
from desktop.model.format import percent, total_text, usd, usd_change
from desktop.model.options.registry import get, label, option_ids, short_label
from desktop.model.pricing.money import ZERO
from desktop.model.pricing.quote import MissingPrice, OptionQuote, Quote

if TYPE_CHECKING:  # annotations only: the lean `estimate --json` advises on plain objects, without pydantic
    from desktop.model.workload.spec import Workload

SEVERITY_SHARE: dict[str, float] = {"info": 0.05, "warning": 0.15, "strong": 0.40}
NEUTRAL_PRIORITY = 3
NEAR_TIE_SHARE = 0.03
MIN_REFERENCE_USD = 20.0
MAX_DECIDING_LINES = 6
CONCERN_SHARE_NAMED = 0.25  # a concern is named in the headline when it carries this share of the lead
CONCERN_WORDS = {"operations": "less operations work", "latency": "better latency",
                 "flexibility": "a better fit for the design", "cost": "less cost risk"}


def concern_words(concern: str, first: str, second: str) -> str:
    """What a concern that decided `first` over `second` gives, in words that are true of the two: operations
    findings can favour the option with more operating (a team that can operate servers), and then it is not
    "less operations work" (each option's module ranks its operating effort: Traits.operations)."""
    if concern == "operations" and get(first).traits.operations > get(second).traits.operations:
        return "a team that can operate servers"
    return CONCERN_WORDS[concern]


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
    costs = ", ".join(f"{short_label(o.option)} {total_text(o)}" for o in ordered)
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
        effects = "; ".join(f"{usd_change(v)} to {short_label(o)}" for o, v in ((first, mine), (second, theirs)) if v)
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
        lines.append(f"{short_label(option)} is {usd(first_cost - cost)} a month cheaper than "
                     f"{short_label(first)} but scores {usd(score - scores[first])} worse{why}")
    return lines


def margin_phrase(margin: Decimal | None, pct: float | None, other: str) -> str:
    """How the recommended option's cost compares with another's, e.g. "$33.99 a month cheaper than Lambda (38%)"."""
    pct_text = "" if pct is None else f" ({percent(abs(pct))})"
    if margin is None or margin == 0:
        return f"the same monthly cost as {other}"
    if margin > 0:
        return f"{usd(margin)} a month cheaper than {other}{pct_text}"
    return f"{usd(-margin)} a month more than {other}{pct_text}"


def margin_summary(rec: Recommendation) -> str:
    """The recommendation's margin over the runner-up in a few words, for a table cell: "$33.99 a month cheaper than
    Lambda (38%)", "at least $30.54 a month cheaper than ECS on EC2", "cost comparison with Lambda incomplete"."""
    if rec.runner_up is None:
        return ""
    other = short_label(rec.runner_up)
    margin = rec.margin_usd
    if rec.margin_kind == "unknown" or margin is None:
        return f"cost comparison with {other} incomplete"
    if rec.margin_kind == "exact":
        return margin_phrase(margin, rec.margin_pct, other)
    cheaper = margin > 0 or (margin == 0 and rec.margin_kind == "lower bound")
    amount = usd(abs(margin))
    if rec.margin_kind == "lower bound":
        return f"at least {amount} a month cheaper than {other}" if cheaper else \
            f"at most {amount} a month more than {other}"
    return f"up to {amount} a month cheaper than {other}" if cheaper else f"at least {amount} a month more than {other}"


def _unmatched(mine: tuple[MissingPrice, ...], theirs: tuple[MissingPrice, ...]) -> list[MissingPrice]:
    """What `mine` leaves out that `theirs` does not leave out with the same usage (so it does not cancel)."""
    keys = {(m.what, m.usage) for m in theirs if m.usage}
    return [m for m in mine if not m.usage or (m.what, m.usage) not in keys]


def _names(missing: list[MissingPrice] | tuple[MissingPrice, ...]) -> str:
    """"the Application Load Balancer and CloudWatch Logs storage" (each item once)."""
    names = list(dict.fromkeys(m.what or m.text for m in missing))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _items(missing: list[MissingPrice] | tuple[MissingPrice, ...]) -> str:
    """"the Application Load Balancer, which has no eu-west-1 price in the book"."""
    names = list(dict.fromkeys(m.what or m.text for m in missing))
    region = missing[0].region if missing else ""
    verb = "has" if len(names) == 1 else "have"
    return f"{_names(missing)}, which {verb} no {region} price in the book" if region else _names(missing)


def compare_totals(first: OptionQuote, second: OptionQuote) -> tuple[MarginKind, Decimal | None, str]:
    """How the winner's total compares with the runner-up's, like with like: the kind of margin, the margin
    (None when it cannot be stated) and the words for the headline."""
    assert first.monthly_usd is not None and second.monthly_usd is not None
    margin = second.monthly_usd - first.monthly_usd
    pct = float(margin / second.monthly_usd * 100) if second.monthly_usd > 0 else None
    other, name = label(second.option), short_label(first.option)
    mine, theirs = _unmatched(first.missing, second.missing), _unmatched(second.missing, first.missing)
    if not mine and not theirs:
        text = margin_phrase(margin, pct, other)
        if first.missing:
            region = first.missing[0].region
            names = _names(first.missing)
            text += f"; both totals leave out {names} in the same amount (no {region} price in the book)"
        return "exact", margin, text
    if not mine:  # only the runner-up leaves something out: its real cost is higher, the margin larger
        whose = f"{short_label(second.option)}'s total leaves out {_items(theirs)}"
        if margin >= 0:
            return "lower bound", margin, f"at least {margin_phrase(margin, None, other)} ({whose})"
        return "lower bound", margin, f"at most {usd(-margin)} a month more than {other} ({whose})"
    if not theirs:  # only the winner leaves something out: its real cost is higher, the margin smaller
        whose = f"{name}'s total leaves out {_items(mine)}"
        if margin > 0:
            return "upper bound", margin, (f"{margin_phrase(margin, pct, other)} unless what it leaves out costs "
                                           f"more ({whose})")
        return "upper bound", margin, f"at least {usd(-margin)} a month more than {other} ({whose})"
    region = mine[0].region
    everything = _names([*mine, *theirs])
    if _names(mine) == _names(theirs):
        gap = f"both totals leave out {everything}, in different amounts"
    else:
        gap = f"{name}'s total leaves out {_names(mine)} and {short_label(second.option)}'s {_names(theirs)}"
    return "unknown", None, (f"{usd(first.monthly_usd)} against {other}'s {usd(second.monthly_usd)}, but the "
                             f"comparison is incomplete: {gap}; {region} prices for {everything} would complete it")


def _headline(quote: Quote, first: str, second: str | None, margin: Decimal | None, money: str,
              near_tie: bool, concerns: list[str]) -> str:
    name = label(first)
    if second is None:
        return f"Recommended: {name}, the only feasible option ({total_text(quote.options[first])} a month)"
    other = label(second)
    why = f", for {' and '.join(concern_words(c, first, second) for c in concerns[:2])}" \
        if concerns and margin is not None and margin <= 0 else ""
    if near_tie:
        return f"Near tie: {name} and {other} score within 3%; {short_label(first)} is recommended, {money}{why}"
    return f"Recommended: {name}, {money}{why}"


def _network_line(workload: Workload, quote: Quote, findings: tuple[Finding, ...], first: str) -> str | None:
    """Name the network and logs lines when they decide the recommendation: without them another option wins."""
    network = {o.option: sum((i.usd for i in o.line_items if i.group == "network"), ZERO)
               for o in quote.feasible_options()}
    if not any(network.values()):
        return None
    lighter = dataclasses.replace(quote, options={
        o: (dataclasses.replace(q, monthly_usd=q.monthly_usd - network[o]) if o in network and q.monthly_usd
            is not None else q) for o, q in quote.options.items()})
    instead = winner(workload, lighter, findings)
    if instead is None or instead == first:
        return None

    def lines(option: str) -> str:
        items = [i for i in quote.options[option].line_items if i.group == "network"]
        named = ", ".join(f"{i.label} {usd(i.usd)}" for i in items)
        return f"{short_label(option)}'s come to {usd(network[option])}" + (f" ({named})" if named else "")

    return (f"Network and logs lines decide it: {lines(instead)}, {lines(first)}; without them "
            f"{short_label(instead)} would be recommended [network]")


def _everywhere(findings: tuple[Finding, ...]) -> list[str]:
    """Strong findings that concern no option in particular (e.g. a target no option can meet)."""
    return [f"Whatever the choice: {f.text} {_trace(f)}" for f in findings
            if f.severity == "strong" and not f.favours and not f.against]


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
    rationale.extend(_everywhere(findings))
    rationale.append(_cost_line(workload, quote))
    margin: Decimal | None = None
    pct: float | None = None
    kind: MarginKind = "exact"
    money = ""
    near_tie = False
    concerns: list[str] = []
    if second is not None:
        kind, margin, money = compare_totals(quote.options[first], quote.options[second])
        second_cost = quote.options[second].monthly_usd or ZERO
        pct = float(margin / second_cost * 100) if margin is not None and second_cost > 0 else None
        deciding, concerns = _deciding_lines(workload, quote, findings, first, second)
        rationale.extend(deciding)
        rationale.extend(_cheaper_losers(workload, quote, findings, ranked, first, second))
        gap = ranked[1][1] - ranked[0][1]
        near_tie = gap <= NEAR_TIE_SHARE * max(abs(ranked[1][1]), abs(ranked[0][1]), 1e-9)
        cost_weight = weight(workload, "cost")
        score_text = ", ".join(f"{short_label(o)} {usd(s)}" for o, s in ranked)
        rationale.append(f"Score = monthly cost x {cost_weight:.2f} (cost priority {workload.priorities.cost}/5) "
                         f"+ weighted findings (reference {usd(reference_cost(quote))}), lower wins: {score_text}")
        if near_tie:
            rationale.append(f"Near tie: {short_label(first)} and {short_label(second)} score within 3% "
                             f"({usd(gap)} apart): either is defensible; the priorities decide")
        else:
            rationale.append(f"{short_label(first)} wins by {usd(gap)} of score over {short_label(second)}")
    else:
        rationale.append(f"{short_label(first)} is the only feasible option")
    network = _network_line(workload, quote, findings, first)
    if network:
        rationale.append(network)
    option = quote.options[first]
    if option.missing:
        rationale.append(f"{short_label(first)}'s total is incomplete: {'; '.join(option.missing_prices)}")
    headline = _headline(quote, first, second, margin, money, near_tie, concerns)
    left_out = {o.option: o.left_out for o in quote.feasible_options() if o.missing}
    return Recommendation(first, second, margin, None if pct is None else round(pct, 2), near_tie,
                          tuple(rationale), scores, headline, terms, kind, money, left_out)
