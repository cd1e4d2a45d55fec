"""The questions only Lambda Managed Instances need, asked by the questionnaire (each placed after the question it
follows): the function's runtime and whether its handler is thread-safe.

Sources: the Lambda Managed Instances docs (runtimes, default requests per vCPU; shared reference
aws-prices-more.md §8).
"""

from __future__ import annotations

from desktop.model.schema.questions import Choice, Question

RUNTIME = Question(
    "runtime", "work", "Which language runtime does the function use?",
    "Lambda Managed Instances run Node.js 22+, Python 3.13+, Java 21+ and .NET 8+ (AWS), and Rust (a "
    "secondary source); each runtime serves its own default number of requests per vCPU at once.",
    "choice", "undecided", (
        Choice("nodejs", "Node.js 22 or later", "64 requests per vCPU by default.",
               {"lambda_managed.runtime": "nodejs"}),
        Choice("python", "Python 3.13 or later", "16 requests per vCPU by default.",
               {"lambda_managed.runtime": "python"}),
        Choice("java", "Java 21 or later", "32 requests per vCPU by default.",
               {"lambda_managed.runtime": "java"}),
        Choice("dotnet", ".NET 8 or later", "32 requests per vCPU by default.",
               {"lambda_managed.runtime": "dotnet"}),
        Choice("rust", "Rust", "No default found: 16 requests per vCPU assumed.",
               {"lambda_managed.runtime": "rust"}),
        Choice("other", "Another runtime, or an older version", "Rules Lambda Managed Instances out.",
               {"lambda_managed.runtime": "other"}),
        Choice("undecided", "Not decided yet", "The lowest documented default (16 per vCPU) is assumed.",
               {"lambda_managed.runtime": "unknown"}),
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
