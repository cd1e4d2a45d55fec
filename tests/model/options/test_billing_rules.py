"""Billing rules, each tested against the source that states it (issue: rules that were wrong or missing).

Every test names its source: the AWS page and the shared reference section the numbers come from.
GB = 1024^3 bytes, KB = 1024 bytes; money rounded to cents per line as AWS bills.
"""

from __future__ import annotations

from decimal import Decimal

from desktop.model.advice.engine import compute_quote
from desktop.model.pricing.book import PriceBook
from tests.conftest import make_workload

# 20 TB of logs a month: 20,971,520 requests x 1,024 KB = 20,480 GB
TWENTY_TB = {"traffic": {"requests_per_month": 20_971_520}, "network": {"log_kb_per_unit": 1024}}


def _lines(option, group: str) -> dict[str, tuple[Decimal, Decimal]]:
    return {i.label: (i.quantity, i.usd) for i in option.line_items if i.group == group}


def test_lambda_logs_follow_the_vended_tiers_at_20_tb(book: PriceBook) -> None:
    """Source: AWS What's New 2025-05-01 "AWS Lambda introduces tiered pricing for Amazon CloudWatch logs"; the
    us-east-1 vended tiers $0.50 first 10 TB, $0.25 next 20 TB, $0.10 next 20 TB, $0.05 above (shared reference
    aws-prices-more.md §7.3, aws-prices-t3.md §4); the always-free 5 GB of ingestion (AWS Free Tier page, t3 §4)."""
    quote = compute_quote(make_workload(**TWENTY_TB), book)
    lam = _lines(quote.options["lambda"], "network")
    billable = Decimal(20480 - 5)  # 5 GB always free
    assert lam["CloudWatch Logs ingestion (Lambda logs, vended), tier 1"] == (Decimal(10240), Decimal("5120.00"))
    assert lam["CloudWatch Logs ingestion (Lambda logs, vended), tier 2"] == (billable - 10240, Decimal("2558.75"))
    assert "CloudWatch Logs ingestion" not in lam
    # containers pay the flat custom-log rate on the same volume: 20,475 GB x 0.50
    fargate = _lines(quote.options["fargate"], "network")
    assert fargate["CloudWatch Logs ingestion"] == (billable, Decimal("10237.50"))
    assert not any("vended" in label for label in fargate)


def test_logs_above_the_last_tier_a_region_gives_are_missing_not_borrowed(book: PriceBook) -> None:
    """eu-west-2: the source (L2, Price List 2026-09) gives only the first vended tier, 0.5985 up to 10 TB; the GB
    above it are reported missing with their quantity, never priced at the custom rate or another region's tier."""
    w = make_workload(region="eu-west-2", **TWENTY_TB)
    lam = compute_quote(w, book).options["lambda"]
    lines = _lines(lam, "network")
    assert lines["CloudWatch Logs ingestion (Lambda logs, vended)"] == (Decimal(10240), Decimal("6128.64"))
    gap = [m for m in lam.missing if "vended" in m.what]
    assert [m.what for m in gap] == ["CloudWatch Logs vended (Lambda) log ingestion above 10,240 GB a month"]
    assert gap[0].usage == ((Decimal(20475 - 10240), "GB"),)
    assert not lam.complete


def test_the_always_free_5_gb_of_logs_is_taken_off(book: PriceBook) -> None:
    """AWS Free Tier page (always free): 5 GB of CloudWatch Logs ingestion and 5 GB-month of storage a month
    (aws-prices-t3.md §4). 10M requests x 1 KB = 9.537 GB logged; eu-west-2 custom rate 0.5985, storage 0.0315."""
    w = make_workload(region="eu-west-2", traffic={"requests_per_month": 10_000_000}, network={"log_kb_per_unit": 1})
    lines = _lines(compute_quote(w, book).options["fargate"], "network")
    gb = Decimal(10_000_000) / 1024**2
    assert lines["CloudWatch Logs ingestion"] == (gb - 5, Decimal("2.72"))  # 4.537 GB x 0.5985 = 2.715
    stored = gb * 30 / (Decimal(730) / 24) - 5  # 4.406 GB-months
    assert abs(lines["CloudWatch Logs storage"][0] - stored) < Decimal("1e-9")
    assert lines["CloudWatch Logs storage"][1] == Decimal("0.14")


