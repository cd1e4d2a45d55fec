"""AWS Lambda: requests, tiered GB-seconds, ephemeral storage, provisioned concurrency, free tier.

Source: aws.amazon.com/lambda/pricing and the AWS Price List (shared reference aws-prices.md §1).
"""

from __future__ import annotations

from decimal import Decimal

from desktop.model.advice.quote import LambdaCapacity, LineItem
from desktop.model.pricing.book import Tier
from desktop.model.pricing.context import MissingPrice, PricingContext
from desktop.model.pricing.discounts import savings_line
from desktop.model.pricing.money import MILLION, ZERO, dec

MB_PER_GB = Decimal(1024)
MB_PER_VCPU = 1769.0


def tiered(quantity: Decimal, tiers: list[Tier], label: str, unit: str, *, offset: Decimal = ZERO,
           note: str = "", group: str = "compute", scale: Decimal = Decimal(1)) -> list[LineItem]:
    """Line items for a quantity priced in cumulative bands (`offset` = quantity already billed).

    Band bounds are in the quantity's own units; each line's quantity is divided by `scale`
    (e.g. requests priced per 1M requests).
    """
    items: list[LineItem] = []
    lower = ZERO
    remaining_start = offset
    end = offset + quantity
    for number, tier in enumerate(tiers, start=1):
        upper = tier.up_to
        band_start = max(lower, remaining_start)
        band_end = end if upper is None else min(end, upper)
        if band_end > band_start:
            band_label = label if len(tiers) == 1 else f"{label}, tier {number}"
            items.append(LineItem.priced(band_label, (band_end - band_start) / scale, unit, tier.price, note=note,
                                     group=group))
        if upper is None or end <= upper:
            break
        lower = upper
    return items


LAMBDA_DEFAULT_CONCURRENCY_QUOTA = 1000  # per region, raisable (AWS Lambda quotas)


def lambda_cost(ctx: PricingContext) -> tuple[list[LineItem], list[MissingPrice], list[str], LambdaCapacity]:
    """Line items, missing prices, warnings and capacity for the Lambda option."""
    w = ctx.workload
    cfg = w.lambda_
    prices = ctx.prices.lambda_
    arch = w.architecture
    missing: list[MissingPrice] = []
    items: list[LineItem] = []

    units = Decimal(ctx.shape.units_per_month)
    duration_s = dec(w.traffic.duration_ms) / 1000
    memory_gb = Decimal(cfg.memory_mb) / MB_PER_GB
    share = dec(cfg.provisioned_share) if cfg.provisioned_concurrency > 0 else ZERO
    pc_units = units * share
    od_units = units - pc_units

    if prices.requests is None:
        missing.append(ctx.missing("Lambda requests"))
    else:
        free = Decimal(ctx.free_tier.lambda_requests) if cfg.free_tier else ZERO
        billable = max(ZERO, units - free)
        note = f"{units:,.0f} requests minus {free:,.0f} free" if free else ""
        items.append(LineItem.priced("Requests", billable / MILLION, "1M requests", prices.requests,
                                 note=note, group="requests"))

    tiers = prices.duration.get(arch)
    od_gb_s = od_units * duration_s * memory_gb
    if not tiers:
        missing.append(ctx.missing(f"Lambda {arch} duration"))
    else:
        free_gb_s = Decimal(ctx.free_tier.lambda_gb_seconds) if cfg.free_tier else ZERO
        billable_gb_s = max(ZERO, od_gb_s - free_gb_s)
        note = f"{od_gb_s:,.0f} GB-s minus {free_gb_s:,.0f} free" if free_gb_s else f"{od_gb_s:,.0f} GB-s"
        items.extend(tiered(billable_gb_s, tiers, f"Duration ({arch})", "GB-second", note=note))

    extra_storage_gb = Decimal(cfg.ephemeral_storage_mb - 512) / MB_PER_GB
    if extra_storage_gb > 0:
        if prices.ephemeral_storage is None:
            missing.append(ctx.missing("Lambda ephemeral storage", core=False))
        else:
            quantity = units * duration_s * extra_storage_gb
            items.append(LineItem.priced("Ephemeral storage above 512 MB", quantity, "GB-second",
                                     prices.ephemeral_storage, group="storage"))

    if cfg.provisioned_concurrency > 0:
        pc_price = prices.provisioned_concurrency.get(arch)
        pcd_price = prices.provisioned_duration.get(arch)
        if pc_price is None or pcd_price is None:
            missing.append(ctx.missing(f"Lambda {arch} provisioned concurrency", core=False))
        else:
            configured = (Decimal(cfg.provisioned_concurrency) * memory_gb * dec(cfg.provisioned_hours_per_month)
                          * 3600)
            items.append(LineItem.priced("Provisioned concurrency (while enabled)", configured, "GB-second",
                                     pc_price, note=f"{cfg.provisioned_concurrency} environments x "
                                          f"{cfg.provisioned_hours_per_month:g} h", group="provisioned"))
            items.append(LineItem.priced("Duration on provisioned concurrency", pc_units * duration_s * memory_gb,
                                     "GB-second", pcd_price, group="provisioned"))

    plan = savings_line(items, w.assumptions.savings_plans.lambda_pct, "Compute Savings Plan (Lambda)",
                        groups=("compute", "provisioned"))
    if plan is not None:
        items.append(plan)

    shape = ctx.shape
    capacity = LambdaCapacity(
        peak_concurrency=shape.peak_concurrency,
        average_concurrency=shape.average_concurrency,
        memory_mb=cfg.memory_mb,
        vcpu_equivalent=min(6.0, cfg.memory_mb / MB_PER_VCPU),
        hourly_concurrency=shape.hourly_concurrency,
    )
    warnings: list[str] = []
    if shape.peak_concurrency > LAMBDA_DEFAULT_CONCURRENCY_QUOTA:
        warnings.append(f"Peak concurrency of about {shape.peak_concurrency:,.0f} is above Lambda's default quota of "
                        f"{LAMBDA_DEFAULT_CONCURRENCY_QUOTA:,} per region: request a raise or expect throttling")
    return items, missing, warnings, capacity
