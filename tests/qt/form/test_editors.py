"""The unit-aware number parsing and formatting behind the form's editors."""

from __future__ import annotations

import pytest

from desktop.qt.form.editors import ParseError, format_number, parse_number
from desktop.qt.form.workload_form import accepted_range


@pytest.mark.parametrize(("text", "unit", "expected"), [
    ("30M", "requests/month", 30_000_000), ("1.5k", "", 1500), ("2B", "", 2_000_000_000),
    ("30,000,000", "", 30_000_000), ("120 ms", "ms", 120), ("1,024 MB", "MB", 1024), ("0.5", "vCPU", 0.5),
    (" 7_500 ", "", 7500), ("3e6", "", 3_000_000), ("70 %", "%", 70),
])
def test_parse_number_accepts_units_separators_and_suffixes(text: str, unit: str, expected: float) -> None:
    assert parse_number(text, unit) == expected


@pytest.mark.parametrize("text", ["", "abc", "1..2", "12x", "--3", "1e999"])
def test_parse_number_rejects_non_numbers_with_a_message(text: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_number(text)
    assert str(info.value).startswith("is ")


def test_format_number() -> None:
    assert format_number(30_000_000, True) == "30,000,000"
    assert format_number(0.5, False) == "0.5"
    assert format_number(120.0, False) == "120"
    assert format_number(95.25, False) == "95.25"


def test_accepted_range_comes_from_the_model() -> None:
    assert accepted_range("lambda.memory_mb", unit="MB") == "128 to 10,240 MB"
    assert accepted_range("container.target_utilization", 100.0, "%") == "10 to 100 %"
    assert accepted_range("name") == ""
