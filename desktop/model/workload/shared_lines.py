"""The workload file's `shared_lines` (optional; files without them are read and written unchanged): costs the
architect adds that the compared options carry around them, a database or a cache every option shares, or a line
only some options need, each priced from the user's own input (a quantity a month at the user's unit price, with
a note and a date).

Each line is added to the quote of every option it names (all compared options when it names none), so the
totals are the whole system's, like for like; a line every option carries moves every total by the same amount
and so leaves the differences, and the verdict, as they were. Its price is the user's own: marked "yours"
wherever it is shown (desktop.model.options.common.shared_lines).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from desktop.model.schema.prices import Confidence
from desktop.model.schema.workload import NotBlank, Section

MAX_SHARED_LINES = 20
MAX_LINE_USD = Decimal(1_000_000_000)  # a unit price or a line: no shared cost is a billion dollars a unit
# The units a shared line is counted in: a month (a managed service's monthly bill), hours, storage, requests.
SharedUnit = Literal["month", "hour", "GB-month", "GB", "1M requests"]
SHARED_UNITS: tuple[str, ...] = ("month", "hour", "GB-month", "GB", "1M requests")


class SharedLine(Section):
    label: Annotated[str, NotBlank] = Field(..., min_length=1, max_length=80,
                                            description="what it is: a database, a cache")
    quantity: Decimal = Field(Decimal(1), ge=0, le=Decimal("1e12"), allow_inf_nan=False, description=(
        "how many units a month (1 for a monthly bill, 730 for an instance all month)"))
    unit: SharedUnit = "month"
    unit_usd: Decimal = Field(..., ge=0, le=MAX_LINE_USD, allow_inf_nan=False,
                              description="the user's price per unit, in USD")
    options: tuple[Annotated[str, Field(min_length=1, max_length=40)], ...] | None = Field(
        None, max_length=20, description="the option ids that carry it; absent: every compared option")
    note: str = Field("", max_length=300, description="where the price comes from")
    as_of: dt.date = Field(..., description="the date of the user's price")
    confidence: Confidence = "B"

    def applies_to(self, option_id: str) -> bool:
        return self.options is None or option_id in self.options
