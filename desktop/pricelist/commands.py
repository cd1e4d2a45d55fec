"""`computefit prices import | show | missing | diff`.

    computefit prices import FILE_OR_FOLDER... [--into BOOK]   AWS Price List files -> the user book
    computefit prices import-savings-plans FILE... [--into BOOK]   Savings Plans offer files -> the user book
    computefit prices show [--region R] [--price-book BOOK]    the effective prices and where they come from
    computefit prices missing [--region R] [--price-book BOOK] what the book lacks, per region
    computefit prices coverage [--markdown] [--price-book BOOK] which quotes are complete, per region and option
    computefit prices set PATH VALUE --note N [--unit U] [--confidence C] [--into BOOK]
                                                               your own price (or a fee's percentage) in the user book
    computefit prices diff [A [B]] [--workload W]              what changed (A: bundled, B: bundled + user book)

A BOOK is a full price book or a user book (then layered over the bundled one). Failures are one line on stderr
and exit status 2; an import that fails changes nothing.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from desktop.terminal import one_line, write_out

if TYPE_CHECKING:
    from desktop.model.pricing.book import PriceBook
    from desktop.model.pricing.user_book import UserBook

BUNDLED = "bundled"
USER = "user"
T = TypeVar("T")


class CommandError(Exception):
    """One line for stderr; exit status 2."""


class ProgressBar:
    """Percent of bytes and MB/s on one terminal line (nothing when stderr is not a terminal)."""

    WIDTH = 30

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.enabled = stream.isatty()
        self.started = time.monotonic()
        self.shown = 0.0

    def __call__(self, done: int, total: int, path: Path) -> None:
        now = time.monotonic()
        if not self.enabled or (now - self.shown < 0.1 and done < total):
            return
        self.shown = now
        fraction = done / total if total else 1.0
        filled = int(fraction * self.WIDTH)
        rate = done / 1e6 / max(now - self.started, 1e-6)
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {fraction * 100:5.1f}% "
                          f"{rate:7.1f} MB/s  {one_line(path.name)[:40]:40}")
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled and self.shown:
            self.stream.write("\n")
            self.stream.flush()


def _warn(message: str) -> None:
    sys.stderr.write(f"computefit: {one_line(message)}\n")


def book_argument(value: str | Path | None) -> PriceBook:
    """"bundled", "user" (bundled + user book, the default) or a file: a full book or a user book."""
    from desktop.pricelist.book.store import BookFileError, default_book, load_book_file
    from desktop.resources import price_book_path

    try:
        if value is None or str(value) == USER:
            return default_book(_warn)
        if str(value) == BUNDLED:
            return load_book_file(price_book_path())
        return load_book_file(Path(value))
    except BookFileError as exc:
        raise CommandError(str(exc)) from None


def _region(book: PriceBook, region: str | None) -> str | None:
    if region is not None and region not in book.regions:
        raise CommandError(f"region {region!r} is not in the price book (known: {', '.join(sorted(book.regions))})")
    return region


def _import_into(args: argparse.Namespace,
                 run: Callable[[list[Path], dict[str, Any], UserBook | None], tuple[UserBook, T] | None],
                 ) -> tuple[Path, T | None]:
    """Read the user book at --into (or the default), `run` an import on args.files over it and the bundled book,
    write the result whole; any failure is one CommandError and leaves the book as it was. (into, what `run` said),
    or (into, None) when `run` gave up (nothing written)."""
    from desktop.pricelist.book.store import (
        BookFileError,
        bundled_json,
        read_user_book,
        user_book_path,
        write_user_book,
    )
    from desktop.pricelist.offers.records import PriceListError

    into = Path(args.into) if args.into else user_book_path()
    try:
        existing = read_user_book(into) if into.exists() else None
        bundled = bundled_json()
    except BookFileError as exc:
        raise CommandError(f"{exc} (not replaced; move it away or choose another --into)") from None
    try:
        outcome = run([Path(f) for f in args.files], bundled, existing)
    except PriceListError as exc:
        raise CommandError(f"{exc}; nothing imported, {into} unchanged") from None
    if outcome is None:
        return into, None
    try:
        write_user_book(into, outcome[0])
    except OSError as exc:
        raise CommandError(f"{into}: cannot write the user book ({exc.strerror or exc}); unchanged") from None
    return into, outcome[1]


def cmd_import(args: argparse.Namespace) -> int:
    from desktop.pricelist.offers.importer import ImportReport, import_files

    def run(files: list[Path], bundled: dict[str, Any],
            existing: UserBook | None) -> tuple[UserBook, ImportReport] | None:
        bar = ProgressBar(sys.stderr)
        try:
            return import_files(files, bundled, existing, bar)
        except KeyboardInterrupt:
            return None
        finally:
            bar.finish()

    into, report = _import_into(args, run)
    if report is None:
        _warn(f"import cancelled; {into} unchanged")
        return 130
    for header in report.headers:
        write_out(f"read {header.path}: {header.offer_code} {header.version}, published {header.publication}\n")
    for line in report.skipped + report.empty:
        write_out(line + "\n")
    for region, count in sorted(report.written.items()):
        write_out(f"imported {count} price(s) for {region}\n")
    for line in report.allowances:
        write_out(line + "\n")
    if report.waiting:
        write_out("read but not in the price book yet (its schema has no place for them):\n")
        write_out("".join(f"  {line}\n" for line in report.waiting))
    if report.not_used:
        write_out("read but not used by ComputeFit:\n")
        write_out("".join(f"  {line}\n" for line in report.not_used))
    write_out(f"user price book: {into}\n")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from desktop.pricelist.book.listing import show_text

    book = book_argument(args.price_book)
    write_out(show_text(book, _region(book, args.region)) + "\n")
    return 0


def cmd_missing(args: argparse.Namespace) -> int:
    from desktop.pricelist.book.listing import missing_text

    book = book_argument(args.price_book)
    write_out(missing_text(book, _region(book, args.region)) + "\n")
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    from desktop.model.advice.completeness import bundled_examples, completeness, completeness_markdown
    from desktop.resources import examples_dir

    book = book_argument(args.price_book)
    examples = bundled_examples(examples_dir())
    table = completeness(book, examples)
    if args.markdown:
        sys.stdout.write(completeness_markdown(table, len(examples)) + "\n")
        return 0
    for region, row in table.items():
        sys.stdout.write(f"{region}:\n")
        for option, cell in row.items():
            gaps = f"; leaves out {', '.join(cell.left_out)}" if cell.left_out else ""
            sys.stdout.write(f"  {option}: {cell.complete} of {cell.feasible} complete{gaps}\n")
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    """Your own price at a path (region/section/.../name[/tier]): it overrides the book's, or adds one the book
    lacks (give --unit); a fee stated as a share (e.g. ecs_managed/management_fee_rate) takes its percentage."""
    from desktop.pricelist.book.setup import BookSetup, BookSetupError
    from desktop.pricelist.book.store import user_book_path

    into = Path(args.into) if args.into else user_book_path()
    setup = BookSetup(book_argument(BUNDLED), into)
    setup.layer = setup.current_layer() if into.exists() else None
    try:
        book = setup.override(args.path, args.value, args.note, args.confidence, unit=args.unit)
    except BookSetupError as exc:
        raise CommandError(str(exc)) from None
    region = args.path.split("/", 1)[0]
    sys.stdout.write(f"set {args.path} = {args.value} (yours: {args.note}); {region} now lacks "
                     f"{len(_missing_in(book, region))} price(s)\nuser price book: {into}\n")
    return 0


def _missing_in(book: PriceBook, region: str) -> list[str]:
    from desktop.model.options.registry import missing_prices

    return missing_prices(book, region) if region in book.regions else []


def cmd_diff(args: argparse.Namespace) -> int:
    from desktop.pricelist.book.diff import diff_text, totals_text

    a_name, b_name = args.a or BUNDLED, args.b or USER
    a, b = book_argument(a_name), book_argument(b_name)
    labels = {BUNDLED: "the bundled book", USER: "the bundled book with the user book"}
    text = diff_text(labels.get(a_name, a_name), a, labels.get(b_name, b_name), b)
    if args.workload:
        from desktop.model.workload.files import WorkloadFileError, load_workload

        try:
            workload = load_workload(Path(args.workload))
        except WorkloadFileError as exc:
            raise CommandError(str(exc)) from None
        text += "\n\n" + totals_text(workload, a, b)
    write_out(text + "\n")
    return 0


def cmd_import_savings_plans(args: argparse.Namespace) -> int:
    from desktop.pricelist.offers.read_savings_plans import import_savings_plans

    _, said = _import_into(args, import_savings_plans)
    sys.stdout.writelines(f"{line}\n" for line in said or ())
    return 0


def add_prices_parser(sub: Any) -> None:
    """Add `prices` and its subcommands to the `computefit` parser."""
    prices = sub.add_parser("prices", help="import AWS Price List files; show, check and compare price books",
                            description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    inner = prices.add_subparsers(dest="prices_command", required=True)

    p = inner.add_parser("import", help="read AWS Price List offer files (CSV or JSON) into the user price book")
    p.add_argument("files", nargs="+", metavar="FILE_OR_FOLDER")
    p.add_argument("--into", default=None, metavar="BOOK", help="the user book to write (default: the one in "
                   "the application data folder, or $COMPUTEFIT_DATA_DIR)")
    p.set_defaults(func=cmd_import)

    p = inner.add_parser("import-savings-plans", help="read AWS Savings Plans offer files (CSV or JSON, one region "
                         "each) into the user price book's commitment rates")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--into", default=None, metavar="BOOK", help="the user book to write (default: the one in "
                   "the application data folder, or $COMPUTEFIT_DATA_DIR)")
    p.set_defaults(func=cmd_import_savings_plans)

    for name, func, text in (("show", cmd_show, "list the effective prices with origin, source, date, confidence"),
                             ("missing", cmd_missing, "list the prices the book lacks, per region")):
        p = inner.add_parser(name, help=text)
        p.add_argument("--region", default=None)
        p.add_argument("--price-book", default=None, metavar="BOOK",
                       help="a price book or user book (default: bundled + user book)")
        p.set_defaults(func=func)

    p = inner.add_parser("coverage", help="for every bundled example with all options compared: which quotes are "
                         "complete, per region and option, and what the others leave out")
    p.add_argument("--markdown", action="store_true", help="print the README's completeness table")
    p.add_argument("--price-book", default="bundled", metavar="BOOK",
                   help="a price book or user book (default: the bundled book alone)")
    p.set_defaults(func=cmd_coverage)

    p = inner.add_parser("set", help="set your own price in the user price book: override one, or add one the book "
                         "lacks for a region (give --unit)")
    p.add_argument("path", metavar="PATH", help="e.g. us-west-2/lambda_managed/requests or "
                   "ap-southeast-2/alb/hour; a fee's share, e.g. us-east-1/ecs_managed/management_fee_rate")
    p.add_argument("value", metavar="VALUE", help="USD per unit (a fee's share: its percentage, e.g. 12)")
    p.add_argument("--note", required=True, help="why: where the price comes from")
    p.add_argument("--unit", default=None, help="the unit, for a price the book lacks (e.g. hour, GB, 1M requests)")
    p.add_argument("--confidence", default="B", choices=("A", "B", "C"), help="how sure you are (default B)")
    p.add_argument("--into", default=None, metavar="BOOK", help="the user book to write (default: the one in the "
                   "application data folder, or $COMPUTEFIT_DATA_DIR)")
    p.set_defaults(func=cmd_set)

    p = inner.add_parser("diff", help="list the prices that differ between two books")
    p.add_argument("a", nargs="?", metavar="A", help="'bundled' (default), 'user', a price book or a user book")
    p.add_argument("b", nargs="?", metavar="B", help="default 'user': the bundled book with the user book on top")
    p.add_argument("--workload", default=None, metavar="W", help="also show each option's monthly total")
    p.set_defaults(func=cmd_diff)
