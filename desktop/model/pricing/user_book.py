"""The user price book: a partial layer over the bundled book, and the effective book the app prices with.

The layer is a JSON file in the bundled book's shape that holds only what it sets, plus overrides and discounts:

    {"kind": "computefit-user-price-book", "schema_version": 1,
     "sources": {"PL-AWSLambda-20260831092318": {...}},
     "regions": {"eu-west-2": {"name": "EU (London)", "lambda": {"requests": {...}}}},
     "overrides": {"eu-west-2/lambda/requests": {"usd": "0.18", "note": "private pricing 2026", "as_of": "2026-12-01"}},
     "discounts": {"all": "3", "lambda": "10"}}

`effective_book(bundled, layer)` merges at the JSON level and validates the result once as a PriceBook. Every price
of the result says where it comes from in `Price.origin`:
- "bundled": the bundled book's price, untouched (the bundled file itself never changes);
- "imported": a price from the layer's `regions` (written there by `computefit prices import`); it replaces the
  bundled price at the same path, and a tier list replaces the whole list; a region the bundled book lacks is
  added under the layer's name for it (the bundled name is kept for regions it has);
- "overridden": the user's own price. An override replaces the value, the note, the date and the confidence
  (as the user set it; B when not set: A is kept for prices AWS publishes) and keeps the unit of the price it
  replaces (`unit` is needed only where the book has no price). Its source is USER_SOURCE.
- "yours": the user's own price typed where the book has none (an override with a `unit`): shown as "yours", with
  the user's note and date, wherever it is used; like an override, never discounted.
A layer's complete `alb` replaces the bundled `alb_hour_only` of its region. A layer's source may not redefine a
bundled source of the same name (it could widen the regions a one-region source's prices may be cited in).
Discounts take a percentage off every price of a section ("lambda", "fargate", "ec2", ...) or of "all" sections;
a section's own percentage wins over "all" (they do not stack), and overridden prices are not discounted (an
override is the price actually paid). A discounted price keeps its origin and says the discount in its note.

A price path names one price: "<region>/<section>/.../<name>", with a 1-based tier number for a tiered price,
e.g. "eu-west-2/lambda/requests", "eu-west-2/ec2/on_demand/m5.large", "eu-west-2/lambda/duration/arm64/2".
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from desktop.model.pricing.book import (
    PRICE_BOOK_SCHEMA_VERSION,
    Confidence,
    PriceBook,
    RegionPrices,
    Source,
    Unit,
    known_version,
)
from desktop.model.pricing.walk import walk_prices
from desktop.model.schema.prices import USERS_OWN

USER_BOOK_KIND = "computefit-user-price-book"
USER_SOURCE = "USER"
ALL_SECTIONS = "all"
MAX_OVERRIDE_USD = Decimal("1e9")  # USD a unit: no price is a billion dollars a unit
MIN_OVERRIDE_EXPONENT = -30  # a non-zero price below 1e-30 USD is a typing slip, and would print 30+ zeros
COMMITMENTS = "commitments"  # Savings Plans and RI rates per service (desktop.model.schema.commitments)


class UserBookError(ValueError):
    """A user book that cannot be used: each problem is one line naming the field or price path."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def sections() -> tuple[str, ...]:
    """The price sections of a region ("lambda", "fargate", ...), as the book's schema has them today."""
    return tuple(info.alias or name for name, info in RegionPrices.model_fields.items() if name != "name")


class Override(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)  # built when a user book is read

    usd: Decimal = Field(..., ge=0, le=MAX_OVERRIDE_USD, allow_inf_nan=False)
    note: str = Field(..., min_length=1, description="why: e.g. 'private pricing, 2026 contract'")
    as_of: dt.date
    confidence: Confidence = "B"
    unit: Unit | None = Field(None, description="only where the book has no price at this path")

    @field_validator("usd")
    @classmethod
    def _sane(cls, value: Decimal) -> Decimal:
        if value and value.adjusted() < MIN_OVERRIDE_EXPONENT:
            raise ValueError(f"{value} is too small to be a price (at least 1E{MIN_OVERRIDE_EXPONENT}, or 0)")
        return value


