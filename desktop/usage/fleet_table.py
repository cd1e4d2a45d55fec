"""A ranked fleet file held for the window: one small row a scenario, and where each line starts in the file.

`usage rank` advises a JSON-lines fleet of up to 100,000 scenarios in a pool of processes (desktop.usage.rank);
the window shows its ranking as a table and opens the one scenario the user selects. This keeps, per scenario,
only what the table shows and sorts (the rank's record, some 200 bytes) and the byte offset of its line, so a
selected row's scenario is read again from the file (checked as `usage rank` checks it) instead of keeping
10,000 workloads in memory. Pure Python: the window runs `open_fleet` on a worker thread.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from desktop.files import ReadError
from desktop.files.bounded_read import open_regular
from desktop.model.options.registry import short_label
from desktop.model.pricing.book import PriceBook
from desktop.usage import rank
from desktop.usage.records import UsageError

Progress = Callable[[str, int, int], None]  # (what it is doing, done, total): may raise to cancel
INDEX_REPORT_EVERY = 2000  # lines between two progress reports while the file is indexed
WORKERS_NICE = 10  # the pool's workers give way to the window's GUI thread (which must answer within a frame)


class FleetRow(NamedTuple):
    """One ranked scenario as the window's table shows it (money as the record's text, e.g. "12.34")."""

    rank: int
    line: int
    name: str
    resource: str
    account: str
    region: str
    today: str  # an option id, or ""
    billed: str | None
    priced: str | None
    difference: float | None
    recommended: str | None
    recommended_usd: str | None
    saving: str | None
    why: tuple[str, ...]  # the flag, each option ruled out with its limit, thin data, prices left out
    blocked: bool
    thin: bool
    leaves_out: bool  # the recommended option's total leaves out a price the book lacks: a lower bound


@dataclass(frozen=True, slots=True)
class Totals:
    """What a set of rows adds up to, as `usage rank` and the review add it."""

    count: int
    billed_monthly_usd: Decimal
    saving_usd: Decimal  # the positive savings of the rows not too thin to say
    blocked: int
    thin: int
    leaves_out: int
    left_out: dict[str, tuple[str, ...]]  # option -> the prices its totals leave out, over those rows


@dataclass(frozen=True, slots=True)
class FleetTable:
    path: Path
    rows: tuple[FleetRow, ...]  # in rank order
    starts: dict[int, int]  # line number -> byte offset of the line
    stamp: tuple[int, int]  # the file's size and modification time when it was read
    left_out: tuple[dict[str, tuple[str, ...]], ...]  # each row's left_out, by rank (most are empty and shared)
    everything: Totals  # the totals of every row (added up on the worker thread)

    def totals(self, chosen: Iterable[int] | None = None) -> Totals:
        """The totals of the rows at the indexes `chosen` (all when None)."""
        if chosen is None:
            return self.everything
        picked = [self.rows[i] for i in chosen]
        return totals_of(picked, [self.left_out[r.rank - 1] for r in picked])

    def scenario(self, index: int, book: PriceBook) -> Any:
        """The scenario entry of the row at `index`, read again from the file and checked as `usage rank` checks
        each line (UsageError, or WorkloadFileError naming the file and the line)."""
        where = str(self.path)
        line = self.rows[index].line
        try:
            with open_regular(self.path) as stream:
                status = os.fstat(stream.fileno())
                if (status.st_size, status.st_mtime_ns) != self.stamp:
                    raise UsageError(where, "", "was changed since it was opened: open the fleet again")
                stream.seek(self.starts[line])
                raw = stream.readline(rank.MAX_LINE_BYTES + 1)
        except ReadError as exc:
            raise UsageError(where, "", exc.message) from None
        except OSError as exc:
            raise UsageError(where, "", f"cannot be read ({exc.strerror or exc})") from None
        return rank._scenario(raw, f"{where}:{line}", book)


def totals_of(rows: Sequence[FleetRow], left_out: Iterable[dict[str, tuple[str, ...]]]) -> Totals:
    """What `rows` add up to (`left_out`: each row's)."""
    left: dict[str, set[str]] = {}
    for found in left_out:
        for option, names in found.items():
            left.setdefault(option, set()).update(names)
    return Totals(
        count=len(rows),
        billed_monthly_usd=sum((Decimal(r.billed) for r in rows if r.billed is not None), Decimal(0)),
        saving_usd=sum((Decimal(r.saving) for r in rows if r.saving is not None and not r.thin
                        and Decimal(r.saving) > 0), Decimal(0)),
        blocked=sum(r.blocked for r in rows), thin=sum(r.thin for r in rows),
        leaves_out=sum(r.leaves_out for r in rows),
        left_out={option: tuple(sorted(names)) for option, names in sorted(left.items())})


def _why(record: dict[str, Any]) -> tuple[str, ...]:
    """What a row's "Why" column says, in parts (each translated on its own where it is shown)."""
    parts = [f"likely {record['flag']}"] if record["flag"] else []
    parts += [f"{short_label(b['option'])} ruled out: {b['limit']}" for b in record["blocked"]]
    if record["thin"]:
        parts.append(f"too thin: {record['thin']}")
    missing = record["left_out"].get(record["recommended"] or "")
    if missing:
        parts.append(f"{short_label(record['recommended'])} total leaves out: {', '.join(missing)}")
    return tuple(parts)


def row_of(number: int, record: dict[str, Any]) -> FleetRow:
    """A ranked record (as `usage rank` writes it) as a table row."""
    return FleetRow(
        rank=number, line=record["line"], name=record["name"], resource=record["resource"],
        account=record["account"], region=record["region"], today=record["today"],
        billed=record["billed_monthly_usd"], priced=record["priced_today_usd"],
        difference=record["difference_pct"], recommended=record["recommended"],
        recommended_usd=record["recommended_usd"], saving=record["saving_usd"], why=_why(record),
        blocked=bool(record["blocked"]), thin=bool(record["thin"]),
        leaves_out=bool(record["left_out"].get(record["recommended"] or "")))


def line_starts(path: Path, progress: Progress) -> tuple[dict[int, int], tuple[int, int]]:
    """Where each non-blank line starts (line number from 1 -> byte offset), at most rank.MAX_LINES of them, and
    the file's (size, modification time). A line too long or too many lines are left to `usage rank`'s reader,
    which refuses them in one line."""
    where = str(path)
    try:
        stream = open_regular(path)
    except ReadError as exc:
        raise UsageError(where, "", exc.message) from None
    starts: dict[int, int] = {}
    with stream:
        status = os.fstat(stream.fileno())
        offset = 0
        number = 0
        while len(starts) <= rank.MAX_LINES:
            line = stream.readline(rank.MAX_LINE_BYTES + 1)
            if not line or len(line) > rank.MAX_LINE_BYTES:
                break
            number += 1
            if line.strip():
                starts[number] = offset
            offset += len(line)
            if number % INDEX_REPORT_EVERY == 0:
                progress(f"Reading {path.name}", 0, 0)
    return starts, (status.st_size, status.st_mtime_ns)


def open_fleet(path: Path, book: PriceBook, progress: Progress, jobs: int = 0) -> FleetTable:
    """The fleet file advised and ranked as `usage rank` ranks it (the same pool of processes), as a table.
    UsageError naming the file (and the line) when it cannot be used; whatever `progress` raises stops it."""
    starts, stamp = line_starts(path, progress)
    total = len(starts)
    progress(f"Advising {total:,} scenarios", 0, total)
    entries, _lines = rank.advise_fleet(path, book, jobs, progress=lambda done: progress(
        f"Advised {done:,} of {total:,} scenarios", done, total), nice=WORKERS_NICE)
    if not entries:
        raise UsageError(str(path), "", "holds no scenario")
    progress("Ranking", total, total)
    rows = []
    left_out: list[dict[str, tuple[str, ...]]] = []
    none: dict[str, tuple[str, ...]] = {}
    for number, record in enumerate(rank.records(rank.rank(entries)), 1):
        rows.append(row_of(number, record))
        left_out.append({o: tuple(n) for o, n in record["left_out"].items()} if record["left_out"] else none)
    return FleetTable(path, tuple(rows), starts, stamp, tuple(left_out), totals_of(rows, left_out))
