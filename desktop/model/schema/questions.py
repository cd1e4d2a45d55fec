"""The questionnaire's types, plain data: a topic (one wizard page), a question and its choices, each choice
setting workload fields. Below every layer of the model, so an option folder declares the questions only it
needs (e.g. Lambda Managed Instances' runtime) beside its own settings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

QuestionKind = Literal["choice", "number"]


@dataclass(frozen=True, slots=True)
class Topic:
    topic_id: str
    title: str
    intro: str


@dataclass(frozen=True, slots=True)
class Choice:
    choice_id: str
    label: str
    help: str = ""
    sets: dict[str, Any] = field(default_factory=dict)  # workload dotted path -> value


@dataclass(frozen=True, slots=True)
class Question:
    question_id: str
    topic: str
    text: str
    help: str
    kind: QuestionKind
    default: str | float | None
    choices: tuple[Choice, ...] = ()
    dont_know: bool = True  # whether "don't know" is accepted
    dont_know_implies: str = ""  # what "don't know" (or no answer) means, in words
    sets: tuple[str, ...] = ()  # number questions: the workload paths the number sets
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    default_when: tuple[tuple[str, str, str], ...] = ()  # (question id, choice id, default) overrides

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.choice_id == choice_id), None)

    @property
    def paths(self) -> tuple[str, ...]:
        """Every workload path an answer to this question can set."""
        found = list(self.sets)
        for choice in self.choices:
            found.extend(p for p in choice.sets if p not in found)
        return tuple(found)
