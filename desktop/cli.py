"""The `computefit` command: the GUI by default, and estimate / advise / questions / report / export."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop import __version__
from desktop.startup import hashes_without_openssl, skip_pydantic_plugins, skip_pyside_source_scan
from desktop.terminal import one_line, write_out

if TYPE_CHECKING:  # argparse is imported where a parser is built: the lean quote parses none
    import argparse

    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]

    from desktop.model.pricing.book import PriceBook
    from desktop.model.workload.spec import Workload
    from desktop.model.workshop.files import LoadedDocument
    from desktop.model.workshop.spec import WorkshopSpec

EXIT_BAD_INPUT = 2
SUBCOMMANDS = ("estimate", "advise", "questions", "report", "export", "prices", "workshop", "usage")




class CliError(Exception):
    """A user-facing failure: printed as one line on stderr, exit status 2."""


def _load_book(path: Path | None) -> PriceBook:
    """The book given with --price-book (a full book, or a user book over the bundled one); by default the
    bundled book with the user book on top when there is one (a user book that cannot be used: one warning)."""
    from desktop.pricelist.commands import CommandError, book_argument

    try:
        return book_argument(path)
    except CommandError as exc:
        raise CliError(str(exc)) from None


def _load_document(path: Path, book: PriceBook) -> LoadedDocument:
    """A workload or workshop file, every scenario checked against the book (CliError naming file and field)."""
    from desktop.model.options.registry import check_workload
    from desktop.model.pricing.checks import check_against_book
    from desktop.model.workload.files import WorkloadFileError
    from desktop.model.workshop.files import load_document

    try:
        loaded = load_document(path)
    except WorkloadFileError as exc:
        raise CliError(str(exc)) from None
    problems = [f"{path}: " + (f"scenarios.{i}.workload.{p}" if loaded.is_workshop else str(p))
                for i, workload in enumerate(loaded.workloads)
                for p in check_against_book(workload, book) + check_workload(workload, book)]
    if problems:
        raise CliError("; ".join(problems))
    return loaded


def _priced(loaded: LoadedDocument, book: PriceBook, path: Path) -> PriceBook:
    """The book a workshop is priced with: `book` with the workshop file's own prices on top (CliError naming the
    file and the price path when the book cannot take one)."""
    if loaded.prices is None:
        return book
    from desktop.model.workload.files import WorkloadFileError
    from desktop.model.workshop.prices import book_for

    try:
        return book_for(loaded.prices, book, str(path))
    except WorkloadFileError as exc:
        raise CliError(str(exc)) from None


def _workshop_title(path: Path) -> str:
    name = path.name
    for suffix in (".workshop.json", ".json"):
        if name.lower().endswith(suffix):
            return name[:-len(suffix)] or name
    return name


def _workloads_from_args(args: argparse.Namespace, book: PriceBook) -> list[Workload]:
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
        return [workload]
    if not args.workload:
        raise CliError("a WORKLOAD.json file is required")
    return list(_load_document(Path(args.workload), book).workloads)


def lean_estimate(argv: list[str]) -> bool:
    """`computefit estimate WORKLOAD` alone or with `--json` (nothing for a parser to do) on the lean path: a
    plainly valid workload file priced with the bundled book, without pydantic or a parser (issue 26). False when it
    does not apply: the command then runs as any other, with the same output or today's refusal."""
    as_json = len(argv) == 3 and "--json" in argv[1:]
    files = [arg for arg in argv[1:] if arg != "--json"] if as_json else argv[1:]
    if not argv or argv[0] != "estimate" or len(files) != 1 or files[0].startswith("-"):
        return False
    from desktop.lean_estimate import lean_advice_json, lean_quote_table

    text = (lean_advice_json if as_json else lean_quote_table)(Path(files[0]))
    if text is None:
        return False
    write_out(text + "\n")
    return True


