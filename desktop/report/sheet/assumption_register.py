"""The assumption register: every workload input and assumption with the value the quote used.

Pure Python (no Qt). Rows come from the workload model's own fields and descriptions, so a field added
to the workload format appears on the sheet without touching this module; defaults the engine fills in
(min tasks, the front door, the free tier, the EC2 instance type) are stated as resolved.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from pydantic import BaseModel

from desktop.model.format import usd
from desktop.model.options.common.front_door import FRONT_DOOR_LABELS, resolve_front_door
from desktop.model.options.registry import all_options, compared, short_label
from desktop.model.pricing.book import PriceBook
from desktop.model.pricing.quote import Quote
from desktop.model.questionnaire.data import DONT_KNOW, QUESTIONS_BY_ID
from desktop.model.workload.fields import SECTION_TITLES, all_fields
from desktop.model.workload.shared_lines import SharedLine
from desktop.model.workload.spec import Network, Workload
from desktop.model.workshop.usage import FieldOrigin, ScenarioUsage

SKIPPED = {"schema_version", "name", "answers"}
FIELDS = {f.path: f for f in all_fields()}


@dataclass(frozen=True, slots=True)
class RegisterRow:
    section: str
    path: str  # the workload field (dotted), or "" for a derived assumption
    label: str
    value: str


def format_value(value: Any) -> str:
    if value is None:
        return "not set"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if abs(value) >= 1000:
            return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return " ".join(format_value(v) for v in value)
    return str(value)


def _profile(value: Any) -> str:
    if value is None:
        return "flat (same load every hour)"
    return " ".join(f"{v:g}" for v in value)


def _describe(model: type[BaseModel], name: str) -> str:
    info = model.model_fields[name]
    text = (info.description or name.replace("_", " ")).split(";")[0]
    return text[:1].upper() + text[1:]


def _hidden(workload: Workload) -> set[str]:
    """Fields the sheet leaves out: the settings of options not compared, and `options` when not set."""
    shown = {o.id for o in compared(workload)}
    hidden = {o.settings for o in all_options() if o.settings and o.id not in shown}
    # a commitment replaces the flat Savings Plans percentages: the sheet states the one that priced the quote
    flat_or_plan = ("assumptions.commitment" if workload.assumptions.commitment.plan == "none"
                    else "assumptions.savings_plans")
    return (hidden | {flat_or_plan} | ({"options"} if workload.options is None else set())
            | ({"horizon"} if workload.horizon is None else set()) | ({"ranges"} if workload.ranges is None else set())
            | ({"shared_lines"} if workload.shared_lines is None else set()))


NETWORK_OFF = "all off"  # no NAT gateway, public IPv4, logs or data out priced; 1 ALB listener rule


def _walk(model: BaseModel, prefix: str, rows: list[RegisterRow], workload: Workload) -> None:
    hidden = SKIPPED | _hidden(workload)
    for name, info in type(model).model_fields.items():
        key = info.alias or name
        path = f"{prefix}{key}"
        if path in hidden:
            continue
        value = getattr(model, name)
        if path == "network" and value == Network():  # every line off: one row says so (the sheet is two pages)
            rows.append(RegisterRow("", "network", "Network and logs", NETWORK_OFF))
            continue
        if isinstance(value, BaseModel):
            _walk(value, f"{path}.", rows, workload)
            continue
        section = path.split(".")[0] if "." in path else ""
        spec = FIELDS.get(path)
        label = spec.title if spec is not None else _describe(type(model), name)
        if path == "options":
            label = "Options compared"
        if path == "traffic.daily_profile":
            text = _profile(value)
        elif path == "options":
            text = ", ".join(short_label(o) for o in value)
        elif path == "horizon.one_off":
            text = "; ".join(f"{o.label}: {usd(o.usd)} in month {o.month} ({o.option or 'every option'})"
                             for o in value) or "none"
        elif path == "shared_lines":
            label, text = "Your shared lines", "; ".join(_shared_line_text(line) for line in value)
        elif path == "ranges.fields":
            text = "; ".join(f"{p} {s.low:g} / {'as set' if s.likely is None else format(s.likely, 'g')} / "
                             f"{s.high:g}" for p, s in value.items()) or "none"
        elif path == "horizon.people.hours_per_month":
            text = ", ".join(f"{short_label(o)} {h:g} h" for o, h in value.items()) or "the stated defaults"
        elif path == "container.min_tasks" and value is None:
            text = f"default: {workload.min_tasks}"
        elif value is None:
            text = "default"
        else:
            text = format_value(value)
        rows.append(RegisterRow(section, path, label, text))


def _shared_line_text(line: SharedLine) -> str:
    """"PostgreSQL: 730 hour x $0.072 (every option)": the user's line as entered."""
    carried = ", ".join(short_label(o) for o in line.options) if line.options else "every option"
    return f"{line.label}: {format_value(line.quantity)} {line.unit} x ${format_value(line.unit_usd)} ({carried})"


