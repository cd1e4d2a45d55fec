"""ECS Managed Instances' fee levels, plain (no pydantic): which level a type pays and where the book states it.
The price-book section (sections.py) and the option's code (option.py) both read them."""

from __future__ import annotations

from typing import Any, Literal

FeeFamily = Literal["general", "gpu", "accelerated"]
RATE_FIELDS: dict[FeeFamily, str] = {"general": "management_fee_rate", "gpu": "management_fee_rate_gpu",
                                     "accelerated": "management_fee_rate_accelerated"}


def fee_family(instance_type: str) -> FeeFamily:
    """Which of AWS's fee levels a type pays: G-family GPU, P-family or Trainium (accelerated), or general."""
    family = instance_type.split(".", 1)[0]
    if family.startswith("g") and family[1:2].isdigit():
        return "gpu"
    if (family.startswith("p") and family[1:2].isdigit()) or family.startswith("trn"):
        return "accelerated"
    return "general"


def fee_rate(section: Any, instance_type: str) -> Any:
    """The sourced share of the EC2 price that is the fee of `instance_type` in a price-book section (validated or
    plain): None when the book lacks it."""
    return getattr(section, RATE_FIELDS[fee_family(instance_type)])
