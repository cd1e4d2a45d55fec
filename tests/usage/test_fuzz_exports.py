"""The usage readers fuzzed: CUR 2.0 and FOCUS CSV rows whose cells are any text (huge numbers, NULL, control
characters, other providers, negative costs) and CloudWatch / CLI JSON documents of any shape each give a fleet
or one bounded line naming the file (a UsageError), never another exception. Bounded: a few dozen examples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.model.pricing.book import PriceBook
from desktop.usage.importer import import_usage
from desktop.usage.records import UsageError
from tests.usage import fixtures as fx

CELLS = st.one_of(st.text(max_size=40), st.sampled_from(["NULL", "", "-1e400", "1e999999", "9" * 500, "USD", "EUR",
                                                         "AWSLambda", "Azure", "2025-03-01T00:00:00Z", "-3.5"]))
JSON = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                              st.text(max_size=20)),
                    lambda inner: st.one_of(st.lists(inner, max_size=4),
                                            st.dictionaries(st.text(max_size=12), inner, max_size=4)), max_leaves=30)
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _outcome(path: Path, book: PriceBook) -> None:
    try:
        import_usage([path], book)
    except UsageError as refused:
        message = str(refused)
        assert "\n" not in message and len(message) <= 4000 and str(path) in message


@pytest.mark.parametrize(("name", "columns"), [("cur.csv", fx.CUR_COLUMNS), ("focus.csv", fx.FOCUS_COLUMNS)])
@FUZZ
@given(data=st.data())
def test_csv_rows_of_any_text(tmp_path: Path, book: PriceBook, name: str, columns: tuple[str, ...],
                              data: st.DataObject) -> None:
    """CUR 2.0 and FOCUS exports: rows of the export's columns, each cell any text."""
    rows = data.draw(st.lists(st.lists(CELLS, min_size=len(columns), max_size=len(columns)), max_size=6))
    path = fx.write_csv(tmp_path / name, [dict(zip(columns, row, strict=True)) for row in rows], columns)
    _outcome(path, book)


@FUZZ
@given(document=JSON, key=st.sampled_from(["MetricDataResults", "Functions", "services", "taskDefinition",
                                          "results"]))  # results: Lambda Power Tuning's output
def test_cloudwatch_and_cli_json_of_any_shape(tmp_path: Path, book: PriceBook, document: object, key: str) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps({key: document}), encoding="utf-8")
    _outcome(path, book)