def cmd_estimate(args: argparse.Namespace) -> int:
    book = _load_book(args.price_book)
    loaded = _load_document(Path(args.workload), book)
    book = _priced(loaded, book, Path(args.workload))
    if loaded.is_workshop:
        return _estimate_workshop(loaded, book, args.json)
    workload = loaded.workloads[0]
    if args.json:
        from desktop.model.advice.advise import advise
        from desktop.model.advice.quote_json import advice_json

        write_out(json.dumps(advice_json(advise(workload, book), book), indent=1) + "\n")
    else:  # the table is the quote alone: no findings or recommendation to import and weigh
        from desktop.model.advice.engine import compute_quote
        from desktop.report.sheet.text import quote_table

        write_out(quote_table(compute_quote(workload, book), book) + "\n")
    return 0


def _estimate_workshop(loaded: LoadedDocument, book: PriceBook, as_json: bool) -> int:
    from desktop.report.sheet.text import quote_table
    from desktop.report.workshop.export import workshop_advice, workshop_json_data
    from desktop.report.workshop.text import comparison_text

    advices, comparison = workshop_advice(loaded.workshop, book)
    if as_json:
        write_out(json.dumps(workshop_json_data(advices, comparison, book), indent=1) + "\n")
        return 0
    parts = [comparison_text(comparison, book)]
    parts += [f"\n== Scenario {i}: {a.workload.name} ==\n" + quote_table(a.quote, book)
              for i, a in enumerate(advices, 1)]
    write_out("\n".join(parts) + "\n")
    return 0


def cmd_advise(args: argparse.Namespace) -> int:
    from desktop.model.advice.advise import advise
    from desktop.report.sheet.text import advice_text

    book = _load_book(args.price_book)
    workloads = _workloads_from_args(args, book)
    if args.workload and not getattr(args, "answers", None):  # a workshop file's own prices price its scenarios
        book = _priced(_load_document(Path(args.workload), book), book, Path(args.workload))
    if len(workloads) == 1:
        write_out(advice_text(advise(workloads[0], book), book) + "\n")
        return 0
    from desktop.model.options.common.numpy_arrays import use_numpy

    use_numpy(len(workloads))  # several scenarios: the fast calc's numpy arrays pay
    texts = [f"== Scenario {i}: {w.name} ==\n" + advice_text(advise(w, book), book) for i, w in enumerate(workloads, 1)]
    write_out("\n\n".join(texts) + "\n")
    return 0


def cmd_questions(args: argparse.Namespace) -> int:
    from desktop.model.questionnaire.questions import questionnaire_text

    write_out(questionnaire_text() + "\n")
    return 0


def _write_document(args: argparse.Namespace, write_one: Callable[[Workload, PriceBook], object],
                    write_workshop: Callable[[WorkshopSpec, PriceBook], None], what: str) -> int:
    """`report` and `export`: the workload or workshop file's output written to args.output, or one line why not."""
    book = _load_book(args.price_book)
    loaded = _load_document(Path(args.workload), book)
    book = _priced(loaded, book, Path(args.workload))  # with the workshop file's own prices, if it has any
    try:
        if loaded.is_workshop:
            write_workshop(loaded.workshop, book)
        else:
            write_one(loaded.workloads[0], book)
    except OSError as exc:
        raise CliError(f"{args.output}: cannot write{what} ({exc.strerror or exc})") from None
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from desktop.report.sheet.export import export_report

    def write_workshop(workshop: WorkshopSpec, book: PriceBook) -> None:
        from desktop.report.workshop.export import workshop_advice, write_workshop_report

        advices, comparison = workshop_advice(workshop, book)
        write_workshop_report(advices, comparison, _workshop_title(Path(args.workload)), book,
                              Path(args.output), page_size=args.page_size,
                              usages=[s.usage for s in workshop.scenarios])

    return _write_document(args, lambda w, book: export_report(w, book, Path(args.output), page_size=args.page_size),
                           write_workshop, " the sheet")


