"""`computefit usage import` and `computefit usage review`: run by desktop.cli, which imports this module only
when one of them is asked for."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from desktop.files import WriteError, check_target, write_atomically
from desktop.model.pricing.book import PriceBook
from desktop.model.workshop.files import SUFFIX, save_workshop
from desktop.model.workshop.spec import MAX_SCENARIOS, WorkshopSpec
from desktop.usage.rank import MAX_LINES
from desktop.usage.records import Cancelled, UsageError, parse_tag_filter

JSONL_SUFFIX = ".jsonl"


def run_import(args: argparse.Namespace, book: PriceBook, escape: Callable[[str], str]) -> int:
    """Write the fleet as a workshop file (at most MAX_SCENARIOS scenarios, the largest bills) or, for an output
    ending in .jsonl, as one scenario a line for `usage rank` (up to its MAX_LINES)."""
    from desktop.usage.importer import import_entries, summary_text

    tags = tuple(parse_tag_filter(text) for text in getattr(args, "tag", None) or ())
    output = Path(args.output)
    lines = output.name.lower().endswith(JSONL_SUFFIX)
    if not lines and not output.name.lower().endswith(SUFFIX):
        raise UsageError(str(output), "", f"a fleet's name ends in {SUFFIX} (a workshop) or {JSONL_SUFFIX} (for "
                                          "usage rank)")
    if output.exists() and not args.force:
        raise UsageError(str(output), "", "already exists (give --force to replace it)")
    try:
        check_target(output)
    except WriteError as exc:
        raise UsageError(str(output), "", f"cannot be written ({exc.strerror or exc})") from None
    try:
        entries, summary = import_entries([Path(p) for p in args.paths], book, tags=tags,
                                          cap=MAX_LINES if lines else MAX_SCENARIOS)
    except (Cancelled, KeyboardInterrupt):
        sys.stderr.write("computefit: usage import cancelled: nothing was written\n")
        return 130
    try:
        if lines:  # one scenario entry a line, as `usage rank` reads them; whole or not at all
            write_atomically(output, (json.dumps(e.to_json_dict(), ensure_ascii=False).encode() + b"\n"
                                      for e in entries))
        else:
            save_workshop(output, WorkshopSpec(kind="parts", baseline=0, scenarios=entries))
    except WriteError as exc:
        raise UsageError(str(output), "", f"cannot write ({exc.strerror or exc})") from None
    sys.stdout.write(summary_text(summary, entries, escape) + f"\nWrote {escape(str(output))}\n")
    return 0


PdfWriter = Callable[[object, object, str, PriceBook, Path, str], int]


def run_review(args: argparse.Namespace, book: PriceBook, escape: Callable[[str], str],
               workshop_loader: Callable[[Path, PriceBook], object], write_pdf: PdfWriter | None = None) -> int:
    """Print the review (text or --json); with --pdf, also write its PDF through `write_pdf` (the report's, which
    the CLI hands in: this package knows no Qt)."""
    from desktop.model.workshop.spec import WorkshopSpec
    from desktop.usage.review import review_fleet, review_json, review_text

    loaded = workshop_loader(Path(args.fleet), book)
    workshop = getattr(loaded, "workshop", None)
    assert isinstance(workshop, WorkshopSpec)
    try:
        review = review_fleet(workshop, book, account=args.account or "", region=args.region or "")
    except ValueError as exc:
        raise UsageError(str(args.fleet), "", str(exc)) from None
    if args.json:
        sys.stdout.write(json.dumps(review_json(review), indent=1) + "\n")
    else:
        sys.stdout.write(review_text(review, escape) + "\n")
    if args.pdf and write_pdf is not None:
        title = Path(args.fleet).name.removesuffix(SUFFIX)
        try:
            pages = write_pdf(review, workshop, title, book, Path(args.pdf), args.page_size)
        except OSError as exc:
            raise UsageError(str(args.pdf), "", f"cannot write the review ({exc.strerror or exc})") from None
        if not args.json:
            sys.stdout.write(f"Wrote {escape(str(args.pdf))} ({pages} page{'s' if pages != 1 else ''})\n")
    return 0
