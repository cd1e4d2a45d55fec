"""Which rows of each offer file ComputeFit keeps, and what each kept row is.

Rows are matched first by usage type without its region prefix ("EUW2-Request" -> "Request"), exactly, never by
a suffix or by position: "Lambda-Managed-Instances-Request" must not pass for "Request", nor "TS-LoadBalancerUsage"
(trust store) for "LoadBalancerUsage". Then by the attributes that separate a price from its look-alikes (product
family, operating system, tenancy, capacity status...). Column and attribute names are compared normalised
("Region Code", "regionCode" -> "regioncode"), as CSV and JSON spell them differently.

The decoys this leaves out, per offer (see ../shared/pricelist-samples/README.md): Lambda@Edge, free-tier rows
taken as prices (they are kept as allowances only), ECS Anywhere, Fargate Spot; Windows, RHEL, SQL, dedicated,
host, unused/allocated capacity reservations and reserved terms of EC2; Classic, Network and Gateway load
balancers, trust store, Outposts and reserved LCUs; API Gateway caches, WebSocket and portals; CloudFront,
inter-region, inter-AZ and inbound data transfer; Local Zone and Outposts locations.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from desktop.model.options.base import PriceListRow
from desktop.model.options.registry import book_sections

Getter = Callable[[str], str]

HOURS = frozenset({"Hrs", "hours", "Hours", "hour", "Hour"})
GB_SECONDS = frozenset({"Lambda-GB-Second", "GB-Seconds", "GB-Second", "Lambda-GB-Seconds"})
REQUESTS = frozenset({"Requests", "Request"})
GB = frozenset({"GB"})
GB_MONTH = frozenset({"GB-Mo", "GB-month", "GB-Month"})
GB_HOURS = frozenset({"GB-Hours", "GB-Hrs"})
LCU_HOURS = frozenset({"LCU-Hrs"})


def norm(name: str) -> str:
    """A column or attribute name compared loosely: "Pre Installed S/W" and "preInstalledSw" -> "preinstalledsw"."""
    return "".join(ch for ch in name.lower() if ch.isalnum())


def base_usage(usage: str) -> str:
    """The usage type without its region prefix: "EUW2-Request" -> "Request", "EU-Fargate-GB-Hours" -> ...

    A prefix is three capitals and a digit (USE1, EUW2, APS3, CAN1, UGW1...) or "EU" (eu-west-1); us-east-1
    rows often have none. "Global-" (free tier), "TS-" (trust store) and "Outposts-" are not region prefixes.
    """
    head, sep, tail = usage.partition("-")
    if sep and (head == "EU" or (len(head) == 4 and head[3].isdigit() and head[:3].isalpha() and head[:3].isupper())):
        return tail
    return usage


@dataclass(frozen=True, slots=True)
class Rule:
    """One kind of price: its neutral key ("*" = the instance type taken from the usage type), the units AWS
    gives it in, the attribute values it must have, and those it must have when the file has the attribute."""

    key: tuple[str, ...]
    units: frozenset[str]
    where: tuple[tuple[str, str], ...] = ()
    where_if_set: tuple[tuple[str, str], ...] = ()
    allowance: bool = False  # a free-tier row: the allowance is the range's end, the price 0

    def accepts(self, get: Getter) -> bool:
        for name, value in self.where:
            if get(name) != value:
                return False
        for name, value in self.where_if_set:
            found = get(name)
            if found and found != value:
                return False
        return True


# A matcher for rows whose exact shape no sample shows (managed-instance fees): (base usage, attributes) -> hit.
Fuzzy = Callable[[str, Getter], "tuple[Rule, tuple[str, ...]] | None"]


@dataclass(frozen=True, slots=True)
class OfferRules:
    code: str
    exact: Mapping[str, Rule]
    by_type: Mapping[str, Rule] = field(default_factory=dict)  # usage prefix "BoxUsage:" + instance type
    fuzzy: tuple[Fuzzy, ...] = ()
    region_attrs: tuple[str, ...] = ("regioncode",)
    location_attrs: tuple[str, ...] = ("location",)
    location_type_attrs: tuple[str, ...] = ("locationtype",)

    def candidate(self, base: str, known_types: frozenset[str]) -> tuple[Rule, tuple[str, ...]] | None:
        """The rule a usage type could belong to, before its attributes are checked (the fast path)."""
        rule = self.exact.get(base)
        if rule is not None:
            return rule, rule.key
        if self.by_type:
            colon = base.find(":")
            if colon > 0:
                rule = self.by_type.get(base[:colon + 1])
                kind = base[colon + 1:]
                if rule is not None and kind in known_types:
                    return rule, tuple(kind if part == "*" else part for part in rule.key)
        return None

    def match(self, base: str, known_types: frozenset[str], get: Getter) -> tuple[Rule, tuple[str, ...]] | None:
        """The rule and key of a row, or None: checks the attributes, and the location is an AWS Region."""
        hit = self.candidate(base, known_types)
        if hit is None:
            for fuzzy in self.fuzzy:
                hit = fuzzy(base, get)
                if hit is not None:
                    break
        if hit is None or not hit[0].accepts(get):
            return None
        for name in self.location_type_attrs:
            kind = get(name)
            if kind and kind != "AWS Region":
                return None
        return hit

    def region(self, get: Getter) -> str:
        return next((v for v in (get(n) for n in self.region_attrs) if v), "")

    def location(self, get: Getter) -> str:
        return next((v for v in (get(n) for n in self.location_attrs) if v), "")


def _r(*key: str, units: frozenset[str], where: tuple[tuple[str, str], ...] = (),
       where_if_set: tuple[tuple[str, str], ...] = (), allowance: bool = False) -> Rule:
    return Rule(key, units, where, where_if_set, allowance)

# AWS Lambda's, Lambda Managed Instances' and ECS Managed Instances' rows are declared in their option folders
# (PriceListRow) and added to their offer below, as is any offer only an option reads.
LAMBDA = OfferRules("AWSLambda", {})

ECS = OfferRules("AmazonECS", {
    "Fargate-vCPU-Hours:perCPU": _r("fargate", "linux_x86_64", "vcpu", units=HOURS),
    "Fargate-GB-Hours": _r("fargate", "linux_x86_64", "memory", units=HOURS | GB_HOURS),
    "Fargate-ARM-vCPU-Hours:perCPU": _r("fargate", "linux_arm64", "vcpu", units=HOURS),
    "Fargate-ARM-GB-Hours": _r("fargate", "linux_arm64", "memory", units=HOURS | GB_HOURS),
    "Fargate-Windows-vCPU-Hours:perCPU": _r("fargate", "windows_x86_64", "vcpu", units=HOURS),
    "Fargate-Windows-GB-Hours": _r("fargate", "windows_x86_64", "memory", units=HOURS | GB_HOURS),
    "Fargate-Windows-OS-Hours:perCPU": _r("fargate", "windows_x86_64", "os_license", units=HOURS),
    "Fargate-EphemeralStorage-GB-Hours": _r("fargate", "ephemeral_storage", units=GB_HOURS),
})

_NAT = (("productfamily", "NAT Gateway"),)
EC2 = OfferRules("AmazonEC2", {
    "EBS:VolumeUsage.gp3": _r("ec2", "ebs_gp3", units=GB_MONTH, where_if_set=(("volumeapiname", "gp3"),)),
    # AWS lists NAT gateway prices in the AmazonEC2 offer (product family "NAT Gateway"), as well as in AmazonVPC.
    "NatGateway-Hours": _r("nat_gateway", "hour", units=HOURS, where_if_set=_NAT),
    "NatGateway-Bytes": _r("nat_gateway", "gb_processed", units=GB, where_if_set=_NAT),
}, by_type={
    "BoxUsage:": _r("ec2", "on_demand", "*", units=HOURS, where=(
        ("operatingsystem", "Linux"), ("tenancy", "Shared"), ("preinstalledsw", "NA"), ("capacitystatus", "Used"),
    ), where_if_set=(("licensemodel", "No License required"), ("marketoption", "OnDemand"),
                     ("productfamily", "Compute Instance"))),
})

_ALB = (("productfamily", "Load Balancer-Application"),)
ELB = OfferRules("AWSELB", {
    "LoadBalancerUsage": _r("alb", "hour", units=HOURS, where=_ALB),
    "LCUUsage": _r("alb", "lcu_hour", units=LCU_HOURS, where=_ALB),
})

_API_CALLS = (("productfamily", "API Calls"),)
API_GATEWAY = OfferRules("AmazonApiGateway", {
    "ApiGatewayHttpRequest": _r("api_gateway", "http", units=REQUESTS, where_if_set=_API_CALLS),
    "ApiGatewayRequest": _r("api_gateway", "rest", units=REQUESTS, where_if_set=_API_CALLS),
})

DATA_TRANSFER = OfferRules("AWSDataTransfer", {
    "DataTransfer-Out-Bytes": _r("data_transfer", "internet_out", units=GB, where=(
        ("transfertype", "AWS Outbound"), ("tolocation", "External"))),
    "Global-DataTransfer-Out-Bytes": _r("free", "data_transfer_out_gb", units=GB, allowance=True, where=(
        ("transfertype", "AWS Outbound"), ("tolocation", "External"))),
}, region_attrs=("fromregioncode", "regioncode"), location_attrs=("fromlocation", "location"),
    location_type_attrs=("fromlocationtype",))

VPC = OfferRules("AmazonVPC", {
    "NatGateway-Hours": _r("nat_gateway", "hour", units=HOURS, where_if_set=_NAT),
    "NatGateway-Bytes": _r("nat_gateway", "gb_processed", units=GB, where_if_set=_NAT),
    "PublicIPv4:InUseAddress": _r("public_ipv4", "in_use_hour", units=HOURS),
    "PublicIPv4:IdleAddress": _r("public_ipv4", "idle_hour", units=HOURS),
})

CLOUDWATCH = OfferRules("AmazonCloudWatch", {
    "DataProcessing-Bytes": _r("logs", "ingestion_gb", units=GB),
    "TimedStorage-ByteHrs": _r("logs", "storage_gb_month", units=GB_MONTH),
})

UNIT_FAMILIES: dict[str, frozenset[str]] = {
    "hours": HOURS, "gb-seconds": GB_SECONDS, "requests": REQUESTS, "gb": GB, "gb-month": GB_MONTH,
    "gb-hours": GB_HOURS, "lcu-hours": LCU_HOURS, "hours|gb-hours": HOURS | GB_HOURS,
}


def _inferred(row: PriceListRow) -> Fuzzy:
    """A matcher for a row AWS names per instance type, whose exact usage type no sample shows."""
    rule = Rule(row.key, UNIT_FAMILIES[row.aws_units], row.where, row.where_if_set, row.allowance)
    wanted = norm(row.usage)

    def match(base: str, get: Getter) -> tuple[Rule, tuple[str, ...]] | None:
        kind = get(row.type_attribute)
        found = base.startswith(row.usage) if row.match == "prefix" else wanted in norm(base)
        if not (kind and found):
            return None
        key = tuple(kind if part == "*" else part for part in row.key)
        return Rule(key, rule.units, rule.where, rule.where_if_set, rule.allowance), key

    return match


def with_option_rows(shared: tuple[OfferRules, ...], rows: tuple[PriceListRow, ...]) -> dict[str, OfferRules]:
    """Each offer's rules: the shared ones and the rows the options declare (a new offer for one no shared rule
    names)."""
    offers = {o.code: o for o in shared}
    for row in rows:
        offer = offers.get(row.offer) or OfferRules(row.offer, {})
        if row.match == "exact":
            rule = Rule(row.key, UNIT_FAMILIES[row.aws_units], row.where, row.where_if_set, row.allowance)
            offer = replace(offer, exact={**offer.exact, row.usage: rule})
        else:
            offer = replace(offer, fuzzy=(*offer.fuzzy, _inferred(row)))
        offers[row.offer] = offer
    return offers


OFFERS: dict[str, OfferRules] = with_option_rows(
    (LAMBDA, ECS, EC2, ELB, API_GATEWAY, DATA_TRANSFER, VPC, CLOUDWATCH),
    tuple(row for section in book_sections() for row in section.rows))
