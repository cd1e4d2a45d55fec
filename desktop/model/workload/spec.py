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

from desktop.model.formats.workload import FiniteFloat as FiniteFloat
from desktop.model.formats.workload import Frozen, Section
from desktop.model.options.aws_lambda.format import LambdaConfig
from desktop.model.options.ecs_ec2.format import Ec2Config
from desktop.model.options.ecs_managed.format import EcsManagedConfig
from desktop.model.options.lambda_managed.format import LambdaManagedConfig

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

    kind: TrafficKind = Field("requests", description="requests: a service answering requests or events; "
                              "jobs: discrete runs, one task or one invocation each")
    requests_per_month: int = Field(1_000_000, ge=0, le=10**13,
                                    description="kind=requests: requests or events a month")
    runs_per_month: int = Field(0, ge=0, le=10**9, description="kind=jobs: job runs a month")
    duration_ms: FiniteFloat = Field(100.0, gt=0, le=MAX_MONTH_HOURS * 3600 * 1000,
                                     description="average billed duration of one request or one run, in ms; "
                                                 "at most the month (assumptions.month_hours)")
    daily_profile: tuple[FiniteFloat, ...] | None = Field(
        None, description="optional relative load for each of the 24 hours of the day (UTC); default flat")
    burst_ratio: FiniteFloat = Field(1.0, ge=1, le=MAX_BURST_RATIO,
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

    vcpu: FiniteFloat = Field(1.0, gt=0, le=192, description="vCPU per task (ECS task definition)")
    memory_gb: FiniteFloat = Field(2.0, gt=0, le=1024, description="memory per task, GB")
    os: ContainerOS = "linux"
    ephemeral_storage_gb: FiniteFloat = Field(20.0, ge=20, le=200,
                                              description="task ephemeral storage (Fargate: 20-200 GB)")
    concurrency_per_task: int = Field(10, ge=1, le=100_000,
                                      description="requests one task serves at once at full load")
    target_utilization: FiniteFloat = Field(0.7, ge=0.1, le=1,
                                            description="share of a task's capacity used before scaling out")
    min_tasks: int | None = Field(None, ge=0, le=MAX_MIN_TASKS,
                                  description="always-on floor; default 2 for requests (two AZs), 0 for jobs")
    spot_share: FiniteFloat = Field(0.0, ge=0, le=1,
                                    description="share of task-hours on Fargate Spot / EC2 Spot")


class Requirements(Section):
    """What the work needs: the facts the hard rules read (all default to 'nothing special')."""

    TITLE = "Requirements"

    gpus: int = Field(0, ge=0, le=16, description="GPUs one unit of work needs")
    vcpu_per_unit: FiniteFloat | None = Field(
        None, gt=0, le=192, description="vCPU one unit of work needs; default: container.vcpu for jobs, "
        "container.vcpu / concurrency_per_task for requests")
    memory_mb_per_unit: int | None = Field(
        None, gt=0, le=2_000_000, description="memory one unit of work needs, MB; default: lambda.memory_mb")
    privileged: bool = Field(False, description="privileged mode, host devices or kernel tuning (sysctls)")
    daemon_per_host: bool = Field(False, description="an agent that must run once on every host (DAEMON)")
    scratch_gb: FiniteFloat = Field(0.0, ge=0, le=100_000, description="scratch disk one unit of work needs, GB")
    artifact_mb: FiniteFloat = Field(0.0, ge=0, le=1_000_000,
                                     description="deployment artifact (zip or container image) size, MB")
    payload_kb: FiniteFloat = Field(0.0, ge=0, le=10_000_000,
                                    description="largest request or response body, KB")
    long_lived_connections: bool = Field(False, description="WebSockets, gRPC streams or other open sockets")
    in_memory_state: bool = Field(False, description="state or caches kept in memory between requests")
    latency_slo_ms: FiniteFloat | None = Field(None, gt=0, le=3_600_000,
                                               description="latency target a user must see, ms")
    interruption_tolerant: bool = Field(False, description="the work can be stopped and retried (Spot)")
    trigger: Trigger = Field("http", description="what starts the work")


class Network(Section):
    """The costs people forget: each off or zero by default, so a file without them keeps its totals."""

    TITLE = "Network and logs"

    nat_gateways: int = Field(0, ge=0, le=16, description="NAT gateways the work's private subnets use (one per "
                              "Availability Zone is AWS's advice); billed per gateway-hour")
    nat_kb_per_unit: FiniteFloat = Field(0.0, ge=0, le=10_000_000,
                                         description="KB each request or run sends and receives through the NAT "
                                                     "gateway (calls to the internet from a private subnet)")
    public_ipv4: bool = Field(False, description="each task or instance has a public IPv4 address (billed per "
                              "address-hour); Lambda functions never have one")
    log_kb_per_unit: FiniteFloat = Field(0.0, ge=0, le=10_000_000,
                                         description="KB logged to CloudWatch Logs per request or run")
    log_retention_days: int = Field(30, ge=1, le=3653,
                                    description="days CloudWatch Logs keeps the logs (AWS: 1 day to 10 years)")
    response_kb: FiniteFloat = Field(0.0, ge=0, le=10_000_000,
                                     description="KB each response (or run) sends out to the internet; AWS gives "
                                                 "100 GB a month free")
    alb_rules: int = Field(1, ge=1, le=1000, description="rules the load balancer's listener evaluates for a "
                           "request (the first 10 are free)")


class Team(Section):
    TITLE = "Team"

    operations_appetite: Level = Field("medium", description="appetite for patching and scaling servers")
    configuration_control: Level = Field("medium", description="need for fine control of the runtime and host")


class Priorities(Section):
    """Weights 0..5 the recommendation gives to each concern."""

    TITLE = "Priorities (0-5)"

    cost: int = Field(3, ge=0, le=5)
    operations: int = Field(3, ge=0, le=5)
    latency: int = Field(2, ge=0, le=5)
    flexibility: int = Field(1, ge=0, le=5)


class SavingsPlans(Section):
    lambda_pct: FiniteFloat = Field(0.0, ge=0, le=17, description="Compute Savings Plan, Lambda (AWS: up to 17%)")
    fargate_pct: FiniteFloat = Field(0.0, ge=0, le=50,
                                     description="Compute Savings Plan, Fargate (AWS: up to 50%)")
    ec2_pct: FiniteFloat = Field(0.0, ge=0, le=72,
                                 description="Savings Plan or Reserved Instances, EC2 (AWS: up to 72% with EC2 "
                                             "Instance Savings Plans or Standard Reserved Instances, up to 66% with "
                                             "Compute Savings Plans; AWS Savings Plans and EC2 pricing pages)")


class Assumptions(Section):
    TITLE = "Assumptions"

    month_hours: FiniteFloat = Field(730.0, ge=672, le=MAX_MONTH_HOURS,
                                     description="hours in a billing month (AWS: 730)")
    savings_plans: SavingsPlans = SavingsPlans()
    fargate_spot_discount_pct: FiniteFloat = Field(65.0, ge=0, le=90,
                                                   description="Fargate Spot discount (AWS: up to 70%)")
    ec2_spot_discount_pct: FiniteFloat = Field(60.0, ge=0, le=90,
                                               description="EC2 Spot discount (AWS: up to 90%)")
    api_gateway_free_tier: bool = Field(False, description="API Gateway's 12-month free tier (new accounts)")


class Workload(Frozen):
    schema_version: Literal[1] = 1
    name: str = Field(..., min_length=1, max_length=MAX_NAME_CHARS)
    region: str = Field("us-east-1", min_length=1, max_length=40)
    architecture: Architecture = "x86_64"
    traffic: Traffic = Traffic()
    lambda_: LambdaConfig = Field(LambdaConfig(), alias="lambda")
    container: ContainerConfig = ContainerConfig()
    ec2: Ec2Config = Ec2Config()
    lambda_managed: LambdaManagedConfig = LambdaManagedConfig()
    ecs_managed: EcsManagedConfig = EcsManagedConfig()
    front_door: FrontDoor = "auto"
    requirements: Requirements = Requirements()
    network: Network = Network()
    team: Team = Team()
    priorities: Priorities = Priorities()
    assumptions: Assumptions = Assumptions()
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

    # --- derived values the engine and rules share -------------------------------------------
    @property
    def is_jobs(self) -> bool:
        return self.traffic.kind == "jobs"

    @property
    def min_tasks(self) -> int:
        if self.container.min_tasks is not None:
            return self.container.min_tasks
        return 0 if self.is_jobs else 2

    @property
    def units_per_month(self) -> int:
        return self.traffic.runs_per_month if self.is_jobs else self.traffic.requests_per_month

    def to_json_dict(self) -> dict[str, Any]:
        """The file form: aliases ('lambda'), defaults included, answers and options only when present."""
        data = self.model_dump(mode="json", by_alias=True)
        for key in ("answers", "options"):
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
