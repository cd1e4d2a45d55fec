"""The fleet review as HTML for QTextDocument: what the fleet is billed and could save, each resource ranked by
the monthly saving of its recommended option, billed today beside this app's price, the flags, the limits, the
thin data, and where each scenario's numbers came from.

Pure Python (no Qt). Every user string (resource names, ARNs, notes, causes) goes through `esc`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from desktop.model.options.registry import short_label
from desktop.model.pricing.book import PriceBook
from desktop.model.workshop.spec import WorkshopSpec
from desktop.model.workshop.usage import ORIGIN_LABELS
from desktop.report.sheet.html import STYLE, esc
from desktop.usage.review import FleetReview, ReviewRow, pct

MAX_PROVENANCE_ROWS = 40  # the provenance table lists the largest bills; the file holds every scenario's


def _usd(value: Decimal | None) -> str:
    if value is None:
        return "-"
    cents = value.quantize(Decimal("0.01"))
    return f"-${-cents:,}" if cents < 0 else f"${cents:,}"





def _label(option: str | None) -> str:
    return short_label(option) if option else "none feasible"


def _row(rank: int, r: ReviewRow) -> str:
    diff = pct(r.difference_pct)
    diff = f'<span class="warn"><b>{diff}</b></span>' if r.flag else diff
    saving = _usd(r.saving_usd) + (' <span class="muted">(thin)</span>' if r.thin else "")
    return (f'<tr><td class="muted">{rank}</td><td>{esc(r.name)}<br/><span class="small muted">{esc(r.region)}'
            f'{" · " + esc(r.account) if r.account else ""}</span></td><td>{esc(_label(r.today))}</td>'
            f'<td class="num">{_usd(r.billed_monthly_usd)}</td><td class="num">{_usd(r.priced_today_usd)}</td>'
            f'<td class="num">{diff}</td><td><b>{esc(_label(r.recommended))}</b></td>'
            f'<td class="num">{_usd(r.recommended_usd)}</td><td class="num"><b>{saving}</b></td></tr>')


def ranking_table(review: FleetReview) -> str:
    rows = "".join(_row(i, r) for i, r in enumerate(review.rows, 1))
    return ('<table width="100%" cellspacing="0" cellpadding="3"><tr><th>#</th><th>Resource</th><th>Today</th>'
            '<th class="num">Billed a month</th><th class="num">Priced today</th><th class="num">Difference</th>'
            '<th>Recommended</th><th class="num">Its total</th><th class="num">Saving a month</th></tr>'
            f"{rows}</table>"
            '<p class="small muted">Billed a month: the sum of the export\'s rows for the resource, scaled from the '
            "period imported to the month. Priced today: this app's total for the option it runs on today, for the "
            "same usage. A difference over 10% is flagged below with its likely cause.</p>")


def _list(title: str, items: list[str]) -> str:
    if not items:
        return ""
    return f"<h2>{esc(title)}</h2><ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def provenance_table(workshop: WorkshopSpec, names: list[str]) -> str:
    by_name = {s.workload.name: s for s in workshop.scenarios}
    rows = []
    for name in names[:MAX_PROVENANCE_ROWS]:
        usage = by_name[name].usage if name in by_name else None
        if usage is None:
            continue
        counts = {o: sum(1 for f in usage.fields if f.origin == o) for o in ORIGIN_LABELS}
        assumed = ", ".join(f.field for f in usage.fields if f.origin == "default") or "none"
        rows.append(f"<tr><td>{esc(name)}</td><td class=\"num\">{counts['measured']}</td>"
                    f"<td class=\"num\">{counts['configuration']}</td><td class=\"num\">{counts['default']}</td>"
                    f"<td class=\"num\">{counts['edited']}</td>"
                    f'<td class="small">{esc(assumed)}</td></tr>')
    if not rows:
        return ""
    return ("<h2>Where the numbers came from</h2>"
            '<table width="100%" cellspacing="0" cellpadding="2"><tr><th>Resource</th><th class="num">Measured</th>'
            '<th class="num">Configuration</th><th class="num">Default</th><th class="num">Edited</th>'
            '<th>Defaults to check</th></tr>'
            + "".join(rows) + "</table>")


def fleet_review_html(review: FleetReview, workshop: WorkshopSpec, title: str, book: PriceBook, *,
                      generated: dt.date, version: str) -> str:
    flagged = [f"<b>{esc(r.name)}</b>: {pct(r.difference_pct)}: likely {esc(r.flag)}" for r in review.flagged
               if r.difference_pct is not None]
    blocked = [f"<b>{esc(r.name)}</b>: {esc(_label(b.option))}: {esc(b.limit)}"
               + (f' <span class="small muted">({esc(b.source)})</span>' if b.source else "")
               for r in review.blocked for b in r.blocked]
    thin = [f"<b>{esc(r.name)}</b>: {esc(r.thin)}" for r in review.thin]
    head = (f"<h1>ComputeFit fleet review</h1><p style=\"font-size: 12pt;\">{esc(title)}</p>"
            f'<p class="muted">{len(review.rows)} resources · price book dated {book.effective_date.isoformat()} · '
            f"{generated.isoformat()} · ComputeFit {esc(version)}</p>"
            '<table width="100%" cellspacing="0" cellpadding="6" style="background-color: #F3F6FA;"><tr><td>'
            f'<p style="font-size: 11pt;"><b>Billed {_usd(review.billed_monthly_usd)} a month; the recommended '
            f"options would save {_usd(review.total_saving_usd)} a month</b></p>"
            '<p class="small muted">The total leaves out the resources whose data is too thin to say.</p>'
            "</td></tr></table>")
    return (f"<html><head><style>{STYLE}</style></head><body>" + head
            + "<h2>Every resource, by its monthly saving</h2>" + ranking_table(review)
            + _list("Billed today vs priced: more than 10% apart", flagged)
            + _list("Options ruled out by a hard limit", blocked)
            + _list("Too thin to say", thin)
            + provenance_table(workshop, [r.name for r in review.rows])
            + "</body></html>")
