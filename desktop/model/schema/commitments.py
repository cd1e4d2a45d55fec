"""The price book's commitment rates: what AWS charges for usage a Savings Plan or a Reserved Instance covers.

One optional section of a region (`regions.<code>.commitments`), apart from the on-demand prices so a book
without it still loads and the sections others edit are untouched:

    "commitments": {
      "fargate": {"compute_sp": {"3yr_all_upfront": {"linux_x86_64": {"vcpu": <price>, "memory": <price>}}}},
      "lambda": {"compute_sp": {"1yr_no_upfront": {"x86_64": {"duration": <price>}}}},
      "ec2": {"standard_ri": {"1yr_no_upfront": {"t3.medium": <price>}}}
    }

Each rate is a sourced price in the unit of the on-demand price it replaces, and it is the *effective* rate: for a
partial or all upfront option the upfront payment spread over the term's hours plus the recurring hourly part (the
Savings Plans offer files publish it that way, rule R2 of the reference; a Reserved Instance's upfront fee is
spread the same way, its note says the split). A combination the book lacks is missing, as any price: never taken
from another term, payment option, instance family or region.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from desktop.model.schema.names import PAYMENT_NAMES as PAYMENT_NAMES
from desktop.model.schema.names import PLAN_NAMES as PLAN_NAMES
from desktop.model.schema.names import TermPayment as TermPayment
from desktop.model.schema.names import term_payment as term_payment
from desktop.model.schema.prices import Frozen, GbSecondPrice, HourPrice, Price, units

Plan = Literal["compute_sp", "ec2_instance_sp", "standard_ri", "convertible_ri"]
Term = Literal["1yr", "3yr"]
Payment = Literal["no_upfront", "partial_upfront", "all_upfront"]


class FargateCommitted(Frozen):
    vcpu: Annotated[Price, units("vCPU-second", "vCPU-hour")] | None = None
    memory: Annotated[Price, units("GB-second", "GB-hour")] | None = None


class LambdaCommitted(Frozen):
    duration: GbSecondPrice | None = None
    provisioned_concurrency: GbSecondPrice | None = None
    provisioned_duration: GbSecondPrice | None = None


FargateRates = dict[TermPayment, dict[str, FargateCommitted]]  # term+payment -> platform -> rates
LambdaRates = dict[TermPayment, dict[str, LambdaCommitted]]  # term+payment -> architecture -> rates
Ec2Rates = dict[TermPayment, dict[str, HourPrice]]  # term+payment -> instance type -> effective hourly rate


class FargateCommitments(Frozen):
    compute_sp: FargateRates = Field(default_factory=dict)


class LambdaCommitments(Frozen):
    compute_sp: LambdaRates = Field(default_factory=dict)


class Ec2Commitments(Frozen):
    compute_sp: Ec2Rates = Field(default_factory=dict)
    ec2_instance_sp: Ec2Rates = Field(default_factory=dict, description="where the book has no row for a type, "
                                      "the Standard RI rate of the same type, term and payment (rule R4)")
    standard_ri: Ec2Rates = Field(default_factory=dict)
    convertible_ri: Ec2Rates = Field(default_factory=dict)


class CommitmentPrices(Frozen):
    # the empty sections as defaults, made without validating (which would build their schemas at import)
    fargate: FargateCommitments = FargateCommitments.model_construct()
    lambda_: LambdaCommitments = Field(LambdaCommitments.model_construct(), alias="lambda")
    ec2: Ec2Commitments = Ec2Commitments.model_construct()
