"""The wizard's live side panel: which options the answers so far leave feasible, and why the others are not.

Renders `feasibility_preview` results (from the model); it computes nothing itself. Labels are plain text.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from desktop.model.advice.preview import OptionPreview
from desktop.model.format import usd
from desktop.present.i18n import shown, tr

PANEL_WIDTH = 300
FEASIBLE_MARK = "\u2713"  # check mark
RULED_OUT_MARK = "\u2717"  # ballot x
FEASIBLE_COLOUR = "#1e8449"
RULED_OUT_COLOUR = "#c0392b"


def _plain(text: str, parent: QWidget, *, bold: bool = False) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    return label


def option_text(preview: OptionPreview) -> str:
    """One option's line, as the current language shows it: feasible with its monthly cost, or ruled out with each
    reason (each translated before the option's name is dropped from it)."""
    if preview.feasible:
        cost = f", about {usd(preview.monthly_usd)} a month" if preview.monthly_usd is not None else ""
        if cost and preview.left_out:
            cost += f" + {preview.left_out}"
        return shown(f"{FEASIBLE_MARK} {preview.label} feasible{cost}")
    reasons = "; ".join(reason_without_option(preview.label, shown(r)) for r in preview.reasons)
    return f"{RULED_OUT_MARK} {preview.label} {tr('ruled out')}: {reasons or tr('not feasible')}"


def option_html(preview: OptionPreview) -> str:
    """`option_text` with a coloured mark and the option in bold (every piece escaped)."""
    mark, colour = (FEASIBLE_MARK, FEASIBLE_COLOUR) if preview.feasible else (RULED_OUT_MARK, RULED_OUT_COLOUR)
    rest = option_text(preview).removeprefix(f"{mark} {preview.label}")
    return (f"<span style='color:{colour}; font-weight:bold'>{mark}</span> <b>{html.escape(preview.label)}</b>"
            f"{html.escape(rest)}")


def reason_without_option(label: str, reason: str) -> str:
    """The model's reasons start with the option's short name ("Lambda: a run takes..."): drop it once."""
    head, sep, rest = reason.partition(": ")
    return rest if sep and head and head.split()[-1] in label else reason


class FeasibilityPanel(QFrame):
    """Shown beside every wizard page; `show_previews()` after each answer."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("feasibility_panel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(PANEL_WIDTH)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(8)
        layout.addWidget(_plain(tr("Options so far"), self, bold=True))
        note = _plain(tr("Unanswered questions take their defaults. Updated on each answer."), self)
        layout.addWidget(note)
        self.option_labels: dict[str, QLabel] = {}
        self._layout = layout
        self.problem = _plain("", self)
        self.problem.setObjectName("feasibility_problem")
        self.problem.setStyleSheet(f"color: {RULED_OUT_COLOUR};")
        self.problem.hide()
        layout.addWidget(self.problem)
        self.summary = _plain("", self)
        self.summary.setObjectName("feasibility_summary")
        layout.addWidget(self.summary)
        layout.addStretch(1)

    def _label_for(self, option: str) -> QLabel:
        label = self.option_labels.get(option)
        if label is None:
            label = _plain("", self)
            label.setTextFormat(Qt.TextFormat.RichText)  # option_html escapes every piece
            label.setObjectName(f"preview.{option}")
            self._layout.insertWidget(2 + len(self.option_labels), label)
            self.option_labels[option] = label
        return label

    def show_previews(self, previews: tuple[OptionPreview, ...]) -> None:
        self.problem.hide()
        for preview in previews:
            label = self._label_for(preview.option)
            text = option_text(preview)
            label.setText(option_html(preview))
            label.setAccessibleName(text)
            label.setProperty("plain_text", text)
        feasible = [p.label for p in previews if p.feasible]
        self.summary.setText(shown(f"{len(feasible)} of {len(previews)} options feasible." if feasible
                                   else "No option is feasible with these answers."))

    def show_problem(self, message: str) -> None:
        self.problem.setText(shown(message))
        self.problem.show()
        self.summary.setText(tr("The options above are from the last usable answers."))

    def text(self, option: str) -> str:
        label = self.option_labels.get(option)
        return str(label.property("plain_text")) if label is not None else ""
