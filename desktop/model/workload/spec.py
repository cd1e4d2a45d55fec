"""The workload file, format version 1: what the architect describes.

A public interface: field names and meanings are documented in docs/workload-format.md and the
JSON Schema in docs/workload.schema.json is generated from these models (a test keeps it in sync).
Every model is frozen and forbids unknown keys; numbers must be finite.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from desktop.model.options.aws_lambda.sections import LambdaConfig
from desktop.model.options.ecs_ec2.sections import Ec2Config
from desktop.model.options.ecs_managed.sections import EcsManagedConfig
from desktop.model.options.lambda_managed.sections import LambdaManagedConfig
from desktop.model.schema.fields import Describe
from desktop.model.schema.workload import FiniteFloat as FiniteFloat
from desktop.model.schema.workload import Frozen, Section
from desktop.model.workload.derived import WorkloadDerived
from desktop.model.workload.horizon import Horizon
from desktop.model.workload.ranges import Ranges, check_ranged_paths
from desktop.model.workload.shared_lines import MAX_SHARED_LINES, SharedLine

SCHEMA_VERSION = 1
MAX_MONTH_HOURS = 744  # a 31-day month
MAX_BURST_RATIO = 60.0  # the whole hour's load within one minute
MAX_MIN_TASKS = 10_000

Architecture = Literal["x86_64", "arm64"]
TrafficKind = Literal["requests", "jobs"]
ContainerOS = Literal["linux", "windows"]
FrontDoor = Literal["none", "api_gateway_http", "api_gateway_rest", "alb", "auto"]
Trigger = Literal["http", "queue", "stream", "event", "schedule"]
Level = Literal["low", "medium", "high"]
OptionId = Annotated[str, Field(min_length=1, max_length=40)]

MAX_NAME_CHARS = 120
MAX_ANSWERS = 200  # the questionnaire has 21 questions; room for answers kept from other tools
MAX_ANSWER_ID_CHARS = 100
MAX_ANSWER_CHARS = 2_000  # one text answer
AnswerId = Annotated[str, Field(min_length=1, max_length=MAX_ANSWER_ID_CHARS)]
AnswerValue = Annotated[str, Field(max_length=MAX_ANSWER_CHARS)] | int | float | bool | None


class Traffic(Section):
    TITLE = "Traffic"

    kind: Annotated[TrafficKind, Describe(
        "Kind of work", "choice",
        "Requests: a service answering requests or events. Jobs: discrete runs, one task or one invocation each.",
        choices=(("requests", "Requests (a service)"), ("jobs", "Jobs (runs)")), long_label="Kind of traffic"
    )] = Field("requests", description="requests: a service answering requests or events; "
               "jobs: discrete runs, one task or one invocation each")
    requests_per_month: Annotated[int, Describe(
        "Requests", "volume", "Requests or events a month (used when the kind is Requests). Type 30M, 1.5k or 2B.",
        limit="Up to 10 trillion a month.", unit="requests/month", long_label="Requests a month"
    )] = Field(1_000_000, ge=0, le=10**13,
               description="kind=requests: requests or events a month")
    runs_per_month: Annotated[int, Describe(
        "Job runs", "volume", "Job runs a month (used when the kind is Jobs). Type 3k or 1.2M.",
        limit="Up to 1 billion a month.", unit="runs/month", long_label="Job runs a month"
    )] = Field(0, ge=0, le=10**9, description="kind=jobs: job runs a month")
    duration_ms: Annotated[FiniteFloat, Describe(
        "Duration", "float", "Average billed duration of one request or one run.",
        limit="Lambda stops a unit of work at 900 s (15 min); longer work rules Lambda out. AWS Lambda quotas "
              "(docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html)",
        unit="ms", long_label="Duration per unit (ms)"
    )] = Field(100.0, gt=0, le=MAX_MONTH_HOURS * 3600 * 1000,
               description="average billed duration of one request or one run, in ms; "
               "at most the month (assumptions.month_hours)")
    daily_profile: Annotated[tuple[FiniteFloat, ...] | None, Describe(
        "Load over the day", "profile",
        "Relative load in each hour of the day (UTC). Capacity is sized hour by hour; drag the bars or pick a preset.",
        long_label="Daily profile (UTC 0-23 h)"
    )] = Field(
        None, description="optional relative load for each of the 24 hours of the day (UTC); default flat")
    burst_ratio: Annotated[FiniteFloat, Describe(
        "Burst within an hour", "float",
        "The load's peak within an hour over the hour's average (1 = even). Fargate tasks and EC2 hosts are sized "
        "for the peak; Lambda bills per request and is unaffected.",
        limit="1 (even) to 60 (the whole hour's load in one minute).", unit="x", long_label="Burst in an hour (x)"
    )] = Field(1.0, ge=1, le=MAX_BURST_RATIO,
               description="the load's peak within an hour over the hour's average (1 = even); "
               "containers are sized for the peak, Lambda bills per request")

    @field_validator("daily_profile")
    @classmethod
    def _profile_shape(cls, value: tuple[float, ...] | None) -> tuple[float, ...] | None:
        if value is None:
            return None
        if len(value) != 24:
            raise ValueError(f"must hold 24 numbers (one per hour), got {len(value)}")
        if any(v < 0 for v in value):
            raise ValueError("every hour must be 0 or more")
        if sum(value) <= 0:
            raise ValueError("at least one hour must be above 0")
        return value


class ContainerConfig(Section):
    TITLE = "Containers (Fargate and EC2)"
    FORM_TITLE = "Containers (ECS task and cluster)"

    vcpu: Annotated[FiniteFloat, Describe(
        "Task vCPU", "float", "vCPU per task in the ECS task definition.",
        limit="Fargate: 0.25-16 vCPU (32 where confirmed); ECS on EC2: up to 192. Fargate task sizes "
              "(docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html)",
        unit="vCPU", long_label="vCPU per task"
    )] = Field(1.0, gt=0, le=192, description="vCPU per task (ECS task definition)")
    memory_gb: Annotated[FiniteFloat, Describe(
        "Task memory", "float", "Memory per task.",
        limit="Fargate: 0.5-120 GB by vCPU size, rounded up to the next valid size. Fargate task sizes "
              "(docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html)",
        unit="GB", long_label="Memory per task (GB)"
    )] = Field(2.0, gt=0, le=1024, description="memory per task, GB")
    os: Annotated[ContainerOS, Describe(
        "Operating system", "choice", "The task's operating system.",
        limit="Windows on Fargate: 1, 2 or 4 vCPU, 5-minute billing minimum, licence fee. AWS Fargate pricing page",
        choices=(("linux", "Linux"), ("windows", "Windows")), long_label="Container OS"
    )] = "linux"
    ephemeral_storage_gb: Annotated[FiniteFloat, Describe(
        "Task storage", "float", "Task ephemeral storage.",
        limit="Fargate: 20 GB included, configurable up to 200 GB. AWS Fargate pricing page", unit="GB",
        long_label="Task storage (GB)"
    )] = Field(20.0, ge=20, le=200,
               description="task ephemeral storage (Fargate: 20-200 GB)")
    concurrency_per_task: Annotated[int, Describe(
        "Concurrency per task", "int", "Requests one task serves at once at full load.", unit="requests",
        long_label="Requests per task at once"
    )] = Field(10, ge=1, le=100_000,
               description="requests one task serves at once at full load")
    target_utilization: Annotated[FiniteFloat, Describe(
        "Target utilisation", "float", "Share of a task's capacity used before scaling out (ECS target tracking).",
        unit="%", scale=100.0, long_label="Target utilisation"
    )] = Field(0.7, ge=0.1, le=1,
               description="share of a task's capacity used before scaling out")
    min_tasks: Annotated[int | None, Describe(
        "Minimum tasks", "int",
        "Always-on floor of tasks. Default: 2 for requests (two Availability Zones), 0 for jobs.", unit="tasks",
        optional=True, empty_text="default", long_label="Minimum tasks (always on)"
    )] = Field(None, ge=0, le=MAX_MIN_TASKS,
               description="always-on floor; default 2 for requests (two AZs), 0 for jobs")
    spot_share: Annotated[FiniteFloat, Describe(
        "Spot share", "float", "Share of task-hours on Fargate Spot / EC2 Spot (interruptible: 2-minute warning).",
        limit="Fargate Spot: Linux on X86_64 only (not ARM64, not Windows): ECS developer guide, Fargate capacity "
              "providers. AWS Fargate pricing page",
        unit="%", scale=100.0, long_label="Spot share of task-hours"
    )] = Field(0.0, ge=0, le=1,
               description="share of task-hours on Fargate Spot / EC2 Spot")


class Requirements(Section):
    """What the work needs: the facts the hard rules read (all default to 'nothing special')."""

    TITLE = "Requirements"

    gpus: Annotated[int, Describe(
        "GPUs", "int", "GPUs one unit of work needs.",
        limit="Neither Lambda nor Fargate offers GPUs: only ECS on EC2 (g4dn, g5, g6, p-family).", unit="GPU",
        long_label="GPUs per unit of work"
    )] = Field(0, ge=0, le=16, description="GPUs one unit of work needs")
    vcpu_per_unit: Annotated[FiniteFloat | None, Describe(
        "vCPU per unit", "float",
        "vCPU one unit of work needs. Default: container vCPU for jobs, vCPU / concurrency for requests.",
        limit="Lambda gives at most 6 vCPU (at 10,240 MB). AWS Lambda quotas "
              "(docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html)",
        unit="vCPU", optional=True, empty_text="default", long_label="vCPU per unit of work"
    )] = Field(
        None, gt=0, le=192, description="vCPU one unit of work needs; default: container.vcpu for jobs, "
        "container.vcpu / concurrency_per_task for requests")
    memory_mb_per_unit: Annotated[int | None, Describe(
        "Memory per unit", "int", "Memory one unit of work needs. Default: the Lambda memory.",
        limit="Lambda: at most 10,240 MB. AWS Lambda quotas "
              "(docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html)",
        unit="MB", optional=True, empty_text="default", long_label="Memory per unit of work (MB)"
    )] = Field(
        None, gt=0, le=2_000_000, description="memory one unit of work needs, MB; default: lambda.memory_mb")
    privileged: Annotated[bool, Describe(
        "Privileged / host access", "bool", "Privileged mode, host devices or kernel tuning (sysctls).",
        limit="Not supported on Fargate (ECS best-practices guide): ECS on EC2 only.",
        long_label="Privileged / host access"
    )] = Field(False, description="privileged mode, host devices or kernel tuning (sysctls)")
    daemon_per_host: Annotated[bool, Describe(
        "Agent on every host", "bool", "An agent that must run once on every host (ECS DAEMON scheduling).",
        limit="DAEMON scheduling is not supported on Fargate (ECS service options).", long_label="Agent on every host"
    )] = Field(False, description="an agent that must run once on every host (DAEMON)")
    scratch_gb: Annotated[FiniteFloat, Describe(
        "Scratch disk", "float", "Scratch disk one unit of work needs.",
        limit="Lambda /tmp: up to 10 GB; Fargate ephemeral storage: up to 200 GB.", unit="GB",
        long_label="Scratch disk per unit (GB)"
    )] = Field(0.0, ge=0, le=100_000, description="scratch disk one unit of work needs, GB")
    artifact_mb: Annotated[FiniteFloat, Describe(
        "Artifact size", "float", "Deployment artifact (zip or container image) size.",
        limit="Lambda: 250 MB unzipped for .zip, 10 GB for a container image. AWS Lambda quotas "
              "(docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html)",
        unit="MB", long_label="Artifact size (MB)"
    )] = Field(0.0, ge=0, le=1_000_000,
               description="deployment artifact (zip or container image) size, MB")
    payload_kb: Annotated[FiniteFloat, Describe(
        "Largest payload", "float", "Largest request or response body.",
        limit="Lambda: 6 MB synchronous, 1 MB asynchronous, 200 MB streamed. AWS Lambda quotas "
              "(docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html)",
        unit="KB", long_label="Largest payload (KB)"
    )] = Field(0.0, ge=0, le=10_000_000,
               description="largest request or response body, KB")
    long_lived_connections: Annotated[bool, Describe(
        "Long-lived connections", "bool", "WebSockets, gRPC streams or other open sockets (favour containers).",
        long_label="Long-lived connections"
    )] = Field(False, description="WebSockets, gRPC streams or other open sockets")
    in_memory_state: Annotated[bool, Describe(
        "In-memory state", "bool", "State or caches kept in memory between requests (favour containers).",
        long_label="State kept in memory"
    )] = Field(False, description="state or caches kept in memory between requests")
    latency_slo_ms: Annotated[FiniteFloat | None, Describe(
        "Latency target", "float", "Latency a user must see; tight targets with spiky traffic weigh cold starts.",
        limit="Lambda cold starts: typically 100 ms to over 1 s (AWS Lambda docs).", unit="ms", optional=True,
        empty_text="none", long_label="Latency target (ms)"
    )] = Field(None, gt=0, le=3_600_000,
               description="latency target a user must see, ms")
    checkpointable: Annotated[bool, Describe(
        "Can checkpoint", "bool",
        "The work can be split into checkpointed steps that resume after a pause (Lambda durable functions): a run "
        "past 15 minutes is then a finding for Lambda, not a rule-out.",
        limit="Lambda durable functions (2025): an execution of checkpointed steps runs up to one year (DurableConfig "
              "ExecutionTimeout at most 31,622,400 s); each invocation keeps the 15-minute limit. AWS Lambda "
              "Developer Guide, 'Lambda durable functions'", long_label="Work can checkpoint"
    )] = Field(False, description="the work can be split into checkpointed steps (Lambda durable functions: an "
               "execution up to one year, each invocation at most 15 min)")
    interruption_tolerant: Annotated[bool, Describe(
        "Interruption tolerant", "bool", "The work can be stopped and retried, so Spot capacity is acceptable.",
        long_label="Tolerates interruption"
    )] = Field(False, description="the work can be stopped and retried (Spot)")
    trigger: Annotated[Trigger, Describe(
        "Trigger", "choice", "What starts the work.",
        choices=(
            ("http", "HTTP"),
            ("queue", "Queue"),
            ("stream", "Stream"),
            ("event", "Event"),
            ("schedule", "Schedule"),
        ),
        long_label="Trigger"
    )] = Field("http", description="what starts the work")


class Network(Section):
    """The costs people forget: each off or zero by default, so a file without them keeps its totals."""

    TITLE = "Network and logs"

    nat_gateways: Annotated[int, Describe(
        "NAT gateways", "int",
        "NAT gateways the private subnets use to reach the internet (0 = none). Billed every hour, with the "
        "Elastic IP (a public IPv4 address) each one holds.",
        limit="One per Availability Zone is AWS's advice. Amazon VPC pricing page", unit="gateways",
        long_label="NAT gateways"
    )] = Field(0, ge=0, le=16, description="NAT gateways the work's private subnets use (one per "
               "Availability Zone is AWS's advice); billed per gateway-hour")
    nat_kb_per_unit: Annotated[FiniteFloat, Describe(
        "Through the NAT", "float",
        "KB each request or run sends and receives through the NAT gateway (calls to the internet from a private "
        "subnet). Billed per GB processed.",
        limit="Amazon VPC pricing page", unit="KB", long_label="KB through NAT per unit"
    )] = Field(0.0, ge=0, le=10_000_000,
               description="KB each request or run sends and receives through the NAT "
               "gateway (calls to the internet from a private subnet)")
    public_ipv4: Annotated[bool, Describe(
        "Public IPv4 per task or host", "bool",
        "Each Fargate task or EC2 instance has a public IPv4 address (billed per hour, in use or idle). Lambda "
        "functions never have one.",
        limit="Amazon VPC pricing page", long_label="Public IPv4 per task/host"
    )] = Field(False, description="each task or instance has a public IPv4 address (billed per "
               "address-hour); Lambda functions never have one")
    log_kb_per_unit: Annotated[FiniteFloat, Describe(
        "Logged", "float",
        "KB written to CloudWatch Logs per request or run (ingestion per GB, storage per GB-month).",
        limit="Amazon CloudWatch pricing page.", unit="KB", long_label="KB logged per unit"
    )] = Field(0.0, ge=0, le=10_000_000,
               description="KB logged to CloudWatch Logs per request or run")
    log_retention_days: Annotated[int, Describe(
        "Log retention", "int", "Days CloudWatch Logs keeps the logs.",
        limit="1 day to 10 years (CloudWatch Logs retention settings).", unit="days", long_label="Log retention (days)"
    )] = Field(30, ge=1, le=3653,
               description="days CloudWatch Logs keeps the logs (AWS: 1 day to 10 years)")
    response_kb: Annotated[FiniteFloat, Describe(
        "Sent to the internet", "float",
        "KB each response (or run) sends out to the internet. The first 100 GB a month are free.",
        limit="Amazon EC2 data transfer pricing (out to the internet).", unit="KB", long_label="KB out per response"
    )] = Field(0.0, ge=0, le=10_000_000,
               description="KB each response (or run) sends out to the internet; AWS gives "
               "100 GB a month free")
    alb_rules: Annotated[int, Describe(
        "ALB listener rules", "int",
        "Rules the load balancer's listener evaluates for a request; beyond 10 they add LCUs.",
        limit="First 10 rules free; 1,000 evaluations a second = 1 LCU. Elastic Load Balancing pricing page (LCU)",
        unit="rules", long_label="ALB listener rules"
    )] = Field(1, ge=1, le=1000, description="rules the load balancer's listener evaluates for a "
               "request (the first 10 are free)")
    connection_minutes: Annotated[FiniteFloat, Describe(
        "Connection lifetime", "float",
        "How long one long-lived connection (WebSocket, gRPC stream) stays open. Used only when the work has "
        "long-lived connections: the load balancer then counts new connections from connections, not requests.",
        limit="ALB LCU: 25 new connections a second and 3,000 active connections a minute are one LCU each "
              "(Elastic Load Balancing pricing page)", unit="min", long_label="Connection lifetime (min)"
    )] = Field(60.0, gt=0, le=100_000, description="minutes one long-lived connection stays open (used when "
               "requirements.long_lived_connections)")
    open_connections: Annotated[int | None, Describe(
        "Connections open at once", "int",
        "Long-lived connections open at once at an average hour (they follow the daily profile). Empty: one per "
        "request in flight.",
        limit="ALB LCU: 3,000 active connections a minute = 1 LCU (Elastic Load Balancing pricing page)",
        unit="connections", optional=True, empty_text="requests in flight", long_label="Connections open at once"
    )] = Field(None, ge=0, le=10**9, description="long-lived connections open at once at an average hour "
               "(used when requirements.long_lived_connections; empty: the requests in flight)")
    alb_subnets: Annotated[int, Describe(
        "ALB public subnets", "int",
        "Subnets (one per Availability Zone) an internet-facing load balancer is enabled in: each holds a public "
        "IPv4 address, billed per hour. 0 = an internal load balancer (no public address).",
        limit="An Application Load Balancer needs at least two Availability Zones (Elastic Load Balancing user "
              "guide); one public IPv4 per enabled subnet (Amazon VPC pricing; AWS blog 'Identify and optimize "
              "public IPv4 address usage on AWS', 2024)", unit="subnets", long_label="ALB public subnets"
    )] = Field(2, ge=0, le=64, description="subnets an internet-facing ALB is enabled in, each with a public IPv4 "
               "address billed per hour (AWS's minimum for an ALB is 2; 0 = internal)")


class Team(Section):
    TITLE = "Team"

    operations_appetite: Annotated[Level, Describe(
        "Appetite for operations", "choice", "The team's appetite for patching and scaling servers.",
        choices=(("low", "Low"), ("medium", "Medium"), ("high", "High")), long_label="Appetite for operations"
    )] = Field("medium", description="appetite for patching and scaling servers")
    configuration_control: Annotated[Level, Describe(
        "Need for control", "choice", "Need for fine control of the runtime and the host.",
        choices=(("low", "Low"), ("medium", "Medium"), ("high", "High")), long_label="Need for host control"
    )] = Field("medium", description="need for fine control of the runtime and host")


class Priorities(Section):
    """Weights 0..5 the recommendation gives to each concern."""

    TITLE = "Priorities (0-5)"

    cost: Annotated[int, Describe(
        "Weight: cost", "int", "How much cost weighs in the recommendation (0-5).", long_label="Weight of cost"
    )] = Field(3, ge=0, le=5)
    operations: Annotated[int, Describe(
        "Weight: operations", "int", "How much operational effort weighs in the recommendation (0-5).",
        long_label="Weight of operations"
    )] = Field(3, ge=0, le=5)
    latency: Annotated[int, Describe(
        "Weight: latency", "int", "How much latency weighs (0-5).", long_label="Weight of latency"
    )] = Field(2, ge=0, le=5)
    flexibility: Annotated[int, Describe(
        "Weight: flexibility", "int", "How much flexibility weighs (0-5).", long_label="Weight of flexibility"
    )] = Field(1, ge=0, le=5)


class SavingsPlans(Section):
    lambda_pct: Annotated[FiniteFloat, Describe(
        "Savings Plan, Lambda", "float", "Compute Savings Plan discount on Lambda duration.",
        limit="Up to 17%. Compute Savings Plans and EC2 Instance Savings Plans pricing pages", unit="%",
        long_label="Savings Plan, Lambda (% off)"
    )] = Field(0.0, ge=0, le=17, description="Compute Savings Plan, Lambda (AWS: up to 17%)")
    fargate_pct: Annotated[FiniteFloat, Describe(
        "Savings Plan, Fargate", "float", "Compute Savings Plan discount on Fargate.",
        limit="Up to 50%. Compute Savings Plans and EC2 Instance Savings Plans pricing pages", unit="%",
        long_label="Savings Plan, Fargate (% off)"
    )] = Field(0.0, ge=0, le=50,
               description="Compute Savings Plan, Fargate (AWS: up to 50%)")
    ec2_pct: Annotated[FiniteFloat, Describe(
        "Savings Plan / RI, EC2", "float", "Savings Plan or Reserved Instance discount on EC2.",
        limit="Up to 72%. Compute Savings Plans and EC2 Instance Savings Plans pricing pages", unit="%",
        long_label="Savings Plan, EC2 (% off)"
    )] = Field(0.0, ge=0, le=72,
               description="Savings Plan or Reserved Instances, EC2 (AWS: up to 72% with EC2 "
               "Instance Savings Plans or Standard Reserved Instances, up to 66% with "
               "Compute Savings Plans; AWS Savings Plans and EC2 pricing pages)")


CommitmentPlan = Literal["none", "compute_sp", "ec2_instance_sp", "standard_ri", "convertible_ri"]


class Commitment(Section):
    """A Savings Plan or Reserved Instances as AWS sells them, priced at the book's sourced rates per type, term and
    payment option (desktop.model.options.common.commitment). "none" keeps the flat percentages above; any other
    plan replaces them."""

    plan: Annotated[CommitmentPlan, Describe(
        "Commitment", "choice",
        "A Savings Plan or Reserved Instances priced at sourced rates per instance family, term and payment option; "
        "replaces the flat Savings Plan percentages.",
        choices=(("none", "None (flat percentages)"), ("compute_sp", "Compute Savings Plan"),
                 ("ec2_instance_sp", "EC2 Instance Savings Plan"), ("standard_ri", "Standard Reserved Instances"),
                 ("convertible_ri", "Convertible Reserved Instances")),
        limit="Compute SP: Lambda, Fargate, EC2; EC2 Instance SP and RIs: EC2 only. AWS Savings Plans User Guide",
        long_label="Commitment plan"
    )] = "none"
    term: Annotated[Literal["1yr", "3yr"], Describe(
        "Commitment term", "choice", "One or three years.", choices=(("1yr", "1 year"), ("3yr", "3 years")),
        long_label="Commitment term"
    )] = "1yr"
    payment: Annotated[Literal["no_upfront", "partial_upfront", "all_upfront"], Describe(
        "Payment option", "choice", "What is paid upfront: shown amortised in the monthly total.",
        choices=(("no_upfront", "No upfront"), ("partial_upfront", "Partial upfront"),
                 ("all_upfront", "All upfront")),
        long_label="Commitment payment option"
    )] = "no_upfront"
    covered_pct: Annotated[FiniteFloat, Describe(
        "Usage covered", "float", "Share of the eligible on-demand usage (not Spot) the commitment covers.",
        limit="Usage above the commitment is billed on demand. AWS Savings Plans User Guide", unit="%",
        long_label="Share of usage covered (%)"
    )] = Field(100.0, ge=0, le=100, description="share of the eligible on-demand usage covered")
    hourly_usd: FiniteFloat | None = Field(
        None, ge=0, le=1_000_000, description="an hourly commitment in USD at the plan's rates instead of a share: "
        "usage above it in an hour is billed on demand, commitment unused in an hour is lost (AWS Savings Plans "
        "User Guide); hour by hour over the day's load profile")


class Assumptions(Section):
    TITLE = "Assumptions"

    month_hours: Annotated[FiniteFloat, Describe(
        "Month length", "float", "Hours in a billing month.",
        limit="AWS prices a month as 730 hours (28-31 days: 672-744 h).", unit="h",
        long_label="Hours in a billing month"
    )] = Field(730.0, ge=672, le=MAX_MONTH_HOURS,
               description="hours in a billing month (AWS: 730)")
    savings_plans: SavingsPlans = SavingsPlans()
    commitment: Commitment = Commitment()
    fargate_spot_discount_pct: Annotated[FiniteFloat, Describe(
        "Fargate Spot discount", "float", "Discount of Fargate Spot against On-Demand.",
        limit="Up to 70%. AWS Fargate pricing page", unit="%", long_label="Fargate Spot discount (%)"
    )] = Field(65.0, ge=0, le=90,
               description="Fargate Spot discount (AWS: up to 70%)")
    ec2_spot_discount_pct: Annotated[FiniteFloat, Describe(
        "EC2 Spot discount", "float", "Discount of EC2 Spot against On-Demand.",
        limit="Up to 90% (Amazon EC2 Spot pricing page).", unit="%", long_label="EC2 Spot discount (%)"
    )] = Field(60.0, ge=0, le=90,
               description="EC2 Spot discount (AWS: up to 90%)")
    api_gateway_free_tier: Annotated[bool, Describe(
        "API Gateway free tier", "bool", "API Gateway's 12-month free tier (new accounts only).",
        limit="Amazon API Gateway pricing page.", long_label="API Gateway free tier (12 mo)"
    )] = Field(False, description="API Gateway's 12-month free tier (new accounts)")


class Workload(Frozen, WorkloadDerived):  # is_jobs, min_tasks, units_per_month: derived.py
    schema_version: Literal[1] = 1
    name: Annotated[str, Describe(
        "Workload name", "text", "The name shown in the title, the reports and exported files."
    )] = Field(..., min_length=1, max_length=MAX_NAME_CHARS)
    region: Annotated[str, Describe(
        "Region", "region", "The AWS Region whose prices apply (from the price book).", long_label="AWS Region"
    )] = Field("us-east-1", min_length=1, max_length=40)
    architecture: Annotated[Architecture, Describe(
        "Architecture", "choice", "CPU architecture for Lambda, Fargate and EC2.",
        limit="Graviton (arm64) on Fargate: about 20% cheaper. AWS Fargate pricing page",
        choices=(("x86_64", "x86_64"), ("arm64", "arm64 (Graviton)")), long_label="CPU architecture"
    )] = "x86_64"
    traffic: Traffic = Traffic()
    lambda_: LambdaConfig = Field(LambdaConfig(), alias="lambda")
    container: ContainerConfig = ContainerConfig()
    ec2: Ec2Config = Ec2Config()
    lambda_managed: LambdaManagedConfig = LambdaManagedConfig()
    ecs_managed: EcsManagedConfig = EcsManagedConfig()
    front_door: Annotated[FrontDoor, Describe(
        "Front door", "choice",
        "What receives the requests. Automatic: API Gateway HTTP API for Lambda, an Application Load Balancer for "
        "containers.",
        choices=(
            ("auto", "Automatic"),
            ("api_gateway_http", "API Gateway HTTP API"),
            ("api_gateway_rest", "API Gateway REST API"),
            ("alb", "Application Load Balancer"),
            ("none", "None"),
        ),
        long_label="Front door"
    )] = "auto"
    requirements: Requirements = Requirements()
    network: Network = Network()
    team: Team = Team()
    priorities: Priorities = Priorities()
    assumptions: Assumptions = Assumptions()
    horizon: Horizon | None = Field(None, description="a horizon of months with growth, one-off and people costs "
                                    "(docs/workload-format.md); absent: the monthly view only")
    ranges: Ranges | None = Field(None, description="numeric inputs as low / likely / high and the Monte Carlo's "
                                  "seed (docs/workload-format.md); absent: point estimates only")
    shared_lines: tuple[SharedLine, ...] | None = Field(
        None, max_length=MAX_SHARED_LINES, description="costs the user adds that the options carry (a database, a "
        "cache), priced from the user's own quantity and unit price (desktop.model.workload.shared_lines); absent: "
        "none")
    options: tuple[OptionId, ...] | None = Field(
        None, max_length=20, description="the compute options compared, by id (the registered "
        "options, listed in docs/workload-format.md); default: lambda, fargate and ec2")
    answers: dict[AnswerId, AnswerValue] | None = Field(
        None, max_length=MAX_ANSWERS,
        description=f"questionnaire answers this workload was built from (question id -> answer): at most "
                    f"{MAX_ANSWERS} answers, ids of at most {MAX_ANSWER_ID_CHARS} characters, text answers of at "
                    f"most {MAX_ANSWER_CHARS:,} characters")

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False, populate_by_name=True,
                              validate_default=True)

    @field_validator("answers", mode="before")
    @classmethod
    def _bounded_answers(cls, value: Any) -> Any:
        """The limits in words before the type checks (whose errors for a union of types are hard to read)."""
        if not isinstance(value, dict):
            return value
        if len(value) > MAX_ANSWERS:
            raise ValueError(f"at most {MAX_ANSWERS} answers, got {len(value):,}")
        for key, answer in value.items():
            if isinstance(key, str) and not 1 <= len(key) <= MAX_ANSWER_ID_CHARS:
                raise ValueError(f"an answer id has 1 to {MAX_ANSWER_ID_CHARS} characters, got {len(key):,}")
            if (answer is not None and not isinstance(answer, str | int | float)) or (
                    isinstance(answer, float) and not math.isfinite(answer)):
                raise ValueError(f"{key}: an answer is text, a finite number, true, false or null, "
                                 f"got {type(answer).__name__}")
            if isinstance(answer, str) and len(answer) > MAX_ANSWER_CHARS:
                raise ValueError(f"{key}: a text answer has at most {MAX_ANSWER_CHARS:,} characters, "
                                 f"got {len(answer):,}")
        return value

    @field_validator("name")
    @classmethod
    def _name_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value

    @field_validator("shared_lines")
    @classmethod
    def _no_lines_is_none(cls, value: tuple[SharedLine, ...] | None) -> tuple[SharedLine, ...] | None:
        return value or None  # no lines and an empty list are the same workload (and file)

    @field_validator("options")
    @classmethod
    def _options_once(cls, value: tuple[str, ...] | None) -> tuple[str, ...] | None:
        if value is not None:
            if not value:
                raise ValueError("must list at least one compute option (or be left out: lambda, fargate and ec2)")
            twice = sorted({o for o in value if value.count(o) > 1})
            if twice:
                raise ValueError(f"lists {', '.join(repr(o) for o in twice)} more than once")
        return value

    @model_validator(mode="after")
    def _ranged_fields_are_numbers(self) -> Workload:
        if self.ranges is not None:
            check_ranged_paths(self.ranges, self)
        return self

    @model_validator(mode="after")
    def _duration_within_the_month(self) -> Workload:
        """A run or request may last as long as the month the workload assumes, not longer."""
        limit_ms = self.assumptions.month_hours * 3600 * 1000
        if self.traffic.duration_ms > limit_ms:
            error = PydanticCustomError(
                "duration_over_month", f"must be at most the month, {self.assumptions.month_hours:g} h = "
                f"{limit_ms:,.0f} ms (assumptions.month_hours)")
            raise ValidationError.from_exception_data("Workload", [InitErrorDetails(
                type=error, loc=("traffic", "duration_ms"), input=self.traffic.duration_ms)])
        return self

    def to_json_dict(self) -> dict[str, Any]:
        """The file form: aliases ('lambda'), defaults included, answers and options only when present."""
        data = self.model_dump(mode="json", by_alias=True)
        for key in ("answers", "options", "horizon", "ranges", "shared_lines"):
            if data.get(key) is None:
                data.pop(key, None)
        return data

    def with_changes(self, changes: dict[str, Any]) -> Workload:
        """A validated copy with dotted-path changes applied, e.g. {"lambda.memory_mb": 2048}.

        Raises pydantic.ValidationError when the result is not a valid workload.
        """
        data = self.to_json_dict()
        for path, value in changes.items():
            set_dotted(data, path, value)
        return Workload.model_validate(data)

    def get(self, path: str) -> Any:
        """The value at a dotted path of the file form, e.g. "container.vcpu"."""
        node: Any = self.to_json_dict()
        for part in path.split("."):
            node = node[part]
        return node


def set_dotted(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    node = data
    for part in parts[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            child = {}
            node[part] = child
        node = child
    node[parts[-1]] = value
