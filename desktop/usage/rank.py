"""`computefit usage rank`: a fleet of any size, one scenario a line, advised and ranked in a pool of processes.

A workshop file holds at most 200 scenarios (the window's lists and the workshop PDF are sized for that); a fleet
exported from an organisation can hold thousands. This reads a JSON-lines file instead: each line is one
workload (the workload file's format) or one scenario entry of a workshop (`{"workload": {...}, "note": ...,
"usage": {...}}`, as `usage import` writes them), read and checked one line at a time, at most MAX_LINE_BYTES
a line and MAX_LINES lines. Any line that cannot be used refuses the whole fleet with one message naming the
file, the line and the field, and nothing is written.

Each line is priced and recommended exactly as `usage review` does it for a fleet workshop (the same functions,
one scenario at a time): its option totals, recommendation, margin over the runner-up, what it was billed, the
saving against today's bill, blocked options and thin data. Lines are advised in batches by `jobs` worker
processes, and each comes back as one small record (text and numbers, never the Advice), so the memory a line
costs is that record's. The records are then ranked as the review ranks (largest saving first; then by the
recommendation's margin over the runner-up, so a fleet of typed-in workloads ranks too) and written as CSV or
JSON lines.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.files import ReadError
from desktop.files.bounded_read import open_regular
from desktop.model.pricing.book import PriceBook
from desktop.terminal import one_line
from desktop.usage.records import UsageError

MAX_LINE_BYTES = 256 * 1024  # a scenario with its usage is about 5.5 KB
MAX_LINES = 100_000
BATCH = 100  # lines per task handed to a worker
MAX_JOBS = 64
COLUMNS = ("rank", "line", "name", "resource", "account", "region", "today", "billed_monthly_usd",
           "priced_today_usd", "difference_pct", "recommended", "recommended_usd", "runner_up", "margin_usd",
           "saving_usd", "totals", "left_out", "blocked", "thin", "flag")
TEXT_COLUMNS = {"name", "resource", "account", "region", "today", "left_out", "blocked", "thin", "flag",
                "changes_recommendation"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet reads as a formula
Record = dict[str, Any]
Batch = list[tuple[int, bytes]]
Ranked = tuple[tuple[bool, Decimal, Decimal, str, int], str]  # the ranking's key, the record as JSON text

_BOOK: list[PriceBook] = []  # the worker's book, set once by its initializer


def jobs_argument(text: str) -> int:
    """--jobs: 0 (one worker per CPU) to MAX_JOBS (argparse's type: its error is the usage line and status 2)."""
    import argparse

    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= MAX_JOBS:
        raise argparse.ArgumentTypeError(f"a whole number from 0 (one per CPU) to {MAX_JOBS}, got {text[:20]!r}")
    return value


def read_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """(line number from 1, the line's bytes) of every non-blank line, each bounded; UsageError naming the file
    and the line for one too long, or for more than MAX_LINES."""
    where = str(path)
    try:
        stream = open_regular(path)
    except ReadError as exc:
        raise UsageError(where, "", exc.message) from None
    count = 0
    with stream:
        for number in range(1, sys.maxsize):
            line = stream.readline(MAX_LINE_BYTES + 1)
            if not line:
                return
            if len(line) > MAX_LINE_BYTES:
                raise UsageError(f"{where}:{number}", "", f"a line is at most {MAX_LINE_BYTES // 1024} KB")
            if not line.strip():
                continue
            count += 1
            if count > MAX_LINES:
                raise UsageError(f"{where}:{number}", "", f"a fleet file holds at most {MAX_LINES:,} scenarios")
            yield number, line


def _scenario(raw: bytes, where: str, book: PriceBook) -> Any:
    """One line as a workshop scenario entry, checked against the book like a file the CLI opens
    (WorkloadFileError naming `where` and the field)."""
    from desktop.files import loads_strict
    from desktop.model.options.registry import check_workload
    from desktop.model.pricing.checks import check_against_book
    from desktop.model.workload.files import WorkloadFileError, check_file_object, parse_workload
    from desktop.model.workload.validation import FieldProblem, problems_of
    from desktop.model.workshop.spec import ScenarioEntry

    try:
        data = loads_strict(raw.decode("utf-8-sig").rstrip("\r\n"), where)
    except UnicodeDecodeError:
        raise WorkloadFileError(where, [FieldProblem("", "is not UTF-8 text")]) from None
    except ReadError as exc:
        raise WorkloadFileError(where, [FieldProblem(exc.field, exc.message)]) from None
    if isinstance(data, dict) and "workload" in data:
        check_file_object(data, where, "a scenario", 1)
        from pydantic import ValidationError

        try:
            entry = ScenarioEntry.model_validate(data)
        except ValidationError as exc:
            raise WorkloadFileError(where, problems_of(exc, ScenarioEntry)) from None
        prefix = "workload."
    else:
        entry = ScenarioEntry(workload=parse_workload(data, where))
        prefix = ""
    problems = check_against_book(entry.workload, book) + check_workload(entry.workload, book)
    if problems:
        raise WorkloadFileError(where, [FieldProblem(prefix + p.path, p.message) for p in problems])
    return entry


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value.quantize(Decimal("0.01")))


