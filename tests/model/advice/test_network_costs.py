"""The costs people forget, as explicit lines: each priced from the book with its source, or reported missing.

us-east-1 prices (price book): NAT gateway 0.045 per hour and 0.045 per GB processed; public IPv4 0.005 per
address-hour; CloudWatch Logs ingestion 0.50 per GB (no storage price: missing); data transfer out 0.09 per GB for
the first 10 TB after 100 GB free a month. eu-west-2: logs storage 0.0315 per GB-month. GB = 1024^3 bytes.
"""

from __future__ import annotations

from decimal import Decimal

from desktop.model.advice.engine import compute_quote
from desktop.model.pricing.book import PriceBook
from tests.conftest import make_workload

TEN_M = 10_000_000
NETWORK = {"nat_gateways": 2, "nat_kb_per_unit": 10, "public_ipv4": True, "log_kb_per_unit": 1, "response_kb": 50}


def network_lines(option) -> dict[str, tuple[Decimal, Decimal]]:
    return {i.label: (i.quantity, i.usd) for i in option.line_items if i.group == "network"}


def test_off_by_default(book: PriceBook, examples) -> None:
    from desktop.model.workload.spec import Network

    unset = [w for w in examples.values() if w.network == Network()]
    assert len(unset) >= 4
    for workload in unset:
        for option in compute_quote(workload, book).options.values():
            assert not network_lines(option)


def test_each_line_worked_out(book: PriceBook) -> None:
    w = make_workload(traffic={"requests_per_month": TEN_M}, network=NETWORK)
    quote = compute_quote(w, book)
    gb_nat = Decimal(TEN_M * 10) / 1024**2  # 95.367 GB
    gb_logs = Decimal(TEN_M) / 1024**2  # 9.537 GB
    gb_out = Decimal(TEN_M * 50) / 1024**2 - 100  # 476.84 GB less 100 GB free
    shared = {
        "NAT gateway hours": (Decimal(1460), Decimal("65.70")),  # 2 gateways x 730 h x 0.045
        "NAT gateway data processed": (gb_nat, Decimal("4.29")),  # x 0.045
        "Public IPv4: NAT gateway Elastic IPs": (Decimal(1460), Decimal("7.30")),  # one per gateway x 730 h x 0.005
        "Data transfer out to the internet, tier 1": (gb_out, Decimal("33.92")),  # x 0.09
        # kept 30 days: 9.537 GB x 30 / 30.4167 = 9.406 GB-months, less 5 always free, x 0.03 (us-east-1 storage,
        # two sources, B)
        "CloudWatch Logs storage": (gb_logs * 30 / (Decimal(730) / 24) - 5, Decimal("0.13")),
    }
    logs = (gb_logs - 5, Decimal("2.27"))  # 5 GB always free; x 0.50 (custom logs, and the first vended tier)
    lam = network_lines(quote.options["lambda"])
    # a function never has a public IPv4 address; Lambda's logs are vended logs (tiers)
    assert lam == {**shared, "CloudWatch Logs ingestion (Lambda logs, vended), tier 1": logs}
    fargate = network_lines(quote.options["fargate"])
    assert fargate == {**shared, "CloudWatch Logs ingestion": logs,
                       "Public IPv4 addresses": (Decimal(1460), Decimal("7.30"))}  # 2 tasks x 730 h
    ec2 = quote.options["ec2"]
    instance_hours = ec2.capacity.instance_hours
    assert network_lines(ec2)["Public IPv4 addresses"][0] == instance_hours
    for option in quote.options.values():
        assert option.left_out == () and option.complete


def test_logs_storage_where_the_book_has_it(book: PriceBook) -> None:
    # eu-west-2: 9.537 GB a month kept 30 days = 9.537 x 30 / 30.4167 = 9.406 GB-months, less 5 always free,
    # x 0.0315 = 0.14; ingestion 9.537 GB less 5 free x 0.5985 = 2.72
    w = make_workload(region="eu-west-2", traffic={"requests_per_month": TEN_M}, network={"log_kb_per_unit": 1})
    lines = network_lines(compute_quote(w, book).options["fargate"])
    assert lines["CloudWatch Logs storage"][1] == Decimal("0.14")
    assert lines["CloudWatch Logs ingestion"][1] == Decimal("2.72")


def test_a_missing_network_price_is_said_never_borrowed(book: PriceBook) -> None:
    # eu-west-1: NAT hours and GB (0.048, Price List), IPv4 (0.005), data transfer out (0.09) priced; no source
    # gives its CloudWatch Logs prices
    w = make_workload(region="eu-west-1", front_door="none", traffic={"requests_per_month": TEN_M}, network=NETWORK)
    fargate = compute_quote(w, book).options["fargate"]
    assert network_lines(fargate) == {"NAT gateway hours": (Decimal(1460), Decimal("70.08")),
                                      "NAT gateway data processed": (Decimal(TEN_M * 10) / 1024**2, Decimal("4.58")),
                                      "Public IPv4: NAT gateway Elastic IPs": (Decimal(1460), Decimal("7.30")),
                                      "Public IPv4 addresses": (Decimal(1460), Decimal("7.30")),
                                      "Data transfer out to the internet, tier 1": (
                                          Decimal(TEN_M * 50) / 1024**2 - 100, Decimal("33.92"))}
    assert set(fargate.left_out) == {"CloudWatch Logs ingestion", "CloudWatch Logs storage"}
    assert fargate.feasible and not fargate.complete


def test_nat_data_without_a_gateway_is_flagged(book: PriceBook) -> None:
    w = make_workload(network={"nat_kb_per_unit": 5})
    assert any("no NAT gateway hours" in t for t in compute_quote(w, book).options["lambda"].warnings)


def test_free_data_transfer_covers_small_workloads(book: PriceBook) -> None:
    w = make_workload(traffic={"requests_per_month": 1_000_000}, network={"response_kb": 10})  # 9.5 GB < 100 GB
    lam = compute_quote(w, book).options["lambda"]
    assert network_lines(lam) == {} and lam.complete


def test_the_rationale_names_network_lines_when_they_move_the_recommendation(book: PriceBook, examples) -> None:
    """At 28M requests Fargate wins the http-api example by a little; a public IPv4 address per task (2 tasks x
    730 h x 0.005 = $7.30, none for Lambda) hands it to Lambda, and the rationale says so."""
    from desktop.model.advice.advise import advise

    w = examples["http-api"].with_changes({"traffic.requests_per_month": 28_000_000})
    assert advise(w, book).recommendation.option == "fargate"
    rec = advise(w.with_changes({"network.public_ipv4": True}), book).recommendation
    assert rec.option == "lambda"
    assert ("Network and logs lines decide it: Fargate's come to $7.30 (Public IPv4 addresses $7.30), Lambda's come "
            "to $0.00; without them Fargate would be recommended [network]") in rec.rationale
