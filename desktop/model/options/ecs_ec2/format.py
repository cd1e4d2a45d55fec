"""ECS on EC2's part of the file formats: its workload section (`ec2`, also read by the container fleets of ECS
Managed Instances) with its form group. The EC2 instance prices are a shared section of the book.
"""

from __future__ import annotations

from pydantic import Field

from desktop.model.formats.fields import FieldSpec, GroupSpec
from desktop.model.formats.workload import FiniteFloat, Section

GROUP = GroupSpec("ECS on EC2", (
    FieldSpec("ec2.instance_type", "Instance type", "instance",
              "Automatic picks the cheapest instance type in the price book that fits the tasks.",
              "Instance catalogue in the bundled price book.", long_label="EC2 instance type"),
    FieldSpec("ec2.reserve_vcpu", "Reserved vCPU per host", "float",
              "vCPU per host kept for the ECS agent and the OS.", unit="vCPU",
              long_label="Host vCPU reserved for ECS"),
    FieldSpec("ec2.reserve_memory_gb", "Reserved memory per host", "float",
              "Memory per host kept for the ECS agent and the OS.", unit="GB",
              long_label="Host memory reserved (GB)"),
    FieldSpec("ec2.root_volume_gb", "Root volume", "float", "EBS gp3 root volume per instance.",
              "gp3 volumes: up to 16 TiB (Amazon EBS volume types).", unit="GB",
              long_label="Root volume per host (GB)"),
))


class Ec2Config(Section):
    TITLE = "ECS on EC2"
    FORM = GROUP

    instance_type: str = Field("auto", min_length=1, max_length=40,
                               description='"auto" or an instance type in the price book')
    reserve_vcpu: FiniteFloat = Field(0.07, ge=0, le=8, description="vCPU per host kept for the ECS agent and OS")
    reserve_memory_gb: FiniteFloat = Field(0.5, ge=0, le=64,
                                           description="memory per host kept for the ECS agent and OS, GB")
    root_volume_gb: FiniteFloat = Field(30.0, ge=0, le=16384,
                                        description="EBS gp3 root volume per instance, GB")
