"""The coefficients of Cloud Carbon Footprint's open method (CCF), each with its source, date and grade like a price.

CCF estimates a cloud bill's emissions bottom-up: energy = usage x watts (or kWh per unit) x the provider's PUE;
operational emissions = energy x the regional grid's emission factor; embodied emissions = the server's
manufacturing emissions (scope 3) spread over its four-year life, per instance-hour. The values are CCF's
application constants (cloud-carbon-footprint/cloud-carbon-footprint @ b7a049c7, 2024-03-25), which are the ones
its own tests check; a value CCF does not publish for a type is missing, never borrowed from another type.

Grades, as for prices: A = published by the method verbatim (its code, data or documentation); C = derived by a
stated rule or an assumption the method does not make (shown as "estimated").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

Grade = Literal["A", "B", "C"]

CCF_CODE = ("Cloud Carbon Footprint, cloud-carbon-footprint/cloud-carbon-footprint @ b7a049c7 "
            "(packages/aws/src/domain/AwsFootprintEstimationConstants.ts, packages/core/src/compute, memory, "
            "embodiedEmissions; microsite/docs/HowItWorks/Methodology.md)")
CCF_INSTANCES = ("Cloud Carbon Footprint, cloud-carbon-footprint/cloud-carbon-footprint @ b7a049c7 "
                 "(packages/aws/src/lib/AWSInstanceTypes.ts)")
CCF_GRID_US = ("Cloud Carbon Footprint @ b7a049c7 (packages/core/src/FootprintEstimationConstants.ts): "
               "US EPA eGRID2020 by NERC region")
CCF_GRID_EU = "Cloud Carbon Footprint @ b7a049c7 (AwsFootprintEstimationConstants.ts): European Environment Agency"
CCF_GRID_OTHER = "Cloud Carbon Footprint @ b7a049c7 (AwsFootprintEstimationConstants.ts): carbonfootprint.com 2022"
CCF_DATE = dt.date(2024, 3, 25)


@dataclass(frozen=True, slots=True)
class Coefficient:
    """One figure of the method: its value in `unit`, where it is written, the date of that copy, its grade."""

    name: str
    value: float
    unit: str
    source: str
    as_of: dt.date
    grade: Grade = "A"
    note: str = ""

    @property
    def estimated(self) -> bool:
        return self.grade == "C"


def _ccf(name: str, value: float, unit: str, note: str = "") -> Coefficient:
    return Coefficient(name, value, unit, CCF_CODE, CCF_DATE, "A", note)


PUE = _ccf("AWS power usage effectiveness (PUE)", 1.135, "ratio")
MEMORY_KWH_PER_GB_HOUR = _ccf("Memory energy", 0.000392, "kWh per GB-hour")
SSD_WH_PER_TB_HOUR = _ccf("SSD storage energy (CCF counts Fargate memory as SSD)", 1.2, "Wh per TB-hour")
CPU_UTILISATION = _ccf("Average CPU utilisation assumed", 50.0, "%",
                       "AVG_CPU_UTILIZATION_2020: the provider's fleet average, not this workload's")
SERVER_LIFESPAN_HOURS = _ccf("Server expected lifespan", 35_040.0, "hour", "4 years")
VCPU_PER_CHIP = _ccf("vCPUs per chip when counting a server's chips", 96.0, "vCPU")


@dataclass(frozen=True, slots=True)
class Processor:
    """Watts per vCPU at idle and at full load, and GB of memory per chip (for the extra-memory rule)."""

    name: str
    min_watts: Coefficient
    max_watts: Coefficient
    gb_per_chip: float

    def watts(self, utilisation_pct: float) -> float:
        """Average watts per vCPU at a utilisation: min + util x (max - min) (CCF's ComputeEstimator)."""
        low, high = self.min_watts.value, self.max_watts.value
        return low + utilisation_pct / 100.0 * (high - low)


def _processor(name: str, low: float, high: float, gb_per_chip: float, *, grade: Grade = "A",
               note: str = "") -> Processor:
    source = CCF_CODE if grade == "A" else CCF_CODE + "; " + note
    return Processor(name, Coefficient(f"{name} watts per vCPU at idle", low, "W per vCPU", source, CCF_DATE, grade),
                     Coefficient(f"{name} watts per vCPU at 100%", high, "W per vCPU", source, CCF_DATE, grade),
                     gb_per_chip)


AVERAGE = _processor("Average (unknown microarchitecture)", 0.74, 3.5, 80.69)
SKYLAKE = _processor("Skylake", 0.65, 4.26, 81.32)
CASCADE_LAKE = _processor("Cascade Lake", 0.64, 3.97, 98.12)
GRAVITON2 = _processor("Graviton2", 0.47, 1.69, 129.78)
# c5 and r5 run on Cascade Lake or Skylake: CCF averages the two processors' figures.
CASCADE_OR_SKYLAKE = _processor("Cascade Lake / Skylake (average)", (0.64 + 0.65) / 2, (3.97 + 4.26) / 2,
                                (98.12 + 81.32) / 2)


@dataclass(frozen=True, slots=True)
class Family:
    """An EC2 family as CCF's instance table has it: its processor, its largest size (memory and embodied
    emissions are shared out by it), the largest size's manufacturing emissions, and burstable baselines."""

    processor: Processor
    largest_vcpu: int
    largest_memory_gb: float
    scope3_tonnes: Coefficient | None  # None: CCF publishes no embodied figure for the family
    burstable_baseline_pct: dict[str, float] | None = None  # size -> baseline CPU % (t3/t4g)


def _scope3(family: str, tonnes: float, note: str = "") -> Coefficient:
    return Coefficient(f"{family} embodied emissions per server", tonnes, "tCO2e", CCF_INSTANCES, CCF_DATE, "A", note)


_BURST = {"medium": 20.0, "large": 30.0, "xlarge": 40.0}

# The families of the price book that CCF's instance table has (7th and 8th generation and GPU types are not in
# it: their footprint is reported as missing).
FAMILIES: dict[str, Family] = {
    "m5": Family(SKYLAKE, 96, 384, _scope3("m5", 1.6103792)),
    "m6i": Family(AVERAGE, 128, 512, _scope3("m6i", 1.7879024)),
    "m6g": Family(GRAVITON2, 64, 256, _scope3("m6g", 1.332856)),
    "c5": Family(CASCADE_OR_SKYLAKE, 96, 192, _scope3("c5", 1.3440944)),
    "c6i": Family(AVERAGE, 96, 192, _scope3("c6i", 1.3329)),
    "c6g": Family(GRAVITON2, 64, 128, _scope3("c6g", 1.1553328)),
    "r5": Family(CASCADE_OR_SKYLAKE, 96, 768, _scope3("r5", 2.1429488)),
    "r6i": Family(AVERAGE, 128, 1024, _scope3("r6i", 1.0, "a placeholder in CCF's table")),
    "r6g": Family(GRAVITON2, 64, 512, _scope3("r6g", 1.6879024)),
    "t3": Family(CASCADE_LAKE, 8, 32, _scope3("t3", 1.6103792), _BURST),
    "t4g": Family(GRAVITON2, 8, 32, _scope3("t4g", 1.332856), _BURST),
}


def _grid(region: str, kg_per_kwh: float, source: str) -> Coefficient:
    return Coefficient(f"Grid emission factor, {region}", kg_per_kwh, "kgCO2e per kWh", source, CCF_DATE, "A",
                       "location-based annual average; AWS's renewable energy purchases are not counted")


# Tonnes per kWh in CCF's code, written here per kWh in kg (x 1000).
GRID: dict[str, Coefficient] = {
    "us-east-1": _grid("us-east-1", 0.379069, CCF_GRID_US + " (SERC)"),
    "us-east-2": _grid("us-east-2", 0.410608, CCF_GRID_US + " (RFC)"),
    "us-west-2": _grid("us-west-2", 0.322167, CCF_GRID_US + " (WECC)"),
    "eu-west-1": _grid("eu-west-1", 0.2786, CCF_GRID_EU),
    "eu-central-1": _grid("eu-central-1", 0.311, CCF_GRID_EU),
    "eu-west-2": _grid("eu-west-2", 0.225, CCF_GRID_EU),
    "ap-southeast-1": _grid("ap-southeast-1", 0.408, CCF_GRID_OTHER),
    "ap-southeast-2": _grid("ap-southeast-2", 0.76, CCF_GRID_OTHER),
    "ap-northeast-1": _grid("ap-northeast-1", 0.4658, CCF_GRID_OTHER),
    "ap-south-1": _grid("ap-south-1", 0.7082, CCF_GRID_OTHER),
    "sa-east-1": _grid("sa-east-1", 0.0617, CCF_GRID_OTHER),
    "ca-central-1": _grid("ca-central-1", 0.12, CCF_GRID_OTHER),
}

LIMITS = (
    "Estimated with Cloud Carbon Footprint's open method (coefficients of 2024-03-25): energy from vCPU-hours at "
    "the provider's average 50% utilisation, memory beyond each chip's share, AWS's PUE 1.135, and the region's "
    "location-based grid factor; embodied (manufacturing) emissions per instance-hour where CCF publishes them.",
    "Lambda and Fargate are allocated approximately: CCF counts one Lambda GB-second as one vCPU-second at "
    "average watts, and Fargate memory as SSD storage (nearly nil); neither has embodied emissions in the method.",
    "Embodied emissions follow CCF's code (shared by the family's largest size): burstable t3/t4g, whose largest "
    "size has 8 vCPUs, carry 8 to 12 times the embodied emissions per vCPU of m5/m6g; 7th- and 8th-generation and "
    "GPU types are not in CCF's table and are reported as missing.",
    "Managed Instances (Lambda and ECS) are estimated as their EC2 instances: the method has no rule for them.",
    "Not the AWS Customer Carbon Footprint Tool's figure, which allocates measured data-centre energy top-down "
    "and cannot be reproduced offline; the two are computed differently and will not match.",
)
