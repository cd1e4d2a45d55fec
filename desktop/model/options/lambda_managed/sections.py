"""Lambda Managed Instances' part of the file formats: its workload section (`lambda_managed`) with its form
group, and its price-book section.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from desktop.model.options.lambda_managed.runtimes import LOWEST_PER_VCPU as LOWEST_PER_VCPU
from desktop.model.options.lambda_managed.runtimes import PER_VCPU_DEFAULT as PER_VCPU_DEFAULT
from desktop.model.schema.fields import Describe
from desktop.model.schema.prices import Frozen, Price, SourcedRate, units
from desktop.model.schema.workload import FiniteFloat, Section, instance_type_field

Runtime = Literal["unknown", "nodejs", "python", "java", "dotnet", "rust", "other"]


class LambdaManagedConfig(Section):
    """AWS Lambda Managed Instances: the function's code on EC2 instances that Lambda runs in your account."""

    TITLE = "Lambda Managed Instances"
    FORM_TITLE = "Lambda Managed Instances (compared when listed in View > Options)"

    runtime: Annotated[Runtime, Describe(
        "Function runtime", "choice",
        "The function's runtime: Lambda Managed Instances run only some, and each has its own default number of "
        "requests per vCPU.",
        limit="Node.js 22+, Python 3.13+, Java 21+, .NET 8+ (AWS); Rust per a secondary source.",
        choices=(
            ("unknown", "Not given"),
            ("nodejs", "Node.js 22+"),
            ("python", "Python 3.13+"),
            ("java", "Java 21+"),
            ("dotnet", ".NET 8+"),
            ("rust", "Rust"),
            ("other", "Another runtime"),
        ),
        long_label="Function runtime (Lambda MI)"
    )] = Field("unknown", description="the function's runtime: nodejs (22+), python (3.13+), java "
               "(21+), dotnet (8+), rust, other (not supported), unknown")
    concurrency_per_environment: Annotated[int | None, Describe(
        "Requests per environment", "int",
        "Requests one execution environment serves at once (handlers must be thread-safe above 1). Default: the "
        "runtime's default per vCPU (Node.js 64, Java and .NET 32, Python 16; others 16).",
        limit="1-1,600. LambdaManagedInstancesCapacityProviderConfig (Lambda API reference)", unit="requests",
        optional=True, empty_text="runtime default", long_label="Requests per environment (Lambda MI)"
    )] = Field(
        None, ge=1, le=1600, description="requests one execution environment serves at once (AWS: 1-1,600); "
        "default: the runtime's default per vCPU x the environment's vCPUs; 1 when handlers are not thread-safe")
    memory_gib_per_vcpu: Annotated[FiniteFloat, Describe(
        "Memory per vCPU", "float",
        "Memory of an execution environment per vCPU; the function's memory over it gives the environment's vCPU (at "
        "least 1).",
        limit="2-8 GiB. LambdaManagedInstancesCapacityProviderConfig (Lambda API reference)", unit="GiB",
        long_label="Memory per vCPU (Lambda MI, GiB)"
    )] = Field(2.0, ge=2, le=8,
               description="memory per vCPU of an execution environment (AWS: 2-8 GiB)")
    instance_type: Annotated[str, Describe(
        "Lambda MI instance type", "instance",
        "Automatic picks the cheapest instance type in the price book that holds the environments (no GPU or "
        "burstable types).",
        limit="AWS's list of supported types was not found: current-generation types, x86_64 or arm64.",
        long_label="Lambda MI instance type"
    )] = instance_type_field()
    min_instances: Annotated[int, Describe(
        "Lambda MI minimum instances", "int",
        "Instances always running while the function version is active, whatever the load. AWS's default is 3; "
        "fewer are allowed (less Availability Zone redundancy).",
        limit="Default 3 ('Scaling Lambda Managed Instances': 'The default minimum is 3 execution environments "
              "across Availability Zones'; 'Values below 3 reduce Availability Zone redundancy'); "
              "MinExecutionEnvironments 0-15,000 (FunctionScalingConfig, Lambda API reference), 0 only with a "
              "maximum of 0 (deactivation: see the off hours)",
        unit="instances", long_label="Lambda MI minimum instances"
    )] = Field(3, ge=1, le=10_000,
               description="instances always running while the version is active; AWS's default is 3 for "
               "Availability Zone resilience, fewer are allowed")
    off_hours_per_day: Annotated[int, Describe(
        "Lambda MI off hours a day", "int",
        "Hours a day the function version is deactivated on a schedule (minimum and maximum 0): no instance runs "
        "then. Taken as the quietest hours of the daily profile; a deactivated version serves no request.",
        limit="Scale to zero on a schedule: EventBridge Scheduler calls PutFunctionScalingConfig (min=max=0, "
              "then the minimum again); a deactivated version does not scale back up with traffic ('Scaling "
              "Lambda Managed Instances', AWS Lambda Developer Guide)",
        unit="h/day", long_label="Lambda MI off hours a day"
    )] = Field(0, ge=0, le=23, description="hours a day the version is deactivated on a schedule (no instance "
               "runs; taken as the quietest hours of the daily profile)")


class LambdaManagedPrices(Frozen):
    """AWS Lambda Managed Instances: a request charge plus the EC2 price of the instances plus a fee on it."""

    requests: Annotated[Price, units("1M requests")] | None = None
    management_fee: SourcedRate | None = Field(None, description="fraction of the EC2 on-demand instance price")