def cmd_export(args: argparse.Namespace) -> int:
    from desktop.report.sheet.export import export_data

    def write_workshop(workshop: WorkshopSpec, book: PriceBook) -> None:
        from desktop.report.workshop.export import workshop_advice, write_workshop_data

        advices, comparison = workshop_advice(workshop, book)
        write_workshop_data(advices, comparison, book, Path(args.output), fmt=args.format)

    return _write_document(args, lambda w, book: export_data(w, book, Path(args.output), fmt=args.format),
                           write_workshop, "")


def cmd_workshop_new(args: argparse.Namespace) -> int:
    """A workshop from workload files: a scenario each, named after its workload, the first as baseline."""
    from desktop.model.workshop.files import SUFFIX, save_workshop
    from desktop.model.workshop.spec import MAX_SCENARIOS, ScenarioEntry, WorkshopSpec
    from desktop.workbench.document import unique_name

    book = _load_book(args.price_book)
    output = Path(args.output)
    if not output.name.lower().endswith(SUFFIX):
        raise CliError(f"{output}: a workshop file's name ends in {SUFFIX}")
    if output.exists() and not args.force:
        raise CliError(f"{output}: already exists (give --force to replace it)")
    entries: list[ScenarioEntry] = []
    for name in args.workloads:
        for scenario in _load_document(Path(name), book).workshop.scenarios:
            named = unique_name(scenario.workload.name, [e.workload.name for e in entries])
            workload = scenario.workload.model_copy(update={"name": named})
            entries.append(ScenarioEntry(note=scenario.note, workload=workload))
    if len(entries) > MAX_SCENARIOS:
        raise CliError(f"a workshop holds at most {MAX_SCENARIOS} scenarios, these files give {len(entries)}")
    try:
        save_workshop(output, WorkshopSpec(kind=args.kind, baseline=0, scenarios=tuple(entries)))
    except OSError as exc:
        raise CliError(f"{output}: cannot write ({exc.strerror or exc})") from None
    write_out(f"{output}: {len(entries)} scenarios, baseline {entries[0].workload.name}\n")
    return 0


def cmd_usage(args: argparse.Namespace) -> int:
    """`usage import` / `usage review` / `usage rank`: the usage package (and DuckDB, for billing exports) loads
    only here."""
    from desktop.usage import commands
    from desktop.usage.records import UsageError

    book = _load_book(args.price_book)
    try:
        if args.verb == "import":
            return commands.run_import(args, book, one_line)
        if args.verb == "rank":
            from desktop.usage.rank import Asked, run_rank

            asked = Asked(args.sensitivity, args.account or "", args.region or "")
            return run_rank(Path(args.fleet), book, output=args.output, fmt=args.format, jobs=args.jobs, asked=asked,
                            write=write_out)
        return commands.run_review(args, book, one_line, _load_document, _write_review_pdf)
    except UsageError as exc:
        raise CliError(str(exc)) from None


def _rank_jobs(text: str) -> int:
    from desktop.usage.rank import jobs_argument

    return jobs_argument(text)


def _write_review_pdf(*args: Any) -> int:
    from desktop.report.workshop.fleet_review_pdf import write_fleet_review_pdf

    return write_fleet_review_pdf(*args)


