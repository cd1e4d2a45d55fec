"""Where the app's bundled files are: in a source checkout, an installed wheel and the frozen bundle alike."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The repository's `resources/` folder, wherever the app runs from.

    Frozen (PyInstaller): `resources/` inside the bundle. Installed from a wheel or sdist: `desktop/_resources`,
    where setup.py maps the folder. Source checkout or editable install: `resources/` beside the package.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    package = Path(__file__).resolve().parent
    installed = package / "_resources"
    if installed.is_dir():
        return installed
    return package.parent / "resources"


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
