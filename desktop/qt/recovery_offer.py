"""After a crash: offer to restore each document that was left unsaved (name and age), or discard it.

A recovery file that cannot be read is named in one message and set aside (renamed *.unreadable), so it is
neither a crash nor asked about again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.model.workload.files import WorkloadFileError, parse_workload
from desktop.model.workload.spec import Workload
from desktop.model.workshop.files import parse_workshop
from desktop.model.workshop.spec import WorkshopSpec
from desktop.qt.session import Session
from desktop.workbench.recovery import Recovered, RecoveryStore, Unreadable
from desktop.workbench.workbench import Workbench

Ask = Callable[[QWidget, Recovered], bool]  # True: restore it; False: discard it


def restore_text(item: Recovered) -> str:
    """The question, as plain text: the document's name and file are data, never markup."""
    return (f"ComputeFit closed without saving \u201c{item.name}\u201d; its last edits are from {item.age()}."
            + (f"\n\nIts file: {item.path}" if item.path else "\n\nIt was never saved to a file.")
            + "\n\nRestore them?")


def _plain_box(parent: QWidget, icon: QMessageBox.Icon, text: str,
               buttons: QMessageBox.StandardButton) -> QMessageBox:
    box = QMessageBox(icon, "Restore unsaved edits", text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def ask_restore(parent: QWidget, item: Recovered) -> bool:
    box = _plain_box(parent, QMessageBox.Icon.Question, restore_text(item),
                     QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard)
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    return box.exec() == QMessageBox.StandardButton.Yes


def tell_problems(parent: QWidget, problems: list[str]) -> None:
    _plain_box(parent, QMessageBox.Icon.Warning, "Some unsaved edits could not be restored:\n\n"
               + "\n".join(problems), QMessageBox.StandardButton.Ok).exec()


def offer_recovery(parent: QWidget, store: RecoveryStore, sessions: Callable[[], Session],
                   ask: Ask = ask_restore,
                   tell: Callable[[QWidget, list[str]], None] = tell_problems) -> list[str]:
    """Offer every recovered document; restore the chosen ones into `sessions()` (one session each).

    Returns the messages shown about files that could not be used.
    """
    problems: list[str] = []
    for item in store.found():
        if isinstance(item, Unreadable):
            problems.append(str(item))
            item.file.rename(item.file.with_name(item.file.name + ".unreadable"))
            continue
        if not ask(parent, item):
            item.file.unlink(missing_ok=True)
            continue
        try:
            document: Workload | WorkshopSpec = (parse_workshop(item.document, str(item.file))
                                                 if item.kind == "workshop" else
                                                 parse_workload(item.document, str(item.file)))
        except WorkloadFileError as exc:
            problems.append(str(exc))
            item.file.rename(item.file.with_name(item.file.name + ".unreadable"))
            continue
        found = sessions().run(Workbench.restore, document, item.path)
        if found:
            problems.append(f"{item.file}: " + "; ".join(str(p) for p in found))
            continue
        item.file.unlink(missing_ok=True)  # the restored document now has its own recovery file
    if problems:
        tell(parent, problems)
    return problems