class UserBook(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)  # built when a user book is read

    kind: Literal["computefit-user-price-book"] = "computefit-user-price-book"
    schema_version: int = PRICE_BOOK_SCHEMA_VERSION
    title: str = "User price book"
    updated: dt.date | None = None
    sources: dict[str, Source] = Field(default_factory=dict)
    regions: dict[str, dict[str, Any]] = Field(default_factory=dict, description="partial RegionPrices, as JSON")
    overrides: dict[str, Override] = Field(default_factory=dict, description="price path -> override")
    discounts: dict[str, Decimal] = Field(default_factory=dict, description="section or 'all' -> percent off")

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        return known_version(value, "user price book")

    @field_validator("overrides")
    @classmethod
    def _paths(cls, value: dict[str, Override]) -> dict[str, Override]:
        for path in value:
            if len(parse_price_path(path)) < 3:
                raise ValueError(f"{path!r} is not a price path (region/section/name, e.g. eu-west-2/lambda/requests)")
        return value

    @field_validator("discounts")
    @classmethod
    def _percentages(cls, value: dict[str, Decimal]) -> dict[str, Decimal]:
        known = (ALL_SECTIONS, *sections())
        for key, pct in value.items():
            if key not in known:
                raise ValueError(f"{key!r} is not a section to discount (one of {', '.join(known)})")
            if not pct.is_finite() or pct < 0 or pct >= 100:
                raise ValueError(f"{key}: a discount is a percentage from 0 to less than 100, got {pct}")
        return value

    def to_json_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = self.model_dump(mode="json", exclude_none=True)
        return data


def usable_layer(data: Mapping[str, Any]) -> tuple[UserBook, list[str]]:
    """The user book from its JSON with each override or discount that cannot be used set aside: the rest
    applies, and each one set aside has a message naming it. Raises ValidationError when the rest is not valid."""
    clean = dict(data)
    set_aside: list[str] = []
    for field, check in (("overrides", _override_problem), ("discounts", _discount_problem)):
        entries = data.get(field)
        if not isinstance(entries, dict):
            continue
        kept = {}
        for key, value in entries.items():
            problem = check(str(key), value)
            if problem:
                set_aside.append(f"{field}.{_clip(str(key))}: {problem}; set aside, the rest of the book applies")
            else:
                kept[key] = value
        clean[field] = kept
    return UserBook.model_validate(clean), set_aside


