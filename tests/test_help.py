"""The manual the window shows is current (built from the README's sections and the glossary), and
`computefit --help` lists every command."""

from __future__ import annotations

import re
import subprocess
import sys
from types import ModuleType

from desktop.cli import SUBCOMMANDS, build_parser, main, verbs_help
from desktop.resources import resource
from tests.conftest import REPO


def _make_help() -> ModuleType:
    """packaging/make_help.py, the script that builds the manuals."""
    sys.path.insert(0, str(REPO / "packaging"))
    try:
        import make_help
    finally:
        sys.path.remove(str(REPO / "packaging"))
    return make_help


def test_the_bundled_manual_is_built_from_the_readme_and_the_glossary() -> None:
    make_help = _make_help()
    shipped = resource("help", "manual.html").read_text(encoding="utf-8")
    assert shipped == make_help.build(), "run: python packaging/make_help.py"
    assert "<script" not in shipped and "http://" not in shipped.split("<body>")[0]
    for section in make_help.SECTIONS:
        assert f">{section}</h2>" in shipped.replace("&amp;", "&")


def test_the_german_manual_is_built_from_its_source_and_has_the_same_sections() -> None:
    make_help = _make_help()
    shipped = resource("help", "manual.de.html").read_text(encoding="utf-8")
    assert shipped == make_help.build_translated("de"), "run: python packaging/make_help.py"
    assert "<script" not in shipped and '<html lang="de">' in shipped and "<title>ComputeFit-Hilfe</title>" in shipped
    english = resource("help", "manual.html").read_text(encoding="utf-8")
    assert english.count("<h2>") == shipped.count("<h2>") == len(make_help.SECTIONS) + 1  # and the glossary
    assert english.count("<h3>") == shipped.count("<h3>")
    for term in ("Task definition", "LCU", "Warm bedient", "Geschätzte Preise", "„~“ vor einer Summe"):
        assert f"<li><b>{term}</b>" in shipped, term


def test_the_german_manual_has_no_english_sentence() -> None:
    """Its prose, paragraph by paragraph (code, commands and paths in backticks, fenced examples, AWS's product
    names and the titles of AWS documents quoted are set aside)."""
    from tests.german_check import untranslated

    source = (REPO / "docs" / "manual.de.md").read_text(encoding="utf-8")
    prose = re.sub(r"(?ms)^```.*?^```", "", source)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n(?=- )|\n\n", prose)]
    names = ("Managed Instances", "Price List", "Load Balancer Capacity Unit", "(Trigger)", "AWS CUR data dictionary",
             "How Savings Plans apply to your AWS usage", "private pricing 2026 contract", "Fargate Pod configuration",
             "Fargate considerations", "served warm", "break-even", "baseline", "Okabe-Ito")
    assert len(paragraphs) > 40
    left = untranslated(paragraphs, names)
    assert not left, "\n".join(f"{sorted(words)} | {line}" for line, words in left)


def test_help_lists_every_command(capsys) -> None:  # type: ignore[no-untyped-def]
    try:
        main(["--help"])
    except SystemExit as exc:
        assert exc.code == 0
    out = capsys.readouterr().out
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    for name in commands:
        assert f"\n  {name} " in out, name
    assert "prices import" in out and "workshop new" in out
    assert out.count("\n") > 20 and verbs_help() in out


def test_a_plain_start_does_not_build_the_commands_help() -> None:
    code = ("import sys; from desktop import cli; cli.verbs_help = None; "
            "sys.argv = ['computefit', '--version']\n"
            "try: cli.main()\nexcept SystemExit: pass\n"
            "print('desktop.pricelist.commands' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO).stdout
    assert out.strip().endswith("False")


def test_a_command_parses_with_its_own_parser_alone() -> None:
    """`computefit VERB` builds only VERB's parser (no other command's arguments or helpers), whose options and
    help are those of VERB in the whole parser (so `computefit VERB --help` and its errors are unchanged)."""
    whole = next(a for a in build_parser()._actions if a.dest == "command").choices
    assert sorted(whole) == sorted(SUBCOMMANDS)
    for verb in SUBCOMMANDS:
        alone = next(a for a in build_parser(verb)._actions if a.dest == "command").choices
        assert list(alone) == [verb]
        assert alone[verb].format_help() == whole[verb].format_help(), verb
    code = ("import sys; from desktop.cli import build_parser; build_parser('estimate'); "
            "print('desktop.pricelist.commands' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO).stdout
    assert out.strip() == "False"
