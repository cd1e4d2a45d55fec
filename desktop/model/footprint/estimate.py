"""Each option's estimated emissions a month (kgCO2e) from the usage its quote sized, by CCF's open method.

Shown beside the dollars, never added to them. Floats (an estimate in kilograms, not money). The energy and the
embodied emissions do not depend on the region; the grid factor does, so `in_region` says what moving the same
usage to another region would emit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.model.footprint.coefficients import (
    AVERAGE,
    FAMILIES,
    GRAVITON2,
    GRID,
    MEMORY_KWH_PER_GB_HOUR,
    PUE,
    SERVER_LIFESPAN_HOURS,
    SSD_WH_PER_TB_HOUR,
    VCPU_PER_CHIP,
    Coefficient,
    Processor,
)
from desktop.model.footprint.coefficients import CPU_UTILISATION as UTIL
from desktop.model.options.aws_lambda.option import LambdaCapacity
from desktop.model.options.common.fargate import FargateCapacity
from desktop.model.options.common.fleet import Ec2Capacity
from desktop.model.options.lambda_managed.option import LambdaManagedCapacity
from desktop.model.pricing.quote import OptionQuote, Quote

if TYPE_CHECKING:  # annotations only: the lean `estimate --json` advises on plain objects, without pydantic
    from desktop.model.workload.spec import Workload


@dataclass(frozen=True, slots=True)
class Energy:
    """What the method finds for some usage before the grid factor: energy, embodied emissions, what it lacks."""

    compute_kwh: float = 0.0
    memory_kwh: float = 0.0
    embodied_kg: float | None = 0.0  # None: the method publishes no embodied figure for it
    missing: tuple[str, ...] = ()  # what the estimate leaves out (no coefficient in the method)
    basis: str = ""  # the usage counted, in words ("1,460 vCPU-hours and 2,920 GB-hours of Fargate")
    estimated: bool = False  # rests on an assumption the method does not make (grade C)
    sized: bool = True  # False: the method has no energy figure for the usage at all (no total is stated)
    coefficients: tuple[Coefficient, ...] = ()  # the figures the estimate used (the grid factor apart)

    @property
    def kwh(self) -> float:
        return self.compute_kwh + self.memory_kwh


@dataclass(frozen=True, slots=True)
class OptionFootprint:
    option: str
    region: str
    energy: Energy
    grid: Coefficient | None  # None: no grid factor for the region in the method

    @property
    def operational_kg(self) -> float | None:
        return None if self.grid is None or not self.energy.sized else self.energy.kwh * self.grid.value

    @property
    def kg(self) -> float | None:
        """Operational plus embodied kgCO2e a month (None when the region has no grid factor)."""
        operational = self.operational_kg
        return None if operational is None else operational + (self.energy.embodied_kg or 0.0)

    @property
    def missing(self) -> tuple[str, ...]:
        gaps = list(self.energy.missing)
        if self.grid is None:
            gaps.append(f"grid emission factor for {self.region}")
        return tuple(gaps)

    @property
    def complete(self) -> bool:
        return not self.missing

    def in_region(self, region: str) -> float | None:
        """The same usage's kgCO2e a month in another region (None where the method has no factor)."""
        grid = GRID.get(region)
        if grid is None or not self.energy.sized:
            return None
        return self.energy.kwh * grid.value + (self.energy.embodied_kg or 0.0)


def _compute_coefficients(processor: Processor) -> tuple[Coefficient, ...]:
    return (processor.min_watts, processor.max_watts, UTIL, PUE)


def _vcpu_kwh(vcpu_hours: float, processor: Processor) -> float:
    """CCF's compute energy: vCPU-hours x watts at the average utilisation x PUE (replication 1)."""
    return vcpu_hours * processor.watts(UTIL.value) * PUE.value / 1000.0


def lambda_energy(gb_seconds: float, arm: bool) -> Energy:
    """CCF's Lambda rule: one GB-second counted as one vCPU-second at average watts (Graviton2 for arm64)."""
    processor = GRAVITON2 if arm else AVERAGE
    return Energy(compute_kwh=_vcpu_kwh(gb_seconds / 3600.0, processor),
                  basis=f"{gb_seconds:,.0f} GB-seconds of Lambda at {processor.name} watts",
                  coefficients=_compute_coefficients(processor))