def derived_rows(workload: Workload, book: PriceBook, quote: Quote) -> list[RegisterRow]:
    """What the engine resolved from defaults: front doors, free tier amounts, the EC2 instance chosen."""
    rows: list[RegisterRow] = []
    rows.append(RegisterRow("assumptions", "", "Front door used", _doors(workload)))
    free = book.free_tier
    if workload.lambda_.free_tier:
        rows.append(RegisterRow("assumptions", "", "Lambda free tier applied",
                                f"{free.lambda_requests:,} requests and {free.lambda_gb_seconds:,} GB-s a month "
                                f"(source {free.source})"))
    if workload.assumptions.api_gateway_free_tier:
        rows.append(RegisterRow("assumptions", "", "API Gateway free tier applied",
                                f"{free.api_gateway_requests:,} requests a month (source {free.source})"))
    for option in quote.options.values():
        chosen = option.capacity.assumption() if option.capacity is not None else None
        if chosen is not None:
            rows.append(RegisterRow("assumptions", "", *chosen))
    return rows


def _doors(workload: Workload) -> str:
    """The front door each option's requests come through: functions by name, containers together when alike."""
    parts: list[str] = []
    containers: dict[str, list[str]] = {}
    for option in compared(workload):
        door = FRONT_DOOR_LABELS[resolve_front_door(workload.front_door, option, workload.is_jobs)]
        if option.traits.kind == "container":
            containers.setdefault(door, []).append(option.short_label)
        else:
            parts.append(f"{option.short_label}: {door}")
    if len(containers) == 1:
        parts.append(f"containers: {next(iter(containers))}")
    else:
        parts.extend(f"{', '.join(names)}: {door}" for door, names in containers.items())
    return "; ".join(parts)


def assumption_register(workload: Workload, book: PriceBook, quote: Quote,
                        usage: ScenarioUsage | None = None) -> list[RegisterRow]:
    """Every input of the workload (sections in file order), then the assumptions the engine resolved. An
    imported scenario's inputs say where each value came from, or that the user edited the imported value."""
    rows: list[RegisterRow] = []
    _walk(workload, "", rows, workload)
    if usage is not None:
        rows = [_with_origin(row, usage.origin_of(row.path)) if row.path else row for row in rows]
    rows.extend(derived_rows(workload, book, quote))
    order = list(SECTION_TITLES)
    return sorted(rows, key=lambda r: order.index(r.section) if r.section in order else len(order))


def _with_origin(row: RegisterRow, origin: FieldOrigin | None) -> RegisterRow:
    return row if origin is None else replace(row, value=f"{row.value} ({origin.short_text()})")


def answer_rows(workload: Workload) -> list[tuple[str, str]]:
    """The questionnaire answers the workload was built from (question, answer in words), when there are any."""
    if not workload.answers:
        return []
    rows = []
    for question_id, answer in workload.answers.items():
        question = QUESTIONS_BY_ID.get(question_id)
        if question is None:
            rows.append((question_id, format_value(answer)))
            continue
        if answer is None or answer == DONT_KNOW:
            implied = f" ({question.dont_know_implies})" if question.dont_know_implies else ""
            text = "don't know" + implied
        elif question.kind == "choice":
            choice = question.choice(str(answer))
            text = choice.label if choice else format_value(answer)
        else:
            text = f"{format_value(answer)} {question.unit}".strip()
        rows.append((question.text, text))
    return rows