def advise_line(number: int, raw: bytes, where: str, book: PriceBook, sensitivity: bool = False) -> Record:
    """One line advised and reviewed as `usage review` reviews a fleet workshop's scenario: its record. With
    `sensitivity`, also the assumptions whose sensitivity range changes the recommendation (as `advise` lists
    them: each a quote of the workload changed, so about five times the work; the review's Advice is reused)."""
    from desktop.model.advice.advise import Advice, advise
    from desktop.model.workload.spec import Workload
    from desktop.model.workshop.spec import WorkshopSpec
    from desktop.usage.review import review_fleet

    entry = _scenario(raw, f"{where}:{number}", book)
    kept: list[Advice] = []

    def advised(workload: Workload) -> Advice:  # the review's own Advice, kept for the sensitivity
        kept.append(advise(workload, book))
        return kept[-1]

    review = review_fleet(WorkshopSpec(kind="parts", scenarios=(entry,)), book, advised=advised)
    row, compared = review.rows[0], review.comparison.rows[0]
    flips = [r.label for r in kept[0].sensitivity if r.flips] if sensitivity else None
    return {
        "line": number, "name": row.name, "resource": row.resource, "account": row.account, "region": row.region,
        "today": row.today, "billed_monthly_usd": _money(row.billed_monthly_usd),
        "priced_today_usd": _money(row.priced_today_usd),
        "difference_pct": None if row.difference_pct is None else round(row.difference_pct, 1),
        "recommended": row.recommended, "recommended_usd": _money(row.recommended_usd),
        "runner_up": compared.runner_up, "margin_usd": _money(compared.margin_usd),
        "saving_usd": _money(row.saving_usd),
        "totals": {option: _money(total) for option, total in compared.totals.items()},
        # what each feasible total leaves out (no price in the book): such a total is a lower bound
        "left_out": {o: list(names) for o, names in compared.left_out.items() if names and compared.feasible.get(o)},
        "blocked": [{"option": b.option, "limit": b.limit, "source": b.source} for b in row.blocked],
        "thin": row.thin, "flag": row.flag, "changes_recommendation": flips,
    }


@dataclass(frozen=True, slots=True)
class Asked:
    """What the command asks of each line: the sensitivity too, and only one account's or region's lines."""

    sensitivity: bool = False
    account: str = ""
    region: str = ""

    def wants(self, record: Record) -> bool:
        return (not self.account or record["account"] == self.account) and (
            not self.region or record["region"] == self.region)


def ranked_entry(record: Record) -> Ranked:
    """A record as the pool returns it and the ranking keeps it: its sort key (as `usage review` ranks, largest
    saving first, thin data and no saving last; then by the margin over the runner-up) and its JSON text (the
    columns after `rank`, in order): some 600 bytes a scenario, whatever the fleet's size."""
    saving, margin = record["saving_usd"], record["margin_usd"]
    key = (saving is None or bool(record["thin"]), -Decimal(saving or 0), -Decimal(margin or 0), record["name"],
           record["line"])
    columns = COLUMNS[1:] if record["changes_recommendation"] is None else (*COLUMNS[1:], "changes_recommendation")
    return key, json.dumps({c: record[c] for c in columns}, ensure_ascii=False)


