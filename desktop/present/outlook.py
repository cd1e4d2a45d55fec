"""The lines beside the monthly verdict, shared by the window and the sheet: the horizon of years (when the
workload has one), how sure the verdict is (when it has ranges) and the footprint of the recommended option."""

from __future__ import annotations

from desktop.model.advice.advise import Advice
from desktop.model.advice.horizon_costs import horizon_of, horizon_text
from desktop.model.advice.uncertainty import (
    HORIZON_DRAWS,
    horizon_spread_once,
    horizon_spread_text,
    known_horizon_spread,
    known_monte_carlo,
    monte_carlo_once,
)
from desktop.model.footprint.estimate import footprint
from desktop.model.footprint.words import kg_text, moving_region_line
from desktop.model.format import usd
from desktop.model.options.registry import label, short_label
from desktop.model.workload.ranges import GROWTH_PATHS


def horizon_line(advice: Advice) -> str:
    found = horizon_of(advice)
    return "" if found is None else horizon_text(found)


def growth_spread_line(advice: Advice, wait: bool = True) -> str:
    """With a ranged growth: the horizon's totals as P10-P90 and how many draws ("" otherwise). wait=False (the
    window, whose worker draws them): a line saying they are being drawn until they are known."""
    ranges = advice.workload.ranges
    if ranges is None or advice.workload.horizon is None or not set(ranges.fields) & set(GROWTH_PATHS):
        return ""
    if not wait and not known_horizon_spread(advice.quote)[0]:
        return f"Growth ranged: drawing the horizon's totals ({HORIZON_DRAWS} draws)..."
    found = horizon_spread_once(advice)
    return "" if found is None else horizon_spread_text(found)


def uncertainty_line(advice: Advice, wait: bool = True) -> str:
    """"How sure: Fargate is cheapest in 79% of cases; ... (P10-P90: Fargate $53.55-$55.30, ...; 10,000 samples,
    seed 7)" ("" without ranges; a refused draw is said in one line). wait=False (the window, whose worker runs
    the Monte Carlo off the GUI thread): a line saying it is being computed until its result is known."""
    ranges = advice.workload.ranges
    if ranges is None:
        return ""
    try:
        if not wait and not known_monte_carlo(advice.quote)[0]:
            return f"How sure: computing the ranges ({ranges.samples:,} samples)..."
        found = monte_carlo_once(advice.workload, advice.book, advice.quote)
    except ValueError as error:
        return f"How sure: not computed ({error})"
    if found is None:
        return ""
    # an option whose total leaves a price out in some sample: its band is a lower bound, said as such
    bands = ", ".join(f"{short_label(o)} {usd(s.p10)}-{usd(s.p90)}" + ("" if found.complete.get(o, True)
                                                                       else " (incomplete)")
                      for o, s in found.options.items() if s.p10 is not None and s.p90 is not None)
    return f"How sure: {found.verdict} (P10-P90 a month: {bands}; {found.samples:,} samples, seed {found.seed})"


def footprint_line(advice: Advice) -> str:
    """"Footprint: Amazon ECS on AWS Fargate 0.667 kgCO2e a month (estimated, not in the dollars); in sa-east-1 ..."."""
    option = advice.recommendation.option
    found = footprint(advice.workload, advice.quote).get(option or "")
    if option is None or found is None:
        return ""
    if found.kg is None:  # the method has no figure for it: said, never a number
        return f"Footprint: {label(option)} not estimated ({'; '.join(found.missing)})"
    moving = moving_region_line(found)
    return (f"Footprint: {label(option)} {kg_text(found.kg)} a month (estimated by Cloud Carbon Footprint's "
            f"method, not in the dollars)" + (f"; {moving}" if moving else ""))


def outlook_lines(advice: Advice, with_footprint: bool = True, wait: bool = True) -> list[str]:
    lines = [horizon_line(advice), growth_spread_line(advice, wait), uncertainty_line(advice, wait)]
    lines += [footprint_line(advice)] if with_footprint else []
    return [line for line in lines if line]