def test_a_nat_gateway_elastic_ip_is_a_billed_public_ipv4_address(book: PriceBook) -> None:
    """AWS Networking blog "Identify and optimize public IPv4 address usage on AWS" (2023-07, updated 2024-02-01):
    $0.005 per IP-hour for every AWS-provided public IPv4 address, service-managed ones (NAT gateway, ELB) included
    (aws-prices-t3.md §7, grade A). 2 public NAT gateways = 2 Elastic IPs x 730 h = 1,460 address-hours = $7.30,
    on every option (a Lambda function in a VPC uses the NAT too)."""
    w = make_workload(front_door="none", network={"nat_gateways": 2})
    for option in compute_quote(w, book).options.values():
        lines = _lines(option, "network")
        assert lines["Public IPv4: NAT gateway Elastic IPs"] == (Decimal(1460), Decimal("7.30")), option.option_id


def test_an_internet_facing_alb_pays_one_address_per_enabled_subnet(book: PriceBook) -> None:
    """Same source; an internet-facing ALB holds one public IPv4 address per enabled subnet (aws-prices-t3.md §7:
    "$0.005/h per public IPv4 per enabled subnet", grade B), and an ALB needs at least two Availability Zones
    (Elastic Load Balancing user guide), the default of network.alb_subnets."""
    quote = compute_quote(make_workload(front_door="alb"), book)
    for option in quote.options.values():
        lines = _lines(option, "front door")
        assert lines["Public IPv4: load balancer addresses"] == (Decimal(1460), Decimal("7.30")), option.option_id
    three = compute_quote(make_workload(front_door="alb", network={"alb_subnets": 3}), book)
    assert _lines(three.options["fargate"], "front door")["Public IPv4: load balancer addresses"] == (
        Decimal(2190), Decimal("10.95"))
    internal = compute_quote(make_workload(front_door="alb", network={"alb_subnets": 0}), book)
    assert "Public IPv4: load balancer addresses" not in _lines(internal.options["fargate"], "front door")


def test_service_addresses_without_a_regional_price_are_missing_not_free(book: PriceBook) -> None:
    """A region whose public IPv4 price the book lacks: the addresses are reported missing with their hours, and
    the total says it is incomplete instead of calling them free."""
    region = book.regions["eu-west-1"].model_copy(update={"public_ipv4": None})
    without = book.model_copy(update={"regions": {**book.regions, "eu-west-1": region}})
    w = make_workload(region="eu-west-1", front_door="none", network={"nat_gateways": 1})
    fargate = compute_quote(w, without).options["fargate"]
    gap = [m for m in fargate.missing if m.what == "public IPv4 addresses"]
    assert gap and gap[0].usage == ((Decimal(730), "address-hour"),)
    assert not fargate.complete


def test_addresses_left_out_twice_are_one_missing_item_with_the_hours_added(book: PriceBook) -> None:
    """A task's own address and the NAT gateway's Elastic IP are the same missing price: one item, hours summed
    (2 gateways x 730 h + 2 tasks x 730 h = 2,920 address-hours), so the total names it once."""
    region = book.regions["eu-west-1"].model_copy(update={"public_ipv4": None})
    without = book.model_copy(update={"regions": {**book.regions, "eu-west-1": region}})
    w = make_workload(region="eu-west-1", front_door="none", network={"nat_gateways": 2, "public_ipv4": True})
    fargate = compute_quote(w, without).options["fargate"]
    gaps = [m for m in fargate.missing if m.what == "public IPv4 addresses"]
    assert len(gaps) == 1 and gaps[0].usage == ((Decimal(2920), "address-hour"),)


