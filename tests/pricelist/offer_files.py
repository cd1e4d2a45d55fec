"""Offer files for tests and the benchmark: AWS's JSON shape made from the CSV samples, and large EC2-shaped files.

The JSON shape (../shared/reference/aws-pricelist-format.md, section 2):
    {"formatVersion", "disclaimer", "offerCode", "version", "publicationDate",
     "products": {sku: {"sku", "productFamily", "attributes": {...}}},
     "terms": {"OnDemand": {sku: {sku.term: {"offerTermCode", "sku", "effectiveDate", "priceDimensions": {...},
                                              "termAttributes": {}}}}, "Reserved": {...}}}
Attribute names in AWS's JSON are camelCase where the CSV has words ("Region Code" -> "regionCode"), with a few
all-lowercase ones (usagetype, servicecode, capacitystatus...). Prices in the large generated files are made up:
they only give the parser work, never a price anyone reads.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

TERM_COLUMNS = {"SKU", "OfferTermCode", "RateCode", "TermType", "PriceDescription", "EffectiveDate", "StartingRange",
                "EndingRange", "Unit", "PricePerUnit", "Currency", "RelatedTo", "LeaseContractLength",
                "PurchaseOption", "OfferingClass", "Product Family"}
LOWERCASE = {"usageType": "usagetype", "serviceCode": "servicecode", "serviceName": "servicename",
             "CapacityStatus": "capacitystatus", "Pre Installed S/W": "preInstalledSw", "MarketOption": "marketoption"}


def json_name(column: str) -> str:
    if column in LOWERCASE:
        return LOWERCASE[column]
    words = [w for w in re.split(r"[^A-Za-z0-9]+", column) if w]
    if len(words) == 1:
        return words[0][:1].lower() + words[0][1:]
    return words[0].lower() + "".join(w[:1].upper() + w[1:] for w in words[1:])


def read_csv_offer(path: Path) -> tuple[dict[str, str], list[dict[str, str]]]:
    """(metadata, rows as dicts by column name) of an offer CSV."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        meta: dict[str, str] = {}
        for row in reader:
            if row[0] == "SKU":
                columns = row
                break
            meta[row[0]] = row[1]
        rows = [dict(zip(columns, row, strict=True)) for row in reader if row]
    return meta, rows


def csv_to_json_data(path: Path) -> dict[str, Any]:
    meta, rows = read_csv_offer(path)
    products: dict[str, Any] = {}
    terms: dict[str, dict[str, Any]] = {"OnDemand": {}, "Reserved": {}}
    for row in rows:
        sku = row["SKU"]
        attributes = {json_name(k): v for k, v in row.items() if k not in TERM_COLUMNS and v != ""}
        products.setdefault(sku, {"sku": sku, "productFamily": row.get("Product Family", ""),
                                  "attributes": attributes})
        term_key = f"{sku}.{row['OfferTermCode']}"
        term = terms.setdefault(row["TermType"], {}).setdefault(sku, {}).setdefault(term_key, {
            "offerTermCode": row["OfferTermCode"], "sku": sku, "effectiveDate": row["EffectiveDate"] + "T00:00:00Z",
            "priceDimensions": {}, "termAttributes": {}})
        term["priceDimensions"][row["RateCode"]] = {
            "rateCode": row["RateCode"], "description": row["PriceDescription"], "beginRange": row["StartingRange"],
            "endRange": row["EndingRange"], "unit": row["Unit"], "pricePerUnit": {row["Currency"]: row["PricePerUnit"]},
            "appliesTo": []}
    return {"formatVersion": meta["FormatVersion"], "disclaimer": meta["Disclaimer"], "offerCode": meta["OfferCode"],
            "version": meta["Version"], "publicationDate": meta["Publication Date"], "products": products,
            "terms": terms}


def csv_to_json(source: Path, target: Path) -> Path:
    target.write_text(json.dumps(csv_to_json_data(source), indent=2) + "\n", encoding="utf-8")
    return target


def write_csv_offer(path: Path, meta: dict[str, str], rows: list[dict[str, str]]) -> Path:
    """An offer CSV with AWS's five metadata lines; columns in the order of the first row."""
    columns = list(rows[0])
    with path.open("w", encoding="utf-8", newline="") as handle:
        for key in ("FormatVersion", "Disclaimer", "Publication Date", "Version", "OfferCode"):
            handle.write(f'"{key}","{meta[key]}"\n')
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row.get(c, "") for c in columns])
    return path


# --- large EC2-shaped files (benchmark, interrupted-import test) -------------------------------------------------

