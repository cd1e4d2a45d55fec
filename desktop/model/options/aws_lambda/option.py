"""AWS Lambda: requests, tiered GB-seconds, ephemeral storage, provisioned concurrency, free tier; its limits and
the findings that concern it.

Sources: aws.amazon.com/lambda/pricing and the AWS Price List (shared reference aws-prices.md §1); limits from
the Lambda quotas page (aws-limits.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop.model.options.aws_lambda.prices import BOOK
from desktop.model.options.base import (
    ComputeOption,
    HardRule,
    SavingsPlan,
    Severity,
    Signal,
    Sizing,
    SoftRule,
    Traits,
)
from desktop.model.options.common.calc import Amount, Calc
from desktop.model.options.common.commitment import Eligible, apply_plan, plan_of
from desktop.model.options.common.hard_rules import above, no_daemon, no_gpus, no_privileged, no_windows, scratch_gb
from desktop.model.options.common.invocation import (
    ASYNC_FIRST_KB,
    ASYNC_STEP_KB,
    INVOCATION_SOURCE,
    invocation,
    requests_per_event,
)
from desktop.model.options.common.limits import duration_text, unit_memory_mb, unit_phrase, unit_vcpu
from desktop.model.options.common.style import ORANGE, OptionStyle
from desktop.model.pricing.quote import Quote
from desktop.model.schema.names import term_payment
from desktop.model.workload.load_shape import is_spiky

if TYPE_CHECKING:
    from desktop.model.pricing.context import PricingContext
    from desktop.model.workload.spec import Commitment, Workload

ID = "lambda"
MB_PER_GB = 1024
MB_PER_VCPU = 1769.0
DEFAULT_CONCURRENCY_QUOTA = 1000  # per region, raisable (AWS Lambda quotas)
QUOTA_WARNING_SHARE = 0.7
SCALE_PER_10_S = 1000
SYNC_PAYLOAD_KB = 6 * 1024
ASYNC_PAYLOAD_KB = 1024
ZIP_PACKAGE_MB = 250

QUOTAS = "AWS Lambda quotas (docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html)"
MEMORY = "Lambda memory and computing power (docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html)"
ECS_DAEMON = "Amazon ECS service options: DAEMON scheduling is not supported on Fargate (ecs_service-options.html)"
SCALING = "AWS Lambda scaling behaviour (docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html)"
COLD_STARTS = "AWS Lambda cold starts, provisioned concurrency and SnapStart (snapstart.html)"
PAYLOAD = "AWS Lambda Invoke API payload limits (API_Invoke.html)"

TIMEOUT_S = 900
DURABLE_MAX_S = 31_622_400  # DurableConfig ExecutionTimeout: at most one 366-day year
DURABLE = ("Lambda durable functions (AWS, December 2025): checkpoint and replay, an execution up to one year "
           "(AWS Lambda Developer Guide 'Lambda durable functions', 'Basic concepts'; AWS SAM DurableConfig: "
           "ExecutionTimeout at most 31,622,400 s); each invocation keeps the 15-minute limit")
MAX_MEMORY_MB = 10240
MAX_VCPU = 6
MAX_SCRATCH_GB = 10
MAX_ARTIFACT_MB = 10 * 1024


@dataclass(frozen=True, slots=True)
class LambdaCapacity:
    peak_concurrency: float
    average_concurrency: float
    memory_mb: int
    vcpu_equivalent: float
    hourly_concurrency: tuple[float, ...]

    hourly_name = "Lambda concurrency"
    hourly_whole = False

    @property
    def hourly(self) -> tuple[float, ...]:
        return self.hourly_concurrency

    def summary(self) -> str:
        return (f"peak {self.peak_concurrency:,.1f} concurrent (average {self.average_concurrency:,.1f}), "
                f"{self.memory_mb:,} MB")

    def details(self) -> list[str]:
        return [f"Peak concurrency {self.peak_concurrency:,.1f}, average {self.average_concurrency:,.1f}",
                f"{self.memory_mb:,} MB memory (about {self.vcpu_equivalent:.2f} vCPU)"]

    def assumption(self) -> tuple[str, str] | None:
        return None

    def to_json(self) -> dict[str, Any]:
        return {"peak_concurrency": round(self.peak_concurrency, 3),
                "average_concurrency": round(self.average_concurrency, 3),
                "memory_mb": self.memory_mb, "vcpu_equivalent": round(self.vcpu_equivalent, 3)}


def lambda_eligible(ctx: PricingContext, calc: Calc, c: Commitment, used: dict[str, Amount],
                    duration_usd: Amount) -> list[Eligible]:
    """Lambda usage a Compute Savings Plan covers: duration (billable, after the free tier: the order of the two
    was not found) and provisioned concurrency, never requests (rule R6). Duration is priced in tiers: its covered
    share is credited at the share of its on-demand lines (`duration_usd`)."""
    arch = ctx.workload.architecture
    prices = ctx.prices.lambda_
    section = ctx.prices.commitments
    found = (section.lambda_.compute_sp.get(term_payment(c.term, c.payment), {}).get(arch)
             if section is not None else None)
    tiers = prices.duration.get(arch)
    on_demand = {"duration": tiers[0].price if tiers else None,
                 "provisioned_concurrency": prices.provisioned_concurrency.get(arch),
                 "provisioned_duration": prices.provisioned_duration.get(arch)}
    labels = {"duration": "Duration", "provisioned_concurrency": "Provisioned concurrency",
              "provisioned_duration": "Duration on provisioned concurrency"}
    items = []
    for part, price in on_demand.items():
        if price is None or (part != "duration" and ctx.workload.lambda_.provisioned_concurrency == 0):
            continue
        committed = getattr(found, part) if found is not None else None
        items.append(Eligible(labels[part], used[part], "GB-second", (price,), (committed,),
                              f"Lambda {labels[part].lower()} ({arch})",
                              on_demand_usd=duration_usd if part == "duration" else None))
    return items


class LambdaOption(ComputeOption):
    def price(self, ctx: PricingContext, calc: Calc) -> Sizing | None:
        w = ctx.workload
        cfg = w.lambda_
        prices = ctx.prices.lambda_
        arch = w.architecture
        units = calc.units
        zero = calc.num(0)
        duration_s = calc.num(w.traffic.duration_ms) / 1000
        memory_gb = calc.num(cfg.memory_mb) / MB_PER_GB
        share = calc.num(cfg.provisioned_share) if cfg.provisioned_concurrency > 0 else zero
        pc_units = units * share
        od_units = units - pc_units

        if prices.requests is None:
            calc.record_missing("Lambda requests")
        else:
            per_event = requests_per_event(w.requirements.trigger, w.requirements.payload_kb)
            metered = units * per_event
            free = calc.num(ctx.free_tier.lambda_requests) if cfg.free_tier else zero
            billable = calc.maximum(zero, metered - free)

            def requests_note() -> str:
                parts = []
                if per_event > 1:
                    parts.append(f"each {w.requirements.payload_kb:g} KB asynchronous event bills {per_event} "
                                 f"requests ({ASYNC_FIRST_KB} KB, then one per further {ASYNC_STEP_KB} KB)")
                if free:
                    parts.append(f"{metered:,.0f} requests minus {free:,.0f} free")
                return "; ".join(parts)

            calc.line("Requests", billable / 1_000_000, "1M requests", prices.requests, group="requests",
                      note=requests_note)

        tiers = prices.duration.get(arch)
        od_gb_s = od_units * duration_s * memory_gb
        billable_gb_s = duration_usd = zero
        if not tiers:
            calc.record_missing(f"Lambda {arch} duration")
        else:
            free_gb_s = calc.num(ctx.free_tier.lambda_gb_seconds) if cfg.free_tier else zero
            billable_gb_s = calc.maximum(zero, od_gb_s - free_gb_s)
            duration_usd = calc.tiered(billable_gb_s, tiers, f"Duration ({arch})", "GB-second",
                        note=lambda: f"{od_gb_s:,.0f} GB-s minus {free_gb_s:,.0f} free" if free_gb_s
                        else f"{od_gb_s:,.0f} GB-s", missing_as=f"Lambda {arch} duration", per="GB-seconds")

        extra_storage_gb = calc.num(cfg.ephemeral_storage_mb - 512) / MB_PER_GB
        if cfg.ephemeral_storage_mb > 512:
            calc.line_or_missing("Ephemeral storage above 512 MB", units * duration_s * extra_storage_gb,
                                 "GB-second", prices.ephemeral_storage, missing_as="Lambda ephemeral storage",
                                 group="storage")

        configured = zero
        if cfg.provisioned_concurrency > 0:
            # each part on its own: a part the book lacks a price for is left out only if it has usage
            configured = (calc.num(cfg.provisioned_concurrency) * memory_gb
                          * calc.num(cfg.provisioned_hours_per_month) * 3600)
            calc.line_or_missing("Provisioned concurrency (while enabled)", configured, "GB-second",
                                 prices.provisioned_concurrency.get(arch), group="provisioned",
                                 missing_as=f"Lambda {arch} provisioned concurrency",
                                 note=f"{cfg.provisioned_concurrency} environments x "
                                      f"{cfg.provisioned_hours_per_month:g} h")
            calc.line_or_missing("Duration on provisioned concurrency", pc_units * duration_s * memory_gb,
                                 "GB-second", prices.provisioned_duration.get(arch), group="provisioned",
                                 missing_as=f"Lambda {arch} duration on provisioned concurrency")

        if _durable(w):  # billed apart by Lambda; no source in the references gives their price
            calc.record_missing("Lambda durable execution charges", core=False)

        plan_warning: tuple[str, ...] = ()
        if plan_of(w) is None:
            pct = w.assumptions.savings_plans.lambda_pct
            groups = ("compute", "provisioned")
            calc.discount(calc.group_total(groups), pct, "Compute Savings Plan (Lambda)",
                          f"{pct:g}% off {', '.join(groups)} (an editable assumption)")
        else:
            refused = apply_plan(calc, w, "lambda", calc.num(1), lambda plan: lambda_eligible(ctx, calc, plan, {
                "duration": billable_gb_s, "provisioned_concurrency": configured,
                "provisioned_duration": pc_units * duration_s * memory_gb}, duration_usd), calc.concurrency())
            plan_warning = (refused,) if refused else ()
        if calc.unpriced or not calc.exact:
            return None if calc.unpriced else Sizing()

        hourly = tuple(calc.concurrency()[0].tolist())
        peak = max(hourly)
        warnings: tuple[str, ...] = plan_warning
        if peak > DEFAULT_CONCURRENCY_QUOTA:
            warnings += (f"Peak concurrency of about {peak:,.0f} is above Lambda's default quota of "
                        f"{DEFAULT_CONCURRENCY_QUOTA:,} per region: request a raise or expect throttling",)
        capacity = LambdaCapacity(peak_concurrency=peak, average_concurrency=sum(hourly) / 24,
                                  memory_mb=cfg.memory_mb, vcpu_equivalent=min(6.0, cfg.memory_mb / MB_PER_VCPU),
                                  hourly_concurrency=hourly)
        return Sizing(capacity, warnings)


# --- hard limits ---------------------------------------------------------------------------------------
def _timeout(w: Workload) -> str | None:
    seconds = w.traffic.duration_ms / 1000
    if seconds <= TIMEOUT_S or _durable(w):
        return None
    return (f"Lambda: {unit_phrase(w)} takes {duration_text(seconds)}; Lambda stops a function after "
            f"15 min ({TIMEOUT_S} s)")


HARD_RULES = (
    HardRule("lambda.timeout", QUOTAS, _timeout),
    HardRule("lambda.memory", QUOTAS, above(unit_memory_mb, MAX_MEMORY_MB, lambda w, need: (
        f"Lambda: {unit_phrase(w)} needs {need:,.0f} MB of memory; a function has at most 10,240 MB"))),
    HardRule("lambda.vcpu", MEMORY, above(unit_vcpu, MAX_VCPU, lambda w, need: (
        f"Lambda: {unit_phrase(w)} needs {need:g} vCPU; a function gets at most 6 vCPU (at 10,240 MB)"))),
    HardRule("lambda.gpu", QUOTAS, no_gpus("Lambda", "Lambda has no GPUs (only ECS on EC2 GPU instances do)")),
    HardRule("lambda.privileged", QUOTAS, no_privileged("Lambda", "Lambda allows none of them")),
    HardRule("lambda.daemon", ECS_DAEMON, no_daemon("Lambda", "Lambda has no hosts to run it on")),
    HardRule("lambda.windows", QUOTAS, no_windows("Lambda", "Lambda runs only Linux")),
    HardRule("lambda.scratch", QUOTAS, above(scratch_gb, MAX_SCRATCH_GB, lambda w, need: (
        f"Lambda: {unit_phrase(w)} needs {need:g} GB of scratch disk; /tmp holds at most 10 GB (10,240 MB)"))),
    HardRule("lambda.artifact", QUOTAS, above(lambda w: w.requirements.artifact_mb, MAX_ARTIFACT_MB, lambda w, size: (
        f"Lambda: the deployment artifact is {size / 1024:,.1f} GB; a Lambda container image is at most 10 GB"))),
)


def _durable(w: Workload) -> bool:
    """A run past 15 minutes that the workload says can checkpoint: a Lambda durable function can run it."""
    return (w.requirements.checkpointable and TIMEOUT_S < w.traffic.duration_ms / 1000 <= DURABLE_MAX_S)


# --- findings that concern Lambda ---------------------------------------------------------------------
def _durable_run(w: Workload, q: Quote) -> Signal | None:
    if not _durable(w):
        return None
    return Signal(f"{unit_phrase(w).capitalize()} takes {duration_text(w.traffic.duration_ms / 1000)}, past "
                  f"Lambda's 15 min per invocation: it runs only as a durable function (checkpointed steps, each "
                  "invocation under 15 min, an execution up to one year); the quote prices its duration as Lambda "
                  "duration and leaves out the durable-execution charges (no price in the book)", "warning",
                  against=(ID,))



def _peak(q: Quote) -> float:
    option = q.options.get(ID)
    cap = option.capacity if option is not None else None
    return cap.peak_concurrency if isinstance(cap, LambdaCapacity) else 0.0


def _cold_starts(w: Workload, q: Quote) -> Signal | None:
    slo = w.requirements.latency_slo_ms
    if slo is None or slo >= 1000 or w.is_jobs:
        return None
    if w.lambda_.provisioned_concurrency > 0:
        return Signal(f"Latency target {slo:g} ms: cold starts are covered by {w.lambda_.provisioned_concurrency} "
                      "provisioned environments (priced in the quote)", "info")
    severity: Severity = "strong" if slo < 300 and is_spiky(w.traffic.daily_profile) else "warning"
    return Signal(f"Latency target {slo:g} ms: Lambda cold starts take 100 ms to over 1 s; provisioned "
                  "concurrency (extra cost) or always-on containers avoid them", severity, against=(ID,))


def _concurrency_quota(w: Workload, q: Quote) -> Signal | None:
    peak = _peak(q)
    origin = "traffic.runs_per_month" if w.is_jobs else None
    if peak > DEFAULT_CONCURRENCY_QUOTA:
        return Signal(f"Lambda needs about {peak:,.0f} concurrent executions at the peak hour; the default quota is "
                      f"{DEFAULT_CONCURRENCY_QUOTA:,} per region: requests throttle unless the quota is raised",
                      "strong", against=(ID,), origin=origin)
    if peak > DEFAULT_CONCURRENCY_QUOTA * QUOTA_WARNING_SHARE:
        return Signal(f"Lambda needs about {peak:,.0f} concurrent executions at the peak hour, near the default "
                      f"quota of {DEFAULT_CONCURRENCY_QUOTA:,} per region", "warning", against=(ID,), origin=origin)
    return None


def _scaling_rate(w: Workload, q: Quote) -> Signal | None:
    peak = _peak(q)
    if not is_spiky(w.traffic.daily_profile) or peak <= SCALE_PER_10_S:
        return None
    return Signal(f"Spiky load reaching {peak:,.0f} concurrent executions: Lambda adds at most "
                  f"{SCALE_PER_10_S:,} execution environments every 10 s per function, so steeper bursts "
                  "throttle (provisioned concurrency helps)", "warning", against=(ID,))


def _payload(w: Workload, q: Quote) -> Signal | None:
    size = w.requirements.payload_kb
    how = invocation(w.requirements.trigger)
    limit = ASYNC_PAYLOAD_KB if how.asynchronous else SYNC_PAYLOAD_KB
    if size <= limit:
        return None
    kind = "an asynchronous invocation carries at most 1 MB" if how.asynchronous else \
        "a synchronous request or response is at most 6 MB (streaming: 200 MB)"
    return Signal(f"Payloads of {size / 1024:,.1f} MB: this trigger invokes a function {how.how}, and {kind}; "
                  "larger bodies need S3 indirection", "warning", against=(ID,))


def _artifact(w: Workload, q: Quote) -> Signal | None:
    size = w.requirements.artifact_mb
    if size <= ZIP_PACKAGE_MB or size > 10 * 1024:
        return None
    return Signal(f"A {size:,.0f} MB deployment artifact is over the 250 MB .zip limit: Lambda needs a container "
                  "image, and large images lengthen cold starts", "info", against=(ID,))


SOFT_RULES = (
    SoftRule(20, "latency.cold_starts", "requirements.latency_slo_ms", "latency", COLD_STARTS, _cold_starts),
    SoftRule(40, "lambda.concurrency_quota", "traffic.requests_per_month", "operations", QUOTAS,
             _concurrency_quota),
    SoftRule(50, "lambda.scaling_rate", "traffic.daily_profile", "latency", SCALING, _scaling_rate),
    SoftRule(55, "lambda.durable", "requirements.checkpointable", "flexibility", DURABLE, _durable_run),
    SoftRule(80, "lambda.payload", "requirements.payload_kb", "flexibility", f"{PAYLOAD}; {INVOCATION_SOURCE}",
             _payload),
    SoftRule(90, "lambda.artifact", "requirements.artifact_mb", "latency", QUOTAS, _artifact),
)

OPTION = LambdaOption(
    id=ID, label="AWS Lambda", short_label="Lambda",
    front_door="api_gateway_http", alb_gb_per_lcu=0.4,
    traits=Traits(kind="function", operations=0, control=0),
    savings_plan=SavingsPlan("lambda_pct", "Lambda"),
    hard_rules=HARD_RULES, soft_rules=SOFT_RULES,
    style=OptionStyle(ORANGE, ORANGE, "solid", "o", 0.0), book=BOOK,
    vended_logs=True,
)
