"""Import offer files into a user book, all or nothing.

Every file is read (and checked) first; only then is the new user book built: the old one's regions with the
imported prices on top (a price, or a whole tier list, replaces the one at the same path), its overrides and
discounts kept, the sources of the imported offers added and those no price refers to any more dropped. The
result must make a valid effective book with the bundled one before anything is written (by the caller, with
store.write_user_book). Any problem raises PriceListError, one line naming the file and the row or field.

When several files give the same price (the same region and key), the newest publication wins; two different
prices for the same thing in the same publication are refused, naming both rows.

Each imported source lists the regions its prices are in (the book refuses a price that cites a source outside
the source's regions), recomputed from the prices that cite it after every import. The book holds an ALB's hour
and LCU-hour prices as a pair (`alb`) or an hour alone (`alb_hour_only`): a file with the hour but no LCU row for
a region whose book has no LCU price gives `alb_hour_only`; an LCU row with no hour price anywhere for its region
is reported, not written.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.model.pricing.user_book import UserBook, UserBookError, effective_book, is_price
from desktop.model.pricing.walk import walk_prices
from desktop.pricelist.offers.mapping import (
    Target,
    plain,
    price_json,
    schema_accepts,
    source_json,
    target_for,
    tiers_json,
)
from desktop.pricelist.offers.read_json import OfferIndexFile
from desktop.pricelist.offers.reader import check_offer, read_offer
from desktop.pricelist.offers.records import OfferHeader, PriceListError, PriceRecord
from desktop.pricelist.offers.stream import Group, second_price

SUFFIXES = (".csv", ".json")
MAX_PRICES_PER_IMPORT = 100_000  # distinct price bands kept from all the files of one import (see stream.py)
Progress = Callable[[int, int, Path], None]  # (bytes done, bytes in all, file being read)


class ImportCancelled(Exception):
    """Raise it from the progress callback to stop an import (a Cancel button): nothing is written."""


@dataclass
class ImportReport:
    headers: list[OfferHeader] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # offer indexes found in folders
    written: dict[str, int] = field(default_factory=dict)  # region -> prices written
    waiting: list[str] = field(default_factory=list)  # parsed; the schema has no place for them yet
    not_used: list[str] = field(default_factory=list)  # parsed; not written by design
    allowances: list[str] = field(default_factory=list)  # free-tier rows seen
    empty: list[str] = field(default_factory=list)  # files with no row ComputeFit uses


def collect_files(arguments: Sequence[Path]) -> list[tuple[Path, bool]]:
    """(file, found in a folder) for each argument: a file as given, a folder's .csv/.json files (recursively)."""
    found: list[tuple[Path, bool]] = []
    for argument in arguments:
        if argument.is_dir():
            inside = sorted(p for p in argument.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not inside:
                raise PriceListError(argument, "", "no .csv or .json files in this folder")
            found.extend((p, True) for p in inside)
        elif argument.exists():
            found.append((argument, False))
        else:
            raise PriceListError(argument, "", "file not found")
    return found


def read_all(files: list[tuple[Path, bool]], known_types: frozenset[str], progress: Progress | None,
             report: ImportReport) -> list[tuple[OfferHeader, list[PriceRecord]]]:
    for path, _ in files:
        check_offer(path)  # a FIFO, device, empty or binary file is refused before any file is read
    sizes = {path: path.stat().st_size for path, _ in files}
    total = sum(sizes.values()) or 1
    done = kept = 0
    results = []
    for path, in_folder in files:
        start = done

        def on_bytes(count: int, path: Path = path) -> None:
            nonlocal done
            done += count
            if progress is not None:
                progress(min(done, total), total, path)

        try:
            header, records = read_offer(path, known_types, on_bytes)
        except OfferIndexFile as exc:
            if not in_folder:
                raise
            report.skipped.append(f"{path}: skipped, {exc.problem}")
            done = start + sizes[path]
            continue
        done = start + sizes[path]
        kept += len(records)
        if kept > MAX_PRICES_PER_IMPORT:
            raise PriceListError(path, "", f"the files give more than {MAX_PRICES_PER_IMPORT:,} distinct prices "
                                 "ComputeFit uses; import fewer at a time")
        report.headers.append(header)
        if not records:
            report.empty.append(f"{path}: no rows ComputeFit uses ({header.offer_code})")
        results.append((header, records))
    return results


def _choose(results: list[tuple[OfferHeader, list[PriceRecord]]]
            ) -> dict[Group, tuple[OfferHeader, list[PriceRecord]]]:
    """Per region and key: the records of the newest publication that has them."""
    chosen: dict[Group, tuple[OfferHeader, list[PriceRecord]]] = {}
    for header, records in results:
        grouped: dict[Group, list[PriceRecord]] = defaultdict(list)
        for record in records:
            grouped[(record.region, record.key)].append(record)
        for group, found in grouped.items():
            current = chosen.get(group)
            rank = (header.publication, header.version)
            if current is None or rank > (current[0].publication, current[0].version):
                chosen[group] = (header, found)
            elif rank == (current[0].publication, current[0].version):
                chosen[group] = (current[0], current[1] + found)  # the same offer in two files
    return chosen


def _settle(header: OfferHeader, group: Group, records: list[PriceRecord]) -> list[PriceRecord]:
    """The distinct bands of one price, in order, checked: from 0, contiguous, the last one open."""
    by_begin: dict[Decimal, PriceRecord] = {}
    for record in records:
        seen = by_begin.get(record.begin)
        if seen is None:
            by_begin[record.begin] = record
        elif (seen.end, seen.usd) != (record.end, record.usd):
            raise second_price(header, group, seen, record)
    bands = [by_begin[b] for b in sorted(by_begin)]
    if bands[0].allowance:
        return bands
    expected: Decimal | None = Decimal(0)
    for band in bands:
        if expected is None or band.begin != expected:
            raise PriceListError(header.path, band.where, f"tiers of {'.'.join(group[1])} in {group[0]} leave a "
                                 f"gap or overlap at {plain(band.begin)}")
        expected = band.end
    if expected is not None:
        raise PriceListError(header.path, bands[-1].where, f"the last tier of {'.'.join(group[1])} in {group[0]} "
                             f"ends at {plain(expected)}; an open end (Inf) was expected")
    return bands


def _put(regions: dict[str, Any], region: str, path: tuple[str, ...], value: Any) -> None:
    node = regions.setdefault(region, {})
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value


def _describe(offer: str, key: tuple[str, ...], target: Target | None, regions: list[str]) -> str:
    where = ", ".join(sorted(regions)[:6]) + (f" and {len(regions) - 6} more" if len(regions) > 6 else "")
    goes = "" if target is None else f" -> regions.<region>.{'.'.join(target.resolve(key))} ({target.unit})"
    return f"{offer} {'.'.join(key)}{goes}: {where}"


def build_fragment(results: list[tuple[OfferHeader, list[PriceRecord]]], report: ImportReport,
                   free_tier: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, dict[str, str]]]:
    """The imported prices as partial regions of the book's JSON, and the sources they cite."""
    regions: dict[str, Any] = {}
    sources: dict[str, dict[str, str]] = {}
    waiting: dict[tuple[str, tuple[str, ...]], tuple[Target | None, list[str]]] = {}
    not_used: dict[tuple[str, tuple[str, ...]], tuple[Target | None, list[str]]] = {}
    for group, (header, records) in sorted(_choose(results).items()):
        region, key = group
        bands = _settle(header, group, records)
        if bands[0].allowance:
            band = bands[0]
            book_value = free_tier.get(key[-1])
            known = f"; the book has {book_value:,}" if isinstance(book_value, int) else ""
            report.allowances.append(f"{header.offer_code} free tier {key[-1]}: {plain(band.end or Decimal(0))} "
                                     f"{band.unit} a month ({header.path.name} {band.where}){known}; not written")
            continue
        _, target = target_for(header.offer_code, key)
        pattern = (header.offer_code, key if target is None or "*" not in target.path else (*key[:-1], "*"))
        if target is None or not schema_accepts(target, key):
            bucket = not_used if target is None else waiting
            bucket.setdefault(pattern, (target, []))[1].append(region)
            continue
        if target.tiered:
            value: Any = tiers_json(header, bands, target)
        elif len(bands) == 1:
            value = price_json(header, bands[0], target)
        else:
            raise PriceListError(header.path, bands[1].where, f"{'.'.join(key)} in {region} has {len(bands)} "
                                 "price tiers where the price book holds one price")
        _put(regions, region, target.resolve(key), value)
        regions[region].setdefault("name", bands[0].location or region)
        sources[header.source_key] = source_json(header)
        report.written[region] = report.written.get(region, 0) + (len(bands) if target.tiered else 1)
    report.waiting = [_describe(o, k, t, r) for (o, k), (t, r) in sorted(waiting.items())]
    report.not_used = [_describe(o, k, t, r) for (o, k), (t, r) in sorted(not_used.items())]
    return regions, sources


