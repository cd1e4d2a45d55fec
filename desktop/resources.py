"""Where the app's bundled files are, the same way from a source checkout and from the frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The `resources/` folder: beside the package in a checkout, inside the bundle when frozen."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def price_book_path() -> Path:
    return resource("pricing", "price-book.json")


def examples_dir() -> Path:
    return resource("examples")


def default_example_path() -> Path:
    return examples_dir() / "http-api.workload.json"


def icon_path() -> Path:
    return resource("icons", "computefit.svg")
