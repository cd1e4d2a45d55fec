"""Shared fixtures. Qt runs offscreen; the model tests need no display at all."""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never the developer's own user price book: each test run starts with an empty application data folder.
os.environ["COMPUTEFIT_DATA_DIR"] = tempfile.mkdtemp(prefix="computefit-data-")

from desktop.model.pricing.book import PriceBook, load_price_book
from desktop.model.workload.files import load_workload
from desktop.model.workload.spec import Workload
from desktop.resources import examples_dir, price_book_path

REPO = Path(__file__).resolve().parent.parent
atexit.register(shutil.rmtree, os.environ["COMPUTEFIT_DATA_DIR"], ignore_errors=True)


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app never opens a network connection: any attempt in any test fails it."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network connection attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture(scope="session")
def book() -> PriceBook:
    return load_price_book(price_book_path())


@pytest.fixture(scope="session")
def examples() -> dict[str, Workload]:
    """The bundled example workloads by file stem (e.g. "http-api")."""
    return {p.name.removesuffix(".workload.json"): load_workload(p)
            for p in sorted(examples_dir().glob("*.workload.json"))}


def make_workload(**sections: object) -> Workload:
    """A workload from keyword sections, e.g. make_workload(traffic={...}, front_door="none")."""
    data: dict[str, object] = {"name": "test"}
    data.update(sections)
    return Workload.model_validate(data)
