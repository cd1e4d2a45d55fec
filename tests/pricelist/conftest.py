"""Fixtures for the Price List importer: the sample files, their JSON twins, and a fresh user book folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop.model.pricing.book import PriceBook
from desktop.model.pricing.user_book import UserBook, effective_book
from desktop.pricelist.book.store import bundled_json
from desktop.pricelist.offers.importer import import_files
from tests.pricelist.offer_files import csv_to_json

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pricelist"
SAMPLES = sorted(p for p in FIXTURES.glob("*.csv") if ".constructed." not in p.name)
CONSTRUCTED = sorted(FIXTURES.glob("*.constructed.csv"))


@pytest.fixture(scope="session")
def bundled() -> dict[str, Any]:
    return bundled_json()


@pytest.fixture(scope="session")
def json_twins(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each fixture CSV written in AWS's JSON shape, by CSV file name."""
    folder = tmp_path_factory.mktemp("json-offers")
    return {p.name: csv_to_json(p, folder / p.name.replace(".csv", ".json")) for p in SAMPLES + CONSTRUCTED}


@pytest.fixture(scope="session")
def imported(bundled: dict[str, Any]) -> tuple[UserBook, PriceBook]:
    """The samples and constructed files imported into an empty user book, and the effective book."""
    layer, _ = import_files([FIXTURES], bundled, None)
    return layer, effective_book(bundled, layer)