def fargate_energy(vcpu_hours: float, gb_hours: float, arm: bool) -> Energy:
    """CCF's Fargate rule: vCPU-hours at average watts; GB-hours as SSD storage (1.2 Wh per TB-hour). CCF has no
    rule for Arm Fargate: Graviton2 watts are assumed, as for Lambda's Arm usage (estimated)."""
    processor = GRAVITON2 if arm else AVERAGE
    memory = gb_hours / 1000.0 * SSD_WH_PER_TB_HOUR.value * PUE.value / 1000.0
    return Energy(compute_kwh=_vcpu_kwh(vcpu_hours, processor), memory_kwh=memory, estimated=arm,
                  basis=f"{vcpu_hours:,.1f} vCPU-hours and {gb_hours:,.1f} GB-hours of Fargate",
                  coefficients=(*_compute_coefficients(processor), SSD_WH_PER_TB_HOUR))


def extra_memory_gb_hours(largest_vcpu: int, largest_memory_gb: float, gb_per_chip: float, memory_gb: float,
                          hours: float) -> float:
    """CCF's memory rule: only the memory beyond each chip's usual share uses energy the vCPU figure leaves out."""
    chips = math.ceil(largest_vcpu / VCPU_PER_CHIP.value)
    extra_per_server = largest_memory_gb / chips - gb_per_chip
    return max(0.0, extra_per_server / (largest_memory_gb / memory_gb) * hours) if memory_gb > 0 else 0.0


def instance_energy(instance_type: str, vcpu: int, memory_gb: float, hours: float) -> Energy:
    """An EC2 instance's usage: vCPU-hours (burstable types at their baseline / 50%), extra memory, and embodied
    emissions per instance-hour (CCF's code: scope 3 x hours / lifespan / the family's largest vCPU count)."""
    family_name, _, size = instance_type.partition(".")
    family = FAMILIES.get(family_name)
    basis = f"{hours:,.1f} instance-hours of {instance_type}"
    if family is None:
        return Energy(embodied_kg=None, basis=basis, sized=False,
                      missing=(f"{instance_type} (not in the method's instance table: no power or embodied figure)",))
    vcpu_hours = hours * vcpu
    memory_kwh = 0.0
    if family.burstable_baseline_pct is not None:
        vcpu_hours *= family.burstable_baseline_pct.get(size, UTIL.value) / UTIL.value
    else:
        extra = extra_memory_gb_hours(family.largest_vcpu, family.largest_memory_gb, family.processor.gb_per_chip,
                                      memory_gb, hours)
        memory_kwh = extra * MEMORY_KWH_PER_GB_HOUR.value * PUE.value
    embodied = None
    if family.scope3_tonnes is not None:
        embodied = (family.scope3_tonnes.value * 1000.0 * hours / SERVER_LIFESPAN_HOURS.value
                    / family.largest_vcpu)
    missing = () if embodied is not None else (f"embodied emissions of {instance_type}",)
    used = (*_compute_coefficients(family.processor), MEMORY_KWH_PER_GB_HOUR, SERVER_LIFESPAN_HOURS,
            *((family.scope3_tonnes,) if family.scope3_tonnes is not None else ()))
    return Energy(compute_kwh=_vcpu_kwh(vcpu_hours, family.processor), memory_kwh=memory_kwh, embodied_kg=embodied,
                  missing=missing, basis=basis, coefficients=used)


def option_energy(option: OptionQuote, workload: Workload, month_hours: float) -> Energy | None:
    """The usage an option's quote sized, through the rule for its kind (None: ruled out, nothing sized)."""
    capacity = option.capacity
    arm = workload.architecture == "arm64"
    if isinstance(capacity, LambdaCapacity):
        gb_seconds = capacity.average_concurrency * month_hours * 3600.0 * capacity.memory_mb / 1024.0
        return lambda_energy(gb_seconds, arm)
    if isinstance(capacity, FargateCapacity):
        task_hours = float(capacity.task_hours)
        return fargate_energy(task_hours * capacity.vcpu, task_hours * capacity.memory_gb, arm)
    if isinstance(capacity, Ec2Capacity | LambdaManagedCapacity):
        energy = instance_energy(capacity.instance_type, capacity.instance_vcpu,
                                 float(capacity.instance_memory_gib), float(capacity.instance_hours))
        if isinstance(capacity, LambdaManagedCapacity) or type(capacity) is not Ec2Capacity:
            return Energy(energy.compute_kwh, energy.memory_kwh, energy.embodied_kg, energy.missing,
                          energy.basis + " (managed instances counted as their EC2 instances)", True, energy.sized,
                          energy.coefficients)
        return energy
    return None


def footprint(workload: Workload, quote: Quote) -> dict[str, OptionFootprint]:
    """Each priced option's footprint a month in the quote's region (options the method cannot size are absent)."""
    found: dict[str, OptionFootprint] = {}
    for option_id, option in quote.options.items():
        if not option.feasible:
            continue
        energy = option_energy(option, workload, quote.month_hours)
        if energy is not None:
            found[option_id] = OptionFootprint(option_id, quote.region, energy, GRID.get(quote.region))
    return found