def advise_batch(batch: Batch, where: str, asked: Asked) -> tuple[list[Ranked], str]:
    """A worker's task: the entries of a batch of lines (those `asked` wants), or ([], the first bad line's
    one-line message)."""
    from desktop.model.options.common.numpy_arrays import use_numpy
    from desktop.model.workload.files import WorkloadFileError

    if asked.sensitivity:
        use_numpy(len(batch))  # the sensitivity's fast totals of a fleet: numpy's arrays pay
    entries = []
    for number, raw in batch:
        try:
            record = advise_line(number, raw, where, _BOOK[0], asked.sensitivity)
        except WorkloadFileError as exc:
            return [], str(exc)
        if asked.wants(record):
            entries.append(ranked_entry(record))
    return entries, ""


def _start_worker(book: PriceBook, in_pool: bool = True, nice: int = 0) -> None:
    """A worker's book; in a pool, Ctrl+C is left to the command (which stops the pool and says so once), and a
    `nice` worker yields the CPU to the process that started it (the window's GUI thread)."""
    _BOOK[:] = [book]
    if in_pool:
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if nice and hasattr(os, "nice"):
            os.nice(nice)


def _batches(lines: Iterator[tuple[int, bytes]], counted: list[int], size: int = BATCH) -> Iterator[Batch]:
    batch: Batch = []
    for item in lines:
        counted[0] += 1
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _pool(jobs: int, book: PriceBook, nice: int = 0) -> ProcessPoolExecutor:
    """Workers that start with the book: forked where fork is safe (Linux: nothing to import or pickle again),
    spawned elsewhere (the book is pickled to each)."""
    import multiprocessing

    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(method),
                               initializer=_start_worker, initargs=(book, True, nice))


def advise_fleet(path: Path, book: PriceBook, jobs: int = 0, asked: Asked = Asked(),
                 progress: Callable[[int], None] | None = None, nice: int = 0) -> tuple[list[Ranked], int]:
    """Every line of the fleet file advised (by `jobs` processes; 0: one per CPU, 1: in this process): the
    entries `asked` wants, in file order, and how many lines were read. UsageError for the first line, in file
    order, that cannot be used. `progress(lines advised)` is called as batches end (the window's progress bar);
    an exception it raises (the window's Cancel) stops the pool: the batches not started are dropped. `nice`
    workers give way to this process (the window's)."""
    jobs = jobs or os.cpu_count() or 1
    if getattr(sys, "frozen", False) and not sys.platform.startswith("linux"):
        jobs = 1  # a frozen app spawns workers only through an entry point that runs freeze_support: not ours yet
    where = str(path)
    counted = [0]
    batches = _batches(read_lines(path), counted)
    if jobs == 1:
        _start_worker(book, in_pool=False)
        return _collect(_told(advise_batch(batch, where, asked), counted[0], progress) for batch in batches), \
            counted[0]
    from concurrent.futures.process import BrokenProcessPool

    results: dict[int, tuple[list[Ranked], str]] = {}
    pool = _pool(jobs, book, nice)
    try:
        pending: dict[Future[tuple[list[Ranked], str]], int] = {}
        for index, batch in enumerate(batches):
            pending[pool.submit(advise_batch, batch, where, asked)] = index
            # a bounded queue: the file is read as fast as it is advised; a bad line stops the reading
            if len(pending) >= jobs * 3 and _settle(pending, results, progress, counted[0]):
                break
        while pending:
            _settle(pending, results, progress, counted[0])
    except BrokenProcessPool:
        raise UsageError(where, "", "a worker process ended unexpectedly (out of memory?): try fewer --jobs") from None
    finally:  # on Ctrl+C or a failure, the batches not started are dropped, not advised
        pool.shutdown(cancel_futures=True)
    return _collect(results[i] for i in sorted(results)), counted[0]


def _settle(pending: dict[Future[tuple[list[Ranked], str]], int], results: dict[int, tuple[list[Ranked], str]],
            progress: Callable[[int], None] | None = None, read: int = 0) -> bool:
    """Wait for a task to end; True when one found a bad line (no more need be read)."""
    done, _running = wait(pending, return_when=FIRST_COMPLETED)
    failed = False
    for future in done:
        results[pending.pop(future)] = found = future.result()
        failed = failed or bool(found[1])
    if progress is not None:
        progress(min(len(results) * BATCH, read))
    return failed


