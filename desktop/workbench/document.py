"""The document as a value: its scenarios, which one is shown, the baseline and the kind of workshop.

Pure functions from one DocumentState to the next (each scenario operation of the workbench is one of them),
what changed between two states (a `Change`), and the document as workshop JSON (`document_json`, what a save
or an autosave writes).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from desktop.model.workload.spec import Workload
from desktop.model.workshop.files import workshop_json
from desktop.model.workshop.spec import MAX_SCENARIOS, NOTE_MAX_CHARS, ScenarioEntry, ScenarioKind, WorkshopSpec
from desktop.model.workshop.usage import ScenarioUsage

NAME_MAX_CHARS = 120  # as a workload's name


class ScenarioError(ValueError):
    """A scenario operation that cannot be done; str() is the message for the user."""


@dataclass(frozen=True, slots=True)
class Scenario:
    """One workload of a document, with a note (a workshop holds several; a workload file is one)."""

    workload: Workload
    note: str = ""
    usage: ScenarioUsage | None = None  # imported from usage data: kept through edits and saves

    @property
    def name(self) -> str:
        return self.workload.name


@dataclass(frozen=True, slots=True)
class DocumentState:
    """What undo and redo move between: the scenarios, which one is shown, the baseline and the kind."""

    scenarios: tuple[Scenario, ...]
    selected: int = 0
    baseline: int = 0
    kind: ScenarioKind = "variants"

    @property
    def workload(self) -> Workload:
        return self.scenarios[self.selected].workload

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.scenarios)

    def with_workload(self, workload: Workload) -> DocumentState:
        """The shown scenario with this workload; an imported scenario's provenance follows the edit (a field
        changed from its imported value is "edited", the value imported kept)."""
        scenario = self.scenarios[self.selected]
        usage = scenario.usage.following(workload.to_json_dict()) if scenario.usage is not None else None
        return self.with_scenario(self.selected, replace(scenario, workload=workload, usage=usage))

    def with_scenario(self, index: int, scenario: Scenario) -> DocumentState:
        return replace(self, scenarios=(*self.scenarios[:index], scenario, *self.scenarios[index + 1:]))

    @property
    def needs_workshop_file(self) -> bool:
        """More than a workload file can hold: several scenarios, a note, or the kind "parts of one system"."""
        return len(self.scenarios) > 1 or any(s.note for s in self.scenarios) or self.kind != "variants"


@dataclass(frozen=True, slots=True)
class Change:
    """What an operation changed, for the views to follow (each flag at most once per operation)."""

    workload: bool = False  # the shown workload: the form shows it and the advice must follow
    path: bool = False  # the document's file
    dirty: bool = False  # saved / unsaved may have flipped
    history: bool = False  # what undo and redo would do
    book: bool = False  # the price book
    scenarios: bool = False  # the scenario list: names, notes, order, selection, baseline or kind

    def __or__(self, other: Change) -> Change:
        return Change(*(a or b for a, b in zip(self._flags(), other._flags(), strict=True)))

    def _flags(self) -> tuple[bool, ...]:
        return (self.workload, self.path, self.dirty, self.history, self.book, self.scenarios)

    def __bool__(self) -> bool:
        return any(self._flags())


NOTHING = Change()
EDITED = Change(workload=True, dirty=True, history=True)
RESET = Change(workload=True, path=True, dirty=True, history=True, scenarios=True)


def _list_key(state: DocumentState) -> tuple[object, ...]:
    return (tuple((s.name, s.note) for s in state.scenarios), state.selected, state.baseline, state.kind)


def change_between(before: DocumentState, after: DocumentState) -> Change:
    """What the views must follow when the document moves from `before` to `after` (its file aside)."""
    return Change(workload=before.workload is not after.workload, scenarios=_list_key(before) != _list_key(after))


# --- names ------------------------------------------------------------------------------------------------
def clean_name(name: str) -> str:
    text = " ".join(name.split())
    if not text:
        raise ScenarioError("A scenario name must not be blank.")
    if len(text) > NAME_MAX_CHARS:
        raise ScenarioError(f"A scenario name has at most {NAME_MAX_CHARS} characters (this one has {len(text)}).")
    return text


def unique_name(wanted: str, taken: tuple[str, ...] | list[str]) -> str:
    """`wanted`, or `wanted (2)`, `wanted (3)`... whichever is not taken yet (at most 120 characters)."""
    if wanted not in taken:
        return wanted
    number = 2
    while True:
        suffix = f" ({number})"
        candidate = wanted[:NAME_MAX_CHARS - len(suffix)] + suffix
        if candidate not in taken:
            return candidate
        number += 1


# --- operations: each a pure function of the state ---------------------------------------------------------
def _index(state: DocumentState, index: int | None) -> int:
    chosen = state.selected if index is None else index
    if not 0 <= chosen < len(state.scenarios):
        raise ScenarioError(f"There is no scenario {chosen + 1} (the workshop has {len(state.scenarios)}).")
    return chosen


def insert_scenarios(state: DocumentState, new: tuple[Scenario, ...], at: int | None = None) -> DocumentState:
    """Insert scenarios (after the shown one by default) and show the first of them."""
    if len(state.scenarios) + len(new) > MAX_SCENARIOS:
        raise ScenarioError(f"A workshop holds at most {MAX_SCENARIOS} scenarios.")
    where = state.selected + 1 if at is None else max(0, min(at, len(state.scenarios)))
    scenarios = (*state.scenarios[:where], *new, *state.scenarios[where:])
    baseline = state.baseline + len(new) if state.baseline >= where else state.baseline
    return replace(state, scenarios=scenarios, selected=where, baseline=baseline)


def duplicate(state: DocumentState, index: int | None = None) -> DocumentState:
    chosen = _index(state, index)
    original = state.scenarios[chosen]
    name = unique_name(f"{original.name} (copy)"[:NAME_MAX_CHARS], state.names)
    copy = Scenario(original.workload.model_copy(update={"name": name}), original.note)
    return insert_scenarios(replace(state, selected=chosen), (copy,))


def rename(state: DocumentState, index: int, name: str) -> DocumentState:
    chosen = _index(state, index)
    scenario = state.scenarios[chosen]
    return state.with_scenario(chosen, replace(scenario, workload=scenario.workload.model_copy(
        update={"name": clean_name(name)})))


def set_note(state: DocumentState, index: int, note: str) -> DocumentState:
    chosen = _index(state, index)
    if len(note) > NOTE_MAX_CHARS:
        raise ScenarioError(f"A note has at most {NOTE_MAX_CHARS:,} characters (this one has {len(note):,}).")
    return state.with_scenario(chosen, replace(state.scenarios[chosen], note=note))


def move(state: DocumentState, index: int, to: int) -> DocumentState:
    """Move a scenario to another position; the selection and the baseline follow their scenarios."""
    chosen = _index(state, index)
    to = max(0, min(to, len(state.scenarios) - 1))
    order = list(range(len(state.scenarios)))
    order.insert(to, order.pop(chosen))
    return replace(state, scenarios=tuple(state.scenarios[i] for i in order),
                   selected=order.index(state.selected), baseline=order.index(state.baseline))


def delete(state: DocumentState, index: int | None = None) -> DocumentState:
    chosen = _index(state, index)
    if len(state.scenarios) == 1:
        raise ScenarioError("A workshop keeps at least one scenario.")
    scenarios = state.scenarios[:chosen] + state.scenarios[chosen + 1:]

    def follow(i: int) -> int:
        return i - 1 if i > chosen else (min(i, len(scenarios) - 1) if i == chosen else i)

    baseline = 0 if state.baseline == chosen else follow(state.baseline)
    return replace(state, scenarios=scenarios, selected=follow(state.selected), baseline=baseline)


def set_baseline(state: DocumentState, index: int) -> DocumentState:
    return replace(state, baseline=_index(state, index))


def set_kind(state: DocumentState, kind: str) -> DocumentState:
    if kind not in ("variants", "parts"):
        raise ScenarioError(f"The kind of workshop is variants or parts, not {kind!r}.")
    return replace(state, kind="parts" if kind == "parts" else "variants")


def select(state: DocumentState, index: int) -> DocumentState:
    return replace(state, selected=_index(state, index))


# --- files ------------------------------------------------------------------------------------------------
def state_from_spec(spec: WorkshopSpec) -> DocumentState:
    return DocumentState(tuple(Scenario(s.workload, s.note, s.usage) for s in spec.scenarios), 0, spec.baseline,
                         spec.kind)


def spec_from_state(state: DocumentState) -> WorkshopSpec:
    return WorkshopSpec(kind=state.kind, baseline=state.baseline,
                        scenarios=tuple(ScenarioEntry(note=s.note, workload=s.workload, usage=s.usage)
                                       for s in state.scenarios))


def document_json(state: DocumentState) -> str:
    """The whole document as a workshop file's text (what an autosave writes; a workshop of one for one workload)."""
    return workshop_json(spec_from_state(state))