def test_a_price_missing_for_zero_usage_leaves_nothing_out(book: PriceBook) -> None:
    """eu-west-2: the Price List gives the provisioned-concurrency charge (EUW2-Lambda-Provisioned-Concurrency,
    0.0000048304 per GB-s, T-L) but not the duration served under it (aws-prices-t3.md §9: "eu-west-2 duration
    served by provisioned concurrency ... remains not found"). 1 environment of 1 GB kept 730 h serving no requests:
    the concurrency line is priced (2,628,000 GB-s x 0.0000048304 = $12.69) and nothing is left out."""
    w = make_workload(region="eu-west-2", traffic={"requests_per_month": 0},
                      **{"lambda": {"memory_mb": 1024, "provisioned_concurrency": 1,
                                    "provisioned_hours_per_month": 730, "provisioned_share": 1.0}})
    lam = compute_quote(w, book).options["lambda"]
    assert _lines(lam, "provisioned") == {
        "Provisioned concurrency (while enabled)": (Decimal(2_628_000), Decimal("12.69"))}
    assert not [m for m in lam.missing if "provisioned" in m.what] and lam.complete
    # with requests served warm, the duration under provisioned concurrency has usage and is reported missing
    busy = compute_quote(w.with_changes({"traffic.requests_per_month": 1_000_000}), book).options["lambda"]
    assert "Provisioned concurrency (while enabled)" in _lines(busy, "provisioned")
    gap = [m for m in busy.missing if "provisioned" in m.what]
    assert [m.what for m in gap] == ["Lambda x86_64 duration on provisioned concurrency"]
    assert gap[0].usage[0][0] > 0 and not busy.complete


def _lmi(**sections: object):
    w = make_workload(options=["lambda", "lambda_managed"], **sections)
    return w


def test_lmi_requests_per_environment_come_from_the_runtime_not_the_container_section(book: PriceBook) -> None:
    """AWS's Node.js runtime page for Lambda Managed Instances: "64 concurrent requests per vCPU" by default
    (aws-prices-more.md §8.1, A); PerExecutionEnvironmentMaxConcurrency 1-1,600 (Lambda API reference). The
    container section's concurrency_per_task sizes container tasks, not Lambda environments: changing it moves
    nothing; only the workload's own vcpu_per_unit caps an environment by CPU."""
    traffic = {"requests_per_month": 200_000_000, "duration_ms": 200}
    base = _lmi(traffic=traffic, lambda_managed={"runtime": "nodejs"})
    cap = compute_quote(base, book).options["lambda_managed"].capacity
    assert cap.environment.concurrency == 64 and cap.environment.setting == 64  # 1 vCPU x 64
    totals = set()
    for per_task in (1, 10, 80):
        w = base.with_changes({"container.concurrency_per_task": per_task})
        option = compute_quote(w, book).options["lambda_managed"]
        assert option.capacity.environment.concurrency == 64
        totals.add(option.monthly_usd)
    assert len(totals) == 1
    stated = compute_quote(base.with_changes({"requirements.vcpu_per_unit": 0.1}), book).options["lambda_managed"]
    assert stated.capacity.environment.concurrency == 7  # 1 vCPU x 0.7 target utilisation / 0.1 vCPU a request
    own = compute_quote(base.with_changes({"lambda_managed.concurrency_per_environment": 20}), book)
    assert own.options["lambda_managed"].capacity.environment.concurrency == 20