EC2_REGIONS = (("eu-west-2", "EUW2-", "EU (London)"), ("us-east-1", "", "US East (N. Virginia)"),
               ("ap-south-1", "APS3-", "Asia Pacific (Mumbai)"), ("eu-central-1", "EUC1-", "EU (Frankfurt)"))
EC2_TYPES = ("m5.large", "m6i.xlarge", "c7g.large", "t3.medium", "r6g.large",
             *(f"x{n}.{size}" for n in range(1, 40) for size in ("large", "xlarge", "2xlarge", "4xlarge")))
EC2_OS = ("Linux", "Windows", "RHEL", "SUSE", "Red Hat Enterprise Linux with HA")
EC2_TENANCY = ("Shared", "Dedicated", "Host")
EC2_CAPACITY = ("Used", "UnusedCapacityReservation", "AllocatedCapacityReservation")
RESERVED_CODES = ("4NA7Y494T4", "6QCMYABX3D", "7NE97W5U4E", "BPH4J8HBKS", "CUZHX8X6JH", "HU7G6KETJZ")
HEADER = {"FormatVersion": "v1.0", "Disclaimer": "Generated for the ComputeFit benchmark; not AWS data.",
          "Publication Date": "2026-09-25T17:45:21Z", "Version": "20260925174521", "OfferCode": "AmazonEC2"}


