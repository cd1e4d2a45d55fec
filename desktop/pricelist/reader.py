"""Read one offer file, CSV or JSON, into its header and the records ComputeFit keeps."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop.pricelist.read_csv import read_csv_offer
from desktop.pricelist.read_json import read_json_offer
from desktop.pricelist.records import OfferHeader, PriceListError, PriceRecord
from desktop.pricelist.stream import sniff


def read_offer(path: Path, known_types: frozenset[str], on_bytes: Callable[[int], None] = lambda n: None
               ) -> tuple[OfferHeader, list[PriceRecord]]:
    """The offer's header and kept records (raises PriceListError: one line naming the file and the row or field).

    `known_types` are the EC2 instance types the book describes (others are not kept); `on_bytes(n)` is called
    as the file is read: once per byte for CSV, twice for JSON (two passes); it may raise to cancel.
    """
    fmt = sniff(path)
    try:
        if fmt == "json":
            return read_json_offer(path, known_types, on_bytes)
        return read_csv_offer(path, known_types, on_bytes)
    except PriceListError:
        raise
    except MemoryError:
        raise PriceListError(path, "", "ran out of memory reading the file") from None
    except OSError as exc:
        raise PriceListError(path, "", f"cannot be read ({exc.strerror or exc})") from None


def passes(path: Path) -> int:
    """How many times a file is read (for progress): JSON twice, CSV once."""
    return 2 if sniff(path) == "json" else 1
