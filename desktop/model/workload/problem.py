"""A problem with one field of a file: its dotted path and what is wrong (plain data, no pydantic, so the checks
the quote runs on a workload import without it)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FieldProblem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message
