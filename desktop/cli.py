"""The `computefit` command: the GUI by default, and estimate / advise / questions / report / export."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import __version__

if TYPE_CHECKING:
    from desktop.model.pricing.book import PriceBook
    from desktop.model.workload.spec import Workload

EXIT_BAD_INPUT = 2
SUBCOMMANDS = ("estimate", "advise", "questions", "report", "export", "prices")


# Line breaks and other control characters in a message (from a key or a file name) are shown escaped, so
# the message stays one line: "\n" prints as the two characters backslash, n.
_ESCAPED = {code: f"\\x{code:02x}" for code in (*range(32), 0x7F, 0x85)} | {
    ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t", 0x2028: "\\u2028", 0x2029: "\\u2029"}


class CliError(Exception):
    """A user-facing failure: printed as one line on stderr, exit status 2."""


def one_line(text: str) -> str:
    """`text` with line breaks and control characters escaped: one line on any terminal."""
    return text.translate(_ESCAPED)


def _load_book(path: Path | None) -> PriceBook:
    """The book given with --price-book (a full book, or a user book over the bundled one); by default the
    bundled book with the user book on top when there is one (a user book that cannot be used: one warning)."""
    from desktop.pricelist.commands import CommandError, book_argument

    try:
        return book_argument(path)
    except CommandError as exc:
        raise CliError(str(exc)) from None


def _load_workload(path: Path, book: PriceBook) -> Workload:
    from desktop.model.pricing.checks import check_against_book
    from desktop.model.workload.files import WorkloadFileError, load_workload

    try:
        workload = load_workload(path)
    except WorkloadFileError as exc:
        raise CliError(str(exc)) from None
    from desktop.model.options.registry import check_workload

    problems = check_against_book(workload, book) + check_workload(workload, book)
    if problems:
        raise CliError("; ".join(f"{path}: {p}" for p in problems))
    return workload


def _workload_from_args(args: argparse.Namespace, book: PriceBook) -> Workload:
    if getattr(args, "answers", None):
        from desktop.model.pricing.checks import check_against_book
        from desktop.model.questionnaire.questions import AnswersError, workload_from_answers_file
        try:
            workload = workload_from_answers_file(Path(args.answers))
        except AnswersError as exc:
            raise CliError(str(exc)) from None
        problems = check_against_book(workload, book)
        if problems:
            raise CliError("; ".join(f"{args.answers}: {p}" for p in problems))
        return workload
    if not args.workload:
        raise CliError("a WORKLOAD.json file is required")
    return _load_workload(Path(args.workload), book)


def cmd_estimate(args: argparse.Namespace) -> int:
    from desktop.model.advice.advise import advise
    from desktop.model.advice.quote_json import advice_json
    from desktop.report.text import quote_table

    book = _load_book(args.price_book)
    workload = _load_workload(Path(args.workload), book)
    advice = advise(workload, book)
    if args.json:
        sys.stdout.write(json.dumps(advice_json(advice, book), indent=1) + "\n")
    else:
        sys.stdout.write(quote_table(advice.quote, book) + "\n")
    return 0


def cmd_advise(args: argparse.Namespace) -> int:
    from desktop.model.advice.advise import advise
    from desktop.report.text import advice_text

    book = _load_book(args.price_book)
    workload = _workload_from_args(args, book)
    sys.stdout.write(advice_text(advise(workload, book), book) + "\n")
    return 0


def cmd_questions(args: argparse.Namespace) -> int:
    from desktop.model.questionnaire.questions import questionnaire_text

    sys.stdout.write(questionnaire_text() + "\n")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from desktop.report.export import export_report

    book = _load_book(args.price_book)
    workload = _load_workload(Path(args.workload), book)
    try:
        export_report(workload, book, Path(args.output), page_size=args.page_size)
    except OSError as exc:
        raise CliError(f"{args.output}: cannot write the sheet ({exc.strerror or exc})") from None
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from desktop.report.export import export_data

    book = _load_book(args.price_book)
    workload = _load_workload(Path(args.workload), book)
    try:
        export_data(workload, book, Path(args.output), fmt=args.format)
    except OSError as exc:
        raise CliError(f"{args.output}: cannot write ({exc.strerror or exc})") from None
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="computefit", description="Lambda, Fargate or ECS on EC2? Priced offline.")
    parser.add_argument("--version", action="version", version=f"computefit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser, workload_required: bool = True) -> None:
        if workload_required:
            p.add_argument("workload", help="a .workload.json file")
        p.add_argument("--price-book", type=Path, default=None, help="another price book file")

    p = sub.add_parser("estimate", help="price the options a workload compares")
    common(p)
    p.add_argument("--json", action="store_true", help="one JSON object on stdout")
    p.set_defaults(func=cmd_estimate)

    p = sub.add_parser("advise", help="the recommendation and its rationale")
    p.add_argument("workload", nargs="?", help="a .workload.json file")
    p.add_argument("--answers", help="build the workload from saved questionnaire answers (JSON)")
    p.add_argument("--price-book", type=Path, default=None)
    p.set_defaults(func=cmd_advise)

    p = sub.add_parser("questions", help="print the questionnaire")
    p.set_defaults(func=cmd_questions)

    p = sub.add_parser("report", help="write the PDF comparison sheet")
    common(p)
    p.add_argument("-o", "--output", required=True, help="the PDF file to write")
    p.add_argument("--page-size", choices=("A4", "Letter"), default="A4")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("export", help="write the comparison as CSV or JSON")
    common(p)
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--format", choices=("csv", "json"), default=None,
                   help="default: from the output file's suffix")
    p.set_defaults(func=cmd_export)

    from desktop.pricelist.commands import add_prices_parser

    add_prices_parser(sub)
    return parser


def run_subcommand(argv: list[str]) -> int:
    from desktop.pricelist.commands import CommandError

    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except CliError as exc:
        sys.stderr.write(f"computefit: {one_line(str(exc))}\n")
        return EXIT_BAD_INPUT
    except CommandError as exc:
        sys.stderr.write(f"computefit: {exc}\n")
        return EXIT_BAD_INPUT


def run_gui_command(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="computefit", description="Run the ComputeFit window.")
    parser.add_argument("workload", nargs="?", help="a .workload.json file to open")
    parser.add_argument("--smoke-test", action="store_true",
                        help="build the window offscreen, quote, write a PDF and CSV, then exit")
    parser.add_argument("--price-book", type=Path, default=None, metavar="BOOK",
                        help="price with this book: a full price book, or a user price book over the bundled one "
                             "(imports and overrides made in the window then go to it); default: the bundled book "
                             "with the user book in the application data folder")
    parser.add_argument("--version", action="version", version=f"computefit {__version__}")
    args = parser.parse_args(argv)
    if args.smoke_test:
        from desktop.smoke import run_smoke_test
        return int(run_smoke_test())
    from desktop.app import run_gui
    return int(run_gui(Path(args.workload) if args.workload else None, args.price_book))


def main(argv: list[str] | None = None) -> int:
    # pydantic looks for third-party plugins through importlib.metadata at import (about 15 ms of start-up);
    # ComputeFit uses none.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in SUBCOMMANDS:
        return run_subcommand(argv)
    return run_gui_command(argv)


if __name__ == "__main__":
    raise SystemExit(main())
