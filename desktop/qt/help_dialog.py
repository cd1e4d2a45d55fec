"""Help > ComputeFit Help: the bundled manual (resources/help/manual.html), shown offline in a text browser.

The manual is built from the README's sections and the glossary (packaging/make_help.py); in German, from the
German manual (docs/manual.de.md). Links inside it move
within the page; nothing is ever fetched or opened outside the app.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from desktop.present.i18n import SOURCE_LANGUAGE, language, tr
from desktop.resources import resource


def manual_path() -> str:
    """The manual in the window's language (resources/help/manual.<code>.html), else the English one."""
    translated = resource("help", f"manual.{language()}.html")
    chosen = translated if language() != SOURCE_LANGUAGE and translated.is_file() else resource("help", "manual.html")
    return str(chosen)


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("help_dialog")
        self.setWindowTitle(tr("ComputeFit Help"))
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("help_browser")
        self.browser.setAccessibleName(tr("ComputeFit manual"))
        self.browser.setOpenLinks(False)  # in-page anchors only (see _follow); never a network address
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self._follow)
        try:
            with open(manual_path(), encoding="utf-8") as handle:
                text = handle.read(2_000_000)
        except OSError as exc:
            why = tr(f"The manual cannot be read ({exc.strerror or exc}): reinstall ComputeFit.")
            text = f"<p>{html.escape(why)}</p>"
        self.browser.setHtml(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(760, 560)

    def _follow(self, url: QUrl) -> None:
        if not url.scheme() and url.hasFragment():
            self.browser.scrollToAnchor(url.fragment())

    def show_topic(self, anchor: str) -> None:
        self.browser.scrollToAnchor(anchor)
