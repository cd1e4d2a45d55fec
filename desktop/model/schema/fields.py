"""The form catalogue's types: a field as the window edits it and the sheet names it, and a group of fields.

Below every layer of the model (plain data), so an option folder declares its form group beside its section.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["text", "int", "float", "volume", "choice", "bool", "region", "instance", "profile"]


@dataclass(frozen=True, slots=True)
class FieldSpec:
    path: str
    label: str
    kind: Kind
    help: str
    limit: str = ""  # the AWS limit (with its source) behind the accepted range
    unit: str = ""
    scale: float = 1.0  # shown value = stored value x scale (fractions shown as %)
    optional: bool = False  # empty text means "not set" (None): the model's default applies
    empty_text: str = ""  # placeholder shown when not set
    choices: tuple[tuple[str, str], ...] = ()  # (stored value, label)
    long_label: str = ""  # the label standing alone (the sheet's assumption register); default: label

    @property
    def title(self) -> str:
        return self.long_label or self.label


@dataclass(frozen=True, slots=True)
class GroupSpec:
    title: str
    fields: tuple[FieldSpec, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Describe:
    """What the form, the sheet and the texts say of a workload field, declared beside it on the schema
    (`field: Annotated[int, Describe(...)] = Field(...)`): its label, editor kind, help, the AWS limit behind its
    range with the limit's source, unit, display scale, choice labels. Its range is the Field's own bounds."""

    label: str
    kind: Kind
    help: str
    limit: str = ""
    unit: str = ""
    scale: float = 1.0
    optional: bool = False
    empty_text: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    long_label: str = ""

    def spec(self, path: str) -> FieldSpec:
        return FieldSpec(path, self.label, self.kind, self.help, self.limit, self.unit, self.scale, self.optional,
                         self.empty_text, self.choices, self.long_label)
