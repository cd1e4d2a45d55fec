"""The questions only Lambda Managed Instances need, asked by the questionnaire (each placed after the question it
follows): the function's runtime and whether its handler is thread-safe.

Sources: the Lambda Managed Instances docs (runtimes, default requests per vCPU; shared reference
aws-prices-more.md §8).
"""

from __future__ import annotations

from desktop.model.options.lambda_managed.runtimes import LOWEST_PER_VCPU, PER_VCPU_DEFAULT
from desktop.model.schema.questions import Choice, Question


def _runtime(choice_id: str, label: str, help_text: str, runtime: str = "") -> Choice:
    """A choice of runtime: sets lambda_managed.runtime to the runtime of the same id (or to `runtime`)."""
    return Choice(choice_id, label, help_text, {"lambda_managed.runtime": runtime or choice_id})


RUNTIME = Question(
    "runtime", "work", "Which language runtime does the function use?",
    "Lambda Managed Instances run Node.js 22+, Python 3.13+, Java 21+ and .NET 8+ (AWS), and Rust (a "
    "secondary source); each runtime serves its own default number of requests per vCPU at once.",
    "choice", "undecided", (
        *(_runtime(runtime, label, f"{PER_VCPU_DEFAULT[runtime]} requests per vCPU by default.")
          for runtime, label in (("nodejs", "Node.js 22 or later"), ("python", "Python 3.13 or later"),
                                 ("java", "Java 21 or later"), ("dotnet", ".NET 8 or later"))),
        _runtime("rust", "Rust", f"No default found: {LOWEST_PER_VCPU} requests per vCPU assumed."),
        _runtime("other", "Another runtime, or an older version", "Rules Lambda Managed Instances out."),
        _runtime("undecided", "Not decided yet",
                 f"The lowest documented default ({LOWEST_PER_VCPU} per vCPU) is assumed.", runtime="unknown"),
    ), dont_know=False)

SHARED_ENVIRONMENT = Question(
    "shared_environment", "design", "Can one copy of the function serve several requests at once?",
    "Lambda Managed Instances send several requests to one execution environment at the same time: "
    "the handler must be thread-safe (no per-request data in globals). If not, each environment serves "
    "one request, and the fleet grows.",
    "choice", "one_at_a_time", (
        Choice("shared", "Yes, the handler is thread-safe", "The runtime's default concurrency applies.",
               {"lambda_managed.concurrency_per_environment": None}),
        Choice("one_at_a_time", "No, one request at a time", "",
               {"lambda_managed.concurrency_per_environment": 1}),
    ), dont_know_implies="one request at a time (the safe assumption until the handler is checked)")

QUESTIONS = (("work_duration", RUNTIME), ("state", SHARED_ENVIRONMENT))
