"""Strict JSON for the files ComputeFit reads: bounded nesting and numbers, no duplicate keys.

`loads_strict(text, where)`:
- nesting deeper than MAX_DEPTH, or more than MAX_CONTAINERS objects and arrays, is refused before parsing, by
  a linear scan that never recurses (naming the line), so a file of 100,000 "[" costs a millisecond, not the
  stack;
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
MAX_CONTAINERS = 1_000_000  # objects and arrays in one file; the bundled price book has about 20,000
SCAN_CHUNK = 1 << 20
QUICK_CHARS = 1 << 20  # a text this short holds fewer objects and arrays than MAX_CONTAINERS
_STRING = re.compile(r'"[^"]*"')
_BRACKET = re.compile(r"[\[\]{}]")


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
    """Parse JSON text strictly (see the module's notes); `where` names the file in messages.

    The common case costs the C parser alone: numbers are converted by it unless a run of number characters
    longer than `max_number_chars` appears somewhere (then each number is looked at), and the parsed data is
    walked (to name a field) only when an object had a key twice or a number was too long."""
    _check_depth(text, where, max_depth)
    marked: list[Any] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result = _pairs(items)
        if isinstance(result, _Duplicated):
            marked.append(result)
        return result

    def number(parse: type[int] | type[float]) -> Any:
        def convert(literal: str) -> Any:
            if len(literal) > max_number_chars:
                marked.append(literal)
                return _TooLong(literal)
            return parse(literal)
        return convert

    hooks: dict[str, Any] = {}
    if re.search(f"[-+.eE0-9]{{{max_number_chars + 1}}}", text):
        hooks = {"parse_int": number(int), "parse_float": number(float)}
    try:
        data = json.loads(text, object_pairs_hook=pairs, **hooks)
    except json.JSONDecodeError as exc:
        raise ReadError(where, "", f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:  # not reached after the depth check; kept so no input can end in a traceback
        raise ReadError(where, "", "not valid JSON: nested too deeply") from None
    if marked:
        _check_values(data, where, max_number_chars)
    return data


def _shallow(text: str, max_depth: int) -> bool:
    """A short text the scan would surely let through (then its set-up, about 2 ms whatever the size, is saved):
    at most `max_depth` opening brackets, or never more than that many open at once outside strings, strings
    followed as the scan follows them (escaped backslashes and quotes neutralised first, anywhere; an unclosed
    string's brackets counted, a closing bracket never taking the count below 0). False: the scan decides, and
    names the line."""
    if len(text) > QUICK_CHARS:
        return False
    if text.count("{") + text.count("[") <= max_depth:
        return True
    depth = 0
    for bracket in _BRACKET.findall(_STRING.sub("", text.replace("\\\\", "__").replace('\\"', "__"))):
        depth = depth + 1 if bracket in "[{" else max(depth - 1, 0)
        if depth > max_depth:
            return False
    return True


def _check_depth(text: str, where: str, max_depth: int) -> None:
    """Nesting and the number of objects and arrays, by a linear scan before parsing (desktop.files.json_guard:
    vectorised, a few ms per MB), so a file of 100,000 "[" costs neither the stack nor a Python loop. A short
    shallow text (a workload file, a line of a fleet) skips the scan, and numpy with it."""
    if _shallow(text, max_depth):
        return
    from desktop.files.json_guard import JsonLimitError, JsonLimits, JsonScan

    data = text.encode("utf-8", "surrogatepass")
    unlimited = len(data) + 1
    scan = JsonScan(JsonLimits(depth=max_depth, digits=unlimited, string_bytes=unlimited, item_bytes=unlimited,
                               item_depth=unlimited, containers=MAX_CONTAINERS))
    try:
        for start in range(0, len(data), SCAN_CHUNK):
            scan.feed(data[start:start + SCAN_CHUNK])
    except JsonLimitError as exc:
        raise ReadError(where, "", f"{exc.problem} (line {exc.line})") from None


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
