"""The costs people forget, as explicit lines: NAT gateway, public IPv4 addresses, CloudWatch Logs, data transfer out.

Priced for every option by the engine after the option's own lines (as the front door is), from the workload's
`network` section; each is off or zero by default, so a file without them keeps its totals. Each line is priced
from the region's price book entry with its source, or reported missing (never borrowed from another region).

Sources: Amazon VPC pricing (NAT gateway per hour and per GB processed; public IPv4 addresses per hour, in use or
idle), Amazon CloudWatch pricing (Logs ingestion per GB, storage per GB-month), Amazon EC2 data transfer pricing
(out to the internet, monthly tiers after 100 GB free a month aggregated over all regions); shared reference
aws-prices-more.md §7. GB = 1024^3 bytes, KB = 1024 bytes.
CloudWatch Logs: 5 GB of ingestion and 5 GB of storage a month are always free (AWS Free Tier page, as quoted in
aws-prices-t3.md §4), taken off like data transfer's 100 GB. Lambda function logs are billed as vended logs in
volume tiers since May 2025 (AWS What's New 2025-05-01, "AWS Lambda introduces tiered pricing for Amazon
CloudWatch logs"; tiers in aws-prices-more.md §7.3 and aws-prices-t3.md §4: $0.50 the first 10 TB, $0.25 the next
20 TB, $0.10 the next 20 TB, $0.05 above 50 TB in us-east-1); containers pay the custom-log rate.
Assumptions, stated on the lines: logs are stored as ingested (CloudWatch archives them compressed, so the storage
line is an upper bound) for the retention period; the whole 100 GB free allowance goes to this workload.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from desktop.model.options.base import ComputeOption
from desktop.model.options.common.calc import Amount, Calc

if TYPE_CHECKING:
    from desktop.model.pricing.book import FreeAllowance, Tier
    from desktop.model.pricing.context import PricingContext

GROUP = "network"
KB_PER_GB = 1024 * 1024
VENDED_LOGS = "CloudWatch Logs vended (Lambda) log ingestion"


def price_network(ctx: PricingContext, calc: Calc, option: ComputeOption) -> tuple[str, ...]:
    """Add the network and logs lines of one option; returns warnings about them."""
    warnings: list[str] = []
    _nat(ctx, calc, warnings)
    _public_ipv4(ctx, calc)
    _logs(ctx, calc, option)
    _data_transfer_out(ctx, calc)
    return tuple(warnings)


def _gb(calc: Calc, kb_per_unit: float) -> Amount:
    return calc.units * calc.num(kb_per_unit) / KB_PER_GB


def _nat(ctx: PricingContext, calc: Calc, warnings: list[str]) -> None:
    n = ctx.workload.network
    prices = ctx.prices.nat_gateway
    if n.nat_gateways > 0:
        hours = calc.num(n.nat_gateways) * calc.num(ctx.workload.assumptions.month_hours)
        calc.line_or_missing("NAT gateway hours", hours, "hour", prices.hour if prices is not None else None,
                             missing_as="NAT gateway hours", group=GROUP,
                             note=f"{n.nat_gateways} gateway(s), always on")
        service_addresses(ctx, calc, hours, "Public IPv4: NAT gateway Elastic IPs", GROUP,
                          "a public NAT gateway holds one Elastic IP, billed like every public IPv4 address")
    if n.nat_kb_per_unit > 0:
        if n.nat_gateways == 0:
            warnings.append("Data through a NAT gateway is priced, but no NAT gateway hours: set "
                            "network.nat_gateways (one per Availability Zone is AWS's advice)")
        gb = _gb(calc, n.nat_kb_per_unit)
        calc.line_or_missing("NAT gateway data processed", gb, "GB",
                             prices.gb_processed if prices is not None else None,
                             missing_as="NAT gateway data processed", group=GROUP,
                             note=f"{n.nat_kb_per_unit:g} KB per {_unit(ctx)}")


def _public_ipv4(ctx: PricingContext, calc: Calc) -> None:
    if not ctx.workload.network.public_ipv4 or calc.address_hours is None:
        return
    hours = calc.address_hours
    service_addresses(ctx, calc, hours, "Public IPv4 addresses", GROUP,
                      f"one address per {calc.address_holder}, for each {calc.address_holder}-hour")


def _free(calc: Calc, quantity: Amount, allowance: FreeAllowance | None) -> Amount:
    """What is left to pay for after a monthly free allowance (all of it when the book has none)."""
    zero = calc.num(0)
    return quantity if allowance is None else calc.maximum(zero, quantity - calc.num(allowance.quantity))


def _free_note(allowance: FreeAllowance | None, unit: str) -> str:
    if allowance is None:
        return "the book has no free allowance, so none is taken off"
    return f"minus {allowance.quantity:,.0f} {unit} a month always free (per account)"


def service_addresses(ctx: PricingContext, calc: Calc, hours: Amount, label: str, group: str, note: str) -> None:
    """Public IPv4 address-hours, the option's own or those a managed service holds (a NAT gateway's Elastic IP, an
    internet-facing load balancer's one per subnet): billed per address-hour like every public IPv4 address (AWS
    blog 'Identify and optimize public IPv4 address usage on AWS', 2023-07, updated 2024-02-01: all AWS-provided
    public IPv4 addresses, service-managed ones included; shared reference aws-prices-t3.md §7)."""
    prices = ctx.prices.public_ipv4
    calc.line_or_missing(label, hours, "address-hour", prices.hour if prices is not None else None,
                         missing_as="public IPv4 addresses", group=group, note=note)


def _logs(ctx: PricingContext, calc: Calc, option: ComputeOption) -> None:
    n = ctx.workload.network
    if n.log_kb_per_unit <= 0:
        return
    prices = ctx.prices.cloudwatch_logs
    gb = _gb(calc, n.log_kb_per_unit)
    free_in = ctx.free_tier.logs_ingestion
    billable = _free(calc, gb, free_in)
    note = f"{n.log_kb_per_unit:g} KB logged per {_unit(ctx)}; {_free_note(free_in, 'GB')}"
    if option.vended_logs:
        _vended_logs(calc, billable, prices.vended_gb if prices is not None else [], note)
    else:
        calc.line_or_missing("CloudWatch Logs ingestion", billable, "GB",
                             prices.ingestion_gb if prices is not None else None,
                             missing_as="CloudWatch Logs ingestion", group=GROUP, note=note)
    days_in_month = calc.num(ctx.workload.assumptions.month_hours) / 24
    free_kept = ctx.free_tier.logs_storage
    stored = _free(calc, gb * calc.num(n.log_retention_days) / days_in_month, free_kept)
    calc.line_or_missing("CloudWatch Logs storage", stored, "GB-month",
                         prices.storage_gb_month if prices is not None else None,
                         missing_as="CloudWatch Logs storage", group=GROUP,
                         note=f"kept {n.log_retention_days} days, as ingested (stored compressed: an upper bound); "
                              + _free_note(free_kept, "GB-month"))


def _vended_logs(calc: Calc, billable: Amount, tiers: Sequence[Tier], note: str) -> None:
    """Lambda function logs: vended-log volume tiers (AWS, May 2025), never the custom-log rate."""
    if not tiers:
        calc.record_missing(VENDED_LOGS, core=False, usage=((billable, "GB"),))
        return
    calc.tiered(billable, tiers, "CloudWatch Logs ingestion (Lambda logs, vended)", "GB",
                note=note + "; Lambda logs are billed as vended logs, in volume tiers", group=GROUP,
                missing_as=VENDED_LOGS, per="GB")


def _data_transfer_out(ctx: PricingContext, calc: Calc) -> None:
    n = ctx.workload.network
    if n.response_kb <= 0:
        return
    gb = _gb(calc, n.response_kb)
    allowance = ctx.free_tier.data_transfer_out
    zero = calc.num(0)
    free = calc.num(allowance.quantity) if allowance is not None else zero
    billable = calc.maximum(zero, gb - free)
    tiers = ctx.prices.data_transfer_out
    if not tiers:
        calc.record_missing("data transfer out to the internet", core=False, usage=((billable, "GB"),))
        return
    note = f"{n.response_kb:g} KB per {_unit(ctx)}"
    if allowance is not None:
        note += f"; minus {allowance.quantity:,.0f} GB a month free (per account, all regions together)"
    else:
        note += "; the book has no free allowance, so none is taken off"
    calc.tiered(billable, tiers, "Data transfer out to the internet", "GB", note=note, group=GROUP,
                missing_as="data transfer out to the internet", per="GB")


def _unit(ctx: PricingContext) -> str:
    return "run" if ctx.workload.is_jobs else "request"
