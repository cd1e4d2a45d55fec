"""The user's number format, from Qt's locale: what the form and the questionnaire read and show numbers in."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from desktop.present import i18n
from desktop.present.numbers import NumberFormat


def locale_format(locale: QLocale | None = None) -> NumberFormat:
    """The decimal and group separators of `locale` (default: the application's default locale, the system's);
    when the app speaks another language than the locale's, that language's ("2,5" in a German window)."""
    loc = locale if locale is not None else QLocale()
    if i18n.language() != i18n.SOURCE_LANGUAGE and loc.name().split("_")[0] != i18n.language():
        return i18n.number_format()
    name = QLocale.languageToString(loc.language())
    return NumberFormat(loc.decimalPoint() or ".", loc.groupSeparator() or ",", name)
