"""Every editable workload field, grouped the way an architect thinks, with units, meaning and AWS limits.

The field catalogue, pure data: the form builds one editor per FieldSpec (objectName = the dotted path), and the
sheet's assumption register names each field by its `title`. The shared groups are here; each option's own group
is declared in its folder beside its section (`FORM` in options/<id>/format.py) and read from the schema, as are
the section titles. A field's range is declared once, on the schema (`field_bounds`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from desktop.model.formats.fields import FieldSpec as FieldSpec
from desktop.model.formats.fields import GroupSpec as GroupSpec
from desktop.model.formats.fields import Kind as Kind
from desktop.model.formats.workload import Section
from desktop.model.workload.spec import Workload

LIMITS = "AWS Lambda quotas (docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html)"
FARGATE_SIZES = "Fargate task sizes (docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html)"
FARGATE_PRICING = "AWS Fargate pricing page"
SAVINGS = "Compute Savings Plans and EC2 Instance Savings Plans pricing pages"
LMI_API = "LambdaManagedInstancesCapacityProviderConfig (Lambda API reference)"
VPC_PRICING = "Amazon VPC pricing page"
ELB_PRICING = "Elastic Load Balancing pricing page (LCU)"


LEVELS = (("low", "Low"), ("medium", "Medium"), ("high", "High"))

_SHARED: tuple[GroupSpec, ...] = (
    GroupSpec("Traffic and load shape", (
        FieldSpec("name", "Workload name", "text", "The name shown in the title, the reports and exported files."),
        FieldSpec("traffic.kind", "Kind of work", "choice",
                  "Requests: a service answering requests or events. Jobs: discrete runs, one task or one "
                  "invocation each.", choices=(("requests", "Requests (a service)"), ("jobs", "Jobs (runs)")),
                  long_label="Kind of traffic"),
        FieldSpec("traffic.requests_per_month", "Requests", "volume",
                  "Requests or events a month (used when the kind is Requests). Type 30M, 1.5k or 2B.",
                  "Up to 10 trillion a month.", unit="requests/month", long_label="Requests a month"),
        FieldSpec("traffic.runs_per_month", "Job runs", "volume",
                  "Job runs a month (used when the kind is Jobs). Type 3k or 1.2M.", "Up to 1 billion a month.",
                  unit="runs/month", long_label="Job runs a month"),
        FieldSpec("traffic.daily_profile", "Load over the day", "profile",
                  "Relative load in each hour of the day (UTC). Capacity is sized hour by hour; "
                  "drag the bars or pick a preset.", long_label="Daily profile (UTC 0-23 h)"),
        FieldSpec("traffic.burst_ratio", "Burst within an hour", "float",
                  "The load's peak within an hour over the hour's average (1 = even). Fargate tasks and EC2 hosts "
                  "are sized for the peak; Lambda bills per request and is unaffected.",
                  "1 (even) to 60 (the whole hour's load in one minute).", unit="x",
                  long_label="Burst in an hour (x)"),
    )),
    GroupSpec("Per request or run", (
        FieldSpec("traffic.duration_ms", "Duration", "float",
                  "Average billed duration of one request or one run.",
                  "Lambda stops a unit of work at 900 s (15 min); longer work rules Lambda out. " + LIMITS,
                  unit="ms", long_label="Duration per unit (ms)"),
        FieldSpec("requirements.payload_kb", "Largest payload", "float",
                  "Largest request or response body.",
                  "Lambda: 6 MB synchronous, 1 MB asynchronous, 200 MB streamed. " + LIMITS, unit="KB",
                  long_label="Largest payload (KB)"),
        FieldSpec("requirements.latency_slo_ms", "Latency target", "float",
                  "Latency a user must see; tight targets with spiky traffic weigh cold starts.",
                  "Lambda cold starts: typically 100 ms to over 1 s (AWS Lambda docs).",
                  unit="ms", optional=True, empty_text="none", long_label="Latency target (ms)"),
        FieldSpec("requirements.vcpu_per_unit", "vCPU per unit", "float",
                  "vCPU one unit of work needs. Default: container vCPU for jobs, vCPU / concurrency for requests.",
                  "Lambda gives at most 6 vCPU (at 10,240 MB). " + LIMITS, unit="vCPU", optional=True,
                  empty_text="default", long_label="vCPU per unit of work"),
        FieldSpec("requirements.memory_mb_per_unit", "Memory per unit", "int",
                  "Memory one unit of work needs. Default: the Lambda memory.",
                  "Lambda: at most 10,240 MB. " + LIMITS, unit="MB", optional=True, empty_text="default",
                  long_label="Memory per unit of work (MB)"),
        FieldSpec("requirements.scratch_gb", "Scratch disk", "float", "Scratch disk one unit of work needs.",
                  "Lambda /tmp: up to 10 GB; Fargate ephemeral storage: up to 200 GB.", unit="GB",
                  long_label="Scratch disk per unit (GB)"),
        FieldSpec("requirements.artifact_mb", "Artifact size", "float",
                  "Deployment artifact (zip or container image) size.",
                  "Lambda: 250 MB unzipped for .zip, 10 GB for a container image. " + LIMITS, unit="MB",
                  long_label="Artifact size (MB)"),
        FieldSpec("requirements.gpus", "GPUs", "int", "GPUs one unit of work needs.",
                  "Neither Lambda nor Fargate offers GPUs: only ECS on EC2 (g4dn, g5, g6, p-family).",
                  unit="GPU", long_label="GPUs per unit of work"),
        FieldSpec("requirements.trigger", "Trigger", "choice", "What starts the work.", choices=(
            ("http", "HTTP"), ("queue", "Queue"), ("stream", "Stream"), ("event", "Event"),
            ("schedule", "Schedule")), long_label="Trigger"),
        FieldSpec("requirements.long_lived_connections", "Long-lived connections", "bool",
                  "WebSockets, gRPC streams or other open sockets (favour containers).",
                  long_label="Long-lived connections"),
        FieldSpec("requirements.in_memory_state", "In-memory state", "bool",
                  "State or caches kept in memory between requests (favour containers).",
                  long_label="State kept in memory"),
        FieldSpec("requirements.interruption_tolerant", "Interruption tolerant", "bool",
                  "The work can be stopped and retried, so Spot capacity is acceptable.",
                  long_label="Tolerates interruption"),
        FieldSpec("requirements.privileged", "Privileged / host access", "bool",
                  "Privileged mode, host devices or kernel tuning (sysctls).",
                  "Not supported on Fargate (ECS best-practices guide): ECS on EC2 only.",
                  long_label="Privileged / host access"),
        FieldSpec("requirements.daemon_per_host", "Agent on every host", "bool",
                  "An agent that must run once on every host (ECS DAEMON scheduling).",
                  "DAEMON scheduling is not supported on Fargate (ECS service options).",
                  long_label="Agent on every host"),
    )),
    GroupSpec("Containers (ECS task and cluster)", (
        FieldSpec("container.vcpu", "Task vCPU", "float", "vCPU per task in the ECS task definition.",
                  "Fargate: 0.25-16 vCPU (32 where confirmed); ECS on EC2: up to 192. " + FARGATE_SIZES,
                  unit="vCPU", long_label="vCPU per task"),
        FieldSpec("container.memory_gb", "Task memory", "float", "Memory per task.",
                  "Fargate: 0.5-120 GB by vCPU size, rounded up to the next valid size. " + FARGATE_SIZES,
                  unit="GB", long_label="Memory per task (GB)"),
        FieldSpec("container.os", "Operating system", "choice", "The task's operating system.",
                  "Windows on Fargate: 1, 2 or 4 vCPU, 5-minute billing minimum, licence fee. " + FARGATE_PRICING,
                  choices=(("linux", "Linux"), ("windows", "Windows")), long_label="Container OS"),
        FieldSpec("container.ephemeral_storage_gb", "Task storage", "float", "Task ephemeral storage.",
                  "Fargate: 20 GB included, configurable up to 200 GB. " + FARGATE_PRICING, unit="GB",
                  long_label="Task storage (GB)"),
        FieldSpec("container.concurrency_per_task", "Concurrency per task", "int",
                  "Requests one task serves at once at full load.", unit="requests",
                  long_label="Requests per task at once"),
        FieldSpec("container.target_utilization", "Target utilisation", "float",
                  "Share of a task's capacity used before scaling out (ECS target tracking).", unit="%",
                  scale=100.0, long_label="Target utilisation"),
        FieldSpec("container.min_tasks", "Minimum tasks", "int",
                  "Always-on floor of tasks. Default: 2 for requests (two Availability Zones), 0 for jobs.",
                  unit="tasks", optional=True, empty_text="default", long_label="Minimum tasks (always on)"),
    )),
    GroupSpec("Front door", (
        FieldSpec("front_door", "Front door", "choice",
                  "What receives the requests. Automatic: API Gateway HTTP API for Lambda, an Application Load "
                  "Balancer for containers.",
                  choices=(("auto", "Automatic"), ("api_gateway_http", "API Gateway HTTP API"),
                           ("api_gateway_rest", "API Gateway REST API"), ("alb", "Application Load Balancer"),
                           ("none", "None")), long_label="Front door"),
        FieldSpec("network.alb_rules", "ALB listener rules", "int",
                  "Rules the load balancer's listener evaluates for a request; beyond 10 they add LCUs.",
                  "First 10 rules free; 1,000 evaluations a second = 1 LCU. " + ELB_PRICING, unit="rules",
                  long_label="ALB listener rules"),
    )),
    GroupSpec("Network and logs", (
        FieldSpec("network.nat_gateways", "NAT gateways", "int",
                  "NAT gateways the private subnets use to reach the internet (0 = none). Billed every hour.",
                  "One per Availability Zone is AWS's advice. " + VPC_PRICING, unit="gateways",
                  long_label="NAT gateways"),
        FieldSpec("network.nat_kb_per_unit", "Through the NAT", "float",
                  "KB each request or run sends and receives through the NAT gateway (calls to the internet "
                  "from a private subnet). Billed per GB processed.", VPC_PRICING, unit="KB",
                  long_label="KB through NAT per unit"),
        FieldSpec("network.public_ipv4", "Public IPv4 per task or host", "bool",
                  "Each Fargate task or EC2 instance has a public IPv4 address (billed per hour, in use or idle). "
                  "Lambda functions never have one.", VPC_PRICING, long_label="Public IPv4 per task/host"),
        FieldSpec("network.log_kb_per_unit", "Logged", "float",
                  "KB written to CloudWatch Logs per request or run (ingestion per GB, storage per GB-month).",
                  "Amazon CloudWatch pricing page.", unit="KB", long_label="KB logged per unit"),
        FieldSpec("network.log_retention_days", "Log retention", "int",
                  "Days CloudWatch Logs keeps the logs.", "1 day to 10 years (CloudWatch Logs retention settings).",
                  unit="days", long_label="Log retention (days)"),
        FieldSpec("network.response_kb", "Sent to the internet", "float",
                  "KB each response (or run) sends out to the internet. The first 100 GB a month are free.",
                  "Amazon EC2 data transfer pricing (out to the internet).", unit="KB",
                  long_label="KB out per response"),
    )),
    GroupSpec("Pricing options", (
        FieldSpec("region", "Region", "region", "The AWS Region whose prices apply (from the price book).",
                  long_label="AWS Region"),
        FieldSpec("architecture", "Architecture", "choice", "CPU architecture for Lambda, Fargate and EC2.",
                  "Graviton (arm64) on Fargate: about 20% cheaper. " + FARGATE_PRICING,
                  choices=(("x86_64", "x86_64"), ("arm64", "arm64 (Graviton)")), long_label="CPU architecture"),
        FieldSpec("lambda.free_tier", "Lambda free tier", "bool",
                  "Apply AWS's always-free 1M requests and 400,000 GB-s a month.", "AWS Lambda pricing page.",
                  long_label="Lambda free tier"),
        FieldSpec("assumptions.api_gateway_free_tier", "API Gateway free tier", "bool",
                  "API Gateway's 12-month free tier (new accounts only).", "Amazon API Gateway pricing page.",
                  long_label="API Gateway free tier (12 mo)"),
        FieldSpec("assumptions.savings_plans.lambda_pct", "Savings Plan, Lambda", "float",
                  "Compute Savings Plan discount on Lambda duration.", "Up to 17%. " + SAVINGS, unit="%",
                  long_label="Savings Plan, Lambda (% off)"),
        FieldSpec("assumptions.savings_plans.fargate_pct", "Savings Plan, Fargate", "float",
                  "Compute Savings Plan discount on Fargate.", "Up to 50%. " + SAVINGS, unit="%",
                  long_label="Savings Plan, Fargate (% off)"),
        FieldSpec("assumptions.savings_plans.ec2_pct", "Savings Plan / RI, EC2", "float",
                  "Savings Plan or Reserved Instance discount on EC2.", "Up to 72%. " + SAVINGS, unit="%",
                  long_label="Savings Plan, EC2 (% off)"),
        FieldSpec("container.spot_share", "Spot share", "float",
                  "Share of task-hours on Fargate Spot / EC2 Spot (interruptible: 2-minute warning).",
                  "Fargate Spot: Linux on X86_64 only (not ARM64, not Windows): ECS developer guide, Fargate "
                  "capacity providers. " + FARGATE_PRICING, unit="%", scale=100.0,
                  long_label="Spot share of task-hours"),
        FieldSpec("assumptions.fargate_spot_discount_pct", "Fargate Spot discount", "float",
                  "Discount of Fargate Spot against On-Demand.", "Up to 70%. " + FARGATE_PRICING, unit="%",
                  long_label="Fargate Spot discount (%)"),
        FieldSpec("assumptions.ec2_spot_discount_pct", "EC2 Spot discount", "float",
                  "Discount of EC2 Spot against On-Demand.", "Up to 90% (Amazon EC2 Spot pricing page).",
                  unit="%", long_label="EC2 Spot discount (%)"),
        FieldSpec("assumptions.month_hours", "Month length", "float",
                  "Hours in a billing month.", "AWS prices a month as 730 hours (28-31 days: 672-744 h).",
                  unit="h", long_label="Hours in a billing month"),
    )),
    GroupSpec("Team and priorities", (
        FieldSpec("team.operations_appetite", "Appetite for operations", "choice",
                  "The team's appetite for patching and scaling servers.", choices=LEVELS,
                  long_label="Appetite for operations"),
        FieldSpec("team.configuration_control", "Need for control", "choice",
                  "Need for fine control of the runtime and the host.", choices=LEVELS,
                  long_label="Need for host control"),
        FieldSpec("priorities.cost", "Weight: cost", "int", "How much cost weighs in the recommendation (0-5).",
                  long_label="Weight of cost"),
        FieldSpec("priorities.operations", "Weight: operations", "int",
                  "How much operational effort weighs in the recommendation (0-5).", long_label="Weight of operations"),
        FieldSpec("priorities.latency", "Weight: latency", "int", "How much latency weighs (0-5).",
                  long_label="Weight of latency"),
        FieldSpec("priorities.flexibility", "Weight: flexibility", "int", "How much flexibility weighs (0-5).",
                  long_label="Weight of flexibility"),
    )),
)


def _section_titles() -> dict[str, str]:
    titles = {"": "Workload"}
    for name, info in Workload.model_fields.items():
        model = info.annotation
        if isinstance(model, type) and issubclass(model, Section) and model.TITLE:
            titles[info.alias or name] = model.TITLE
    return titles


def _groups() -> tuple[GroupSpec, ...]:
    """The shared groups with, after the traffic and the unit of work, each section's own group in file order
    (an option's group is declared in its folder, beside its section)."""
    own = {"container": _SHARED[2]}
    sections = []
    for name, info in Workload.model_fields.items():
        model = info.annotation
        group = own.get(info.alias or name)
        if group is None and isinstance(model, type) and issubclass(model, Section):
            group = model.FORM
        if group is not None:
            sections.append(group)
    return (*_SHARED[:2], *sections, *_SHARED[3:])


# The workload file's sections as the sheet titles them, in file order.
SECTION_TITLES = _section_titles()
GROUPS = _groups()


@dataclass(frozen=True, slots=True)
class Bounds:
    """A numeric field's accepted range as the schema declares it (its pydantic Field's ge/gt/le)."""

    low: float | None = None
    high: float | None = None
    low_open: bool = False  # gt rather than ge


def field_bounds(path: str) -> Bounds:
    """The schema's bounds of a workload field (dotted path as in the file, e.g. "lambda.memory_mb"): declared once
    on the field, read by the form, the questionnaire, sensitivity and the options' "up to" rates."""
    model: Any = Workload
    info: FieldInfo | None = None
    for part in path.split("."):
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return Bounds()
        info = next((f for name, f in model.model_fields.items() if part in (name, f.alias)), None)
        if info is None:
            return Bounds()
        model = info.annotation
    low = high = None
    low_open = False
    for meta in info.metadata if info is not None else []:
        if getattr(meta, "ge", None) is not None:
            low = meta.ge
        if getattr(meta, "gt", None) is not None:
            low, low_open = meta.gt, True
        if getattr(meta, "le", None) is not None:
            high = meta.le
    return Bounds(low, high, low_open)


def all_fields() -> tuple[FieldSpec, ...]:
    return tuple(f for group in GROUPS for f in group.fields)
