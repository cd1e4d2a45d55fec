"""Amazon EKS on AWS Fargate's part of the file formats: its price-book section, the EKS cluster fee.

Pods on Fargate are billed at Fargate's vCPU and GB rates (the book's shared `fargate` section); EKS adds a fee per
cluster-hour. The option has no workload section of its own: the pod is the container section's task.
"""

from __future__ import annotations

from pydantic import Field

from desktop.model.schema.prices import Frozen, HourPrice


class EksFargatePrices(Frozen):
    """The EKS cluster fee, per cluster-hour, by the Kubernetes version's support period."""

    cluster_hour: HourPrice | None = Field(None, description="per cluster-hour, a Kubernetes version in standard "
                                                             "support")
    cluster_hour_extended: HourPrice | None = Field(None, description="per cluster-hour in all, a Kubernetes "
                                                                      "version in extended support")
