"""What counts as English left in a German text: words of the app's English wording, once product names, codes,
units, field paths, citations and the user's own texts are set aside. Shared by the German window and sheet
tests."""

from __future__ import annotations

import re
from collections.abc import Iterable

from desktop.model.options.registry import all_options
from desktop.present.numbers import GERMAN, localize_numbers

PRODUCTS = (*(name for o in all_options() for name in (o.label, o.short_label)), "Elastic Load Balancing",
            "User Guide", "Developer Guide", "5M/day", "Lambda Managed Instances", "ECS Managed Instances",
            "Application Load Balancer", "API Gateway HTTP API",
            "API Gateway REST API", "API Gateway", "Cloud Carbon Footprint", "Compute Savings Plan",
            "EC2 Instance Savings Plan", "Savings Plans", "Savings Plan", "Reserved Instances", "Reserved Instance",
            "Fargate Spot", "EC2 Spot", "CloudWatch Logs", "EventBridge Scheduler", "Elastic IP", "ECS on EC2",
            "Load Balancers", "Load Balancer", "Availability Zones", "Availability Zone", "On-Demand", "Node.js",
            ".NET", "Cost and Usage Report", "AWS Price List")
_SET_ASIDE = re.compile(r"Feld: \S+|\b[a-z_]+(\.[a-z_0-9]+)+\b|`[^`]*`|Quelle der Grenze: .*|"  # paths, citations
                        + "|".join(re.escape(p) for p in sorted(PRODUCTS, key=len, reverse=True))
                        + r"|\[[^\]]*\]"  # field paths and citations in brackets
                        + r"|\([^()]*(docs\.aws|\.html|\.md)[^()]*\)"  # a document's address
                        + r"|[a-z0-9-]+\.[a-z0-9]+(\.[a-z0-9]+)*"  # instance types, file names: t3.medium
                        + r"|\b[a-z]{2}-[a-z]+-\d\b"  # region codes
                        + r"|'[^']*'")  # a document quoted
# The English wording's own words (none of them is German): a text holding one after the set-aside is English.
ENGLISH = frozenset((
    "the", "and", "of", "to", "with", "than", "cheaper", "month", "monthly", "cost", "costs", "requests", "request",
    "wins", "not", "from", "by", "price", "prices", "book", "missing", "feasible", "recommended", "ruled", "out",
    "each", "every", "which", "when", "where", "that", "this", "these", "are", "is", "be", "has", "have", "hour",
    "hours", "day", "memory", "storage", "load", "peak", "average", "concurrent", "instances", "after", "before",
    "would", "emit", "instead", "estimated", "method", "dollars", "footprint", "score", "weighted", "findings",
    "reference", "lower", "first", "cheapest", "priority", "appetite", "servers", "least", "most", "means",
    "patching", "scaling", "latency", "cold", "starts", "take", "over", "provisioned", "concurrency", "always",
    "containers", "avoid", "them", "fine", "configuration", "needed", "managed", "enough", "only", "needs", "work",
    "runs", "takes", "stops", "function", "holds", "scratch", "disk", "total", "incomplete", "leaves", "leave",
    "items", "real", "higher", "sourced", "dated", "published", "corroborated", "depends", "more", "less", "about",
    "below", "above", "none", "all", "off", "yes", "for", "on", "it", "its", "kind", "traffic", "shape", "duration",
    "payload", "trigger", "architecture", "commitment", "weight", "operations", "flexibility", "control", "preset",
    "custom", "business", "evening", "nightly", "queue", "schedule", "event", "long", "lived", "connections",
    "state", "interruption", "tolerant", "checkpoint", "privileged", "every", "public", "retention", "logged",
    "sent", "through", "rules", "subnets", "lifetime", "length", "discount", "share", "covered", "payment",
    "upfront", "term", "year", "years", "low", "medium", "high", "breakdown", "sensitivity", "hourly", "capacity",
    "compared", "duplicate", "rename", "delete", "move", "up", "down", "kind", "variants"
))


def english_words(text: str) -> set[str]:
    """The English words left in `text` (lower case), product names and codes set aside."""
    rest = _SET_ASIDE.sub(" ", text)
    return {w for w in (m.lower() for m in re.findall(r"[A-Za-z][A-Za-z'-]*", rest)) if w in ENGLISH}


def untranslated(texts: Iterable[str], verbatim: Iterable[str] = ()) -> list[tuple[str, set[str]]]:
    """Each text (line by line) that still holds English words, with them; `verbatim` texts (the user's and the
    files' own) are left as they are."""
    keep = sorted({form for k in verbatim if k for form in (k, localize_numbers(k, GERMAN))}, key=len, reverse=True)
    found = []
    for text in texts:
        for line in text.splitlines():
            line = line.strip().removeprefix("\u2022").strip()
            rest = line
            for kept in keep:
                rest = rest.replace(kept, " ")
            if rest.strip() and (words := english_words(rest)):
                found.append((line, words))
    return found
