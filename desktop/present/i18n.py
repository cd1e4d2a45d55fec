"""The app's one message catalogue: a language's translations of the English texts, usable by the Qt-free layers
(`tr`) and, through desktop/qt/translation.py, by Qt's translation system (QCoreApplication.translate, tr()).

Catalogues are resources/i18n/<code>.json: {"language": "Deutsch", "decimal": ",", "group": ".",
"messages": {"&File": "&Datei", ...}, "templates": {"{option} wins": "{option} gewinnt", ...}}. English is the
source language (no catalogue). A text without a translation stays English.

The model writes its texts (reasons, verdicts, field labels and help) in English, once; they are translated here,
at the edge: a text is looked up whole in "messages", else matched against the English "templates", whose
{placeholders} take any text that is itself translated (an option's name stays, a nested phrase is looked up in
turn). `shown` adds the language's number format ("$1,234.56" -> "$1.234,56"); `shown_html` does both for each
text between the tags of an HTML fragment (the sheet, a rich-text label), never inside a <style>.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from desktop.model.schema.commitments import PAYMENT_NAMES, PLAN_NAMES
from desktop.model.schema.fields import FieldSpec
from desktop.present.numbers import ENGLISH, NumberFormat, localize_numbers
from desktop.resources import resource

SOURCE_LANGUAGE = "en"
MAX_CATALOGUE_BYTES = 1_000_000
_messages: dict[str, str] = {}
_Templates = list[tuple[re.Pattern[str], str]]
_templates: _Templates = []  # the longest literal wording first: the most specific template wins
_format = ENGLISH
_language = SOURCE_LANGUAGE
_PLACEHOLDER = re.compile(r"\{([a-z_0-9]+)\}")
_LIST_SEPARATORS = ("\n", "; ", ", ")
# What a placeholder may hold, by its name: a number or an amount ("12", "1,024.5", "$36.04", "-$0.65", "30M",
# "15%"); a name (an option's, a list of them: no colon or semicolon); effects ("+$1.20 to Lambda"); a field path
# or a citation in brackets; a percentage ("38%": never the text after it), a date as written (no brackets); an
# architecture, an instance type, a region code, a date; a scenario's name (kept as written: no semicolon, so
# "; "-joined sentences about scenarios are each translated); a commitment plan's words (no brackets). Any other
# name holds any text. So "{status} ({n} notes)" reads "Feasible (no price) (2 notes)" right, and a name never
# swallows the sentence after it.
_SHAPES = {**dict.fromkeys(("n", "m", "k", "p", "w", "h", "x", "y", "amount", "gap", "ref", "off", "usd"),
                           r"[-+~$]*\d[\d.,]*[kMBT%]?"),
           **dict.fromkeys(("a", "b", "c", "d", "option", "other", "names"), r"[^:;]+?"),
           "effects": r"[-+~][^()]*?", **dict.fromkeys(("trace", "path", "source"), r"[^\[\]]+?"),
           "pct": r"[-+]?\d[\d.,]*%|n/a", "when": r"[^()]+", "arch": r"[a-z0-9_]+",
           "type": r"[a-z0-9.-]+", "region": r"[a-z]{2}-[a-z]+-\d", "date": r"\d{4}-\d\d-\d\d",
           "scenario": r"[^;]+?", "plan": r"[^():;]+?", "owner": r"(?:(?! and )[^:;])+?",
           "column": r"[A-Za-z]+"}
_VERBATIM = frozenset({"name", "path", "title", "source", "trace", "prices", "scenario", "scenarios"})
# A name holding commas of its own ("Compute Savings Plan, 3-year, no upfront rate for EC2 t3.large"): set aside
# before the lists and sentences around it are matched (their ", " would cut it), translated on its own.
_ATOM = re.compile("(?:" + "|".join(map(re.escape, PLAN_NAMES.values())) + r"), \d-year, (?:"
                   + "|".join(map(re.escape, PAYMENT_NAMES.values())) + r") rate for [A-Za-z0-9_.\- ]+?"
                   r"(?: \([a-z0-9_]+\)| in a Managed Instances fleet \(whether the plan covers it was not found\))?"
                   r"(?=$|[,;.)\n]| and | would | in | \()")
_MARK = 0xE000  # the set-aside names stand as private-use characters meanwhile
MAX_ATOMS = 64
MAX_TEMPLATE_DEPTH = 6  # a placeholder's text is translated in turn, this many times deep at most


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
    for key in ("messages", "templates"):
        texts = loaded.get(key, {}) if isinstance(loaded, dict) else None
        if not isinstance(texts, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                  for k, v in texts.items()):
            raise ValueError(f"{path}: {key} must be an object of texts")
    return loaded  # type: ignore[no-any-return]


def _compiled(english: str) -> re.Pattern[str]:
    """An English template as a pattern: literal text, each {name} any text (as short as the rest allows)."""
    parts = _PLACEHOLDER.split(english)
    pattern = "".join(re.escape(part) if index % 2 == 0 else f"(?P<{part}>{_SHAPES.get(part, '.+?')})"
                      for index, part in enumerate(parts))
    return re.compile(f"^{pattern}$", re.DOTALL)


def choose_language(setting: str, system_code: str) -> str:
    """The language to speak: the setting ("system" or a code), the system's when it is one the app speaks,
    else English."""
    wanted = system_code if setting in ("", "system") else setting
    return wanted if wanted in languages() else SOURCE_LANGUAGE


def set_language(code: str) -> str:
    """Speak `code` from now on (English when it has no usable catalogue); returns the language set."""
    global _messages, _templates, _format, _language
    _messages, _templates, _format, _language = {}, [], ENGLISH, SOURCE_LANGUAGE
    _translate.cache_clear()
    if code == SOURCE_LANGUAGE:
        return _language
    try:
        catalogue = load_catalogue(code)
    except ValueError:
        return _language
    _messages = dict(catalogue["messages"])  # type: ignore[call-overload]
    templates: dict[str, str] = catalogue.get("templates", {})  # type: ignore[assignment]
    wording = sorted(templates, key=lambda english: -len(_PLACEHOLDER.sub("", english)))
    _templates = [(_compiled(english), templates[english]) for english in wording]
    decimal, group = str(catalogue.get("decimal", ".")), str(catalogue.get("group", ","))
    _format = NumberFormat(decimal, group, str(catalogue.get("language", code)))
    _language = code
    return _language


def language() -> str:
    return _language


def number_format() -> NumberFormat:
    """How the current language writes numbers (English: "1,234.5")."""
    return _format


def tr(text: str) -> str:
    """`text` in the current language (itself when untranslated)."""
    if _language == SOURCE_LANGUAGE:
        return text
    return _translate_masked(text) or text


def translated(text: str) -> str | None:
    """The translation of `text` (whole, or by a template), or None when the catalogue has none."""
    return None if _language == SOURCE_LANGUAGE else _translate_masked(text)


def _translate_masked(text: str) -> str | None:
    """`text` translated with each name that holds commas (_ATOM) set aside first and translated on its own."""
    atoms: list[str] = []

    def mark(match: re.Match[str]) -> str:
        atoms.append(match.group(0))
        return chr(_MARK + len(atoms) - 1)

    masked = _ATOM.sub(mark, text, count=MAX_ATOMS) if " rate for " in text else text
    if not atoms:
        return _translate(text, 0)

    def unmark(match: re.Match[str]) -> str:
        atom = atoms[ord(match.group(0)) - _MARK]
        return _translate(atom, 0) or atom

    done = _translate(masked, 0) or masked
    result = re.sub(f"[{chr(_MARK)}-{chr(_MARK + MAX_ATOMS - 1)}]", unmark, done)
    return None if result == text else result


@lru_cache(maxsize=4096)
def _translate(text: str, depth: int) -> str | None:
    """A whole message; else the first template that matches (the longest wording first); else each item of a
    list ("a; b", lines). None when nothing matched."""
    found = _messages.get(text)
    if found is not None or depth >= MAX_TEMPLATE_DEPTH or not text:
        return found
    stripped = text.strip()
    if stripped != text:  # surrounding spaces kept as they are
        inner = _translate(stripped, depth)
        return None if inner is None else text.replace(stripped, inner, 1)
    return _by_template(text, depth, _templates) or _by_items(text, depth)


def _by_template(text: str, depth: int, templates: _Templates) -> str | None:
    for pattern, german in templates:
        match = pattern.match(text)
        if match is not None:
            parts = {name: _part(name, value, depth + 1) for name, value in match.groupdict().items()}
            return _fill(german, parts)
    return None


def _part(name: str, value: str, depth: int) -> str:
    """A placeholder's text translated in turn; a {list...} placeholder item by item ("Fargate $1, Lambda $2");
    a name, path, title, source or trace as it is (the user's or a file's text, a field path, a citation)."""
    if name in _VERBATIM:
        return value
    if name.startswith("list"):
        return ", ".join(_translate(item, depth) or item for item in value.split(", "))
    return _translate(value, depth) or value


def _by_items(text: str, depth: int) -> str | None:
    for separator in _LIST_SEPARATORS:  # a list of texts: each translated
        if separator in text:
            pieces = text.split(separator)
            done = [_translate(piece, depth + 1) for piece in pieces]
            if any(piece is not None for piece in done):
                return separator.join(d or p for d, p in zip(done, pieces, strict=True))
            return None
    return None


def _fill(template: str, parts: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: parts.get(m.group(1), m.group(0)), template)


def shown(text: str, fmt: NumberFormat | None = None) -> str:
    """`text` as the current language shows it: translated, its numbers in `fmt` (the window's locale) or the
    language's format."""
    return localize_numbers(tr(text), fmt or _format)


_TEXT_OR_TAG = re.compile(r"(<style.*?</style>|<[^>]*>)", re.DOTALL | re.IGNORECASE)


def shown_html(fragment: str, verbatim: frozenset[str] = frozenset()) -> str:
    """An HTML fragment with each text between its tags `shown` (unescaped first, escaped again), tags and
    style sheets untouched, and the texts in `verbatim` (the user's, a file's: a name, a price's source) as they
    are."""
    if _language == SOURCE_LANGUAGE:
        return fragment
    pieces = _TEXT_OR_TAG.split(fragment)
    for index in range(0, len(pieces), 2):
        text = html.unescape(pieces[index])
        if text.strip() and text.strip() not in verbatim:
            pieces[index] = html.escape(shown(text), quote=False)
    return "".join(pieces)


def spec_shown(spec: FieldSpec) -> FieldSpec:
    """A field's metadata as the current language shows it (label, help, unit, limit, choices, placeholder); the
    path, kind and scale stay."""
    if _language == SOURCE_LANGUAGE:
        return spec
    return replace(spec, label=tr(spec.label), help=shown(spec.help), unit=tr(spec.unit), limit=shown(spec.limit),
                   empty_text=tr(spec.empty_text), long_label=tr(spec.long_label),
                   choices=tuple((value, shown(text)) for value, text in spec.choices))
