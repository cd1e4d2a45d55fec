"""The workload file's `horizon` section (optional; files without it are read and written unchanged): a horizon
of 12 to 60 months, monthly growth, one-off costs and, opt-in, the people cost of operating each option."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from desktop.model.schema.fields import Describe
from desktop.model.schema.workload import FiniteFloat, Section

GrowthKind = Literal["none", "compound", "step"]
MAX_ONE_OFFS = 20

# Hours a month of operating each option, ComputeFit's stated assumption (not a measured figure; edit it):
# option id -> (hours, the reasoning). Options not listed default to DEFAULT_HOURS.
DEFAULT_HOURS: dict[str, tuple[float, str]] = {
    "lambda": (2.0, "deploys, alarms and the yearly runtime upgrade; AWS patches and scales everything else"),
    "lambda_managed": (6.0, "as Lambda, plus choosing instance types and watching the capacity provider's fleet"),
    "fargate": (4.0, "task definitions, base-image patching and rebuilds, scaling policies; AWS runs the hosts"),
    "eks_fargate": (10.0, "as Fargate, plus Kubernetes version upgrades every few months and cluster add-ons"),
    "ecs_managed": (6.0, "as Fargate, plus choosing instance types; AWS patches and replaces the instances"),
    "ec2": (12.0, "monthly AMI patching and instance refreshes, cluster capacity, draining, the ECS agent"),
}
FALLBACK_HOURS = 6.0


class Growth(Section):
    TITLE = "Growth"

    kind: Annotated[GrowthKind, Describe(
        "Growth", "choice", "How the volume changes month by month over the horizon.",
        choices=(("none", "None"), ("compound", "Compounding each month"), ("step", "A step at a month")),
        long_label="Growth of the volume"
    )] = "none"
    monthly_pct: Annotated[FiniteFloat, Describe(
        "Monthly growth", "float", "Compounding: the volume grows by this share each month (negative: shrinks).",
        unit="%", long_label="Monthly growth (%)"
    )] = Field(0.0, ge=-50, le=100)
    step_month: Annotated[int, Describe(
        "Step at month", "int", "A step: the month from which the volume is multiplied.", unit="month",
        long_label="Step at month"
    )] = Field(13, ge=1, le=60)
    step_factor: Annotated[FiniteFloat, Describe(
        "Step factor", "float", "A step: the volume from the step month on, as a multiple of today's.", unit="x",
        long_label="Volume after the step (x)"
    )] = Field(1.0, ge=0, le=1000)


class OneOff(Section):
    label: Annotated[str, Describe(
        "One-off cost", "text", "What it is: a migration, a re-platforming, training.")] = Field(
        ..., min_length=1, max_length=80)
    usd: Annotated[FiniteFloat, Describe(
        "Amount", "float", "The one-off cost in USD, as the user enters it.", unit="USD")] = Field(
        ..., ge=0, le=1e9)
    month: Annotated[int, Describe(
        "Month", "int", "The month of the horizon it is paid in (1 = the first).", unit="month")] = Field(
        1, ge=1, le=60)
    option: Annotated[str | None, Describe(
        "Option", "text", "The option it applies to (by id); empty: every option.", optional=True)] = Field(
        None, min_length=1, max_length=40)


class People(Section):
    TITLE = "People cost"

    enabled: Annotated[bool, Describe(
        "People cost", "bool", "Add the cost of the hours the team spends operating each option.",
        long_label="Include people cost")] = False
    rate_usd_per_hour: Annotated[FiniteFloat, Describe(
        "Hourly rate", "float", "The loaded cost of an hour of the team's time.", unit="USD/h",
        long_label="People cost per hour (USD)")] = Field(100.0, ge=0, le=10_000)
    hours_per_month: Annotated[dict[Annotated[str, Field(min_length=1, max_length=40)],
                                    Annotated[float, Field(ge=0, le=10_000, allow_inf_nan=False)]], Describe(
        "Hours a month", "text", "Hours a month of operating each option (option id -> hours); an option not "
        "listed takes ComputeFit's stated default.", unit="h")] = Field(default_factory=dict, max_length=20)

    def hours(self, option: str) -> tuple[float, str]:
        """The hours a month for an option and where the figure comes from."""
        if option in self.hours_per_month:
            return self.hours_per_month[option], "as entered"
        hours, why = DEFAULT_HOURS.get(option, (FALLBACK_HOURS, "ComputeFit's default for an option not listed"))
        return hours, f"default: {why}"


class Horizon(Section):
    TITLE = "Horizon"
    MIN_MONTHS: ClassVar[int] = 12
    MAX_MONTHS: ClassVar[int] = 60

    months: Annotated[int, Describe(
        "Horizon", "int", "How many months to add up (12 to 60).", unit="months",
        long_label="Horizon (months)")] = Field(36, ge=12, le=60)
    growth: Growth = Growth()
    one_off: tuple[OneOff, ...] = Field((), max_length=MAX_ONE_OFFS)
    people: People = People()
