"""The app's catalogue through Qt's translation system: with German chosen, every menu of the window is German
(the options' names stay, they are product names), Qt's translate() finds the catalogue, and the language setting
picks the system's language only when the app speaks it. Only the menus and the app's own dialogs are translated
so far: the form's fields, the advice and the sheet are still English."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox

from desktop.app import create_main_window
from desktop.model.options.registry import all_options
from desktop.model.pricing.book import PriceBook
from desktop.present import i18n
from desktop.qt.main_window import MainWindow
from desktop.qt.translation import install_language
from desktop.resources import resource

REPO = Path(__file__).resolve().parents[2]


def _catalogue() -> dict[str, str]:
    return json.loads(resource("i18n", "de.json").read_text(encoding="utf-8"))["messages"]


@pytest.fixture
def german_window(qtbot, book: PriceBook, settings: QSettings) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    assert install_language("de") == "de"
    try:
        win = create_main_window(book=book, settings=settings)
        win.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
        qtbot.addWidget(win)
        yield win
    finally:
        install_language("en")  # Qt's own translator too


def _entries(menu: QMenu) -> Iterator[str]:
    yield menu.title()
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            yield from _entries(sub)
        elif action.text() and not action.isSeparator():
            yield action.text()


def test_every_menu_entry_is_german(german_window: MainWindow) -> None:
    german = set(_catalogue().values())
    names = {o.label for o in all_options()}
    entries = [text for action in german_window.menuBar().actions() if isinstance(action.menu(), QMenu)
               for text in _entries(action.menu())]  # type: ignore[arg-type]
    assert len(entries) > 40
    untranslated = [t for t in entries if t not in german and t not in names and not t.startswith("&Rückgängig")
                    and not t.startswith("&Wiederherstellen")]
    assert untranslated == []
    assert "&Datei" in entries and "&Beenden" in entries and "&Über ComputeFit" in entries


def test_qt_translate_reads_the_catalogue(german_window: MainWindow) -> None:
    assert QCoreApplication.translate("MainWindow", "&File") == "&Datei"
    assert QCoreApplication.translate("MainWindow", "not in the catalogue") == "not in the catalogue"
    quit_action = next(a for a in german_window.findChildren(QAction) if a.text() == "&Beenden")
    assert quit_action.menuRole() == QAction.MenuRole.QuitRole  # the role, not the text, places it on macOS


@pytest.mark.parametrize(("setting", "system", "expected"), [
    ("system", "de", "de"), ("system", "fr", "en"), ("en", "de", "en"), ("de", "en", "de"), ("xx", "de", "en"),
])
def test_the_language_is_the_systems_when_the_app_speaks_it(setting: str, system: str, expected: str) -> None:
    assert i18n.choose_language(setting, system) == expected


# Messages the app composes from pieces (a concern's name capitalised, a section's "(continued)", a finding's
# parts joined with "; "): they are not one literal in the sources, each is shown by the German window or sheet.
COMPOSED = ("&Undo", "&Redo", "Light", "Dark", "System", "Move up", "Move down", "Set as baseline", "Operations",
            "Flexibility", "Lambda: the least operations", "Lambda: the least", "Feasible (estimated prices)",
            "ECS on EC2: the most, which means patching AMIs and scaling a cluster",
            "ECS on EC2: the most of that work, which means patching AMIs and scaling a cluster",
            "No fine configuration is needed: the most managed option (Lambda) is enough",
            "Fine control of the runtime, OS or host is needed: ECS on EC2: the most", "No line items: ruled out",
            "Public IPv4 address hour", "Data transfer out to the internet, tier 1",
            "Data transfer out to the internet, tier 1 (up to 10,240 GB)", "EBS gp3 volume",
            # the hard rules several options share (options/common/hard_rules.py): "<name>: the work needs ...; <why>"
            "Lambda: the work needs privileged mode, host devices or kernel tuning; Lambda allows none of them",
            "Lambda: the work needs an agent on every host (DAEMON); Lambda has no hosts to run it on",
            "Lambda: the work needs Windows containers; Lambda runs only Linux",
            "Fargate: the work needs an agent on every host (DAEMON); Fargate has no DAEMON scheduling",
            "Amazon SQS standard requests",  # a price's name: its section's and its part's
            "A: AWS published", "B: corroborated", "C: estimated",  # a grade and its meaning (the Prices dialog)
            "A price book given with --price-book prices this session as it is: nothing to change.",
            # the sheet's register names a field without metadata by its name or its description's first part
            # what an export writes, composed in desktop/qt/export_controller.py (f"{fmt.upper()} comparison...")
            "PDF comparison", "CSV comparison", "JSON comparison", "XLSX comparison", "CSV comparison of the scenarios",
            "JSON comparison of the scenarios", "XLSX comparison of the scenarios", "PDF comparison of the scenarios",
            # the About box counts the options in words (main_window._count_word)
            "one", "two", "three", "four", "five", "six", "seven",
            # where an imported value came from, composed in desktop/usage/fleet.py
            "billing: fewest instances running in an hour of the day", "billing: fewest tasks running in an hour of "
            "the day", "billing: the usage types end in -ARM", "billing: the usage types have no -ARM suffix",
            "billing: usage types with ARM", "billing: usage types without ARM",
            "Months", "Monthly pct", "Step month", "One off", "Rate usd per hour", "Hours per month",
            "An hourly commitment in USD at the plan's rates instead of a share: usage above it in an hour is billed "
            "on demand, commitment unused in an hour is lost (AWS Savings Plans User Guide)",
            # a commitment's rate for a sampled fleet's type, composed in options/common/commitment.py
            "EC2 the chosen type",
            # Python's csv module's reason for a quoted field cut short (a Price List import refusal quotes it)
            "unexpected end of data")


def test_every_catalogue_text_is_one_the_app_shows(book: PriceBook) -> None:
    """Each message is a text of the sources (string literals joined across lines), of the field metadata or of the
    price book (regions), or one the app composes; the templates are checked by use (tests/qt/test_german_window.py
    and tests/report/sheet/test_german_sheet.py show every text of the window and the sheet in German)."""
    import re

    raw = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "desktop").rglob("*.py"))
    raw = raw.replace('\\"', '"')  # a literal's escaped quotes ("AWS's \"up to\" rates") as the app shows them
    sources = re.sub(r"""["']\)?\s*\n\s*(\+\s*)?f?["']""", "", raw) + " ".join(r.name for r in book.regions.values())
    from desktop.model.workload.fields import all_fields
    from desktop.model.workshop.differences import field_label

    named = {field_label(f.path) for f in all_fields()}  # "what differs" names a field in running text
    stale = [text for text in _catalogue() if text not in sources and text not in COMPOSED and text not in named
             and not text.endswith(" (continued)")]
    assert stale == []
    assert i18n.languages() == {"en": "English", "de": "Deutsch"}
