"""Amazon EKS on AWS Fargate: Kubernetes pods on Fargate, at Fargate's vCPU and GB rates, plus the EKS cluster fee.

Compared only when the workload lists it (`options`). Sources:
- price: Fargate's per-second vCPU and GB rates with a one-minute minimum, as for ECS (aws.amazon.com/fargate/
  pricing); the cluster fee, $0.10 per cluster-hour in standard support and $0.60 in extended support (AWS
  Containers blog, "Amazon EKS extended support for Kubernetes versions pricing"; the book's source EKS-P);
- sizing: Fargate adds 256 MB to each pod's memory for the Kubernetes components and rounds the pod up to the
  nearest vCPU and memory combination of the table (EKS user guide, "Understand Fargate Pod configuration
  details", fargate-pod-configuration.html): the same combinations as ECS tasks, at most 16 vCPU / 120 GB;
- limits: no DaemonSets, no privileged containers, no HostPort or HostNetwork, no GPUs, private subnets only (EKS
  user guide, "AWS Fargate considerations", fargate.html).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.model.options.base import ComputeOption, HardRule, SavingsPlan, Signal, Sizing, SoftRule, Traits
from desktop.model.options.common.calc import Calc
from desktop.model.options.common.commitment import apply_plan, plan_of
from desktop.model.options.common.containers import hourly_counts
from desktop.model.options.common.fargate import (
    LINUX_MINIMUM_S,
    FargateCapacity,
    billed_seconds,
    compute_lines,
    fargate_eligible,
)
from desktop.model.options.common.fargate_sizes import largest, round_up_size
from desktop.model.options.common.hard_rules import needs_daemon, needs_privileged, no_gpus, refused_when
from desktop.model.options.common.style import DARK_YELLOW, YELLOW, OptionStyle
from desktop.model.options.eks_fargate.prices import BOOK, FEE
from desktop.model.pricing.quote import Quote

if TYPE_CHECKING:
    from desktop.model.pricing.context import PricingContext
    from desktop.model.workload.spec import Workload

ID = "eks_fargate"
NAME = "EKS on Fargate"
KUBERNETES_GB = 0.25  # the 256 MB Fargate adds to each pod for kubelet, kube-proxy and containerd
INCLUDED_STORAGE_GB = 20

POD_CONFIGURATION = ("Amazon EKS user guide, Understand Fargate Pod configuration details "
                     "(docs.aws.amazon.com/eks/latest/userguide/fargate-pod-configuration.html)")
CONSIDERATIONS = ("Amazon EKS user guide, AWS Fargate considerations "
                  "(docs.aws.amazon.com/eks/latest/userguide/fargate.html)")
PLATFORM = (f"{CONSIDERATIONS}: Linux pods on x86_64 only are documented; the request for Arm (Graviton) pods on EKS "
            "Fargate is open (github.com/aws/containers-roadmap/issues/1629), Windows pods on Fargate were not found")
CLUSTER_FEE = ("AWS Containers blog, Amazon EKS extended support for Kubernetes versions pricing: $0.10 per cluster "
               "per hour in standard support, $0.60 in extended support")


class EksPodCapacity(FargateCapacity):
    hourly_name = "EKS Fargate pods"
    noun = "pod"


class EksFargateOption(ComputeOption):
    def price(self, ctx: PricingContext, calc: Calc) -> Sizing | None:
        w = ctx.workload
        c = w.container
        if c.os == "windows" or w.architecture != "x86_64":
            return None  # ruled out (see the hard rules): nothing to price
        rates = ctx.prices.fargate.linux_x86_64
        if rates is None:
            calc.record_missing("Fargate Linux/x86_64")
            return None
        asked_gb = c.memory_gb + KUBERNETES_GB
        size = round_up_size(c.vcpu, asked_gb, "linux", float(rates.vcpu.per_second()),
                             float(rates.memory.per_second()))
        if size is None:
            return None  # larger than any pod (a hard rule says so)
        warnings = [f"Fargate adds 256 MB to each pod for Kubernetes and bills the next valid size: {c.vcpu:g} vCPU "
                    f"/ {c.memory_gb:g} GB (+ 0.25 GB) is billed as {size.vcpu:g} vCPU / {size.memory_gb:g} GB"]
        run = billed_seconds(w, calc, LINUX_MINIMUM_S, "pod")
        warnings.extend(run.warnings)
        pod_hours = run.seconds / 3600
        note = (f"{pod_hours:,.1f} pod-hours of {size.vcpu:g} vCPU / {size.memory_gb:g} GB (Linux/x86_64)"
                if calc.exact else "")
        compute_lines(calc, run.seconds, size, rates, note)
        if c.spot_share > 0:
            warnings.append(f"Fargate Spot for EKS pods was not found in the sources: the {c.spot_share:.0%} Spot "
                            "share is priced on demand")
        if plan_of(w) is None:
            plan_pct = w.assumptions.savings_plans.fargate_pct
            calc.discount(calc.group_total(("compute",)), plan_pct, "Compute Savings Plan (Fargate)",
                          f"{plan_pct:g}% off on-demand compute (an editable assumption)")
        else:
            refused_plan = apply_plan(calc, w, "fargate", calc.num(1),
                                      lambda plan: fargate_eligible(ctx, calc, run.seconds, size, rates, plan),
                                      run.tasks)
            warnings.extend([refused_plan] if refused_plan else [])
        _cluster_fee(ctx, calc)
        if not calc.exact:
            return Sizing()
        capacity = EksPodCapacity(
            requested_vcpu=c.vcpu, requested_memory_gb=asked_gb, vcpu=size.vcpu, memory_gb=size.memory_gb,
            rounded=True, tasks_per_hour=hourly_counts(run.tasks), task_hours=pod_hours,
            billed_seconds_per_run=run.billed_s)
        return Sizing(capacity, tuple(warnings))


def _cluster_fee(ctx: PricingContext, calc: Calc) -> None:
    """One cluster's fee for the month, in standard support; the total says so when the book lacks it."""
    hours = calc.num(ctx.workload.assumptions.month_hours)
    section = ctx.prices.eks_fargate
    fee = section.cluster_hour if section is not None else None
    if fee is None:
        calc.record_missing(FEE, core=False, usage=((hours, "hour"),))
        return
    calc.line("EKS cluster (standard support)", hours, "hour", fee,
              note="one cluster, its Kubernetes version in standard support (extended support: $0.60 an hour)")


