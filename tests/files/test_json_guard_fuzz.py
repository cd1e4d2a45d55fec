"""The JSON guard (desktop/files/json_guard.py) against a plain byte-by-byte reference, on generated JSON-shaped
bytes cut into chunks of every size: both refuse the same inputs (nesting, digit runs outside strings, long
strings with escaped quotes and backslashes, also across chunk boundaries). And the Price List import, fuzzed
with hostile fragments spliced into a JSON and a CSV offer, only ever succeeds or refuses with PriceListError."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.files.json_guard import GuardedStream, JsonLimitError, JsonLimits
from desktop.pricelist.offers.importer import import_files
from desktop.pricelist.offers.records import PriceListError
from tests.pricelist.offer_files import csv_to_json_data

DEPTH, DIGITS, STRING = 4, 6, 8
LIMITS = JsonLimits(depth=DEPTH, digits=DIGITS, string_bytes=STRING, item_bytes=10**9, item_depth=10**9)
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_string_char = st.sampled_from([b"a", b"7", b"[", b"}", b" ", b"\\\\", b'\\"', b"\\n", b"\\u0041"])
_string = st.lists(_string_char, max_size=6).map(lambda parts: b'"' + b"".join(parts) + b'"')
_number = st.integers(1, 9).map(lambda n: b"-" + b"1" * n + b".5e3")
_token = st.one_of(_string, _number, st.sampled_from([b"[", b"]", b"{", b"}", b",", b":", b" ", b"\n", b"true"]))
documents = st.lists(_token, max_size=60).map(b"".join)


def reference(data: bytes) -> bool:
    """Whether `data` breaks a limit, read byte by byte."""
    depth = digits = length = 0
    in_string = escaped = False
    for byte in data:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:
                escaped = True
            elif byte == 0x22:
                in_string = False
                if length > STRING:
                    return True
                continue
            length += 1
            continue
        if byte == 0x22:
            in_string, length, digits = True, 0, 0
        elif 0x30 <= byte <= 0x39:
            digits += 1
            if digits > DIGITS:
                return True
            continue
        elif byte in b"[{":
            depth += 1
            if depth > DEPTH:
                return True
        elif byte in b"]}":
            depth -= 1
        digits = 0
    return in_string and length > STRING


def guarded(data: bytes, chunk: int) -> bool:
    stream = GuardedStream(io.BytesIO(data), LIMITS)
    try:
        while stream.read(chunk):
            pass
    except JsonLimitError:
        return True
    return False


@FUZZ
@given(documents, st.integers(1, 40))
def test_the_guard_refuses_what_a_byte_by_byte_reading_refuses(data: bytes, chunk: int) -> None:
    assert guarded(data, chunk) == reference(data), (data, chunk)


LAMBDA = Path(__file__).resolve().parent.parent / "fixtures" / "pricelist" / "AWSLambda-eu-west-2.csv"
HOSTILE = [b"9" * 5000, b"[" * 3000, b'"' + b"x" * 70_000 + b'"', b"\\", b'"', b"\x00", b"\xef\xbb\xbf", b"\xff\xfe",
           b"1e999999", b'"1e999999"', b"NaN", b"\n" * 3, b",", b"}", b"{", b'"\x1b[2J"', b"-0", b"\r"]


@pytest.fixture(scope="module")
def bundled() -> dict[str, Any]:
    from desktop.pricelist.book.store import bundled_json

    return bundled_json()


@pytest.fixture(scope="module")
def offers() -> dict[str, bytes]:
    return {"json": json.dumps(csv_to_json_data(LAMBDA), indent=1).encode(), "csv": LAMBDA.read_bytes()}


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(["json", "csv"]), cuts=st.lists(st.tuples(st.floats(0, 1), st.sampled_from(HOSTILE)),
                                                            min_size=1, max_size=3))
def test_a_hostile_offer_is_imported_or_refused_in_one_line(offers: dict[str, bytes], tmp_path: Path, kind: str,
                                                             cuts: list[tuple[float, bytes]],
                                                             bundled: dict[str, Any]) -> None:
    data = offers[kind]
    for where, fragment in cuts:
        at = int(where * len(data))
        data = data[:at] + fragment + data[at:]
    path = tmp_path / f"offer.{kind}"
    path.write_bytes(data)
    try:
        import_files([path], bundled, None)
    except PriceListError as exc:
        message = str(exc)
        assert "\n" not in message.replace(str(path), "") and len(message) < 1200, message
