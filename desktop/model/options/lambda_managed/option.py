"""AWS Lambda Managed Instances: the function's code on EC2 instances that Lambda runs in your account.

Price (shared reference aws-prices-more.md §8.1): the instances' EC2 on-demand price x hours, plus a management fee
of 15% of that price (the book's `lambda_managed.management_fee`, a sourced rate), plus $0.20 per million requests;
no duration (GB-second) charge. A Savings Plan discounts the EC2 part; whether it discounts the fee was not found,
so the fee is charged in full. No free tier is applied (none was found for Managed Instances).
The fleet, sized for the peak within each hour (traffic.burst_ratio, as containers are): each execution environment
serves several requests at once (`concurrency_per_environment`, by default the runtime's documented default per
vCPU), but never more than its CPU can carry at the containers' target utilisation; environments pack onto
instances by vCPU and memory (no host reserve: none was found documented); at least `min_instances` (AWS's default
of three, for Availability Zone resilience; fewer are allowed) run in every hour the version is active; in
`off_hours_per_day` scheduled off hours (the quietest of the daily profile) the version is deactivated and none
runs ('Scaling Lambda Managed Instances', AWS Lambda Developer Guide: MinExecutionEnvironments 0 only with a
maximum of 0; scale to zero on a schedule with EventBridge Scheduler). The requests one environment serves at once
come from the LMI setting or the runtime's default, capped by CPU only where the workload states a request's own
vCPU (requirements.vcpu_per_unit), never from the container section's concurrency_per_task.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from desktop.model.format import count_range
from desktop.model.options.base import ComputeOption, HardRule, SavingsPlan, Signal, Sizing, SoftRule, Traits
from desktop.model.options.common.calc import Array, Calc
from desktop.model.options.common.commitment import apply_plan, instances_eligible, plan_of
from desktop.model.options.common.containers import hourly_counts
from desktop.model.options.common.fleet import Candidate, cheapest
from desktop.model.options.common.hard_rules import (
    above,
    needs_windows,
    no_daemon,
    no_gpus,
    no_privileged,
    refused_when,
)
from desktop.model.options.common.limits import duration_text, unit_memory_mb, unit_phrase, unit_vcpu
from desktop.model.options.common.style import REDDISH_PURPLE, OptionStyle
from desktop.model.options.lambda_managed.prices import BOOK
from desktop.model.options.lambda_managed.runtimes import LOWEST_PER_VCPU, PER_VCPU_DEFAULT
from desktop.model.pricing.money import dec
from desktop.model.pricing.quote import MissingPrice, Quote
from desktop.model.workload.load_shape import hour_weights, is_spiky
from desktop.model.workload.problem import FieldProblem

if TYPE_CHECKING:
    from desktop.model.pricing.book import Confidence, InstanceType, Price, PriceBook, SourcedRate
    from desktop.model.pricing.context import PricingContext
    from desktop.model.schema.questions import Question
    from desktop.model.workload.spec import Workload

ID = "lambda_managed"
NAME = "Lambda Managed Instances"

OVERVIEW = ("AWS Lambda Managed Instances: Lambda's programming model on current-generation EC2 instances Lambda "
            "manages in your account (docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances.html)")
RUNTIMES = "Lambda Managed Instances runtimes: Java 21+, Python 3.13+, Node.js 22+, .NET 8+ " \
           "(lambda-managed-instances-runtimes.html); Rust since March 2026 per refactix.com (a secondary source)"
CAPACITY_API = ("LambdaManagedInstancesCapacityProviderConfig: PerExecutionEnvironmentMaxConcurrency 1-1,600, "
                "ExecutionEnvironmentMemoryGiBPerVCpu 2.0-8.0 (Lambda API reference)")
FLEET_FLOOR = ("Lambda Managed Instances best practices: 'Lambda launches three instances by default for AZ "
               "resiliency'; 'Scaling Lambda Managed Instances': 'The default minimum is 3 execution environments', "
               "'Values below 3 reduce Availability Zone redundancy', zero only by deactivation (on a schedule); "
               "AWS's agent-toolkit-for-aws cost comparison: not cheaper at a low number of requests "
               "a month (the fixed 3-instance cost exceeds Lambda)")
SCALING = ("Lambda Managed Instances scaling: asynchronous, on CPU use and multi-concurrency saturation; 'if traffic "
           "more than doubles within 5 minutes you may see throttling' (lambda-managed-instances-scaling)")
FUNCTION_SIZE = ("function size up to 32 GB of memory and 16 vCPU (March 2026): refactix.com, 2026-04-28, and a "
                 "second public source that agrees (graded B; not read on an AWS page)")
NO_GPU = "'GPU instances: NOT supported': a single public source (graded C; not confirmed on an AWS page)"
UNCONFIRMED = "aws-prices-more.md §8.1 (what the sources did not give)"

RUNTIME_NAMES = {"nodejs": "Node.js", "python": "Python", "java": "Java", "dotnet": ".NET", "rust": "Rust",
                 "other": "another runtime", "unknown": "a runtime not given"}
MAX_CONCURRENCY = 1600
DEFAULT_MIN_INSTANCES = 3  # 'Scaling Lambda Managed Instances' (AWS Lambda Developer Guide, 2026 copy)
MAX_MEMORY_MB = 32 * 1024
MAX_VCPU = 16
LAMBDA_TIMEOUT_S = 900
LAMBDA_TMP_GB = 10

CONFIDENCE_ORDER: tuple[Confidence, ...] = ("A", "B", "C")


@dataclass(frozen=True, slots=True)
class Environment:
    """One execution environment as sized: its vCPU and memory, and the requests it serves at once."""

    vcpu: float
    memory_gib: float
    concurrency: int  # requests served at once, as sized (the setting, or less when the CPU cannot carry it)
    setting: int  # the concurrency setting (the field, or the runtime's default)
    setting_text: str  # where the setting comes from, in words


def environment(w: Workload) -> Environment:
    """The function's memory over the memory per vCPU gives the environment's vCPU (at least 1, as no smaller
    environment was found documented); its concurrency is the setting, capped by what the CPU carries at the
    target utilisation (each request in flight needs `requirements.vcpu_per_unit`)."""
    cfg = w.lambda_managed
    ratio = cfg.memory_gib_per_vcpu
    vcpu = max(1.0, w.lambda_.memory_mb / 1024 / ratio)
    if cfg.concurrency_per_environment is not None:
        setting, text = cfg.concurrency_per_environment, "as set"
    else:
        per_vcpu = PER_VCPU_DEFAULT.get(cfg.runtime, LOWEST_PER_VCPU)
        setting = min(MAX_CONCURRENCY, max(1, math.floor(per_vcpu * vcpu + 1e-9)))
        runtime = RUNTIME_NAMES[cfg.runtime]
        text = (f"{runtime}'s default of {per_vcpu} per vCPU" if cfg.runtime in PER_VCPU_DEFAULT
                else f"{runtime}: the lowest documented default, {per_vcpu} per vCPU")
    need = _own_vcpu_per_unit(w)  # None or 0: the CPU never limits (the setting or the runtime's default rules)
    carried = math.inf if not need or need <= 0 else vcpu * w.container.target_utilization / need + 1e-9
    by_cpu = MAX_CONCURRENCY if carried >= MAX_CONCURRENCY else max(1, math.floor(carried))
    return Environment(vcpu, vcpu * ratio, min(setting, by_cpu), setting, text)


def _own_vcpu_per_unit(w: Workload) -> float | None:
    """The CPU one request or run needs, only as the workload itself states it (requirements.vcpu_per_unit, or a
    run's own vCPU for jobs); never derived from the container section's tasks (container.vcpu /
    concurrency_per_task), which says how a container is sized, not how a Lambda environment serves requests."""
    if w.requirements.vcpu_per_unit is not None:
        return w.requirements.vcpu_per_unit
    return unit_vcpu(w) if w.is_jobs else None


def off_hours(w: Workload) -> tuple[int, ...]:
    """The hours of the day the version is deactivated: the quietest `off_hours_per_day` of the daily profile
    (earliest first among equals)."""
    count = w.lambda_managed.off_hours_per_day
    if count <= 0:
        return ()
    weights = hour_weights(w.traffic.daily_profile)
    return tuple(sorted(sorted(range(24), key=lambda h: (weights[h], h))[:count]))


def environments_per_instance(env: Environment, itype: InstanceType) -> int:
    by_cpu = math.floor(itype.vcpu / env.vcpu + 1e-9)
    by_memory = math.floor(float(itype.memory_gib) / env.memory_gib + 1e-9)
    return max(0, min(by_cpu, by_memory))


@dataclass(frozen=True, slots=True)
class LambdaManagedCapacity:
    instance_type: str
    instance_vcpu: int
    instance_memory_gib: Decimal
    environment: Environment
    environments_per_instance: int
    environments_per_hour: tuple[int, ...]
    instances_per_hour: tuple[int, ...]
    instance_hours: Decimal
    min_instances: int
    chosen_automatically: bool

    hourly_name = "Lambda MI instances"
    hourly_whole = True

    @property
    def peak_instances(self) -> int:
        return max(self.instances_per_hour) if self.instances_per_hour else 0

    @property
    def floor_hours(self) -> int:
        """Hours of the day in which the minimum fleet, not the load, sets the instance count."""
        need = [math.ceil(e / self.environments_per_instance) for e in self.environments_per_hour]
        return sum(1 for n, got in zip(need, self.instances_per_hour, strict=True) if n < self.min_instances and got)

    @property
    def hourly(self) -> tuple[float, ...]:
        return tuple(float(n) for n in self.instances_per_hour)

    def summary(self) -> str:
        auto = " (auto)" if self.chosen_automatically else ""
        per = self.environment.concurrency
        return (f"{self.instance_type}{auto} x {count_range(self.instances_per_hour)}, "
                f"{per} request{'' if per == 1 else 's'} per environment")

    def details(self) -> list[str]:
        env = self.environment
        limited = (f", limited by CPU (setting {env.setting}: {env.setting_text})" if env.concurrency < env.setting
                   else f" ({env.setting_text})")
        return [f"{self.instance_type} ({self.instance_vcpu} vCPU, {self.instance_memory_gib:g} GiB), "
                f"{self.environments_per_instance} environment(s) of {env.vcpu:g} vCPU / {env.memory_gib:g} GiB each",
                f"{env.concurrency} request(s) per environment at once{limited}",
                f"Up to {self.peak_instances:,} instance(s), at least {self.min_instances}; "
                f"{float(self.instance_hours):,.1f} instance-hours a month"]

    def assumption(self) -> tuple[str, str] | None:
        how = "cheapest that fits, chosen automatically" if self.chosen_automatically else "as set"
        return (f"{NAME} instance type",
                f"{self.instance_type} ({how}; AWS's list of supported types was not found)")

    def to_json(self) -> dict[str, Any]:
        env = self.environment
        memory = self.instance_memory_gib
        return {"instance_type": self.instance_type, "chosen_automatically": self.chosen_automatically,
                "instance_vcpu": self.instance_vcpu,
                "instance_memory_gib": int(memory) if memory == int(memory) else float(memory),
                "environment_vcpu": round(env.vcpu, 3), "environment_memory_gib": round(env.memory_gib, 3),
                "requests_per_environment": env.concurrency, "concurrency_setting": env.setting,
                "environments_per_instance": self.environments_per_instance,
                "environments_per_hour": list(self.environments_per_hour),
                "instances_per_hour": list(self.instances_per_hour), "peak_instances": self.peak_instances,
                "min_instances": self.min_instances, "instance_hours": round(float(self.instance_hours), 3)}


def _usable(itype: InstanceType, w: Workload, automatic: bool) -> bool:
    """Types of the workload's architecture, without GPUs; automatic choice also skips burstable (t-family) types:
    AWS names current-generation types and its supported list was not found (set instance_type to try one)."""
    return itype.architecture == w.architecture and itype.gpus == 0 and not (automatic and itype.burstable)


# The types that can hold the environments depend on the region's prices and the environment, not the volume, and a
# quote is asked for many times per edit (sensitivity, break-even): keep the last few answers, each with the prices
# object it was computed from (so a reused id() never returns another book's answer).
_CACHE: dict[tuple[object, ...], tuple[object, list[Candidate]]] = {}
_CACHE_SIZE = 64


def _candidates(ctx: PricingContext, env: Environment) -> list[Candidate]:
    """Types that hold at least one environment, without those another type beats on both price and fit (they could
    never be the cheapest fleet), in name order."""
    w = ctx.workload
    wanted = w.lambda_managed.instance_type
    key = (id(ctx.prices), id(ctx.instance_types), w.architecture, wanted, env.vcpu, env.memory_gib)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is ctx.prices:
        return hit[1]
    names = sorted(ctx.prices.ec2.on_demand) if wanted == "auto" else [wanted]
    found: list[Candidate] = []
    for name in names:
        price = ctx.prices.ec2.on_demand.get(name)
        itype = ctx.instance_types.get(name)
        if price is None or itype is None or not _usable(itype, w, wanted == "auto"):
            continue
        per = environments_per_instance(env, itype)
        if per >= 1:
            found.append((name, itype, price, per))
    found.sort(key=lambda c: (c[2].usd, -c[3], c[0]))
    kept: list[Candidate] = []
    for candidate in found:
        if candidate[3] > max((k[3] for k in kept), default=0):
            kept.append(candidate)
    kept.sort(key=lambda c: c[0])
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.clear()
    _CACHE[key] = (ctx.prices, kept)
    return kept


def _no_fit(ctx: PricingContext, calc: Calc, env: Environment) -> Sizing | None:
    """Why no instance type can run the environments: a missing price (recorded) or a reason."""
    w = ctx.workload
    wanted = w.lambda_managed.instance_type
    size = f"an execution environment of {env.vcpu:g} vCPU and {env.memory_gib:g} GiB"
    if wanted != "auto":
        itype = ctx.instance_types.get(wanted)
        if itype is None or wanted not in ctx.prices.ec2.on_demand:
            calc.record_missing(f"EC2 {wanted}")
            return None
        if itype.gpus:
            return Sizing(reason=f"{NAME}: {wanted} is a GPU instance; GPU instances are not supported")
        if itype.architecture != w.architecture:
            return Sizing(reason=f"{NAME}: {wanted} is {itype.architecture}, the workload is {w.architecture}")
        return Sizing(reason=f"{NAME}: {wanted} ({itype.vcpu} vCPU, {itype.memory_gib:g} GiB) cannot hold {size}")
    if not any(_usable(t, w, True) for n, t in ctx.instance_types.items() if n in ctx.prices.ec2.on_demand):
        calc.record_missing(f"any {w.architecture} EC2 instance")
        return None
    return Sizing(reason=f"{NAME}: no {w.architecture} instance type in the price book for {w.region} holds {size}")


def _fee_price(price: Price, fee: SourcedRate, name: str) -> Price:
    """The fee per instance-hour: the sourced fraction of the type's EC2 price, as sure as the less sure of the two."""
    confidence = max(price.confidence, fee.confidence, key=CONFIDENCE_ORDER.index)
    return type(price)(usd=price.usd * fee.fraction, unit="hour", source=fee.source, as_of=fee.as_of,
                 confidence=confidence,
                 note=f"{float(fee.fraction) * 100:g}% of {name}'s EC2 on-demand price (${price.usd}/hour): {fee.note}")


def _own_questions() -> tuple[tuple[str, Question], ...]:
    from desktop.model.options.lambda_managed.questions import QUESTIONS  # the questionnaire's classes: on request

    return QUESTIONS


class LambdaManagedOption(ComputeOption):
    def check(self, workload: Workload, book: PriceBook) -> list[FieldProblem]:
        wanted = workload.lambda_managed.instance_type
        if wanted == "auto" or wanted in book.instance_types:
            return []
        return [FieldProblem("lambda_managed.instance_type", f"{wanted!r} is not in the price book's instance "
                             f"catalogue (use \"auto\" or one of {len(book.instance_types)} known types)")]

    def price(self, ctx: PricingContext, calc: Calc) -> Sizing | None:
        w = ctx.workload
        cfg = w.lambda_managed
        env = environment(w)
        candidates = _candidates(ctx, env)
        if not candidates:
            return _no_fit(ctx, calc, env)

        concurrency = calc.concurrency() * w.traffic.burst_ratio  # the peak within each hour, as for containers
        xp = calc.xp
        environments: Array = xp.where(concurrency > 0, xp.ceil(concurrency / env.concurrency - 1e-9), 0.0)
        per_instance = xp.array([c[3] for c in candidates], dtype=float)
        floor = xp.full(24, float(cfg.min_instances))
        off = list(off_hours(w))
        floor[off] = 0.0
        instances: Array = xp.maximum(floor[None, None, :],
                                      xp.ceil(environments[None, :, :] / per_instance[:, None, None]))
        instances[:, :, off] = 0.0  # deactivated: no instance runs, whatever the load (see the warning)
        totals = xp.sum(instances, axis=2)
        chosen = cheapest(calc, totals, xp.array([float(c[2].usd) for c in candidates]))
        month_hours = calc.num(w.assumptions.month_hours)
        instance_hours = calc.count(totals[chosen, xp.arange(len(chosen))]) * month_hours / 24
        name, itype, _price, per = candidates[int(chosen[0])]
        peak = int(instances[int(chosen[0]), 0].max()) if calc.exact else 0
        compute = calc.line_at(f"EC2 instances ({name})", instance_hours, "instance-hour",
                               [c[2] for c in candidates], chosen,
                               note=f"{per} execution environment(s) per instance, {peak} instance(s) at the "
                                    f"busiest hour, at least {cfg.min_instances}"
                                    + (f", none in {len(off)} scheduled off hour(s) a day" if off else ""))

        section = ctx.prices.lambda_managed
        fee = section.management_fee if section is not None else None
        if fee is None:
            calc.missing.append(MissingPrice(
                f"management fee not in the price book: no sourced {NAME} management fee for {w.region} in the "
                f"price book dated {ctx.book.effective_date}", core=False, what="Lambda MI management fee",
                region=w.region, usage=((instance_hours, "instance-hour"),) if calc.exact else ()))
        else:
            calc.line_at(f"Management fee ({float(fee.fraction) * 100:g}% of EC2)", instance_hours, "instance-hour",
                         [_fee_price(c[2], fee, c[0]) for c in candidates], chosen,
                         note="charged in full: whether a Savings Plan discounts the fee was not found")

        requests = section.requests if section is not None else None
        if requests is None:  # named short in table cells and chart labels, in full in the sentence
            usage = ((dec(calc.units / 1_000_000), "1M requests"),) if calc.exact else ()
            calc.missing.append(replace(ctx.missing(f"{NAME} requests", core=False, usage=usage),
                                        what="Lambda MI requests"))
        else:
            calc.line("Requests", calc.units / 1_000_000, "1M requests", requests, group="requests",
                      note="no duration charge; no free tier applied")

        if plan_of(w) is None:
            plan_pct = w.assumptions.savings_plans.ec2_pct
            calc.discount(compute, plan_pct, "Savings Plan (EC2 part)",
                          f"{plan_pct:g}% off the instances' EC2 price (an editable assumption), not the fee")
        else:  # the fee stays at 15% of on-demand under a Savings Plan (AWS's example; shared reference KW7)
            apply_plan(calc, w, "ec2", calc.num(1), lambda plan: [instances_eligible(
                ctx, calc, plan, [(c[0], c[2]) for c in candidates], chosen, instance_hours, True)],
                instances[chosen, xp.arange(len(chosen))])
        if calc.unpriced or not calc.exact:
            return None if calc.unpriced else Sizing()

        capacity = LambdaManagedCapacity(
            instance_type=name, instance_vcpu=itype.vcpu, instance_memory_gib=itype.memory_gib, environment=env,
            environments_per_instance=per, environments_per_hour=hourly_counts(environments),
            instances_per_hour=hourly_counts(instances[int(chosen[0])]), instance_hours=instance_hours,
            min_instances=cfg.min_instances, chosen_automatically=cfg.instance_type == "auto")
        served_off = [h for h in off if environments[0, h] > 0]
        warnings: tuple[str, ...] = ()
        if served_off:
            warnings = (f"{NAME}: the version is deactivated {len(off)} hour(s) a day, but hour(s) "
                        f"{', '.join(f'{h:02d}:00' for h in served_off)} carry requests a deactivated version "
                        "cannot serve (it does not scale back up with traffic)",)
        return Sizing(capacity, warnings)


# --- hard limits ---------------------------------------------------------------------------------------
def _runtime(w: Workload) -> str | None:
    if w.lambda_managed.runtime != "other":
        return None
    return (f"{NAME}: the function's runtime is not one they run (Node.js 22+, Python 3.13+, Java 21+, .NET 8+; "
            "Rust per a secondary source)")


HARD_RULES = (
    HardRule("lambda_managed.runtime", RUNTIMES, _runtime),
    HardRule("lambda_managed.gpu", NO_GPU, no_gpus(NAME, "GPU instances are not supported")),
    HardRule("lambda_managed.memory", FUNCTION_SIZE, above(unit_memory_mb, MAX_MEMORY_MB, lambda w, need: (
        f"{NAME}: {unit_phrase(w)} needs {need:,.0f} MB of memory; a function has at most 32 GB (32,768 MB)"))),
    HardRule("lambda_managed.vcpu", FUNCTION_SIZE, above(unit_vcpu, MAX_VCPU, lambda w, need: (
        f"{NAME}: {unit_phrase(w)} needs {need:g} vCPU; a function has at most {MAX_VCPU} vCPU"))),
    HardRule("lambda_managed.windows", RUNTIMES, refused_when(needs_windows, (
        f"{NAME}: the work needs Windows; the supported runtimes run on Linux only"))),
    HardRule("lambda_managed.privileged", OVERVIEW,
             no_privileged(NAME, "Lambda manages the instances and runs only function code on them")),
    HardRule("lambda_managed.daemon", OVERVIEW,
             no_daemon(NAME, "Lambda manages the hosts and runs no agents of yours")),
)


# --- findings that concern Lambda Managed Instances -----------------------------------------------------------
def _capacity(q: Quote) -> LambdaManagedCapacity | None:
    option = q.options.get(ID)
    cap = option.capacity if option is not None and option.feasible else None
    return cap if isinstance(cap, LambdaManagedCapacity) else None


def _no_cold_starts(w: Workload, q: Quote) -> Signal | None:
    slo = w.requirements.latency_slo_ms
    if slo is None or slo >= 1000 or w.is_jobs or _capacity(q) is None:
        return None
    return Signal(f"Latency target {slo:g} ms: {NAME} keep execution environments running on the fleet, so "
                  "requests do not wait for cold starts", "info", favours=(ID,))


def _fleet_floor(w: Workload, q: Quote) -> Signal | None:
    cap = _capacity(q)
    if cap is None or cap.floor_hours == 0:
        return None
    option = q.options[ID]
    fleet = sum((i.usd for i in option.line_items if i.group == "compute"), Decimal(0))
    hours = "every hour" if cap.floor_hours == 24 else f"{cap.floor_hours} of 24 hours"
    why = ("AWS's default, for Availability Zone resilience" if cap.min_instances == DEFAULT_MIN_INSTANCES else
           f"as set; AWS's default is {DEFAULT_MIN_INSTANCES}" + (
               ", and fewer reduce Availability Zone redundancy" if cap.min_instances < DEFAULT_MIN_INSTANCES else ""))
    text = f"{NAME} keep at least {cap.min_instances} instances running ({why}); the load needs fewer in {hours}"
    cheaper = [o for o in q.feasible_options() if o.option != ID and o.monthly_usd is not None
               and option.monthly_usd is not None and o.monthly_usd < option.monthly_usd]
    if cap.floor_hours < 24:
        return Signal(text, "info", against=(ID,))
    text += f": the fleet costs about ${fleet:,.2f} a month whatever the volume"
    if not cheaper:
        return Signal(text, "info", against=(ID,))
    best = min(cheaper, key=lambda o: o.monthly_usd or Decimal(0))
    return Signal(f"{text}, more than {best.short_label}'s ${best.monthly_usd:,.2f} at this volume", "warning",
                  against=(ID,))


def _scaling(w: Workload, q: Quote) -> Signal | None:
    if _capacity(q) is None or not is_spiky(w.traffic.daily_profile):
        return None
    return Signal(f"Spiky load: {NAME} scale asynchronously on CPU use; when traffic more than doubles within "
                  "5 minutes, requests may be throttled until instances are added", "warning", against=(ID,))


def _thread_safety(w: Workload, q: Quote) -> Signal | None:
    cap = _capacity(q)
    if cap is None or cap.environment.concurrency <= 1 or w.lambda_managed.concurrency_per_environment is not None:
        return None
    return Signal(f"{NAME} send up to {cap.environment.concurrency} requests to one execution environment at once: "
                  "the handler must be thread-safe (no per-request global state); if it is not, set concurrency "
                  "per environment to 1", "info", origin="lambda_managed.concurrency_per_environment")


def _unconfirmed(w: Workload, q: Quote) -> Signal | None:
    if ID not in q.options or not q.options[ID].feasible:
        return None
    seconds = w.traffic.duration_ms / 1000
    gaps = []
    if seconds > LAMBDA_TIMEOUT_S:
        gaps.append(f"{unit_phrase(w)} takes {duration_text(seconds)}, and their maximum run time was not found "
                    "(Lambda's is 15 min)")
    if w.requirements.scratch_gb > LAMBDA_TMP_GB:
        gaps.append(f"{unit_phrase(w)} needs {w.requirements.scratch_gb:g} GB of scratch disk, and their /tmp limit "
                    "was not found (Lambda's is 10 GB)")
    if not gaps:
        return None
    return Signal(f"Unconfirmed for {NAME}: " + "; ".join(gaps) + ": check before choosing them", "warning",
                  against=(ID,))


SOFT_RULES = (
    SoftRule(22, "lambda_managed.no_cold_starts", "requirements.latency_slo_ms", "latency", OVERVIEW,
             _no_cold_starts),
    SoftRule(45, "lambda_managed.fleet_floor", "lambda_managed.min_instances", "cost", FLEET_FLOOR, _fleet_floor),
    SoftRule(52, "lambda_managed.scaling", "traffic.daily_profile", "latency", SCALING, _scaling),
    SoftRule(85, "lambda_managed.unconfirmed", "traffic.duration_ms", "flexibility", UNCONFIRMED, _unconfirmed),
    SoftRule(87, "lambda_managed.thread_safety", "lambda_managed.concurrency_per_environment", "flexibility",
             CAPACITY_API, _thread_safety),
)

OPTION = LambdaManagedOption(
    id=ID, label=f"AWS {NAME}", short_label="Lambda MI",
    front_door="api_gateway_http", alb_gb_per_lcu=0.4,
    traits=Traits(kind="function", operations=1, control=1, always_on=True),
    savings_plan=SavingsPlan("ec2_pct", "EC2"),
    hard_rules=HARD_RULES, soft_rules=SOFT_RULES, compared_by_default=False, settings="lambda_managed",
    questions=_own_questions,
    style=OptionStyle(REDDISH_PURPLE, REDDISH_PURPLE, "dot", "d", -0.1), book=BOOK,
    vended_logs=True,
)