def _add_usage_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("usage", help="build a fleet workshop from billing exports and metrics, and review it")
    verbs = p.add_subparsers(dest="verb", required=True)
    q = verbs.add_parser("import", help="CUR 2.0 or FOCUS exports (a file or a month's folder), CloudWatch "
                                        "get-metric-data and Lambda/ECS describe JSON into a fleet workshop")
    q.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER")
    q.add_argument("-o", "--output", required=True,
                   help="the .workshop.json file to write (the 200 largest bills), or a .jsonl file (the whole fleet, "
                        "one scenario a line, for usage rank)")
    q.add_argument("--force", action="store_true", help="replace the output file if it exists")
    q.add_argument("--tag", action="append", default=[], metavar="KEY=VALUE",
                   help="only the billing rows with this tag (CUR 2.0 resource_tags, FOCUS Tags; repeat: all must "
                        "match)")
    q.add_argument("--price-book", type=Path, default=None)
    q = verbs.add_parser("review", help="rank a fleet by the monthly saving of each resource's recommended option")
    q.add_argument("fleet", help="a fleet .workshop.json written by `usage import`")
    q.add_argument("--json", action="store_true", help="one JSON object on stdout")
    q.add_argument("--account", default=None, help="only this AWS account's resources")
    q.add_argument("--region", default=None, help="only this region's resources")
    q.add_argument("--pdf", default=None, metavar="OUT.pdf", help="also write the review as a PDF")
    q.add_argument("--page-size", choices=("A4", "Letter"), default="A4")
    q.add_argument("--price-book", type=Path, default=None)
    q = verbs.add_parser("rank", help="advise and rank a fleet of any size: a JSON-lines file, a workload or a "
                                      "scenario a line, in a pool of processes, to CSV or JSON lines")
    q.add_argument("fleet", help="a .jsonl file: each line a workload, or a scenario entry of a workshop")
    q.add_argument("-o", "--output", default=None, help="the .csv or .jsonl file to write (default: stdout)")
    q.add_argument("--format", choices=("csv", "jsonl"), default=None,
                   help="default: from the output file's suffix; JSON lines on stdout")
    q.add_argument("--jobs", type=_rank_jobs, default=0, help="worker processes (default: one per CPU)")
    q.add_argument("--sensitivity", action="store_true",
                   help="also list the assumptions that change each recommendation (as advise does; slower)")
    q.add_argument("--account", default=None, help="only this AWS account's resources")
    q.add_argument("--region", default=None, help="only this region's resources")
    q.add_argument("--price-book", type=Path, default=None)
    p.set_defaults(func=cmd_usage)


def build_parser(verb: str | None = None) -> argparse.ArgumentParser:
    """The commands' parser; with `verb`, only that command's (a run parses one command: it builds no other's
    arguments and imports no other's helpers, e.g. `prices`' for `estimate`)."""
    import argparse

    parser = argparse.ArgumentParser(prog="computefit", description="Which AWS compute option fits the workload? "
                                     "Each priced offline, like for like.")
    parser.add_argument("--version", action="version", version=f"computefit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, add in _COMMAND_PARSERS.items():
        if verb is None or name == verb:
            add(sub)
    return parser


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("workload", help="a .workload.json or .workshop.json file")
    p.add_argument("--price-book", type=Path, default=None, help="another price book file")


def _add_estimate(sub: Subparsers) -> None:
    p = sub.add_parser("estimate", help="price the options for a workload, or every scenario of a workshop")
    _common(p)
    p.add_argument("--json", action="store_true", help="one JSON object on stdout")
    p.set_defaults(func=cmd_estimate)


def _add_advise(sub: Subparsers) -> None:
    p = sub.add_parser("advise", help="the recommendation and its rationale (of each scenario of a workshop)")
    p.add_argument("workload", nargs="?", help="a .workload.json or .workshop.json file")
    p.add_argument("--answers", help="build the workload from saved questionnaire answers (JSON)")
    p.add_argument("--price-book", type=Path, default=None)
    p.set_defaults(func=cmd_advise)


def _add_questions(sub: Subparsers) -> None:
    p = sub.add_parser("questions", help="print the questionnaire")
    p.set_defaults(func=cmd_questions)


def _add_report(sub: Subparsers) -> None:
    p = sub.add_parser("report", help="write the PDF comparison sheet (a workshop: summary, then each sheet)")
    _common(p)
    p.add_argument("-o", "--output", required=True, help="the PDF file to write")
    p.add_argument("--page-size", choices=("A4", "Letter"), default="A4")
    p.set_defaults(func=cmd_report)


def _add_export(sub: Subparsers) -> None:
    p = sub.add_parser("export", help="write the comparison as CSV, JSON or an XLSX workbook")
    _common(p)
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--format", choices=("csv", "json", "xlsx"), default=None,
                   help="default: from the output file's suffix")
    p.set_defaults(func=cmd_export)


