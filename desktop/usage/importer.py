"""One import: the files given (billing export parts, CLI JSON) into a fleet workshop and its summary.

Nothing is written here: the caller saves the workshop (whole or not at all) once the import has succeeded, so a
cancelled or failed import leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from desktop.model.pricing.book import PriceBook
from desktop.model.workshop.spec import MAX_SCENARIOS, ScenarioEntry, WorkshopSpec
from desktop.usage.fleet import fleet_entries
from desktop.usage.json_input import JsonInputs, read_json_file
from desktop.usage.records import ImportSummary, ResourceUsage, TagFilter, UsageError
from desktop.usage.sources import collect

Interrupt = Callable[[Callable[[], None]], None]


def import_usage(paths: list[Path], book: PriceBook, interrupt: Interrupt | None = None,
                 tags: tuple[TagFilter, ...] = ()) -> tuple[WorkshopSpec, ImportSummary]:
    """Read every file (UsageError naming the file and column on bad input; Cancelled when interrupted). With
    `tags`, only the billing rows so tagged make scenarios; the JSON then refines those resources alone. The
    fleet workshop holds at most MAX_SCENARIOS scenarios, the largest bills."""
    entries, summary = import_entries(paths, book, interrupt, tags, MAX_SCENARIOS)
    return WorkshopSpec(kind="parts", baseline=0, scenarios=entries), summary


def import_entries(paths: list[Path], book: PriceBook, interrupt: Interrupt | None = None,
                   tags: tuple[TagFilter, ...] = (), cap: int = MAX_SCENARIOS
                   ) -> tuple[tuple[ScenarioEntry, ...], ImportSummary]:
    """The fleet's scenarios as `import_usage` reads them, at most `cap` (a JSON-lines fleet for `usage rank`
    may hold more than a workshop file)."""
    inputs = collect(paths)
    if inputs.parquet and inputs.csv:
        raise UsageError(str(inputs.csv[0]), "", "CSV and Parquet parts given together: import one export at a time")
    summary = ImportSummary()
    summary.notes += [f"{left}: left out, the same part as {kept}" for left, kept in inputs.duplicates]
    summary.notes += [f"{path}: not a usage file, left alone" for path in inputs.ignored[:20]]
    json_inputs = JsonInputs()
    for path in inputs.json:
        if not read_json_file(path, json_inputs):
            if any(path == p for p in paths):
                raise UsageError(str(path), "", "is neither CloudWatch get-metric-data output, Lambda or ECS "
                                                "describe output, nor Lambda Power Tuning output")
            summary.notes.append(f"{path}: JSON of another kind (a manifest?), left alone")
    resources: list[ResourceUsage] = []
    parts = inputs.parquet or inputs.csv
    if parts:
        from desktop.usage.engine import read_billing

        resources = read_billing(parts, "parquet" if inputs.parquet else "csv", summary, interrupt, tags)
        summary.files += [str(p) for p in parts]
        summary.notes += [f"Only the rows tagged {t.key}={t.value} were read" for t in tags]
    elif tags:
        raise UsageError(", ".join(str(p) for p in paths)[:300], "--tag", "a tag filter needs a billing export "
                                                                        "(CUR 2.0 or FOCUS) to read the tags from")
    summary.files += json_inputs.files
    if not parts and not json_inputs.files:
        raise UsageError(", ".join(str(p) for p in paths)[:300], "", "holds no billing export part nor CLI JSON")
    if not parts:
        summary.source = "CloudWatch and configuration JSON"
        summary.period_hours = max((s.covered_hours for s in json_inputs.series.values()), default=0.0)
        summary.period_text = "the metrics' own period"
    summary.notes += [f"{r.resource}: not a whole function ARN (truncated or anonymised?): kept under the id as "
                      "written" for r in resources if r.truncated_id][:20]
    return fleet_entries(resources, json_inputs, summary, book, bool(tags), cap), summary


def summary_text(summary: ImportSummary, scenarios: WorkshopSpec | Sequence[ScenarioEntry],
                 escape: Callable[[str], str]) -> str:
    scenarios = scenarios.scenarios if isinstance(scenarios, WorkshopSpec) else scenarios
    kinds: dict[str, int] = {}
    for s in scenarios:
        today = s.usage.today if s.usage is not None else "?"
        kinds[today] = kinds.get(today, 0) + 1
    lines = [f"Imported {summary.source}: {len(summary.files)} file(s), {summary.rows_read:,} rows read, "
             f"{summary.rows_used:,} used",
             f"Period: {summary.period_text} ({summary.period_hours:,.0f} h)",
             f"Scenarios: {len(scenarios):,} (" + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) + ")"]
    if summary.skipped:
        lines.append("Rows skipped, by reason:")
        lines += [f"  {rows:>12,}  {escape(reason)}" for reason, rows in sorted(summary.skipped.items())]
    lines += [f"Note: {escape(n)}" for n in summary.notes[:50]]
    assumed = sum(1 for s in scenarios if s.usage and any(f.origin == "default" for f in s.usage.fields))
    if assumed:
        lines.append(f"{assumed} scenario(s) have fields left at a default: check them (the scenario's usage says "
                     "which)")
    return "\n".join(lines)
