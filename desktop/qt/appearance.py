"""Light and dark palettes (Fusion style, so both look the same on every desktop and on a projector)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

MODES = ("system", "light", "dark")

_DARK = {
    QPalette.ColorRole.Window: "#2B2B2B", QPalette.ColorRole.WindowText: "#E8E8E8",
    QPalette.ColorRole.Base: "#1E1E1E", QPalette.ColorRole.AlternateBase: "#2B2B2B",
    QPalette.ColorRole.Text: "#E8E8E8", QPalette.ColorRole.Button: "#353535",
    QPalette.ColorRole.ButtonText: "#E8E8E8", QPalette.ColorRole.BrightText: "#FFFFFF",
    QPalette.ColorRole.Highlight: "#2F6EA8", QPalette.ColorRole.HighlightedText: "#FFFFFF",
    QPalette.ColorRole.ToolTipBase: "#353535", QPalette.ColorRole.ToolTipText: "#E8E8E8",
    QPalette.ColorRole.PlaceholderText: "#9A9A9A", QPalette.ColorRole.Link: "#56B4E9",
    QPalette.ColorRole.Light: "#4A4A4A", QPalette.ColorRole.Midlight: "#3E3E3E",
    QPalette.ColorRole.Mid: "#303030", QPalette.ColorRole.Dark: "#202020", QPalette.ColorRole.Shadow: "#101010",
}
_DARK_DISABLED = {QPalette.ColorRole.Text: "#7A7A7A", QPalette.ColorRole.WindowText: "#7A7A7A",
                  QPalette.ColorRole.ButtonText: "#7A7A7A"}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, color in _DARK.items():
        palette.setColor(role, QColor(color))
    for role, color in _DARK_DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(color))
    return palette


def light_palette() -> QPalette:
    app = QApplication.instance()
    style = app.style() if isinstance(app, QApplication) else None
    palette = style.standardPalette() if style else QPalette()
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#8A8A8A"))
    return palette


def system_prefers_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_appearance(mode: str) -> None:
    """Apply 'light', 'dark' or 'system' to the running application."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    dark = mode == "dark" or (mode == "system" and system_prefers_dark())
    app.setPalette(dark_palette() if dark else light_palette())
