"""AWS's Savings Plans offer files (CSV or JSON, one region each) into the price book's commitment rates, so a user
completes a region's Compute and EC2 Instance Savings Plans rates offline from AWS's own files.

The format (AWS Billing User Guide, "Reading the service price list file for a Savings Plan"): the JSON file has
`version`, `publicationDate`, `regionCode`, `products` (each plan: `sku`, `productFamily`, `attributes` with its
`usageType`, e.g. "ComputeSP:3yrAllUpfront" or "APN1-EC2SP:c5.3yrAllUpfront") and `terms.savingsPlan` (per plan
`sku`, `effectiveDate` and `rates`: `discountedUsageType`, `discountedOperation`, `discountedRate.price` in USD,
`unit`). The CSV file has five metadata rows, then a header row with the same names in its columns (compared
loosely: case, spaces and dots ignored). For partial and all upfront plans the rate is already the effective
hourly rate (the shared commitments reference, rule R2).

Kept: Linux, shared tenancy EC2 instance-hours of the types the book describes (`BoxUsage:<type>`, operation
`RunInstances`: a Windows rate includes a licence share no commitment discounts, so it is not a Linux rate), Fargate
vCPU and GB hours (x86 and ARM), Lambda duration and provisioned concurrency. Everything else is counted, not kept.
Bounded like the other readers: the file's size, the number of rows, each field's length and a price's digits;
any problem is PriceListError, one line naming the file and the row or field.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.files import ReadError, read_bounded
from desktop.model.schema.prices import MAX_UNIT_PRICE_USD
from desktop.pricelist.offers.records import PriceListError, parse_usd

MAX_FILE_BYTES = 512 * 1024 * 1024  # a region's Savings Plans file is tens of MB
MAX_ROWS = 5_000_000
MAX_FIELD_CHARS = 200
MAX_PRICE_CHARS = 40
META_ROWS = 5

_PLAN = re.compile(r"(?:^|-)(ComputeSP|EC2SP):(?:(?P<family>[a-z0-9-]+)\.)?(?P<term>[13])yr"
                   r"(?P<payment>NoUpfront|PartialUpfront|AllUpfront)$")
_PAYMENT = {"NoUpfront": "no_upfront", "PartialUpfront": "partial_upfront", "AllUpfront": "all_upfront"}
_PREFIX = re.compile(r"^[A-Z]{2,4}\d?-")  # "APN1-", "EUW2-": the region prefix of a usage type
# discounted usage type (without its region prefix) -> (service, key, part, book unit); Lambda and Fargate
_SERVERLESS = {
    "Fargate-vCPU-Hours:perCPU": ("fargate", "linux_x86_64", "vcpu", "vCPU-hour"),
    "Fargate-GB-Hours": ("fargate", "linux_x86_64", "memory", "GB-hour"),
    "Fargate-ARM-vCPU-Hours:perCPU": ("fargate", "linux_arm64", "vcpu", "vCPU-hour"),
    "Fargate-ARM-GB-Hours": ("fargate", "linux_arm64", "memory", "GB-hour"),
    "Lambda-GB-Second": ("lambda", "x86_64", "duration", "GB-second"),
    "Lambda-GB-Second-ARM": ("lambda", "arm64", "duration", "GB-second"),
    "Lambda-Provisioned-Concurrency": ("lambda", "x86_64", "provisioned_concurrency", "GB-second"),
    "Lambda-Provisioned-GB-Second": ("lambda", "x86_64", "provisioned_duration", "GB-second"),
}


@dataclass(frozen=True, slots=True)
class SavingsPlanRate:
    path: tuple[str, ...]  # where it goes under regions.<code>.commitments, e.g. ("ec2", "compute_sp", ...)
    usd: Decimal
    unit: str
    sku: str
    usage_type: str
    effective: str
    where: str


@dataclass
class SavingsPlansOffer:
    path: Path
    fmt: str
    version: str
    publication: str
    region: str
    rates: list[SavingsPlanRate] = field(default_factory=list)
    not_kept: int = 0

    @property
    def source_key(self) -> str:
        return f"PL-SavingsPlans-{self.region}-{self.version}"

    def source_json(self) -> dict[str, Any]:
        return {"title": f"AWS Price List, Savings Plans offer for {self.region}, {self.version}",
                "reference": f"AWS Savings Plans offer file ({self.fmt.upper()}, imported from {self.path.name})",
                "data_date": f"published {self.publication}", "regions": [self.region]}

    def fragment(self) -> dict[str, Any]:
        """The rates as a user book's `regions` fragment: {region: {"commitments": {...}}}."""
        committed: dict[str, Any] = {}
        for rate in self.rates:
            node = committed
            for part in rate.path[:-1]:
                node = node.setdefault(part, {})
            node[rate.path[-1]] = {
                "usd": format(rate.usd.normalize(), "f"), "unit": rate.unit, "source": self.source_key,
                "as_of": rate.effective[:10], "confidence": "A",
                "note": f"AWS Savings Plans offer {self.version}: {rate.usage_type} (SKU {rate.sku})"}
        return {self.region: {"commitments": committed}}


