"""The questionnaire's questions as data: what the wizard asks, and what each answer sets in the workload and weights.

Twenty-one questions in seven topics (one wizard page each). Question and choice ids are Python identifiers
(the wizard uses them as Qt objectNames `question_id` and `question_id.choice_id`). Every question has a
default, so answering some or none of them still gives a complete, valid workload and a real quote of every
option (the questionnaire compares all of them, Managed Instances included). Building a workload from answers
and the text form live in `desktop.model.questionnaire.questions`.
Sources for the numbers: shared reference aws-limits.md (limits) and aws-prices.md (Savings Plans and Spot
"up to" rates; a Savings Plans answer applies half or all of them, an editable assumption).
"""

from __future__ import annotations

from typing import Any

from desktop.model.options.registry import all_options
from desktop.model.schema.questions import Choice as Choice
from desktop.model.schema.questions import Question as Question
from desktop.model.schema.questions import QuestionKind as QuestionKind
from desktop.model.schema.questions import Topic as Topic
from desktop.model.workload.fields import field_bounds

DONT_KNOW = "dont_know"

# A diurnal profile (quiet nights, busy working hours) and two spikier ones; relative load per UTC hour.
BUSINESS_HOURS = (0.2, 0.2, 0.2, 0.2, 0.3, 0.5, 0.8, 1.2, 1.6, 1.8, 1.8, 1.7,
                  1.6, 1.7, 1.8, 1.8, 1.6, 1.4, 1.2, 1.0, 0.8, 0.6, 0.4, 0.3)
SPIKY = (0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.1, 0.3, 3.0, 1.0, 0.5, 0.5,
         3.0, 1.0, 0.5, 0.5, 0.5, 3.0, 1.0, 0.3, 0.1, 0.05, 0.05, 0.05)
MOSTLY_IDLE = (0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
               0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.2, 0.0, 0.0, 0.0, 0.0, 0.0)


TOPICS: tuple[Topic, ...] = (
    Topic("work", "The work", "What one unit of work is: its size and how long it runs."),
    Topic("traffic", "Triggers and traffic", "What starts the work, how much of it there is and when it comes."),
    Topic("needs", "Performance and platform", "Latency, hardware and operating system needs."),
    Topic("design", "State and control", "Connections, state and how much control of the runtime you need."),
    Topic("team", "Team and budget", "Who runs it, and what it may cost."),
    Topic("commitments", "Discounts", "Commitments and interruptible capacity that lower the price."),
    Topic("network", "Network and logs", "The costs people forget: NAT gateways, public addresses, logs and data "
          "sent out to the internet."),
)

_LATENCY_WEIGHT = "priorities.latency"
# Field facts declared once, on the workload schema: AWS's "up to" Savings Plans rates and the volume's range.
_UP_TO = {key: float(field_bounds(f"assumptions.savings_plans.{key}").high or 0)
          for key in ("lambda_pct", "fargate_pct", "ec2_pct")}
