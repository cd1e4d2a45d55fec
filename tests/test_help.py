"""The manual the window shows is current (built from the README's sections and the glossary), and
`computefit --help` lists every command."""

from __future__ import annotations

import subprocess
import sys

from desktop.cli import SUBCOMMANDS, build_parser, main, verbs_help
from desktop.resources import resource
from tests.conftest import REPO


def test_the_bundled_manual_is_built_from_the_readme_and_the_glossary() -> None:
    sys.path.insert(0, str(REPO / "packaging"))
    try:
        import make_help
    finally:
        sys.path.remove(str(REPO / "packaging"))
    shipped = resource("help", "manual.html").read_text(encoding="utf-8")
    assert shipped == make_help.build(), "run: python packaging/make_help.py"
    assert "<script" not in shipped and "http://" not in shipped.split("<body>")[0]
    for section in make_help.SECTIONS:
        assert f">{section}</h2>" in shipped.replace("&amp;", "&")


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
