"""Read one offer file, CSV or JSON, into its header and the records ComputeFit keeps."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop.pricelist.offers.read_csv import read_csv_offer
from desktop.pricelist.offers.read_json import read_json_offer
from desktop.pricelist.offers.records import OfferHeader, PriceListError, PriceRecord
from desktop.pricelist.offers.stream import open_offer


def read_offer(path: Path, known_types: frozenset[str], on_bytes: Callable[[int], None] = lambda n: None
               ) -> tuple[OfferHeader, list[PriceRecord]]:
    """The offer's header and kept records (raises PriceListError: one line naming the file and the row or field).

    `known_types` are the EC2 instance types the book describes (others are not kept); `on_bytes(n)` is called
    as the file is read, about once per byte (JSON's two passes each read a part); it may raise to cancel.
    """
    handle, fmt, start = open_offer(path)
    try:
        if fmt == "json":
            return read_json_offer(path, handle, start, known_types, on_bytes)
        return read_csv_offer(path, handle, known_types, on_bytes)
    except PriceListError:
        raise
    except MemoryError:
        raise PriceListError(path, "", "ran out of memory reading the file") from None
    except OSError as exc:
        raise PriceListError(path, "", f"cannot be read ({exc.strerror or exc})") from None
    finally:
        handle.close()


def check_offer(path: Path) -> None:
    """Refuse at once (PriceListError) what is not a regular, non-empty, text offer file."""
    handle, _, _ = open_offer(path)
    handle.close()
