"""The effective prices, one line each with where they come from, and what a region lacks.

A price is named by its price path inside the region ("lambda/duration/arm64/2" = tier 2), the same path an
override uses in the user book.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.model.format import decimal_as_written
from desktop.model.pricing.book import Price, PriceBook
from desktop.model.pricing.price_paths import priced_paths
from desktop.model.pricing.user_book import provenance

ARCHES = ("x86_64", "arm64")
# Every price the cost engine can use in a region (EC2 instance types come from the book's catalogue).
EXPECTED = (
    "lambda/requests", *(f"lambda/duration/{a}" for a in ARCHES), "lambda/ephemeral_storage",
    *(f"lambda/provisioned_concurrency/{a}" for a in ARCHES), *(f"lambda/provisioned_duration/{a}" for a in ARCHES),
    "fargate/linux_x86_64/vcpu", "fargate/linux_x86_64/memory", "fargate/linux_arm64/vcpu",
    "fargate/linux_arm64/memory", "fargate/windows_x86_64/vcpu", "fargate/windows_x86_64/memory",
    "fargate/windows_x86_64/os_license", "fargate/ephemeral_storage",
    "ec2/ebs_gp3", "alb/hour", "alb/lcu_hour", "api_gateway/http", "api_gateway/rest",
)


@dataclass(frozen=True, slots=True)
class PriceLine:
    region: str
    path: str  # inside the region; tiers end in /<number>
    price: Price


def price_lines(book: PriceBook, region: str | None = None) -> list[PriceLine]:
    lines = []
    for code in sorted(book.regions) if region is None else [region]:
        lines += [PriceLine(code, found.override_path, found.price) for found in priced_paths(book.regions[code])]
    return lines


def _table(rows: Sequence[tuple[str, ...]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]


def show_text(book: PriceBook, region: str | None = None) -> str:
    summary = provenance(book)
    out = [summary[:1].upper() + summary[1:] + "."]
    for code in sorted(book.regions) if region is None else [region]:
        lines = price_lines(book, code)
        out.append("")
        out.append(f"{code} ({book.regions[code].name}): {len(lines)} prices")
        rows = [("price", "USD", "unit", "origin", "conf.", "as of", "source")]
        rows += [(ln.path, decimal_as_written(ln.price.usd), ln.price.unit, ln.price.origin, ln.price.confidence,
                  ln.price.as_of.isoformat(), ln.price.source) for ln in lines]
        out.extend(_table(rows))
        overridden = [ln for ln in lines if ln.price.origin == "overridden"]
        out.extend(f"  overridden {ln.path}: {ln.price.note}" for ln in overridden)
    return "\n".join(out)


def missing_paths(book: PriceBook, region: str) -> list[str]:
    have = {ln.path.rsplit("/", 1)[0] if ln.path.split("/")[-1].isdigit() else ln.path
            for ln in price_lines(book, region)}
    if "alb_hour_only" in have:  # the ALB hour without its LCU price: only the LCU-hour is missing
        have.add("alb/hour")
    wanted = [*EXPECTED, *(f"ec2/on_demand/{t}" for t in book.instance_types)]
    return [path for path in wanted if path not in have]


def missing_text(book: PriceBook, region: str | None = None) -> str:
    out = []
    for code in sorted(book.regions) if region is None else [region]:
        gaps = missing_paths(book, code)
        types = [p.rsplit("/", 1)[1] for p in gaps if p.startswith("ec2/on_demand/")]
        others = [p for p in gaps if not p.startswith("ec2/on_demand/")]
        head = f"{code} ({book.regions[code].name}): "
        if not gaps:
            out.append(head + "nothing missing")
            continue
        out.append(head + f"{len(gaps)} missing")
        out.extend(f"  {p}" for p in others)
        if types:
            out.append(f"  ec2/on_demand: {len(types)} of {len(book.instance_types)} instance types: "
                       + ", ".join(types))
    return "\n".join(out)
