"""`computefit usage import` and `computefit usage review`: run by desktop.cli, which imports this module only
when one of them is asked for."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from desktop.files import WriteError, check_target
from desktop.model.pricing.book import PriceBook
from desktop.model.workshop.files import SUFFIX, save_workshop
from desktop.usage.records import Cancelled, UsageError, parse_tag_filter


def run_import(args: argparse.Namespace, book: PriceBook, escape: Callable[[str], str]) -> int:
    from desktop.usage.importer import import_usage, summary_text

    tags = tuple(parse_tag_filter(text) for text in getattr(args, "tag", None) or ())
    output = Path(args.output)
    if not output.name.lower().endswith(SUFFIX):
        raise UsageError(str(output), "", f"a fleet workshop's name ends in {SUFFIX}")
    if output.exists() and not args.force:
        raise UsageError(str(output), "", "already exists (give --force to replace it)")
    try:
        check_target(output)
    except WriteError as exc:
        raise UsageError(str(output), "", f"cannot be written ({exc.strerror or exc})") from None
    try:
        workshop, summary = import_usage([Path(p) for p in args.paths], book, tags=tags)
    except (Cancelled, KeyboardInterrupt):
        sys.stderr.write("computefit: usage import cancelled: nothing was written\n")
        return 130
    try:
        save_workshop(output, workshop)
    except WriteError as exc:
        raise UsageError(str(output), "", f"cannot write ({exc.strerror or exc})") from None
    sys.stdout.write(summary_text(summary, workshop, escape) + f"\nWrote {escape(str(output))}\n")
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
