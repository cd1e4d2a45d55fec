"""The workshop comparison as CSV: one row per scenario (and, for parts of one system, the portfolio total).

Every total says whether it is whole: `complete` (the recommended total leaves out no price), `left_out` (what
each feasible option's total leaves out, the recommended option first), `margin_kind` and `change_kind` (how the
margin and the change read: "exact", "lower bound", "upper bound", "unknown" with no figure; "not compared" for
the parts of one system); the portfolio row says `complete: no` and names each part it does not hold whole.
`commitment` is the commitment the recommended total assumes, with its charges a month and its upfront payment.
A ranged scenario has its recommended option's `p10_usd`, `p50_usd`, `p90_usd` a month, `cheapest_share` (how sure:
the share of its Monte Carlo's samples in which that option is the cheapest) and `uncertainty` in words.

Pure Python. Money to the cent as in `estimate --json`; text cells a spreadsheet would read as a formula are
prefixed with an apostrophe (csv_export.safe_text).
"""

from __future__ import annotations

import csv
import io

from desktop.model.format import share_csv, usd_csv
from desktop.model.pricing.book import PriceBook
from desktop.model.workshop.compare import Comparison, ScenarioRow
from desktop.present.workshop import commitment_text, left_out_words, spread_text
from desktop.report.sheet.csv_export import safe_text

FIXED = ("scenario", "note", "baseline", "ruled_out", "recommended", "recommended_usd", "complete", "left_out",
         "runner_up", "margin_usd", "margin_pct", "margin_kind", "change_usd", "change_pct", "change_kind",
         "differences", "kind", "price_book_date", "commitment", "commitment_monthly_usd", "commitment_upfront_usd",
         "p10_usd", "p50_usd", "p90_usd", "cheapest_share", "uncertainty")


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def columns(comparison: Comparison) -> tuple[str, ...]:
    return (*FIXED[:3], *(f"{o}_usd" for o in comparison.options), *FIXED[3:])


def workshop_rows(comparison: Comparison, book: PriceBook) -> list[dict[str, str]]:
    common = {"kind": comparison.kind, "price_book_date": book.effective_date.isoformat()}
    rows = []
    for row in comparison.rows:
        out = {**common, "scenario": safe_text(row.name), "note": safe_text(row.note),
               "baseline": "yes" if row.is_baseline else "no",
               "ruled_out": " ".join(o for o in comparison.options if not row.feasible.get(o, False)),
               "recommended": row.recommended or "",
               "recommended_usd": usd_csv(row.recommended_usd),
               "complete": _yes_no(row.recommended_complete) if row.recommended else "",
               "left_out": safe_text(_left_out(row)), "runner_up": row.runner_up or "",
               "margin_usd": usd_csv(row.margin_usd), "margin_pct": _pct(row.margin_pct),
               "margin_kind": row.margin_kind if row.runner_up else "",
               "change_usd": usd_csv(row.change_usd), "change_pct": _pct(row.change_pct),
               "change_kind": row.change_kind, "differences": safe_text(row.differences_text),
               **_commitment(row), **_spread(row)}
        out.update({f"{o}_usd": usd_csv(row.totals.get(o)) for o in comparison.options})
        rows.append(out)
    if comparison.portfolio_usd is not None:
        parts = [f"{r.name}: {left_out_words(r)}" for r in comparison.incomplete_parts]
        parts += [f"{n}: no feasible option" for n in comparison.unpriced]
        rows.append({**common, "scenario": "Portfolio total", "recommended_usd": usd_csv(comparison.portfolio_usd),
                     "complete": _yes_no(comparison.portfolio_complete), "left_out": safe_text("; ".join(parts)),
                     "note": "the sum of each part's recommended total" + (
                         "" if comparison.portfolio_complete else ", a lower bound")})
    return rows


def _commitment(row: ScenarioRow) -> dict[str, str]:
    """The recommended option's commitment: its words, the committed charges a month (upfront amortised) and the
    upfront payment whole (both empty when a rate is missing: left out, never zero)."""
    terms = row.commitment_terms.get(row.recommended or "")
    if terms is None:
        return {}
    known = not terms.rate_missing
    return {"commitment": safe_text(commitment_text(row)),
            "commitment_monthly_usd": usd_csv(terms.monthly_usd if known else None),
            "commitment_upfront_usd": usd_csv(terms.upfront_usd if known else None)}


def _spread(row: ScenarioRow) -> dict[str, str]:
    """A ranged scenario's recommended option under its Monte Carlo: P10 / P50 / P90 a month, the share of samples
    in which it is the cheapest, and the cell's words ("$48.10-$61.30 · at least 83%", "not estimated (a price is
    missing)"); all empty for a point-only scenario."""
    found = row.spread
    if found is None:
        return {}
    return {"p10_usd": usd_csv(found.p10), "p50_usd": usd_csv(found.p50), "p90_usd": usd_csv(found.p90),
            "cheapest_share": share_csv(found.cheapest_share), "uncertainty": safe_text(spread_text(row))}


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _left_out(row: ScenarioRow) -> str:
    """What each feasible option's total leaves out, the recommended option first: "lambda: Lambda ephemeral
    storage; ec2: EBS gp3 root volumes"."""
    order = sorted(row.left_out, key=lambda o: o != row.recommended)
    return "; ".join(f"{o}: {', '.join(row.left_out[o])}" for o in order if row.left_out[o] and row.feasible.get(o))


def workshop_csv(comparison: Comparison, book: PriceBook) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns(comparison), lineterminator="\n", restval="")
    writer.writeheader()
    writer.writerows(workshop_rows(comparison, book))
    return out.getvalue()
