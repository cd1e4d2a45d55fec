"""The bases of the workload file's sections: frozen, no unknown keys, finite numbers; a section may carry its
title (the sheet's assumption register) and its form group (the window's editors), declared beside its fields.

The lowest level of the model (pydantic only), so an option folder declares its own workload section
(desktop.model.options.<id>.sections) below the workload schema that lists it.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, ConfigDict, Field

from desktop.model.strict_numbers import NoBoolNumbers

FiniteFloat = Annotated[float, Field(allow_inf_nan=False)]


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


NotBlank = AfterValidator(_not_blank)  # a text of spaces alone is refused


class Frozen(NoBoolNumbers):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False, validate_default=True)


class Section(Frozen):
    """A section of the workload file: TITLE names it on the sheet; FORM_TITLE (if any) titles the form's group of
    its fields (those a shared group does not list), each described beside it (`Describe`)."""

    TITLE: ClassVar[str] = ""
    FORM_TITLE: ClassVar[str] = ""


def instance_type_field() -> Any:
    """An option's instance type: "auto" (the cheapest type in the price book that fits) or a type of the book's
    catalogue (the option checks it against the book)."""
    return Field("auto", min_length=1, max_length=40, description='"auto" or an instance type in the price book')
