"""Fields of the JSON files a usage import reads, checked one by one: each refusal a UsageError naming the file and
the field's path (e.g. `services.3.desiredCount`)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from desktop.usage.records import UsageError

MAX_NAME = 512
MAX_OBJECTS = 10_000  # entries of one list of objects (services, functions, metric results)


def field_text(value: Any, where: str, path: str, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value):
        raise UsageError(where, path, "must be a text")
    if len(value) > MAX_NAME:
        raise UsageError(where, path, f"is longer than {MAX_NAME} characters")
    return value


def field_number(value: Any, where: str, path: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise UsageError(where, path, "must be a number")
    try:
        found = float(value)
    except ValueError:
        raise UsageError(where, path, f"must be a number, got {str(value)[:40]!r}") from None
    if not math.isfinite(found) or abs(found) > 1e15:
        raise UsageError(where, path, "must be a finite number")
    return found


def field_list(value: Any, where: str, path: str, limit: int) -> list[Any]:
    if not isinstance(value, list):
        raise UsageError(where, path, "must be a list")
    if len(value) > limit:
        raise UsageError(where, path, f"holds more than {limit:,} entries")
    return value


def field_objects(value: Any, where: str, path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each entry of a list of JSON objects with its path ("services.3"), at most MAX_OBJECTS of them."""
    for i, found in enumerate(field_list(value, where, path, MAX_OBJECTS)):
        if not isinstance(found, dict):
            raise UsageError(where, f"{path}.{i}", "must be an object")
        yield f"{path}.{i}", found


def field_time(value: Any, where: str, path: str) -> datetime:
    text = field_text(value, where, path)
    try:
        found = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(where, path, f"is not a time: {text[:40]!r}") from None
    return (found if found.tzinfo else found.replace(tzinfo=UTC)).astimezone(UTC)
