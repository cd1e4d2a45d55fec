"""The app's one message catalogue: a language's translations of the English texts, usable by the Qt-free layers
(`tr`) and, through desktop/qt/translation.py, by Qt's translation system (QCoreApplication.translate, tr()).

Catalogues are resources/i18n/<code>.json: {"language": "Deutsch", "messages": {"&File": "&Datei", ...}}. English
is the source language (no catalogue). A text without a translation stays English.
"""

from __future__ import annotations

import json
from pathlib import Path

from desktop.resources import resource

SOURCE_LANGUAGE = "en"
MAX_CATALOGUE_BYTES = 1_000_000
_messages: dict[str, str] = {}
_language = SOURCE_LANGUAGE


def catalogue_path(code: str) -> Path:
    return resource("i18n", f"{code}.json")


def languages() -> dict[str, str]:
    """The languages the app speaks: code -> its own name ("de" -> "Deutsch"), English first."""
    found = {SOURCE_LANGUAGE: "English"}
    folder = resource("i18n")
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            found[path.stem] = str(load_catalogue(path.stem).get("language", path.stem))
        except ValueError:
            continue
    return found


def load_catalogue(code: str) -> dict[str, object]:
    """The catalogue of `code` (ValueError naming the file when it cannot be used)."""
    path = catalogue_path(code)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_CATALOGUE_BYTES + 1)
    except OSError as exc:
        raise ValueError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_CATALOGUE_BYTES:
        raise ValueError(f"{path}: larger than {MAX_CATALOGUE_BYTES:,} bytes")
    try:
        loaded = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: not a JSON catalogue ({exc})") from None
    messages = loaded.get("messages") if isinstance(loaded, dict) else None
    if not isinstance(messages, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                 for k, v in messages.items()):
        raise ValueError(f"{path}: messages must be an object of texts")
    return loaded  # type: ignore[no-any-return]


def choose_language(setting: str, system_code: str) -> str:
    """The language to speak: the setting ("system" or a code), the system's when it is one the app speaks,
    else English."""
    wanted = system_code if setting in ("", "system") else setting
    return wanted if wanted in languages() else SOURCE_LANGUAGE


def set_language(code: str) -> str:
    """Speak `code` from now on (English when it has no usable catalogue); returns the language set."""
    global _messages, _language
    if code == SOURCE_LANGUAGE:
        _messages, _language = {}, SOURCE_LANGUAGE
        return _language
    try:
        messages = load_catalogue(code)["messages"]
    except ValueError:
        _messages, _language = {}, SOURCE_LANGUAGE
        return _language
    _messages = dict(messages)  # type: ignore[call-overload]
    _language = code
    return _language


def language() -> str:
    return _language


def tr(text: str) -> str:
    """`text` in the current language (itself when untranslated)."""
    return _messages.get(text, text)


def translated(text: str) -> str | None:
    """The translation of `text`, or None when the catalogue has none."""
    return _messages.get(text)
