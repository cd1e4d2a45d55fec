"""The recommendation: the chosen option, its margin over the runner-up and the advisor's rationale.

The headline names the assumption the verdict hinges on when one within its sensitivity range flips the winner.
That needs the sensitivity analysis (tens of quotes), so the headline is painted at once without it and completed
once that paint is over (the analysis is kept in the Advice, so the tornado chart does not pay again): the frame
that shows an edit (table, headline, chart) never waits for it.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QTextEdit, QVBoxLayout, QWidget

from desktop.model.advice.advise import Advice
from desktop.model.advice.recommend import margin_phrase
from desktop.model.options.registry import label
from desktop.present.i18n import shown, tr
from desktop.present.outlook import outlook_lines
from desktop.qt.locale_numbers import locale_format

MAX_FINDINGS = 3
HEADLINE_LINES = 3
HEADLINE_SCALE = 1.3  # of the window's font; a long headline shrinks to fit its three lines, down to 0.9


def headline(advice: Advice) -> str:
    rec = advice.recommendation
    if rec.headline:
        return rec.headline
    if rec.option is None:
        return "No option fits this workload"
    text = f"Recommended: {label(rec.option)}"
    if rec.runner_up and rec.margin_usd is not None:
        text += ", " + margin_phrase(rec.margin_usd, rec.margin_pct, label(rec.runner_up))
    if rec.near_tie:
        text += " (near tie)"
    return text


class Rationale(QTextEdit):
    """The rationale as rich text (built from escaped pieces only), selectable, scrolling when it is longer than its
    room. Its size never depends on its text, so a new text is laid out once, in its own document: a word-wrapped
    QLabel in a scroll area laid the text out four times per edit (for its height, its hints, its resize and its
    paint: 5-8 ms) and made the panel's layout run again."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("recommendation_rationale")
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setAutoFillBackground(False)  # on the panel's background, as a label
        self.document().setDocumentMargin(0)
        self.setAccessibleName(tr("Reasons for the recommendation"))
        self._html = ""

    def setText(self, html: str) -> None:
        if html != self._html:
            self._html = html
            # the scroll bar kept while the text is replaced: setHtml empties the document first, and a scroll bar
            # that went and came back would resize the view, and lay the text out, twice more
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
            self.setHtml(html)
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

    def text(self) -> str:
        """The rich text shown (as given)."""
        return self._html


class RecommendationPanel(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("recommendation_panel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.headline = QLabel(self)
        self.headline.setObjectName("recommendation_headline")
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setWordWrap(True)
        self._base_font = QFont(self.headline.font())
        font = self._headline_font(HEADLINE_SCALE)
        self.headline.setFont(font)
        # three lines, always: a new headline never re-lays out (and repaints) the whole window
        self.headline.setFixedHeight(QFontMetrics(font).lineSpacing() * HEADLINE_LINES + 4)
        self.headline.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.details = Rationale(self)
        self.details.setMinimumHeight(self.fontMetrics().lineSpacing() * 2 + 4)  # two lines, then it scrolls
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        layout.addWidget(self.headline)
        layout.addWidget(self.details, 1)

        self._advice: Advice | None = None
        self.fmt = locale_format()  # numbers in the user's locale

    def render_advice(self, advice: Advice) -> None:
        self._advice = advice
        # with the assumption it hinges on once that is known (the session's worker analyses it off the GUI thread)
        self._show_headline(advice.verdict if advice.hinge_known else headline(advice))
        rec = advice.recommendation
        # the horizon, how sure (ranges: once the session's worker has run them), the footprint: beside the verdict
        outlook = outlook_lines(advice, wait=False)
        lines = [f"<b>{html.escape(shown(o, self.fmt))}</b>" for o in outlook]
        lines += [html.escape(shown(r, self.fmt)) for r in rec.rationale]
        said = " ".join(rec.rationale)
        notable = [f for f in advice.findings if f.severity in ("strong", "warning") and f.text not in said]
        lines += [f"<i>{html.escape(shown(f.text, self.fmt))}</i>" for f in notable[:MAX_FINDINGS]]
        self.details.setText("<br>".join(f"&bull; {line}" for line in lines))
        self.details.setVisible(bool(lines))
        self.details.setAccessibleDescription(" ".join(shown(r, self.fmt) for r in rec.rationale))

    def _show_headline(self, text: str) -> None:
        text = shown(text, self.fmt)
        self.headline.setText(text)
        self.headline.setAccessibleName(text)
        self._fit_headline()

    def _headline_font(self, scale: float) -> QFont:
        font = QFont(self._base_font)
        font.setPointSizeF(self._base_font.pointSizeF() * scale)
        font.setBold(True)
        return font

    def _fit_headline(self) -> None:
        """The largest font (from 1.3 down to 0.9 of the window's) at which the headline fits its lines."""
        width = max(self.headline.width(), 200)
        room = self.headline.height()
        text = self.headline.text()
        scale = HEADLINE_SCALE
        while scale > 0.9:
            font = self._headline_font(scale)
            need = QFontMetrics(font).boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text)
            if need.height() <= room:
                break
            scale -= 0.1
        if self.headline.font().pointSizeF() != self._headline_font(scale).pointSizeF():
            self.headline.setFont(self._headline_font(scale))

    def hasHeightForWidth(self) -> bool:
        """No: the headline's height is fixed and the rationale scrolls, so the width never changes the height
        this panel needs (a word-wrapped label would otherwise make its layout ask for the text's height)."""
        return False

    def sizeHint(self) -> QSize:
        """The headline and two lines of rationale: the table above it gets its rows first when space is short
        (the panel takes what is left over, its stretch)."""
        hint = super().sizeHint()
        return QSize(hint.width(), self.minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_headline()
