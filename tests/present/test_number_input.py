"""The number parser behind the form and the questionnaire, Qt-free: the locale's separators (a comma is a decimal
only where the format says so; an ambiguous entry is refused, never misread), multipliers, units and rates turned
into a month of the stated length."""

from __future__ import annotations

import pytest

from desktop.model.workload.spec import Workload
from desktop.present.numbers import ENGLISH, GERMAN, NumberFormat, ParseError, parse_number, parse_quantity

FRENCH = NumberFormat(",", "\u202f", "French")


@pytest.mark.parametrize(("text", "fmt", "expected"), [
    ("2,5", GERMAN, 2.5), ("1.234,5", GERMAN, 1234.5), ("0,25", GERMAN, 0.25), ("30.000.000", GERMAN, 30_000_000),
    ("1,5k", GERMAN, 1500), ("1.024 MB", GERMAN, 1024), ("3e6", GERMAN, 3_000_000),
    ("2.5", ENGLISH, 2.5), ("1,234.5", ENGLISH, 1234.5), ("30,000,000", ENGLISH, 30_000_000),
    ("1.5k", ENGLISH, 1500), ("12,34,567", ENGLISH, 1_234_567),  # India's grouping
    ("1\u202f234,5", FRENCH, 1234.5), ("1 234,5", FRENCH, 1234.5),
])
def test_the_locales_separators_are_read(text: str, fmt: NumberFormat, expected: float) -> None:
    assert parse_number(text, "MB" if "MB" in text else "", fmt=fmt) == expected


@pytest.mark.parametrize(("text", "fmt", "says"), [
    ("2,5", ENGLISH, "type 2.5 for a decimal"), ("0,25", ENGLISH, "type 0.25 for a decimal"),
    ("1,5k", ENGLISH, "ambiguous"), ("1.5", GERMAN, "type 1,5 for a decimal"), ("0.25", GERMAN, "ambiguous"),
    ("1.5", FRENCH, "the decimal separator is ','"), ("1,2,3", ENGLISH, "ambiguous"), ("1.234.5", ENGLISH, "not a"),
])
def test_an_ambiguous_entry_is_refused_with_a_message_never_misread(text: str, fmt: NumberFormat, says: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_number(text, fmt=fmt)
    assert says in str(info.value) and str(info.value).startswith("is ")


def test_the_month_length_is_the_models() -> None:
    month = Workload(name="x").assumptions.month_hours
    assert month == 730.0  # AWS's month: what a rate is turned into unless the workload says otherwise


@pytest.mark.parametrize(("text", "per_month"), [
    ("2000/s", 2000 * 3600 * 730), ("120/min", 120 * 60 * 730), ("5M/day", 5e6 * 730 / 24),
    ("3k requests per hour", 3000 * 730), ("1.5k a day", 1500 * 730 / 24), ("7M/week", 7e6 * 730 / 168),
    ("30M/month", 30e6), ("5 M/day", 5e6 * 730 / 24), ("2000 req/sec", 2000 * 3600 * 730),
])
def test_rates_become_a_month_of_the_stated_length(text: str, per_month: float) -> None:
    parsed = parse_quantity(text, "requests/month", month_hours=730.0)
    assert parsed.value == pytest.approx(per_month)
    assert "730-hour month" in parsed.note and f"{round(per_month):,} a month" in parsed.note


def test_a_rate_follows_the_workloads_month_and_the_locale() -> None:
    parsed = parse_quantity("2,5k/h", fmt=GERMAN, month_hours=720.0)
    assert parsed.value == 2500 * 720
    assert parsed.note.endswith("= 1.800.000 a month") and "720-hour month" in parsed.note


@pytest.mark.parametrize(("text", "month_hours", "says"), [
    ("2000/s", None, "only the monthly volumes"), ("20/fortnight", 730.0, "not a rate this field reads"),
])
def test_a_rate_where_none_is_read_is_refused(text: str, month_hours: float | None, says: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_quantity(text, month_hours=month_hours)
    assert says in str(info.value)


def test_plain_numbers_carry_no_note() -> None:
    assert parse_quantity("30M", month_hours=730.0).note == ""
    assert parse_quantity("30M requests/month", "requests/month", month_hours=730.0).value == 30e6


@pytest.mark.parametrize(("english", "german"), [
    ("~$1,234.56\n+ 2 not priced", "~$1.234,56\n+ 2 not priced"),
    ("peak 2.0 concurrent (average 1.1), 1,024 MB", "peak 2,0 concurrent (average 1,1), 1.024 MB"),
    ("Recommended: A, B and C; $36.04 against $47.13", "Recommended: A, B and C; $36,04 against $47,13"),
    ("version 6.11.3 on 2026-12-01", "version 6.11.3 on 2026-12-01"), ("at 87.6M", "at 87,6M"),
    ("12 rules, 3 tasks", "12 rules, 3 tasks"),
])
def test_shown_numbers_follow_the_locale_and_punctuation_stays(english: str, german: str) -> None:
    from desktop.present.numbers import localize_numbers

    assert localize_numbers(english, GERMAN) == german
    assert localize_numbers(english, ENGLISH) == english
