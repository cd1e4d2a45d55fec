"""The fleet review: each imported resource's bill today beside this app's price of the same option, and what it
would cost on the recommended option.

Built on the workshop comparison (`desktop.model.workshop.compare`: every option's monthly total exactly as
`estimate` prices the scenario, and the recommendation). Per scenario:
- billed a month: the export's sum for the resource, scaled from the import's period to the month;
- priced today: the model's total for the option it runs on today, for the same usage; a difference over
  10% is flagged with its likely cause (credits, lines the model does not price, discounts, assumed fields);
- saving: billed a month minus the recommended option's total (what moving would save against today's bill).
Ranked by saving; the total is the sum of the positive savings. Resources whose data is too thin to say (less
than a week imported, or usage in fewer than 24 hours) and options ruled out by a hard limit are listed apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from desktop.model.advice.advise import Advice, advise
from desktop.model.pricing.book import PriceBook
from desktop.model.workload.spec import Workload
from desktop.model.workshop.compare import Comparison, ScenarioRow, compare
from desktop.model.workshop.spec import WorkshopSpec
from desktop.model.workshop.usage import ScenarioUsage

FLAG_PCT = 10.0
THIN_PERIOD_HOURS = 7 * 24
THIN_USAGE_HOURS = 24
CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Blocked:
    option: str
    limit: str  # the rule as the quote states it
    source: str


@dataclass(frozen=True, slots=True)
class ReviewRow:
    name: str
    resource: str
    account: str
    region: str
    today: str
    billed_usd: Decimal | None  # the sum of the export's rows over the period
    billed_monthly_usd: Decimal | None
    priced_today_usd: Decimal | None  # this app's price of today's option for the same usage
    difference_pct: float | None  # priced against billed
    flag: str  # the likely cause of a difference over 10%, or ""
    recommended: str | None
    recommended_usd: Decimal | None
    saving_usd: Decimal | None  # billed a month minus the recommended total
    blocked: tuple[Blocked, ...]
    thin: str  # why the data is too thin to say, or ""
    assumed: tuple[str, ...]  # fields left at a default the user should check


@dataclass(frozen=True, slots=True)
class FleetReview:
    rows: tuple[ReviewRow, ...]  # by saving, largest first (rows without one last)
    total_saving_usd: Decimal
    billed_monthly_usd: Decimal
    comparison: Comparison

    @property
    def thin(self) -> tuple[ReviewRow, ...]:
        return tuple(r for r in self.rows if r.thin)

    @property
    def blocked(self) -> tuple[ReviewRow, ...]:
        return tuple(r for r in self.rows if r.blocked)

    @property
    def flagged(self) -> tuple[ReviewRow, ...]:
        return tuple(r for r in self.rows if r.flag)


def _thin(usage: ScenarioUsage | None) -> str:
    if usage is None or usage.billed_usd is None:
        return "no billing export: nothing billed to compare with"
    if usage.period_hours < THIN_PERIOD_HOURS:
        return f"only {usage.period_hours:,.0f} hours imported (a week or more is needed)"
    if usage.hours_with_usage < THIN_USAGE_HOURS:
        return f"usage in only {usage.hours_with_usage} hours"
    return ""


def likely_cause(usage: ScenarioUsage, billed: Decimal, priced: Decimal) -> str:
    """Why the bill and the model's price differ, most likely first."""
    causes = []
    if usage.credits_usd < 0:
        causes.append(f"credits, refunds or discounts in the bill ({usage.credits_usd:,.2f} USD over the period)")
    if usage.unpriced_usd > 0:
        causes.append(f"lines the model does not price ({usage.unpriced_usd:,.2f} USD over the period: "
                      "data transfer, storage...)")
    if priced > billed and usage.credits_usd >= 0:
        causes.append("discounts the export applies (Savings Plans, reservations, free tier)")
    assumed = [f.field for f in usage.fields if f.origin == "default"]
    if assumed:
        causes.append("fields assumed, not measured: " + ", ".join(assumed[:4]))
    return "; ".join(causes) or "usage the model sizes differently (check the task or memory size)"


def _row(row: ScenarioRow, advice: Advice, usage: ScenarioUsage | None, comparison: Comparison) -> ReviewRow:
    month = advice.workload.assumptions.month_hours
    billed_month = usage.billed_monthly_usd(month) if usage is not None else None
    today = usage.today if usage is not None else ""
    priced = row.totals.get(today)
    difference = None
    flag = ""
    if billed_month is not None and priced is not None and billed_month > 0:
        difference = float((priced - billed_month) / billed_month * 100)
        if abs(difference) > FLAG_PCT and usage is not None:
            flag = likely_cause(usage, billed_month, priced)
    saving = (None if billed_month is None or row.recommended_usd is None
              else (billed_month - row.recommended_usd).quantize(CENT))
    blocked = tuple(Blocked(o, q.reasons[0].text if q.reasons else "ruled out", q.reasons[0].source if q.reasons
                            else "") for o, q in advice.quote.options.items() if not q.feasible)
    return ReviewRow(
        name=advice.workload.name, resource=usage.resource if usage else "", account=usage.account if usage else "",
        region=advice.workload.region, today=today, billed_usd=usage.billed_usd if usage else None,
        billed_monthly_usd=billed_month, priced_today_usd=priced, difference_pct=difference, flag=flag,
        recommended=row.recommended, recommended_usd=row.recommended_usd, saving_usd=saving, blocked=blocked,
        thin=_thin(usage), assumed=tuple(f.field for f in usage.fields if f.origin == "default") if usage else ())


