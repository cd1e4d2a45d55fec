"""Help > ComputeFit Help in German: the German manual (docs/manual.de.md, built into resources/help/manual.de.html
by packaging/make_help.py) opens offline, with the same sections as the English one and a German glossary."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from desktop.qt.help_dialog import HelpDialog
from desktop.qt.main_window import MainWindow

SECTIONS = ("Was es zeigt", "Workshops: mehrere Szenarien nebeneinander", "Wie es entscheidet", "Das Preisbuch",
            "Aktuelle Preise: AWS-Price-List-Dateien importieren", "Glossar")
GLOSSARY = ("Task definition", "Task", "Cluster", "Auslöser", "LCU", "Warm bedient", "Geschätzte Preise",
            "„~“ vor einer Summe")


def test_help_opens_the_german_manual_offline(german: None, qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.help_action.trigger()
    dialog = window.findChild(HelpDialog, "help_dialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "ComputeFit-Hilfe"
    assert dialog.browser.documentTitle() == "ComputeFit-Hilfe"
    text = dialog.browser.toPlainText()
    assert text.startswith("ComputeFit-Hilfe\nAlles hier funktioniert offline.")
    for title in SECTIONS:
        assert f"\n{title}\n" in text, title
    for term in GLOSSARY:
        assert f"\n{term} (" in text or f"\n{term}: " in text, term
    assert "Load Balancer Capacity Unit" in text and "bereitgestellte Parallelität" in text
    assert "Harte Grenzen" in text and "Wie vollständig die Angebote sind" in text
    assert not dialog.browser.openExternalLinks() and not dialog.browser.openLinks()
    dialog.close()


def test_english_help_stays_english(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    window.help_action.trigger()
    dialog = window.findChild(HelpDialog, "help_dialog")
    assert dialog.browser.documentTitle() == "ComputeFit Help" and "Glossary" in dialog.browser.toPlainText()
    dialog.close()