def _merge_regions(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    merged = copy.deepcopy(old)
    for region, prices in new.items():
        merged[region] = _deep(merged.get(region, {}), prices)
    return merged


def _deep(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    for key, value in over.items():
        current = base.get(key)
        if isinstance(value, dict) and isinstance(current, dict) and not is_price(value):
            base[key] = _deep(current, value)
        else:
            base[key] = copy.deepcopy(value)
    return base


def _cited(regions: dict[str, Any]) -> dict[str, set[str]]:
    """Source key -> the regions whose prices cite it."""
    found: dict[str, set[str]] = defaultdict(set)
    for region, prices in regions.items():
        for _, price in walk_prices(prices, is_price):
            found[str(price.get("source", ""))].add(region)
    return found


def _settle_alb(fragment: dict[str, Any], layer_regions: Mapping[str, Any], bundled_regions: Mapping[str, Any],
                report: ImportReport) -> None:
    """Fit imported ALB prices to the book's two shapes: the pair `alb`, or `alb_hour_only` (in place)."""
    for region, prices in fragment.items():
        alb = prices.get("alb")
        if not isinstance(alb, dict):
            continue
        have = {**(bundled_regions.get(region, {}).get("alb") or {}),
                **(layer_regions.get(region, {}).get("alb") or {})}
        if "hour" in alb and "lcu_hour" not in alb and "lcu_hour" not in have:
            prices["alb_hour_only"] = prices.pop("alb")["hour"]
        elif "lcu_hour" in alb and "hour" not in alb and "hour" not in have:
            del prices["alb"]
            report.not_used.append(f"AWSELB alb.lcu_hour: {region} (no ALB-hour price for it in the files or the "
                                   "book; the book holds ALB prices as a pair)")
            report.written[region] -= 1
            if not report.written[region]:
                del report.written[region]
            if set(prices) <= {"name"}:
                fragment[region] = {}
    for region in [r for r, p in fragment.items() if not p]:
        del fragment[region]


def _drop_superseded_alb(regions: dict[str, Any], fragment: Mapping[str, Any]) -> None:
    """An earlier import's `alb_hour_only` goes when this one gives the pair, and the other way round."""
    for region, prices in fragment.items():
        merged = regions.get(region, {})
        if "alb" in prices:
            merged.pop("alb_hour_only", None)
        elif "alb_hour_only" in prices:
            merged.pop("alb", None)


def import_files(arguments: Sequence[Path], bundled: Mapping[str, Any], existing: UserBook | None,
                 progress: Progress | None = None, today: dt.date | None = None) -> tuple[UserBook, ImportReport]:
    """The new user book (not written) and what the import did; raises PriceListError."""
    report = ImportReport()
    files = collect_files(arguments)
    known_types = frozenset(bundled.get("instance_types", {}))
    results = read_all(files, known_types, progress, report)
    fragment, new_sources = build_fragment(results, report, bundled.get("free_tier", {}))
    base = existing or UserBook()
    _settle_alb(fragment, base.regions, bundled.get("regions", {}), report)
    regions = _merge_regions(base.regions, fragment)
    _drop_superseded_alb(regions, fragment)
    cited = _cited(regions)
    sources = {k: v.model_dump() for k, v in base.sources.items()} | new_sources
    data = base.to_json_dict() | {
        "regions": regions,
        "sources": {k: {**v, "regions": sorted(cited[k])} for k, v in sources.items() if k in cited},
        "updated": (today or dt.date.today()).isoformat(),
    }
    try:
        layer = UserBook.model_validate(data)
        effective_book(bundled, layer)
    except UserBookError as exc:
        names = ", ".join(str(h.path) for h in report.headers)
        raise PriceListError(names, "", f"the imported prices would not make a valid price book: {exc}") from None
    return layer, report