# --- hard limits and findings ------------------------------------------------------------------------------
def _pod_size(w: Workload) -> str | None:
    big = largest("linux")
    asked = w.container.memory_gb + KUBERNETES_GB
    if w.container.vcpu <= big.vcpu and asked <= big.memory_gb:
        return None
    return (f"{NAME}: a pod needs {w.container.vcpu:g} vCPU and {w.container.memory_gb:g} GB (+ 0.25 GB Fargate adds "
            f"for Kubernetes); the largest Fargate pod is {big.vcpu:g} vCPU and {big.memory_gb:g} GB")


def _platform(w: Workload) -> str | None:
    if w.container.os == "windows":
        return f"{NAME}: the work needs Windows containers; Windows pods on Fargate are not documented"
    if w.architecture != "x86_64":
        return f"{NAME}: the work runs on arm64; EKS runs Fargate pods on x86_64 only (Graviton is an open request)"
    return None


def _scratch(w: Workload, q: Quote) -> Signal | None:
    need = w.requirements.scratch_gb
    if ID not in q.options or not q.options[ID].feasible or need <= INCLUDED_STORAGE_GB:
        return None
    return Signal(f"Unconfirmed for {NAME}: a pod needs {need:g} GB of scratch disk; the EKS user guide gives each "
                  f"pod {INCLUDED_STORAGE_GB} GB (less what Kubernetes uses) and a larger size was not found in the "
                  "sources: check before choosing it", "warning", against=(ID,))


def _cluster_floor(w: Workload, q: Quote) -> Signal | None:
    if ID not in q.options or not q.options[ID].feasible:
        return None
    return Signal(f"{NAME} bills its cluster every hour, busy or idle ($0.10 an hour, about $73 a month in standard "
                  "support; $0.60 an hour once the Kubernetes version is in extended support): a cluster shared with "
                  "other work shares that fee", "info", against=(ID,))


HARD_RULES = (
    HardRule("eks_fargate.pod_size", POD_CONFIGURATION, _pod_size),
    HardRule("eks_fargate.gpu", CONSIDERATIONS, no_gpus(NAME, "GPUs are not available on Fargate")),
    HardRule("eks_fargate.privileged", CONSIDERATIONS, refused_when(needs_privileged, (
        f"{NAME}: the work needs privileged mode or host access; Fargate pods allow neither privileged containers "
        "nor HostPort or HostNetwork"))),
    HardRule("eks_fargate.daemon", CONSIDERATIONS, refused_when(needs_daemon, (
        f"{NAME}: the work needs an agent on every host; DaemonSets are not supported on Fargate (use a sidecar)"))),
    HardRule("eks_fargate.platform", PLATFORM, _platform),
)

SOFT_RULES = (
    SoftRule(46, "eks_fargate.cluster_fee", "traffic.requests_per_month", "cost", CLUSTER_FEE, _cluster_floor),
    SoftRule(89, "eks_fargate.scratch", "requirements.scratch_gb", "flexibility", POD_CONFIGURATION, _scratch),
)

OPTION = EksFargateOption(
    id=ID, label="Amazon EKS on AWS Fargate", short_label=NAME,
    front_door="alb", alb_gb_per_lcu=1.0,
    traits=Traits(kind="container", operations=2, control=2,
                  operations_work="upgrading the cluster's Kubernetes version and its add-ons"),
    savings_plan=SavingsPlan("fargate_pct", "Fargate"),
    hard_rules=HARD_RULES, soft_rules=SOFT_RULES, compared_by_default=False,
    style=OptionStyle(DARK_YELLOW, YELLOW, "dash", "p", 0.3), book=BOOK,
)