def _clip(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _override_problem(path: str, value: Any) -> str:
    if len(parse_price_path(path)) < 3:
        return "not a price path (region/section/name, e.g. eu-west-2/lambda/requests)"
    try:
        Override.model_validate(value)
    except ValidationError as exc:
        from desktop.model.workload.validation import problems_of

        return str(problems_of(exc, Override)[0])
    return ""


def _discount_problem(section: str, value: Any) -> str:
    if section not in (ALL_SECTIONS, *sections()):
        return f"not a section to discount (one of {', '.join((ALL_SECTIONS, *sections()))})"
    try:
        pct = Decimal(str(value))
    except ArithmeticError:
        return "a discount is a percentage from 0 to less than 100"
    if isinstance(value, bool) or not pct.is_finite() or pct < 0 or pct >= 100:
        return "a discount is a percentage from 0 to less than 100"
    return ""


def parse_price_path(path: str) -> tuple[str, ...]:
    return tuple(part for part in path.strip().split("/") if part)


def price_path(region: str, parts: tuple[str, ...], tier: int | None = None) -> str:
    return "/".join((region, *parts, *([str(tier)] if tier is not None else [])))


def is_price(node: object) -> bool:
    return isinstance(node, dict) and "usd" in node and "unit" in node


def _tag(node: Any, origin: str) -> Any:
    """A copy of layer JSON with every price marked with its origin."""
    if isinstance(node, dict):
        if is_price(node):  # a list price only ever comes from a discount made here, never from a file
            return {**{k: v for k, v in node.items() if k != "list_usd"}, "origin": origin}
        return {key: _tag(value, origin) for key, value in node.items()}
    if isinstance(node, list):
        return [_tag(value, origin) for value in node]
    return node


def _merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """`over` on top of `base`: objects merge key by key, a price or a list replaces what was there."""
    for key, value in over.items():
        current = base.get(key)
        if isinstance(value, dict) and isinstance(current, dict) and not is_price(value) and not is_price(current):
            base[key] = _merge(current, value)
        else:
            base[key] = copy.deepcopy(value)
    return base


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text if text not in ("-0", "") else "0"


def _discount(regions: dict[str, Any], discounts: Mapping[str, Decimal], by: str = "user") -> None:
    """Each section's percentage (or the "all" one) off its prices. The commitment rates of a service (the section
    `commitments`, e.g. commitments.fargate) take that service's percentage: the user's discount applies after
    the commitment, to the committed rate, as to the on-demand one.

    A discount applies once, to the list price: a price a layer below already discounted (the opener's user book,
    under a workshop file's discount) is discounted from its `list_usd`, and the new discount replaces the old one
    (note included). The user's own prices (overridden, yours) are the prices actually paid: never discounted."""
    for prices in regions.values():
        for section, node in _discounted_parts(prices):
            pct = discounts.get(section, discounts.get(ALL_SECTIONS))
            if pct is None or pct == 0:
                continue
            label = "" if section in discounts else " (all services)"
            said = f"{_plain(pct)}% {by} discount on {section}{label}"
            for _, price in walk_prices(node, is_price):
                if price.get("origin") not in USERS_OWN:
                    _discounted(price, pct, said)


_DISCOUNT_NOTE = re.compile(r"(?:; )?[0-9.]+% [a-z ]+ discount on [^;]*, list price [0-9.]+$")


def _discounted(price: dict[str, Any], pct: Decimal, said: str) -> None:
    """One price `pct` percent off its list price, the note saying it (`said`: "10% user discount on lambda")."""
    try:
        listed = Decimal(str(price.get("list_usd") or price["usd"]))
        discounted = _plain(listed * (100 - pct) / 100)
    except ArithmeticError:
        return  # not a price the book can hold: its validation names it
    note = str(price.get("note") or "")
    if price.get("list_usd") is not None:
        note = _DISCOUNT_NOTE.sub("", note)  # the discount below is replaced, not stacked
    price["usd"], price["list_usd"] = discounted, _plain(listed)
    said = f"{said}, list price {_plain(listed)}"
    price["note"] = f"{note}; {said}" if note else said


def _discounted_parts(prices: dict[str, Any]) -> list[tuple[str, Any]]:
    """(the section whose discount applies, its prices): each section, and each service's commitment rates."""
    parts = [(section, prices[section]) for section in sections() if section in prices and section != COMMITMENTS]
    committed = prices.get(COMMITMENTS)
    if isinstance(committed, dict):
        parts += [(service, node) for service, node in committed.items()]
    return parts


def _locate(regions: dict[str, Any], path: str, override: Override) -> tuple[dict[str, Any], str]:
    """The container and key of the price a path names (creating objects on the way for a new price)."""
    parts = parse_price_path(path)
    region, rest = parts[0], parts[1:]
    if region not in regions:
        raise UserBookError([f"overrides.{path}: region {region!r} is not in the price book"])
    node: Any = regions[region]
    for number, part in enumerate(rest):
        last = number == len(rest) - 1
        if isinstance(node, list):
            if not part.isdigit() or not 1 <= int(part) <= len(node):
                raise UserBookError([f"overrides.{path}: {part!r} is not a tier number (1 to {len(node)})"])
            tier = node[int(part) - 1]
            if not last:
                raise UserBookError([f"overrides.{path}: nothing below tier {part}"])
            return tier, "price"
        if not isinstance(node, dict) or is_price(node):
            raise UserBookError([f"overrides.{path}: {part!r} is below a price"])
        if last:
            return node, part
        if part not in node or node[part] is None:
            if override.unit is None:
                raise UserBookError([f"overrides.{path}: the book has no price here; give the override a unit"])
            node[part] = {}
        node = node[part]
    raise UserBookError([f"overrides.{path}: not a price path"])


def is_rate(node: object) -> bool:
    """A fee stated as a share of another price (a SourcedRate as JSON)."""
    return isinstance(node, dict) and "fraction" in node and "of" in node


def _override_rate(container: dict[str, Any], key: str, override: Override) -> None:
    """An override of a rate gives the percentage (12 = 12%); it keeps what the rate is a share of."""
    if override.usd > 100:
        raise UserBookError([f"overrides: {key} is a percentage of another price (0 to 100)"])
    container[key] = {"fraction": _plain(override.usd / 100), "of": container[key]["of"], "source": USER_SOURCE,
                      "as_of": override.as_of.isoformat(), "confidence": override.confidence,
                      "note": override.note, "origin": "overridden"}


def _override(regions: dict[str, Any], path: str, override: Override) -> None:
    container, key = _locate(regions, path, override)
    current = container.get(key)
    if is_rate(current):
        _override_rate(container, key, override)
        return
    if isinstance(current, list):
        raise UserBookError([f"overrides.{path}: a tiered price; add the tier number (e.g. {path}/1)"])
    if not is_price(current) and current not in (None, {}):
        raise UserBookError([f"overrides.{path}: not a price"])
    unit = override.unit or (current or {}).get("unit")
    if unit is None:
        raise UserBookError([f"overrides.{path}: the book has no price here; give the override a unit"])
    container[key] = {"usd": _plain(override.usd), "unit": unit, "source": USER_SOURCE,
                      "as_of": override.as_of.isoformat(), "confidence": override.confidence,
                      "note": override.note, "origin": "overridden" if is_price(current) else "yours"}


def _apply_override(regions: dict[str, Any], path: str, override: Override, set_aside: list[str] | None) -> None:
    region = parse_price_path(path)[0]
    before = copy.deepcopy(regions.get(region)) if set_aside is not None else None
    try:
        _override(regions, path, override)
    except (UserBookError, ArithmeticError) as exc:
        if set_aside is None:
            raise
        if before is not None:
            regions[region] = before  # nothing half made by the override stays
        problem = "; ".join(exc.problems) if isinstance(exc, UserBookError) else \
            f"overrides.{path}: {override.usd} cannot be used as a price"
        set_aside.append(f"{problem}; set aside, the rest of the book applies")


def _describe(exc: ValidationError) -> list[str]:
    from desktop.model.workload.validation import problems_of

    return [str(p) for p in problems_of(exc, PriceBook)]


def effective_book(bundled: PriceBook | Mapping[str, Any], layer: UserBook | Mapping[str, Any] | None,
                   set_aside: list[str] | None = None, discounted_by: str = "user") -> PriceBook:
    """The bundled book with the user layer on top (raises UserBookError naming the field or price path).

    With a `set_aside` list, an override that cannot be applied (its path names no price, say) is left out and
    a message naming it added to the list, instead of failing the whole book: the window and the commands start
    on any user book. Without it (a change being made) any problem raises.
    """
    mark = len(set_aside) if set_aside is not None else 0
    if isinstance(bundled, PriceBook):
        if layer is None:
            return bundled
        data: dict[str, Any] = bundled.model_dump(mode="json", by_alias=True)
    else:
        data = copy.deepcopy(dict(bundled))
    if layer is None:
        try:
            return PriceBook.model_validate(data)
        except ValidationError as exc:
            raise UserBookError(_describe(exc)) from None
    if not isinstance(layer, UserBook):
        try:
            layer = UserBook.model_validate(layer)
        except ValidationError as exc:
            from desktop.model.workload.validation import problems_of

            raise UserBookError([str(p) for p in problems_of(exc, UserBook)]) from None
    regions: dict[str, Any] = data.setdefault("regions", {})
    for code, prices in layer.regions.items():
        if not isinstance(prices, dict):
            raise UserBookError([f"regions.{code}: must be an object"])
        tagged = _tag({k: v for k, v in prices.items() if not (k == "name" and code in regions)}, "imported")
        if code not in regions and "name" not in tagged:
            raise UserBookError([f"regions.{code}.name: is required for a region the bundled book lacks"])
        merged = _merge(regions.get(code, {}), tagged)
        if "alb" in tagged and "alb_hour_only" not in tagged:
            merged.pop("alb_hour_only", None)  # the layer's complete ALB price supersedes the bundled hour alone
        regions[code] = merged
    sources: dict[str, Any] = data.setdefault("sources", {})
    redefined = [f"sources.{key}: the bundled book has a source of this name; give the layer's source another"
                 for key, source in layer.model_dump(mode="json")["sources"].items()
                 if key in sources and sources[key] != source]
    if redefined:
        raise UserBookError(redefined)
    sources.update(layer.model_dump(mode="json")["sources"])
    if layer.discounts:
        _discount(regions, layer.discounts, discounted_by)
    if layer.overrides:
        for path, override in layer.overrides.items():
            _apply_override(regions, path, override, set_aside)
        data["sources"][USER_SOURCE] = {"title": "The user's own price (user price book)",
                                        "reference": "the user's own price, with its note",
                                        "data_date": max(o.as_of for o in layer.overrides.values()).isoformat()}
    data["notes"] = [*data.get("notes", []), *layer_notes(layer)]
    try:
        return PriceBook.model_validate(data)
    except ValidationError as exc:
        culprits = _culprits(exc, layer.overrides) if set_aside is not None else {}
        if not culprits or set_aside is None:
            raise UserBookError(_describe(exc)) from None
    # the overrides that made the book invalid (a price where the schema has none...) are set aside: again without
    del set_aside[mark:]
    remaining = layer.model_copy(update={"overrides": {k: v for k, v in layer.overrides.items() if k not in culprits}})
    book = effective_book(bundled, remaining, set_aside, discounted_by)
    set_aside.extend(f"overrides.{path}: {problem}; set aside, the rest of the book applies"
                     for path, problem in culprits.items())
    return book


def _culprits(exc: ValidationError, overrides: Mapping[str, Override]) -> dict[str, str]:
    """The overrides an invalid effective book's errors point at (price path -> the first problem)."""
    found: dict[str, str] = {}
    for error, problem in zip(exc.errors(), _describe(exc), strict=True):
        loc = [str(part) for part in error.get("loc", ()) if not str(part).isdigit()]
        if loc[:1] != ["regions"] or len(loc) < 3:
            continue
        for path in overrides:
            parts = [part for part in parse_price_path(path) if not part.isdigit()]
            shorter = min(len(parts), len(loc) - 1)
            if path not in found and parts[:shorter] == loc[1:shorter + 1]:
                found[path] = problem.partition(": ")[2] or problem
    return found


DISCOUNT_NOTE = "User price book: discounts "


def layer_notes(layer: UserBook) -> list[str]:
    """What the layer changes, one line each (kept in the effective book's notes)."""
    notes = []
    if layer.sources:
        imported = ", ".join(f"{s.title} ({s.data_date})" for s in layer.sources.values())
        notes.append(f"User price book: imported {imported}.")
    if layer.discounts:
        parts = ", ".join(f"{_plain(p)}% on {k}" for k, p in layer.discounts.items())
        notes.append(f"{DISCOUNT_NOTE}{parts} (overridden prices excluded).")
    if layer.overrides:
        notes.append(f"User price book: {len(layer.overrides)} price(s) overridden by the user.")
    return notes


def origin_counts(book: PriceBook) -> dict[str, int]:
    """How many of the book's prices are bundled, imported, overridden and the user's own where the book has none."""
    counts = {"bundled": 0, "imported": 0, "overridden": 0, "yours": 0}
    for price in book.iter_prices():
        counts[price.origin] += 1
    return counts


def origin_mark(origin: str, note: str, as_of: dt.date) -> str:
    """What a price's origin adds where the price is shown (sheet, CSV): the user's prices with their note and
    date, an imported one as imported, nothing for the bundled book's."""
    if origin == "yours":
        return f"yours (your price, as of {as_of.isoformat()}): {note}"
    if origin == "overridden":
        return f"price overridden by the user: {note}"
    return "price imported from an AWS Price List file" if origin == "imported" else ""


def discount_summary(book: PriceBook) -> str:
    """The user's discounts as the effective book's notes say them ("10% on lambda, 3% on all"), or ""."""
    found = next((n for n in book.notes if n.startswith(DISCOUNT_NOTE)), "")
    return found.removeprefix(DISCOUNT_NOTE).split(" (overridden prices excluded)")[0]


def provenance(book: PriceBook) -> str:
    """One line: which book priced a quote (bundled date, imported offers with their versions and publication
    dates, overrides, discounts), for the status bar, the sheet and `computefit prices show`."""
    return ", ".join([f"price book dated {book.effective_date.isoformat()}", *user_layer_parts(book)])


def user_layer_parts(book: PriceBook) -> list[str]:
    """What the user book brings to the book, one phrase each (empty for a book without one)."""
    counts = origin_counts(book)
    imported = sorted({p.source for p in book.iter_prices() if p.origin == "imported"})
    parts = []
    if imported:
        titles = [f"{book.sources[s].title} ({book.sources[s].data_date})" if s in book.sources else s
                  for s in imported]
        parts.append(f"{counts['imported']} imported prices ({'; '.join(titles)})")
    parts += _changed_by_user(book, counts)
    return parts


def _changed_by_user(book: PriceBook, counts: dict[str, int]) -> list[str]:
    """The phrases for the user's own changes: overridden prices, prices typed where the book had none, then
    discounts."""
    parts = [f"{counts['overridden']} overridden by the user"] if counts["overridden"] else []
    if counts["yours"]:
        parts.append(f"{counts['yours']} of your own (the book has none)")
    discounts = discount_summary(book)
    if discounts:
        parts.append(f"user discounts {discounts}")
    return parts


def user_layer_brief(book: PriceBook) -> str:
    """The user book's part in one short phrase: "43 imported prices from 10 AWS Price List offers (published
    2025-10-01 to 2026-09-25), 1 overridden by the user, user discounts 10% on fargate" ("" without one)."""
    counts = origin_counts(book)
    imported = {p.source for p in book.iter_prices() if p.origin == "imported"}
    parts = []
    if imported:
        dates = sorted(d for s in imported if s in book.sources
                       for d in re.findall(r"\d{4}-\d{2}-\d{2}", book.sources[s].data_date)[:1])
        span = "" if not dates else f" (published {dates[0]})" if dates[0] == dates[-1] else (
            f" (published {dates[0]} to {dates[-1]})")
        offers = f"{len(imported)} offer{'s' if len(imported) != 1 else ''}"
        parts.append(f"{counts['imported']} imported prices from {offers}{span}")
    parts += _changed_by_user(book, counts)
    return ", ".join(parts)
