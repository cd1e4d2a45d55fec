"""ECS Managed Instances' part of the file formats: its workload section (`ecs_managed`) with its form group, and
its price-book section.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from desktop.model.schema.fields import Describe
from desktop.model.schema.prices import Frozen, Price, units
from desktop.model.schema.workload import Section


class EcsManagedConfig(Section):
    """Amazon ECS Managed Instances: ECS tasks on EC2 instances that AWS selects, patches and scales."""

    TITLE = "ECS Managed Instances"
    FORM_TITLE = "ECS Managed Instances (compared when listed in View > Options)"

    instance_type: Annotated[str, Describe(
        "ECS MI instance type", "instance",
        "Automatic picks the cheapest instance type in the price book that fits the tasks (as ECS on EC2).",
        limit="AWS publishes the management fee only for c6a.2xlarge; other types' fees are not in the book.",
        long_label="ECS MI instance type"
    )] = Field("auto", min_length=1, max_length=40,
               description='"auto" or an instance type in the price book')


class EcsManagedPrices(Frozen):
    """Amazon ECS Managed Instances: the EC2 price plus a management fee per instance-hour, per instance type."""

    management_fee: dict[str, Annotated[Price, units("instance-hour")]] = Field(
        default_factory=dict, description="instance type -> fee per instance-hour (only where AWS publishes it)")