_VOLUME = field_bounds("traffic.requests_per_month")
_SHARED: tuple[Question, ...] = (
    Question("app_size", "work", "How big is one copy of the application?",
             "Memory and CPU one unit of work needs. Sets the Lambda memory and the ECS task size.",
             "choice", "small", (
                 Choice("tiny", "A small function or script (about 512 MB)", "",
                        {"lambda.memory_mb": 512, "container.vcpu": 0.25, "container.memory_gb": 0.5}),
                 Choice("small", "A typical web service (about 1 GB)", "",
                        {"lambda.memory_mb": 1024, "container.vcpu": 0.5, "container.memory_gb": 1.0}),
                 Choice("medium", "A heavier service (about 2 GB, 1 vCPU)", "",
                        {"lambda.memory_mb": 2048, "container.vcpu": 1.0, "container.memory_gb": 2.0}),
                 Choice("large", "Large (about 8 GB, 4 vCPU)", "",
                        {"lambda.memory_mb": 8192, "container.vcpu": 4.0, "container.memory_gb": 8.0}),
                 Choice("huge", "Very large (32 GB, 8 vCPU per unit of work)",
                        "Above Lambda's 10,240 MB and 6 vCPU.",
                        {"lambda.memory_mb": 10240, "container.vcpu": 8.0, "container.memory_gb": 32.0,
                         "requirements.memory_mb_per_unit": 32768, "requirements.vcpu_per_unit": 8.0}),
             ), dont_know_implies="a typical web service (about 1 GB)"),
    Question("work_duration", "work", "How long does one unit of work (a request, an event or a job run) take?",
             "The average time one unit runs. Lambda stops a function after 15 minutes (900 s).",
             "choice", "fast", (
                 Choice("instant", "Under 100 ms", "", {"traffic.duration_ms": 50.0}),
                 Choice("fast", "100 ms to 1 second", "", {"traffic.duration_ms": 300.0}),
                 Choice("seconds", "1 to 30 seconds", "", {"traffic.duration_ms": 5000.0}),
                 Choice("minutes", "30 seconds to 15 minutes", "", {"traffic.duration_ms": 300000.0}),
                 Choice("long", "Over 15 minutes (about 40 minutes)", "", {"traffic.duration_ms": 2400000.0}),
                 Choice("hours", "Hours (about 3 hours)", "", {"traffic.duration_ms": 10800000.0}),
             ), dont_know_implies="about 300 ms"),
    Question("trigger", "traffic", "What starts the work?",
             "From AWS's \"Fargate or Lambda?\" guide: Lambda has native triggers for queues, streams, S3, "
             "DynamoDB, SNS and schedules; containers need a poller or a scheduler.",
             "choice", "http", (
                 Choice("http", "HTTP requests from users or services", "",
                        {"requirements.trigger": "http", "traffic.kind": "requests", "front_door": "auto"}),
                 Choice("queue", "Messages on a queue (SQS)", "",
                        {"requirements.trigger": "queue", "traffic.kind": "requests", "front_door": "none"}),
                 Choice("stream", "A stream (Kinesis, DynamoDB Streams, Kafka)", "",
                        {"requirements.trigger": "stream", "traffic.kind": "requests", "front_door": "none"}),
                 Choice("event", "Events from S3, DynamoDB, SNS or EventBridge", "",
                        {"requirements.trigger": "event", "traffic.kind": "requests", "front_door": "none"}),
                 Choice("schedule", "A schedule (cron): batch job runs", "",
                        {"requirements.trigger": "schedule", "traffic.kind": "jobs", "front_door": "none"}),
             ), dont_know=False),
    Question("monthly_volume", "traffic", "How many requests, events or job runs a month?",
             "For a schedule this counts job runs (30 = once a day); otherwise requests or events.",
             "number", None, dont_know_implies="1,000,000 requests, or 30 job runs for a schedule",
             sets=("traffic.requests_per_month", "traffic.runs_per_month"), unit="a month",
             minimum=_VOLUME.low, maximum=_VOLUME.high),
    Question("traffic_shape", "traffic", "How does the load vary over a day?",
             "Spiky or mostly idle load favours Lambda (pay per use, scales to zero); steady load favours "
             "always-on containers and Managed Instances, whose fleet of at least three instances runs all day.",
             "choice", "business_hours", (
                 Choice("steady", "Steady around the clock", "", {"traffic.daily_profile": None}),
                 Choice("business_hours", "Busy in working hours, quiet at night", "",
                        {"traffic.daily_profile": BUSINESS_HOURS}),
                 Choice("spiky", "Short peaks, near idle in between", "", {"traffic.daily_profile": SPIKY}),
                 Choice("mostly_idle", "Rare bursts, idle most of the day", "",
                        {"traffic.daily_profile": MOSTLY_IDLE}),
             ), dont_know_implies="busy in working hours, quiet at night"),
    Question("burst", "traffic", "Within an hour, how uneven is the load?",
             "Containers must be sized for the peak within the hour, not the hour's average; Lambda bills per "
             "request and is not affected.",
             "choice", "even", (
                 Choice("even", "Even within the hour", "", {"traffic.burst_ratio": 1.0}),
                 Choice("bursts", "Bursts of about twice the hour's average", "", {"traffic.burst_ratio": 2.0}),
                 Choice("spikes", "Sharp spikes of about five times the hour's average", "",
                        {"traffic.burst_ratio": 5.0}),
             ), dont_know_implies="even within the hour"),
    Question("latency", "needs", "How fast must a response come back?",
             "Lambda cold starts take 100 ms to over 1 s; provisioned concurrency or always-on containers avoid "
             "them.",
             "choice", "interactive", (
                 Choice("realtime", "Under 200 ms", "", {"requirements.latency_slo_ms": 200.0, _LATENCY_WEIGHT: 4}),
                 Choice("interactive", "Under 1 second", "",
                        {"requirements.latency_slo_ms": 1000.0, _LATENCY_WEIGHT: 3}),
                 Choice("relaxed", "A few seconds is fine", "",
                        {"requirements.latency_slo_ms": 5000.0, _LATENCY_WEIGHT: 2}),
                 Choice("background", "Nobody waits (background work)", "",
                        {"requirements.latency_slo_ms": None, _LATENCY_WEIGHT: 1}),
             ), dont_know_implies="under 1 second for HTTP, nobody waits otherwise",
             default_when=(("trigger", "queue", "background"), ("trigger", "stream", "background"),
                           ("trigger", "event", "background"), ("trigger", "schedule", "background"))),
    Question("special_needs", "needs", "Does the work need special hardware or host access?",
             "GPUs, privileged containers, per-host agents and large scratch disks rule options out.",
             "choice", "none", (
                 Choice("none", "None of these", "", {}),
                 Choice("gpu", "A GPU", "Only ECS on EC2 GPU instances have GPUs.", {"requirements.gpus": 1}),
                 Choice("privileged", "Privileged mode, host devices or kernel tuning", "ECS on EC2 only.",
                        {"requirements.privileged": True}),
                 Choice("host_agent", "An agent on every host (DAEMON)", "ECS on EC2 only.",
                        {"requirements.daemon_per_host": True}),
                 Choice("big_scratch", "About 50 GB of scratch disk per unit of work",
                        "Over Lambda's 10 GB /tmp.",
                        {"requirements.scratch_gb": 50.0, "container.ephemeral_storage_gb": 60.0}),
             ), dont_know_implies="none of these"),
    Question("platform", "needs", "Which operating system and processor?",
             "Lambda runs Linux only; Windows containers run on Fargate (up to 4 vCPU) or EC2.",
             "choice", "linux_x86", (
                 Choice("linux_x86", "Linux on x86 (Intel or AMD)", "",
                        {"architecture": "x86_64", "container.os": "linux"}),
                 Choice("linux_arm", "Linux on ARM (Graviton, about 20% cheaper)", "",
                        {"architecture": "arm64", "container.os": "linux"}),
                 Choice("windows", "Windows containers", "", {"architecture": "x86_64", "container.os": "windows"}),
             ), dont_know_implies="Linux on x86"),
    Question("state", "design", "Does the application keep connections or state between requests?",
             "Lambda is stateless and short-lived; WebSockets, gRPC streams and in-memory caches favour "
             "containers.",
             "choice", "stateless", (
                 Choice("stateless", "No, each request stands alone", "",
                        {"requirements.long_lived_connections": False, "requirements.in_memory_state": False}),
                 Choice("connections", "Long-lived connections (WebSockets, gRPC streams)", "",
                        {"requirements.long_lived_connections": True}),
                 Choice("in_memory", "Caches or sessions kept in memory", "", {"requirements.in_memory_state": True}),
             ), dont_know_implies="stateless"),
    Question("config_control", "design", "How much control do you need over the runtime, OS and host?",
             "Lambda gives the least control, ECS on EC2 the most.",
             "choice", "medium", (
                 Choice("low", "Just run my code", "",
                        {"team.configuration_control": "low", "priorities.flexibility": 1}),
                 Choice("medium", "Choose the container image and its settings", "",
                        {"team.configuration_control": "medium", "priorities.flexibility": 2}),
                 Choice("high", "Tune the OS, kernel, instance type or hardware", "",
                        {"team.configuration_control": "high", "priorities.flexibility": 4}),
             ), dont_know_implies="choose the container image and its settings"),
    Question("ops_capacity", "team", "How much operations work can the team take on?",
             "Small team with no appetite for operating servers: Lambda, then Fargate, then EC2.",
             "choice", "some", (
                 Choice("none", "None: AWS should run everything", "",
                        {"team.operations_appetite": "low", "priorities.operations": 5}),
                 Choice("some", "Some: we can manage containers and scaling policies", "",
                        {"team.operations_appetite": "medium", "priorities.operations": 3}),
                 Choice("platform_team", "A platform team patches and scales servers", "",
                        {"team.operations_appetite": "high", "priorities.operations": 1}),
             ), dont_know_implies="some"),
    Question("monthly_budget", "team", "What is the monthly budget for compute, in USD?",
             "Options above it are marked over budget; giving a budget also raises the weight of cost.",
             "number", None, dont_know_implies="no budget limit", sets=("priorities.cost",), unit="USD a month",
             minimum=0, maximum=10**9),
    Question("savings_plans", "commitments", "Will you commit to steady usage for 1 or 3 years (Savings Plans)?",
             f"AWS's \"up to\" rates: Lambda {_UP_TO['lambda_pct']:g}%, Fargate {_UP_TO['fargate_pct']:g}%, EC2 "
             f"{_UP_TO['ec2_pct']:g}% (EC2 Instance Savings Plans or Reserved Instances). Editable later.",
             "choice", "no", (
                 Choice("no", "No commitment", "", {"assumptions.savings_plans.lambda_pct": 0.0,
                                                    "assumptions.savings_plans.fargate_pct": 0.0,
                                                    "assumptions.savings_plans.ec2_pct": 0.0}),
                 Choice("partial", "Yes, a 1-year plan (half of AWS's \"up to\" rates)", "",
                        {f"assumptions.savings_plans.{key}": top / 2 for key, top in _UP_TO.items()}),
                 Choice("full", "Yes, 3 years paid up front (AWS's \"up to\" rates)", "",
                        {f"assumptions.savings_plans.{key}": top for key, top in _UP_TO.items()}),
             ), dont_know_implies="no commitment"),
    Question("spot", "commitments", "Can the work be interrupted and retried (Spot capacity)?",
             "Fargate Spot (up to 70% off) and EC2 Spot (up to 90% off) can stop a task with 2 minutes' warning.",
             "choice", "no", (
                 Choice("no", "No", "", {"requirements.interruption_tolerant": False, "container.spot_share": 0.0}),
                 Choice("partly", "Yes, for half of the capacity", "",
                        {"requirements.interruption_tolerant": True, "container.spot_share": 0.5}),
                 Choice("fully", "Yes, all of it (batch or queue work that retries)", "",
                        {"requirements.interruption_tolerant": True, "container.spot_share": 1.0}),
             ), dont_know_implies="no"),
    Question("nat", "network", "Do the functions or tasks reach the internet from private subnets?",
             "Through a NAT gateway, which bills every hour it runs and every GB through it; one per Availability "
             "Zone (two) is AWS's advice.",
             "choice", "no", (
                 Choice("no", "No (or not through a NAT gateway)", "",
                        {"network.nat_gateways": 0, "network.nat_kb_per_unit": 0.0}),
                 Choice("light", "Yes, for small calls (about 10 KB per request or run)", "",
                        {"network.nat_gateways": 2, "network.nat_kb_per_unit": 10.0}),
                 Choice("heavy", "Yes, for downloads (about 1 MB per request or run)", "",
                        {"network.nat_gateways": 2, "network.nat_kb_per_unit": 1024.0}),
             ), dont_know_implies="no NAT gateway"),
    Question("public_ip", "network", "Do tasks or servers get a public IP address of their own?",
             "AWS bills each public IPv4 address by the hour (a Fargate task or an EC2 instance in a public "
             "subnet). Lambda functions never have one.",
             "choice", "no", (
                 Choice("no", "No", "", {"network.public_ipv4": False}),
                 Choice("yes", "Yes, each task or instance", "", {"network.public_ipv4": True}),
             ), dont_know_implies="no"),
    Question("logging", "network", "How much does each request or run write to the logs?",
             "CloudWatch Logs bills each GB written and each GB kept: verbose logs can cost more than Lambda's "
             "compute.",
             "choice", "none", (
                 Choice("none", "Nothing worth pricing (errors only)", "", {"network.log_kb_per_unit": 0.0}),
                 Choice("some", "A few lines (about 1 KB)", "", {"network.log_kb_per_unit": 1.0}),
                 Choice("verbose", "Detailed logs (about 10 KB)", "", {"network.log_kb_per_unit": 10.0}),
             ), dont_know_implies="nothing worth pricing"),
    Question("data_out", "network", "How much does each response send out to the internet?",
             "Data out to the internet is billed per GB after the first 100 GB a month.",
             "choice", "none", (
                 Choice("none", "Little (internal callers, or tiny replies)", "", {"network.response_kb": 0.0}),
                 Choice("small", "About 10 KB (an API reply)", "", {"network.response_kb": 10.0}),
                 Choice("pages", "About 100 KB (web pages, small images)", "", {"network.response_kb": 100.0}),
                 Choice("files", "About 1 MB (files, large images)", "", {"network.response_kb": 1024.0}),
             ), dont_know_implies="little"),
)



def _with_option_questions(shared: tuple[Question, ...]) -> tuple[Question, ...]:
    """The shared questions with each registered option's own, each after the question it names."""
    found = list(shared)
    for option in all_options():
        for after, question in option.questions() if option.questions else ():
            found.insert(next(i for i, q in enumerate(found) if q.question_id == after) + 1, question)
    return tuple(found)


QUESTIONS = _with_option_questions(_SHARED)
QUESTIONS_BY_ID: dict[str, Question] = {q.question_id: q for q in QUESTIONS}


def question_for_field(path: str, answers: dict[str, Any] | None) -> str | None:
    """The answered question that set a workload field, if the workload came from answers."""
    if not answers:
        return None
    for question in QUESTIONS:
        if question.question_id in answers and answers[question.question_id] is not None and path in question.paths:
            return question.question_id
    return None
