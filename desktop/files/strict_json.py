"""Strict JSON for the files ComputeFit reads: bounded nesting and numbers, no duplicate keys.

`loads_strict(text, where)`:
- nesting deeper than MAX_DEPTH is refused before parsing, by a linear scan that never recurses (naming the
  line), so a file of 100,000 "[" costs a few microseconds, not the stack;
- a number literal longer than MAX_NUMBER_CHARS characters is refused naming its field (Python would raise
  its own error for integers of more than 4,300 digits; no ComputeFit field needs more than 20);
- a key given twice in one object is refused naming the key's path (the standard parser keeps the last);
- NaN and Infinity parse as floats, so the models can refuse them naming the field.
Every refusal is a ReadError, one line naming the file and the field or line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from desktop.files.bounded_read import ReadError, read_bounded

MAX_DEPTH = 64  # objects and arrays inside each other; the price book needs 9
MAX_NUMBER_CHARS = 100  # characters of one number literal

_STRUCTURE = re.compile(r'\\.|["\[\]{}]', re.S)


class _TooLong:
    """A number literal too long to convert, kept until the walk can name its field."""

    def __init__(self, literal: str):
        self.literal = literal


class _Duplicated(dict[str, Any]):
    """An object that had a key twice (the key is kept in `duplicate`)."""

    duplicate = ""


def load_json_file(path: Path | str, limit: int, what: str = "this file", *, max_depth: int = MAX_DEPTH) -> Any:
    """Read (bounded) and parse (strict) a UTF-8 JSON file; ReadError naming the file on any problem."""
    raw = read_bounded(path, limit, what)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReadError(str(path), "", "is not UTF-8 text") from None
    return loads_strict(text, str(path), max_depth=max_depth)


def loads_strict(text: str, where: str, *, max_depth: int = MAX_DEPTH,
                 max_number_chars: int = MAX_NUMBER_CHARS) -> Any:
    """Parse JSON text strictly (see the module's notes); `where` names the file in messages."""
    _check_depth(text, where, max_depth)

    def number(parse: type[int] | type[float]) -> Any:
        def convert(literal: str) -> Any:
            return _TooLong(literal) if len(literal) > max_number_chars else parse(literal)
        return convert

    try:
        data = json.loads(text, object_pairs_hook=_pairs, parse_int=number(int), parse_float=number(float))
    except json.JSONDecodeError as exc:
        raise ReadError(where, "", f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:  # not reached after the depth check; kept so no input can end in a traceback
        raise ReadError(where, "", "not valid JSON: nested too deeply") from None
    _check_values(data, where, max_number_chars)
    return data


def _check_depth(text: str, where: str, max_depth: int) -> None:
    depth = 0
    in_string = False
    for match in _STRUCTURE.finditer(text):
        token = match.group()
        if token == '"':
            in_string = not in_string
        elif in_string or token[0] == "\\":
            continue
        elif token in "[{":
            depth += 1
            if depth > max_depth:
                line = text.count("\n", 0, match.start()) + 1
                raise ReadError(where, "", f"nested more than {max_depth} levels deep (line {line})")
        else:
            depth -= 1


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            marked = _Duplicated(pairs)
            marked.duplicate = key
            return marked
        result[key] = value
    return result


def _check_values(data: Any, where: str, max_number_chars: int) -> None:
    """Walk the parsed data in file order (no recursion) for duplicate keys and over-long numbers."""
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:
        node, path = stack.pop()
        if isinstance(node, _Duplicated):
            field = f"{path}.{node.duplicate}" if path else node.duplicate
            raise ReadError(where, field, "the key is given twice in the same object (keep one)")
        if isinstance(node, _TooLong):
            digits = sum(ch.isdigit() for ch in node.literal)
            raise ReadError(where, path or "(the whole file)",
                            f"a number of {digits:,} digits is too long (at most {max_number_chars} characters)")
        if isinstance(node, dict):
            children = [(value, f"{path}.{key}" if path else str(key)) for key, value in node.items()]
        elif isinstance(node, list):
            children = [(value, f"{path}.{index}" if path else str(index)) for index, value in enumerate(node)]
        else:
            continue
        stack.extend(reversed(children))