def _loose(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def _text(value: object, path: Path, where: str) -> str:
    if not isinstance(value, str):
        raise PriceListError(path, where, f"expected text, got {type(value).__name__}")
    if len(value) > MAX_FIELD_CHARS:
        raise PriceListError(path, where, f"longer than {MAX_FIELD_CHARS} characters")
    return value


def _rate(offer: SavingsPlansOffer, plan_type: str, row: Mapping[str, str], known_types: frozenset[str],
          where: str) -> SavingsPlanRate | None:
    """The row's rate where the book has a place for it (None: not kept)."""
    plan = _PLAN.search(plan_type)
    if plan is None:
        return None
    term_payment = f"{plan['term']}yr_{_PAYMENT[plan['payment']]}"
    kind = "compute_sp" if plan.group(1) == "ComputeSP" else "ec2_instance_sp"
    usage = _PREFIX.sub("", row.get("discountedusagetype", ""))
    operation = row.get("discountedoperation", "")
    price_text = row.get("discountedrate", "")
    if len(price_text) > MAX_PRICE_CHARS:
        raise PriceListError(offer.path, where, f"price longer than {MAX_PRICE_CHARS} characters")
    if usage.startswith("BoxUsage:") and operation == "RunInstances":
        itype = usage.removeprefix("BoxUsage:")
        if itype not in known_types:
            return None
        target: tuple[str, ...] = ("ec2", kind, term_payment, itype)
        unit = "hour"
    elif usage in _SERVERLESS and kind == "compute_sp":
        service, key, part, unit = _SERVERLESS[usage]
        target = (service, kind, term_payment, key, part)
    else:
        return None
    usd = parse_usd(price_text, offer.path, where)
    if usd > MAX_UNIT_PRICE_USD:
        raise PriceListError(offer.path, where, f"price {price_text} is above {MAX_UNIT_PRICE_USD} USD")
    return SavingsPlanRate(target, usd, unit, row.get("discountedsku", row.get("sku", "")),
                           row.get("discountedusagetype", ""), row.get("effectivedate", ""), where)


def _keep(offer: SavingsPlansOffer, rate: SavingsPlanRate | None) -> None:
    if rate is None:
        offer.not_kept += 1
    else:
        offer.rates.append(rate)


def read_savings_plans(path: Path, known_types: frozenset[str]) -> SavingsPlansOffer:
    """A Savings Plans offer file's rates the book has a place for (raises PriceListError)."""
    try:
        raw = read_bounded(path, MAX_FILE_BYTES, "a Savings Plans offer file")
    except ReadError as exc:
        raise PriceListError(path, "", str(exc)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PriceListError(path, f"byte {exc.start}", "not UTF-8 text") from None
    if text.lstrip().startswith(("{", "[")):
        return _read_json(path, text, known_types)
    return _read_csv(path, text, known_types)


def _read_json(path: Path, text: str, known_types: frozenset[str]) -> SavingsPlansOffer:
    try:
        data = json.loads(text, parse_float=Decimal, parse_int=Decimal)
    except (ValueError, RecursionError) as exc:
        raise PriceListError(path, "", f"not JSON ({str(exc)[:80]})") from None
    if not isinstance(data, dict):
        raise PriceListError(path, "", "not a Savings Plans offer file (no top-level object)")
    offer = SavingsPlansOffer(path, "json", _text(data.get("version"), path, "version"),
                              _text(data.get("publicationDate"), path, "publicationDate"),
                              _text(data.get("regionCode"), path, "regionCode"))
    products = data.get("products")
    plans = (data.get("terms") or {}).get("savingsPlan") if isinstance(data.get("terms"), dict) else None
    if not isinstance(products, list) or not isinstance(plans, list):
        raise PriceListError(path, "products", "not a Savings Plans offer file (no products or terms.savingsPlan)")
    usage_of = {}
    for number, product in enumerate(products[:MAX_ROWS]):
        if isinstance(product, dict) and isinstance(product.get("attributes"), dict):
            where = f"products[{number}]"
            usage_of[_text(product.get("sku"), path, f"{where}.sku")] = _text(
                product["attributes"].get("usageType", ""), path, f"{where}.attributes.usageType")
    for number, plan in enumerate(plans):
        where = f"terms.savingsPlan[{number}]"
        if number >= MAX_ROWS or not isinstance(plan, dict) or not isinstance(plan.get("rates"), list):
            raise PriceListError(path, where, "not a plan with rates" if number < MAX_ROWS
                                 else f"more than {MAX_ROWS:,} plans")
        plan_type = usage_of.get(_text(plan.get("sku"), path, f"{where}.sku"), "")
        for index, rate in enumerate(plan["rates"][:MAX_ROWS]):
            _keep(offer, _rate(offer, plan_type, _json_row(rate, plan, path, f"{where}.rates[{index}]"),
                               known_types, f"{where}.rates[{index}]"))
    return offer


def _json_row(rate: object, plan: Mapping[str, Any], path: Path, where: str) -> dict[str, str]:
    if not isinstance(rate, dict):
        raise PriceListError(path, where, "not an object")
    price = rate.get("discountedRate")
    value = price.get("price") if isinstance(price, dict) else None
    row = {_loose(key): _text(rate.get(key, ""), path, f"{where}.{key}")
           for key in ("discountedSku", "discountedUsageType", "discountedOperation", "unit")}
    row["discountedrate"] = str(value) if isinstance(value, Decimal | str) else ""
    row["effectivedate"] = _text(plan.get("effectiveDate", ""), path, "effectiveDate")
    return row


def _read_csv(path: Path, text: str, known_types: frozenset[str]) -> SavingsPlansOffer:
    rows = csv.reader(io.StringIO(text))
    meta: dict[str, str] = {}
    try:
        for _ in range(META_ROWS):
            cells = next(rows, [])
            if len(cells) >= 2:
                meta[_loose(cells[0])] = _text(cells[1], path, f"row {rows.line_num}")
        header = [_loose(name) for name in next(rows, [])]
        offer = SavingsPlansOffer(path, "csv", meta.get("version", ""), meta.get("publicationdate", ""),
                                  meta.get("region", meta.get("regioncode", "")))
        for column in ("usagetype", "discountedusagetype", "discountedrate"):
            if column not in header:
                raise PriceListError(path, "row 6", f"no {column!r} column: not a Savings Plans offer file")
        if not offer.version or not offer.region:
            raise PriceListError(path, "", "the metadata rows give no Version or Region")
        for cells in _bounded(rows, path):
            row = dict(zip(header, cells, strict=False))
            where = f"row {rows.line_num}"
            _keep(offer, _rate(offer, row.get("usagetype", ""), row, known_types, where))
    except csv.Error as exc:
        raise PriceListError(path, f"row {rows.line_num}", f"not CSV ({exc})") from None
    return offer


def _bounded(rows: Iterator[list[str]], path: Path) -> Iterator[list[str]]:
    for number, cells in enumerate(rows):
        if number >= MAX_ROWS:
            raise PriceListError(path, "", f"more than {MAX_ROWS:,} rows")
        if any(len(cell) > MAX_FIELD_CHARS for cell in cells):
            raise PriceListError(path, f"row {number + META_ROWS + 2}", f"a field longer than {MAX_FIELD_CHARS} "
                                 "characters")
        yield cells


def import_savings_plans(paths: list[Path], bundled: Mapping[str, Any], existing: Any) -> tuple[Any, list[str]]:
    """The user book with the files' rates added (not written) and one line per file; raises PriceListError when
    a file cannot be read or the rates would not make a valid price book."""
    from desktop.model.pricing.user_book import UserBook, UserBookError, effective_book

    known = frozenset(bundled.get("instance_types", {}))
    base = existing or UserBook()
    regions = json.loads(json.dumps(base.regions))
    sources = {k: v.model_dump(mode="json") for k, v in base.sources.items()}
    said = []
    for path in paths:
        offer = read_savings_plans(path, known)
        for code, section in offer.fragment().items():
            region = regions.setdefault(code, {})
            if code not in bundled.get("regions", {}) and "name" not in region:
                region["name"] = code
            _deep(region, section)
        sources[offer.source_key] = offer.source_json()
        said.append(f"read {path}: Savings Plans {offer.version} for {offer.region}, published "
                    f"{offer.publication}: {len(offer.rates)} rate(s) kept, {offer.not_kept} not used")
    try:
        layer = UserBook.model_validate(base.to_json_dict() | {"regions": regions, "sources": sources})
        effective_book(bundled, layer)
    except (UserBookError, ValueError) as exc:
        raise PriceListError(", ".join(map(str, paths)), "", f"the rates would not make a valid price book: "
                             f"{str(exc)[:300]}") from None
    return layer, said


def _deep(base: dict[str, Any], over: Mapping[str, Any]) -> None:
    for key, value in over.items():
        if isinstance(value, dict) and "usd" not in value and isinstance(base.get(key), dict):
            _deep(base[key], value)
        else:
            base[key] = value