def review_fleet(workshop: WorkshopSpec, book: PriceBook, *, account: str = "", region: str = "",
                 advised: Callable[[Workload], Advice] | None = None) -> FleetReview:
    """Advise every scenario (filtered by account and region when given; by `advised` when given, e.g. to keep
    the Advice), compare them, and rank the fleet."""
    chosen = [s for s in workshop.scenarios
              if (not account or (s.usage is not None and s.usage.account == account))
              and (not region or s.workload.region == region)]
    if not chosen:
        raise ValueError("no scenario matches the filter")
    advices = [(advised or (lambda w: advise(w, book)))(s.workload) for s in chosen]
    comparison = compare([(s.note, a) for s, a in zip(chosen, advices, strict=True)], 0, "parts")
    rows = [_row(r, a, s.usage, comparison) for r, a, s in zip(comparison.rows, advices, chosen, strict=True)]
    rows.sort(key=lambda r: (r.saving_usd is None or bool(r.thin), -(r.saving_usd or Decimal(0)), r.name))
    total = sum((r.saving_usd for r in rows if r.saving_usd is not None and r.saving_usd > 0 and not r.thin),
                Decimal(0))
    billed = sum((r.billed_monthly_usd for r in rows if r.billed_monthly_usd is not None), Decimal(0))
    return FleetReview(tuple(rows), total, billed, comparison)


def pct(value: float | None) -> str:
    """A signed whole percentage; one that rounds to 0 shows as 0% (never -0%)."""
    if value is None:
        return "-"
    return "0%" if round(value) == 0 else f"{value:+.0f}%"


def _usd(value: Decimal | None) -> str:
    return "-" if value is None else f"{value.quantize(CENT):,}"


def review_text(review: FleetReview, escape: Any = str) -> str:
    """The review as text (every name through `escape`: one line each, whatever the export held)."""
    lines = [f"Fleet review: {len(review.rows)} resources, billed {_usd(review.billed_monthly_usd)} USD a month; "
             f"could save {_usd(review.total_saving_usd)} USD a month on the recommended options",
             "", f"{'rank':>4}  {'resource':<40} {'today':<8} {'billed/mo':>12} {'priced':>12} {'diff':>7}  "
                 f"{'recommended':<15} {'saving/mo':>12}"]
    for rank, r in enumerate(review.rows, 1):
        diff = pct(r.difference_pct)
        lines.append(f"{rank:>4}  {escape(r.name)[:40]:<40} {r.today:<8} {_usd(r.billed_monthly_usd):>12} "
                     f"{_usd(r.priced_today_usd):>12} {diff:>7}  {r.recommended or 'none':<15} "
                     f"{_usd(r.saving_usd):>12}" + ("  (thin data)" if r.thin else ""))
    if review.flagged:
        lines += ["", "Billed today vs priced, more than 10% apart:"]
        lines += [f"- {escape(r.name)}: {pct(r.difference_pct)}: likely {escape(r.flag)}" for r in review.flagged]
    if review.blocked:
        lines += ["", "Blocked by a hard limit:"]
        lines += [f"- {escape(r.name)}: {b.option}: {escape(b.limit)}" + (f" ({escape(b.source)})" if b.source else "")
                  for r in review.blocked for b in r.blocked]
    if review.thin:
        lines += ["", "Too thin to say:"] + [f"- {escape(r.name)}: {r.thin}" for r in review.thin]
    return "\n".join(lines)


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value.quantize(CENT))


def review_json(review: FleetReview) -> dict[str, Any]:
    return {
        "billed_monthly_usd": _money(review.billed_monthly_usd),
        "total_saving_usd": _money(review.total_saving_usd),
        "resources": [{
            "rank": i, "name": r.name, "resource": r.resource, "account": r.account, "region": r.region,
            "today": r.today, "billed_usd": None if r.billed_usd is None else str(r.billed_usd),
            "billed_monthly_usd": _money(r.billed_monthly_usd), "priced_today_usd": _money(r.priced_today_usd),
            "difference_pct": None if r.difference_pct is None else round(r.difference_pct, 1),
            "flag": r.flag, "recommended": r.recommended, "recommended_usd": _money(r.recommended_usd),
            "saving_usd": _money(r.saving_usd), "thin": r.thin, "assumed": list(r.assumed),
            "blocked": [{"option": b.option, "limit": b.limit, "source": b.source} for b in r.blocked],
        } for i, r in enumerate(review.rows, 1)],
    }
