"""Text for money, capacity and status shared by the views (display only: no cost is computed here)."""

from __future__ import annotations

import html
from decimal import Decimal

from desktop.model.advice.quote import Ec2Capacity, FargateCapacity, LambdaCapacity, OptionQuote


def money(value: Decimal | float | None, estimated: bool = False) -> str:
    if value is None:
        return "n/a"
    text = f"${float(value):,.2f}"
    return f"~{text}" if estimated else text


def per_unit(option: OptionQuote, units: int, jobs: bool) -> str:
    """Monthly cost shown per million requests (or per run): a ratio of two quote figures."""
    if option.monthly_usd is None or units <= 0:
        return "n/a"
    if jobs:
        return f"${float(option.monthly_usd) / units:,.4f}"
    return f"${float(option.monthly_usd) * 1_000_000 / units:,.2f}"


def _tasks(hourly: tuple[int, ...]) -> str:
    if not hourly:
        return "0"
    low, high = min(hourly), max(hourly)
    return f"{high}" if low == high else f"{low}-{high}"


def capacity(option: OptionQuote) -> str:
    cap = option.capacity
    if isinstance(cap, LambdaCapacity):
        return (f"peak {cap.peak_concurrency:,.1f} concurrent (average {cap.average_concurrency:,.1f}), "
                f"{cap.memory_mb:,} MB")
    if isinstance(cap, FargateCapacity):
        size = f"{cap.vcpu:g} vCPU / {cap.memory_gb:g} GB"
        rounded = f" (rounded up from {cap.requested_vcpu:g} / {cap.requested_memory_gb:g})" if cap.rounded else ""
        return f"{size}{rounded}, {_tasks(cap.tasks_per_hour)} tasks"
    if isinstance(cap, Ec2Capacity):
        auto = " (auto)" if cap.chosen_automatically else ""
        return (f"{cap.instance_type}{auto} x {_tasks(cap.instances_per_hour)}, "
                f"{cap.tasks_per_instance} task{'' if cap.tasks_per_instance == 1 else 's'} each")
    return "n/a"


def rich_tooltip(lines: list[str]) -> str:
    """A tooltip forced to rich text with every line escaped (user text is data, never markup)."""
    return "<qt>" + "<br>".join(html.escape(line) for line in lines if line) + "</qt>"
