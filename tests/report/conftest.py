"""Helpers for the report tests: PDF text the way a reader's tool extracts it."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest
from pypdf import PdfReader

from desktop.present import i18n


def pdf_text(data: bytes) -> str:
    """All pages' text, whitespace normalised (pypdf returns word gaps as tabs and newlines)."""
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages)).strip()


def squeeze(text: str) -> str:
    """Text without any whitespace: table cells wrap labels at different places on A4 and Letter."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="session")
def qt_app(qapp):  # type: ignore[no-untyped-def]
    """A QApplication made by pytest-qt before any export makes its own."""
    return qapp


@pytest.fixture
def german() -> Iterator[None]:
    """The report speaks German for the test, English again after it."""
    assert i18n.set_language("de") == "de"
    try:
        yield
    finally:
        i18n.set_language("en")
