"""The user's number format, from Qt's locale: what the form and the questionnaire read and show numbers in."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from desktop.present.numbers import NumberFormat


def locale_format(locale: QLocale | None = None) -> NumberFormat:
    """The decimal and group separators of `locale` (default: the application's default locale, the system's)."""
    loc = locale if locale is not None else QLocale()
    name = QLocale.languageToString(loc.language())
    return NumberFormat(loc.decimalPoint() or ".", loc.groupSeparator() or ",", name)