def test_lmi_minimum_fleet_is_a_setting_with_zero_only_in_scheduled_off_hours(book: PriceBook) -> None:
    """'Scaling Lambda Managed Instances' (AWS Lambda Developer Guide, 2026; aws-prices-t3.md §2.2, A): "The default
    minimum is 3 execution environments"; "Values below 3 reduce Availability Zone redundancy"; 0 only together
    with a maximum of 0 (deactivation), on a schedule with EventBridge Scheduler. A quiet workload needs one
    instance: the floor decides the fleet."""
    quiet = _lmi(traffic={"requests_per_month": 100_000}, lambda_managed={"runtime": "nodejs"})
    hours = {}
    for floor, off in ((3, 0), (1, 0), (1, 8)):
        w = quiet.with_changes({"lambda_managed.min_instances": floor, "lambda_managed.off_hours_per_day": off})
        option = compute_quote(w, book).options["lambda_managed"]
        hours[(floor, off)] = option.capacity.instance_hours
    assert hours[(3, 0)] == Decimal(3 * 730)
    assert hours[(1, 0)] == Decimal(730)
    assert hours[(1, 8)] == Decimal(16 * 730) / 24  # 16 active hours a day
    flat = compute_quote(quiet.with_changes({"lambda_managed.off_hours_per_day": 8}), book).options["lambda_managed"]
    assert sum(1 for n in flat.capacity.instances_per_hour if n == 0) == 8
    # a flat profile has requests in every hour: the warning names the off hours that carry them
    assert any("deactivated 8 hour(s) a day" in text for text in flat.warnings)


def test_alb_new_connections_come_from_connections_when_they_are_long_lived(book: PriceBook) -> None:
    """Elastic Load Balancing pricing (LCU): 25 new connections a second = 1 LCU; 3,000 active connections a minute
    = 1 LCU (aws-prices.md §4). A gRPC service of 100M requests a month (38.05 a second) on 1,000 connections kept
    an hour: 0.28 new connections a second, so the 1,000 active connections set the LCUs (1,000 / 3,000 = 0.333 an
    hour, 243.33 LCU-hours = $1.95 at 0.008), not one new connection per request (38.05 / 25 = 1.52 an hour)."""
    traffic = {"requests_per_month": 100_000_000, "duration_ms": 50}
    short = compute_quote(make_workload(front_door="alb", traffic=traffic), book).options["fargate"]
    per_request = _lines(short, "front door")["Application Load Balancer LCUs"]
    assert abs(per_request[0] - Decimal(100_000_000) / (730 * 3600) / 25 * 730) < Decimal("0.01")
    w = make_workload(front_door="alb", traffic=traffic, requirements={"long_lived_connections": True},
                      network={"open_connections": 1000, "connection_minutes": 60})
    streams = compute_quote(w, book).options["fargate"]
    quantity, usd = _lines(streams, "front door")["Application Load Balancer LCUs"]
    assert abs(quantity - Decimal(1000) / 3000 * 730) < Decimal("0.01") and usd == Decimal("1.95")
    # without a count of connections, the requests in flight hold one each, replaced every connection_minutes
    w2 = make_workload(front_door="alb", traffic=traffic, requirements={"long_lived_connections": True})
    fewer = _lines(compute_quote(w2, book).options["fargate"], "front door")["Application Load Balancer LCUs"]
    assert fewer[0] < per_request[0]


def test_the_operations_finding_ranks_ecs_managed_instances_below_ecs_on_ec2(book: PriceBook) -> None:
    """Each option's module ranks its operating effort (Traits.operations): ECS Managed Instances 2 (AWS patches
    and scales the instances: "Amazon ECS Managed Instances", Amazon ECS Developer Guide), ECS on EC2 3 (the team
    patches AMIs and scales the cluster). A verdict never says ECS on EC2 needs less operations work than ECS MI."""
    from desktop.model.advice.advise import advise
    from desktop.model.advice.recommend import concern_words
    from desktop.model.options.registry import get

    assert get("ecs_managed").traits.operations < get("ec2").traits.operations
    assert concern_words("operations", "ecs_managed", "ec2") == "less operations work"
    assert concern_words("operations", "ec2", "ecs_managed") == "a team that can operate servers"
    w = make_workload(options=["ec2", "ecs_managed"], team={"operations_appetite": "high"},
                      priorities={"operations": 5})
    rec = advise(w, book).recommendation
    assert rec.option == "ec2"
    assert "less operations work" not in rec.headline


