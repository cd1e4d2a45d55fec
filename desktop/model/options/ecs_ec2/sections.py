"""ECS on EC2's part of the file formats: its workload section (`ec2`, also read by the container fleets of ECS
Managed Instances) with its form group. The EC2 instance prices are a shared section of the book.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from desktop.model.schema.fields import Describe
from desktop.model.schema.workload import FiniteFloat, Section, instance_type_field


class Ec2Config(Section):
    TITLE = "ECS on EC2"
    FORM_TITLE = "ECS on EC2"

    instance_type: Annotated[str, Describe(
        "Instance type", "instance",
        "Automatic picks the cheapest instance type in the price book that fits the tasks.",
        limit="Instance catalogue in the bundled price book.", long_label="EC2 instance type"
    )] = instance_type_field()
    reserve_vcpu: Annotated[FiniteFloat, Describe(
        "Reserved vCPU per host", "float", "vCPU per host kept for the ECS agent and the OS.", unit="vCPU",
        long_label="Host vCPU reserved for ECS"
    )] = Field(0.07, ge=0, le=8, description="vCPU per host kept for the ECS agent and OS")
    reserve_memory_gb: Annotated[FiniteFloat, Describe(
        "Reserved memory per host", "float", "Memory per host kept for the ECS agent and the OS.", unit="GB",
        long_label="Host memory reserved (GB)"
    )] = Field(0.5, ge=0, le=64,
               description="memory per host kept for the ECS agent and OS, GB")
    root_volume_gb: Annotated[FiniteFloat, Describe(
        "Root volume", "float", "EBS gp3 root volume per instance.",
        limit="gp3 volumes: up to 16 TiB (Amazon EBS volume types).", unit="GB", long_label="Root volume per host (GB)"
    )] = Field(30.0, ge=0, le=16384,
               description="EBS gp3 root volume per instance, GB")