def _ec2_product(n: int) -> tuple[str, dict[str, str], str]:
    region, prefix, location = EC2_REGIONS[n % len(EC2_REGIONS)]
    kind = EC2_TYPES[(n // 4) % len(EC2_TYPES)]
    system = EC2_OS[(n // 7) % len(EC2_OS)]
    tenancy = EC2_TENANCY[(n // 3) % len(EC2_TENANCY)]
    capacity = EC2_CAPACITY[(n // 5) % len(EC2_CAPACITY)]
    usage = {"Shared": "BoxUsage", "Dedicated": "DedicatedUsage", "Host": "HostUsage"}[tenancy]
    attributes = {
        "servicecode": "AmazonEC2", "location": location, "locationType": "AWS Region", "instanceType": kind,
        "currentGeneration": "Yes", "instanceFamily": "General purpose", "vcpu": "2",
        "physicalProcessor": "Intel Xeon Platinum 8175", "clockSpeed": "3.1 GHz", "memory": "8 GiB",
        "storage": "EBS only", "networkPerformance": "Up to 10 Gigabit", "processorArchitecture": "64-bit",
        "tenancy": tenancy, "operatingSystem": system, "licenseModel": "No License required",
        "usagetype": f"{prefix}{usage}:{kind}", "operation": "RunInstances", "capacitystatus": capacity,
        "dedicatedEbsThroughput": "Up to 4750 Mbps", "ecu": "10", "enhancedNetworkingSupported": "Yes",
        "instancesku": f"IS{n:010d}", "intelAvxAvailable": "Yes", "marketoption": "OnDemand",
        "normalizationSizeFactor": "4", "preInstalledSw": "NA", "processorFeatures": "Intel AVX; Intel Turbo",
        "regionCode": region, "servicename": "Amazon Elastic Compute Cloud", "vpcnetworkingsupport": "true",
    }
    # The attributes repeat every 28,980 products (the lcm of their cycles): the price does too, so a repeated
    # product never contradicts an earlier one.
    return f"GEN{n:013d}", attributes, f"0.{(n % 28980) % 9000 + 1000:04d}000000"


def write_ec2_json(path: Path, size_bytes: int) -> int:
    """An EC2-shaped offer of about `size_bytes` (products ~35%, on-demand terms, reserved terms); the products."""
    with path.open("w", encoding="utf-8") as out:
        head = {"formatVersion": "v1.0", "disclaimer": HEADER["Disclaimer"], "offerCode": "AmazonEC2",
                "version": HEADER["Version"], "publicationDate": HEADER["Publication Date"]}
        out.write("{\n" + "".join(f'  "{k}" : "{v}",\n' for k, v in head.items()) + '  "products" : {\n')
        count = 0
        while out.tell() < size_bytes * 0.35:
            sku, attributes, _ = _ec2_product(count)
            body = json.dumps({"sku": sku, "productFamily": "Compute Instance", "attributes": attributes}, indent=2)
            out.write(("" if count == 0 else ",\n") + f'    "{sku}" : ' + body.replace("\n", "\n    "))
            count += 1
        out.write('\n  },\n  "terms" : {\n    "OnDemand" : {\n')
        for n in range(count):
            sku, attributes, price = _ec2_product(n)
            term = {f"{sku}.JRTCKXETXF": {
                "offerTermCode": "JRTCKXETXF", "sku": sku, "effectiveDate": "2026-09-01T00:00:00Z",
                "priceDimensions": {f"{sku}.JRTCKXETXF.6YS6EN2CT7": {
                    "rateCode": f"{sku}.JRTCKXETXF.6YS6EN2CT7",
                    "description": f"${price} per On Demand {attributes['operatingSystem']} "
                                   f"{attributes['instanceType']} Instance Hour",
                    "beginRange": "0", "endRange": "Inf", "unit": "Hrs", "pricePerUnit": {"USD": price},
                    "appliesTo": []}},
                "termAttributes": {}}}
            body = json.dumps(term, indent=2)
            out.write(("" if n == 0 else ",\n") + f'      "{sku}" : ' + body.replace("\n", "\n      "))
        out.write('\n    },\n    "Reserved" : {\n')
        n = 0
        while out.tell() < size_bytes - 2000:
            sku = _ec2_product(n % count)[0]
            terms = {}
            for code in RESERVED_CODES:
                terms[f"{sku}.{code}"] = {
                    "offerTermCode": code, "sku": sku, "effectiveDate": "2026-09-01T00:00:00Z",
                    "priceDimensions": {
                        f"{sku}.{code}.2TG2D8R56U": {"rateCode": f"{sku}.{code}.2TG2D8R56U",
                                                     "description": "Upfront Fee", "unit": "Quantity",
                                                     "pricePerUnit": {"USD": "1234"}, "appliesTo": []},
                        f"{sku}.{code}.6YS6EN2CT7": {"rateCode": f"{sku}.{code}.6YS6EN2CT7",
                                                     "description": "reserved instance applied", "beginRange": "0",
                                                     "endRange": "Inf", "unit": "Hrs",
                                                     "pricePerUnit": {"USD": "0.0500000000"}, "appliesTo": []}},
                    "termAttributes": {"LeaseContractLength": "1yr", "OfferingClass": "standard",
                                       "PurchaseOption": "Partial Upfront"}}
            body = json.dumps(terms, indent=2)
            # reserved SKUs repeat the product SKUs in AWS's files; a suffix keeps the keys unique here
            out.write(("" if n == 0 else ",\n") + f'      "{sku}-{n // count}" : ' + body.replace("\n", "\n      "))
            n += 1
        out.write('\n    }\n  }\n}\n')
    return count


CSV_COLUMNS = ("SKU", "OfferTermCode", "RateCode", "TermType", "PriceDescription", "EffectiveDate", "StartingRange",
               "EndingRange", "Unit", "PricePerUnit", "Currency", "RelatedTo", "LeaseContractLength", "PurchaseOption",
               "OfferingClass", "Product Family", "serviceCode", "Location", "Location Type", "Instance Type",
               "Current Generation", "Instance Family", "vCPU", "Physical Processor", "Clock Speed", "Memory",
               "Storage", "Network Performance", "Processor Architecture", "Tenancy", "Operating System",
               "License Model", "usageType", "operation", "CapacityStatus", "Pre Installed S/W", "Region Code",
               "serviceName", "MarketOption")


def write_ec2_csv(path: Path, size_bytes: int) -> int:
    """An EC2-shaped offer CSV of about `size_bytes`: on-demand and reserved rows; returns the rows written."""
    with path.open("w", encoding="utf-8", newline="") as out:
        for key in ("FormatVersion", "Disclaimer", "Publication Date", "Version", "OfferCode"):
            out.write(f'"{key}","{HEADER[key]}"\n')
        writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        n = 0
        while out.tell() < size_bytes:
            sku, a, price = _ec2_product(n // 3)
            reserved = n % 3 == 2
            code = RESERVED_CODES[n % len(RESERVED_CODES)] if reserved else "JRTCKXETXF"
            writer.writerow((
                sku, code, f"{sku}.{code}.6YS6EN2CT7", "Reserved" if reserved else "OnDemand",
                f"${price} per On Demand {a['operatingSystem']} {a['instanceType']} Instance Hour", "2026-09-01", "0",
                "Inf", "Hrs", "0.0500000000" if reserved else price, "USD", "", "1yr" if reserved else "",
                "Partial Upfront" if reserved else "", "standard" if reserved else "", "Compute Instance", "AmazonEC2",
                a["location"], a["locationType"], a["instanceType"], "Yes", "General purpose", "2",
                a["physicalProcessor"], "3.1 GHz", "8 GiB", "EBS only", "Up to 10 Gigabit", "64-bit", a["tenancy"],
                a["operatingSystem"],
                a["licenseModel"], a["usagetype"], "RunInstances", a["capacitystatus"], "NA", a["regionCode"],
                a["servicename"], "OnDemand"))
            n += 1
    return n