def test_a_checkpointable_run_past_15_minutes_is_a_finding_not_a_rule_out(book: PriceBook) -> None:
    """Lambda durable functions (AWS, December 2025; AWS Lambda Developer Guide "Lambda durable functions"): an
    execution of checkpointed steps runs up to one year (DurableConfig ExecutionTimeout at most 31,622,400 s); each
    invocation keeps the 15-minute limit. A 40-minute run that can checkpoint is priced and flagged, its durable
    charges reported missing; one that cannot is still ruled out."""
    from desktop.model.advice.advise import advise

    jobs = {"traffic": {"kind": "jobs", "runs_per_month": 1000, "duration_ms": 40 * 60 * 1000}}
    plain = compute_quote(make_workload(**jobs), book).options["lambda"]
    assert not plain.feasible
    w = make_workload(requirements={"checkpointable": True}, **jobs)
    lam = compute_quote(w, book).options["lambda"]
    assert lam.feasible and lam.monthly_usd is not None
    assert "Lambda durable execution charges" in lam.left_out
    findings = [f for f in advise(w, book).findings if f.finding_id == "lambda.durable"]
    assert findings and "durable function" in findings[0].text and "one year" in findings[0].text
    assert findings[0].against == ("lambda",) and "durable functions" in findings[0].source


def test_a_rest_api_in_front_of_containers_needs_a_vpc_link_and_an_nlb(book: PriceBook) -> None:
    """API Gateway developer guide, "Private integrations for REST APIs": a REST API reaches resources in a VPC
    through a VPC link to a Network Load Balancer. us-east-1 NLB: $0.0225 an hour, $0.006 an NLCU-hour (AWS Price
    List AWSELB 20260831092255, LoadBalancing:Network; an NLCU = 800 new connections a second, ELB pricing page).
    Lambda, a direct integration, carries none of it."""
    w = make_workload(front_door="api_gateway_rest", traffic={"requests_per_month": 10_000_000})
    quote = compute_quote(w, book)
    for option_id in ("fargate", "ec2"):
        lines = _lines(quote.options[option_id], "front door")
        assert lines["Network Load Balancer hours (REST API VPC link)"] == (Decimal(730), Decimal("16.43"))
        nlcu_hours = lines["Network Load Balancer NLCUs"][0]
        assert abs(nlcu_hours - Decimal(10_000_000) / (730 * 3600) / 800 * 730) < Decimal("0.001")
    assert not any("Network Load Balancer" in label for label in _lines(quote.options["lambda"], "front door"))


def test_events_into_containers_need_a_queue_priced_from_the_price_list(book: PriceBook) -> None:
    """S3 or SNS events reach containers through an SQS queue the tasks poll: 3 requests per event (send, receive,
    delete; Amazon SQS pricing: each 64 KB chunk is one request), at $0.40 per 1M standard-queue requests (AWS Price
    List AWSQueueService 20260904154020, us-east-1 SKU 8RN6B8U4MERHRXP3, shared reference source T), on the
    container options only. A book without an SQS price leaves the requests out with their number."""
    w = make_workload(front_door="none", traffic={"requests_per_month": 2_000_000},
                      requirements={"trigger": "event", "payload_kb": 100})
    quote = compute_quote(w, book)
    for option in ("fargate", "ec2"):
        assert _lines(quote.options[option], "front door")["Amazon SQS requests"] == (Decimal(12), Decimal("4.80"))
        assert not quote.options[option].missing  # 2M x 3 x 2 chunks = 12M requests, priced
    assert "Amazon SQS requests" not in _lines(quote.options["lambda"], "front door")
    region = book.regions["us-east-1"]
    bare = book.model_copy(update={"regions": {**book.regions, "us-east-1": region.model_copy(update={"sqs": None})}})
    gap = [m for m in compute_quote(w, bare).options["fargate"].missing if m.what == "Amazon SQS requests"]
    assert gap and gap[0].usage == ((Decimal(12_000_000), "request"),)
