"""ECS Managed Instances' part of the file formats: its workload section (`ecs_managed`) with its form group, and
its price-book section.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from desktop.model.options.ecs_managed.fees import RATE_FIELDS as RATE_FIELDS
from desktop.model.options.ecs_managed.fees import FeeFamily as FeeFamily
from desktop.model.options.ecs_managed.fees import fee_family as fee_family
from desktop.model.options.ecs_managed.fees import fee_rate
from desktop.model.schema.fields import Describe
from desktop.model.schema.prices import Frozen, Price, SourcedRate, units
from desktop.model.schema.workload import Section, instance_type_field


class EcsManagedConfig(Section):
    """Amazon ECS Managed Instances: ECS tasks on EC2 instances that AWS selects, patches and scales."""

    TITLE = "ECS Managed Instances"
    FORM_TITLE = "ECS Managed Instances (compared when listed in View > Options)"

    instance_type: Annotated[str, Describe(
        "ECS MI instance type", "instance",
        "Automatic picks the cheapest instance type in the price book that fits the tasks (as ECS on EC2).",
        limit="Management fee: AWS's rule, 12% of the regional EC2 price (7.8% G-family GPU, 4.8% P/Trainium since "
              "2026-07-01); the book states it as sourced rates.",
        long_label="ECS MI instance type"
    )] = instance_type_field()


class EcsManagedPrices(Frozen):
    """Amazon ECS Managed Instances: the EC2 price plus a management fee per instance-hour, per instance type.

    A fee published for a type (`management_fee`) wins; otherwise the fee is AWS's rule, a sourced share of the same
    region's EC2 on-demand price of the type: `management_fee_rate_gpu` for G-family GPU types,
    `management_fee_rate_accelerated` for P-family and Trainium types, `management_fee_rate` for every other type.
    """

    management_fee: dict[str, Annotated[Price, units("instance-hour")]] = Field(
        default_factory=dict, description="instance type -> fee per instance-hour (only where AWS publishes it)")
    management_fee_rate: SourcedRate | None = Field(
        None, description="fraction of the regional EC2 on-demand price (types outside the G, P and Trainium families)")
    management_fee_rate_gpu: SourcedRate | None = Field(
        None, description="fraction of the regional EC2 on-demand price for G-family GPU types")
    management_fee_rate_accelerated: SourcedRate | None = Field(
        None, description="fraction of the regional EC2 on-demand price for P-family and Trainium types")

    def rate_for(self, instance_type: str) -> SourcedRate | None:
        """The sourced share of the EC2 price that is the fee of `instance_type` (None: the book lacks it)."""
        rate: SourcedRate | None = fee_rate(self, instance_type)
        return rate
