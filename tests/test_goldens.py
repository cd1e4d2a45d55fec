"""What the app says for the examples and their variants is what it said when the goldens were recorded.

A change that must not move a number (a refactor) keeps every file byte-identical. A change that moves numbers
on purpose rewrites them with `python -m tests.goldens.make_goldens` and the diff shows what moved.
"""

from __future__ import annotations

import pytest

from tests.goldens.make_goldens import OUT, cases, render

CASES = cases()


@pytest.mark.parametrize("name", sorted(CASES))
def test_outputs_match_the_recorded_goldens(name: str) -> None:
    for file_name, text in render(CASES[name]).items():
        expected = (OUT / name / file_name).read_text(encoding="utf-8")
        assert text == expected, f"{name}/{file_name} differs from the golden"


def test_every_golden_case_is_recorded() -> None:
    assert sorted(p.name for p in OUT.iterdir() if p.is_dir()) == sorted(CASES)