def _add_workshop(sub: Subparsers) -> None:
    p = sub.add_parser("workshop", help="workshop files")
    verbs = p.add_subparsers(dest="verb", required=True)
    q = verbs.add_parser("new", help="a workshop from workload files: a scenario each, the first as baseline")
    q.add_argument("output", help="the .workshop.json file to write")
    q.add_argument("workloads", nargs="+", help=".workload.json files (or workshops, whose scenarios are added)")
    q.add_argument("--kind", choices=("variants", "parts"), default="variants",
                   help="variants of one workload (default), or parts of one system (adds a portfolio total)")
    q.add_argument("--force", action="store_true", help="replace the output file if it exists")
    q.add_argument("--price-book", type=Path, default=None)
    q.set_defaults(func=cmd_workshop_new)


def _add_prices(sub: Subparsers) -> None:
    from desktop.pricelist.commands import add_prices_parser

    add_prices_parser(sub)


_COMMAND_PARSERS: dict[str, Callable[[Subparsers], None]] = {
    "estimate": _add_estimate, "advise": _add_advise, "questions": _add_questions, "report": _add_report,
    "export": _add_export, "workshop": _add_workshop, "usage": _add_usage_parser,
    "prices": _add_prices}


def run_subcommand(argv: list[str]) -> int:
    from desktop.pricelist.commands import CommandError

    args = build_parser(argv[0]).parse_args(argv)
    try:
        return int(args.func(args))
    except CliError as exc:
        sys.stderr.write(f"computefit: {one_line(str(exc))}\n")
        return EXIT_BAD_INPUT
    except CommandError as exc:
        sys.stderr.write(f"computefit: {one_line(str(exc))}\n")
        return EXIT_BAD_INPUT


def verbs_help() -> str:
    """Every command of `computefit` and what it does, from the commands' own parser (so a new one is listed)."""
    import argparse

    lines = ["commands (computefit COMMAND --help for each one's options):"]

    def walk(parser: argparse.ArgumentParser, prefix: str) -> None:
        for action in parser._actions:
            if not isinstance(action, argparse._SubParsersAction):
                continue
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            for name, child in action.choices.items():
                lines.append(f"  {prefix}{name:<{max(1, 18 - len(prefix))}} {helps.get(name, '')}".rstrip())
                walk(child, f"{prefix}{name} ")

    walk(build_parser(), "")
    lines.append("With no command (or a file), computefit opens the window; Help > ComputeFit Help is the manual.")
    return "\n".join(lines)


def run_gui_command(argv: list[str]) -> int:
    import argparse

    asks_help = any(arg in ("-h", "--help") for arg in argv)  # the commands' parser only then: a start imports less
    parser = argparse.ArgumentParser(prog="computefit", description="Run the ComputeFit window, or one of the "
                                     "commands below.", epilog=verbs_help() if asks_help else None,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
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
    hashes_without_openssl()  # the window's process: before pydantic is imported
    from desktop.crash import no_display_problem

    problem = no_display_problem()
    if problem:  # one line, instead of Qt's abort that blames a missing libxcb-cursor0
        sys.stderr.write(f"computefit: {problem}\n")
        return EXIT_BAD_INPUT
    from desktop.app import run_gui
    return int(run_gui(Path(args.workload) if args.workload else None, args.price_book))


def main(argv: list[str] | None = None) -> int:
    skip_pydantic_plugins()
    skip_pyside_source_scan()  # a no-op unless PySide6 is imported already (packaging/deferred_hooks.py: not now)
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in SUBCOMMANDS:
        return 0 if lean_estimate(argv) else run_subcommand(argv)
    return run_gui_command(argv)


if __name__ == "__main__":
    raise SystemExit(main())