def _told(result: tuple[list[Ranked], str], read: int, progress: Callable[[int], None] | None
          ) -> tuple[list[Ranked], str]:
    """A batch advised in this process, its progress told."""
    if progress is not None:
        progress(read)
    return result


def _collect(results: Iterable[tuple[list[Ranked], str]]) -> list[Ranked]:
    entries: list[Ranked] = []
    for batch, error in results:
        if error:
            raise FleetLineError(error)
        entries.extend(batch)
    return entries


class FleetLineError(UsageError):
    """A line that cannot be used: the message (the workload file's, for that line) names the file, the line
    and the field."""

    def __init__(self, message: str):
        ValueError.__init__(self, message)
        self.where, self.column, self.message = message, "", message


def rank(entries: list[Ranked]) -> list[Ranked]:
    """The entries in their ranking's order (the first is rank 1)."""
    return sorted(entries, key=lambda entry: entry[0])


def records(entries: list[Ranked]) -> Iterator[Record]:
    """The records of ranked entries, `rank` numbered from 1 (parsed again one at a time)."""
    for number, (_key, text) in enumerate(entries, 1):
        yield {"rank": number, **json.loads(text)}


def _csv_cell(key: str, value: Any) -> str:
    """A record's value as a CSV cell; text from the files (names, limits, flags) never starts as a spreadsheet
    formula (an apostrophe first, as the CSV exports do it)."""
    if value is None:
        return ""
    if key == "totals":
        return " ".join(f"{option}={'-' if usd is None else usd}" for option, usd in value.items())
    if key == "changes_recommendation":
        text = "; ".join(value)
    elif key == "left_out":
        text = "; ".join(f"{option}: {', '.join(names)}" for option, names in value.items())
    elif key == "blocked":
        text = "; ".join(f"{b['option']}: {b['limit']}" for b in value)
    else:
        text = str(value)
    return "'" + text if key in TEXT_COLUMNS and text.startswith(FORMULA_STARTS) else text


def formatted(entries: list[Ranked], fmt: str, sensitivity: bool = False) -> Iterator[str]:
    """The ranked entries as CSV (a header, then a row each) or JSON lines, one string a line."""
    if fmt == "jsonl":
        for number, (_key, text) in enumerate(entries, 1):
            yield f'{{"rank": {number}, {text[1:]}\n'
        return
    columns = (*COLUMNS, "changes_recommendation") if sensitivity else COLUMNS
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for record in records(entries):
        writer.writerow([_csv_cell(key, record[key]) for key in columns])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def output_format(output: str | None, asked: str | None) -> str:
    if asked:
        return asked
    return "csv" if output and output.lower().endswith(".csv") else "jsonl"


def run_rank(path: Path, book: PriceBook, *, output: str | None, fmt: str | None, jobs: int,
             asked: Asked = Asked(), write: Callable[[str], object] | None = None) -> int:
    """The command: advise and rank the fleet file, write the ranking (to `output`, whole or not at all, or
    through `write`), and a one-line summary on stderr."""
    from desktop.files import WriteError, check_target, write_atomically

    if output:
        try:
            check_target(output)
        except WriteError as exc:
            raise UsageError(output, "", f"cannot be written ({exc.strerror or exc})") from None
    try:
        entries, lines = advise_fleet(path, book, jobs, asked)
    except KeyboardInterrupt:
        sys.stderr.write("computefit: usage rank cancelled: nothing was written\n")
        return 130
    if not entries:
        raise UsageError(str(path), "", "no scenario matches the filter" if lines else "holds no scenario")
    ranked = rank(entries)
    text = formatted(ranked, output_format(output, fmt), asked.sensitivity)
    if output:
        try:
            write_atomically(output, (line.encode("utf-8") for line in text))  # streamed, whole or not at all
        except WriteError as exc:
            raise UsageError(output, "", f"cannot write ({exc.strerror or exc})") from None
    else:
        for line in text:
            (write or sys.stdout.write)(line)
    total = sum((-key[1] for key, _text in ranked if not key[0] and key[1] < 0), Decimal(0))
    sys.stderr.write(f"computefit: {len(ranked):,} scenarios advised and ranked; could save {total:,.2f} USD a "
                     "month on the recommended options" + (f"; wrote {one_line(output)}" if output else "") + "\n")
    return 0
