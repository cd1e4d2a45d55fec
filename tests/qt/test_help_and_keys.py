"""Help in the app, offline: Help > ComputeFit Help shows the bundled manual (the README's sections and the
glossary), What's This on every field, About counts the options from the registry; Ctrl+Q quits (bound once), and
Quit, About and Preferences carry the menu roles macOS places in the application menu."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from desktop.model.options.registry import all_options
from desktop.qt.help_dialog import HelpDialog
from desktop.qt.main_window import MainWindow, unique_shortcuts

GLOSSARY_TERMS = ("Task definition", "Task", "Cluster", "Triggers", "LCU", "Served warm", "Estimated prices",
                  '"~" before a total')


def _actions(window: MainWindow) -> dict[str, QAction]:
    found: dict[str, QAction] = {}
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        for action in menu.actions() if menu is not None else []:
            found[action.text().replace("&", "")] = action
    return found


def test_help_opens_the_bundled_manual_offline(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    help_action = _actions(window)["ComputeFit Help"]
    assert QKeySequence(QKeySequence.StandardKey.HelpContents) in help_action.shortcuts() or \
        QKeySequence("F1") in help_action.shortcuts()
    help_action.trigger()
    dialog = window.findChild(HelpDialog, "help_dialog")
    assert dialog is not None and dialog.isVisible()
    text = dialog.browser.toPlainText()
    for section in ("How it decides", "Workshops: several scenarios side by side", "The price book",
                    "Fresh prices: importing AWS Price List files", "Glossary"):
        assert section in text
    for term in GLOSSARY_TERMS:
        assert re.search(rf"^{re.escape(term)}", text, re.MULTILINE) or f"\n{term} " in text or term in text
    assert "Load Balancer Capacity Unit" in text and "provisioned concurrency" in text
    assert "Hard limits" in text  # the README's "How it decides", whole
    assert not dialog.browser.openExternalLinks() and not dialog.browser.openLinks()
    dialog.browser.anchorClicked.emit(dialog.browser.source().resolved("#glossary"))  # an in-page link moves
    dialog.close()
    help_action.trigger()  # one dialog, shown again
    assert window.findChildren(HelpDialog) == [dialog] and dialog.isVisible()
    dialog.close()


def test_every_field_has_whats_this_from_its_help_text(window: MainWindow) -> None:
    form = window.form
    form.build_all()
    for path, spec in form.specs.items():
        editor = form.editor(path)
        assert editor.whatsThis().startswith(f"{spec.label}: {spec.help}"), path
    labels = [label for label in form.widget().findChildren(QLabel) if label.buddy() is not None]
    assert labels and all(label.whatsThis() for label in labels)
    whats_this = _actions(window)["What's This?"]
    assert QKeySequence("Shift+F1") in whats_this.shortcuts()


def test_about_counts_the_options_from_the_registry(window: MainWindow) -> None:
    text = window.about_text()
    count = len(all_options())
    words = {5: "five", 6: "six", 7: "seven"}
    assert f"Compares {words.get(count, str(count))} AWS compute options" in text
    assert all(option.label in text for option in all_options())
    assert "three" not in text and "US dollars" in text


def test_ctrl_q_is_bound_once_and_quits(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    actions = _actions(window)
    quit_action = actions["Quit"]
    keys = [k.toString() for k in quit_action.shortcuts()]
    assert keys.count("Ctrl+Q") == 1 and len(keys) == len(set(keys))
    window_wide = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)
    every = [k.toString() for a in window.findChildren(QAction) for k in a.shortcuts()
             if a.isEnabled() and a.shortcutContext() in window_wide]
    assert every.count("Ctrl+Q") == 1  # no other action holds it: Qt would call it ambiguous and do nothing
    duplicated = {k for k in every if every.count(k) > 1}
    assert not duplicated, duplicated
    assert quit_action.menuRole() == QAction.MenuRole.QuitRole
    assert actions["About ComputeFit"].menuRole() == QAction.MenuRole.AboutRole
    assert actions["Preferences..."].menuRole() == QAction.MenuRole.PreferencesRole
    assert all(a.menuRole() == QAction.MenuRole.NoRole for name, a in actions.items()
               if name not in ("Quit", "About ComputeFit", "Preferences...") and not a.isSeparator()
               and a.menu() is None and name != "What's This?")
    window.activateWindow()
    window.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)


def test_unique_shortcuts_keeps_each_key_once() -> None:
    keys = unique_shortcuts([QKeySequence.StandardKey.Quit, "Ctrl+Q", "Ctrl+Q"])
    assert [k.toString() for k in keys].count("Ctrl+Q") == 1
    assert unique_shortcuts([]) == []


def test_preferences_change_the_appearance(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _actions(window)["Preferences..."].trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "preferences_dialog")
    combo = dialog.findChild(QWidget, "preferences_appearance")
    index = combo.findData("dark")
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    assert window.settings.value("view/appearance") == "dark"
    dialog.close()
