"""`computefit prices missing` and the quotes agree: every region x every bundled example (all options compared) x
every option, what the quote leaves out is listed for that region, by the same name; and the README's completeness
table is the command's output, not typed."""

from __future__ import annotations

import re

import pytest

from desktop.cli import main
from desktop.model.advice.completeness import (
    all_options_compared,
    bundled_examples,
    completeness,
    completeness_markdown,
    left_out,
)
from desktop.model.options.registry import missing_prices, option_ids
from desktop.model.pricing.book import PriceBook
from desktop.pricelist.book.listing import missing_text
from desktop.resources import examples_dir
from tests.conftest import REPO, make_workload

EXAMPLES = bundled_examples(examples_dir())
REGIONS = ["us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "eu-west-2", "ap-southeast-1",
           "ap-southeast-2", "ap-northeast-1", "ap-south-1", "sa-east-1", "ca-central-1"]
ANY_TYPE = re.compile(r"any (x86_64|arm64)( GPU)? EC2 instance")  # the catalogue's types, each listed as "EC2 <type>"

SQS = "Amazon SQS requests"

def _listed(book: PriceBook, region: str, item: str, listed: list[str]) -> bool:
    if ANY_TYPE.fullmatch(item):
        return any(entry.startswith("EC2 ") and entry.removeprefix("EC2 ") in book.instance_types for entry in listed)
    return item in listed


@pytest.mark.parametrize("region", REGIONS)
def test_prices_missing_covers_what_every_quote_leaves_out(book: PriceBook, region: str) -> None:
    assert list(book.regions) == REGIONS and len(EXAMPLES) == 5
    listed = missing_prices(book, region)
    shown = missing_text(book, region).splitlines()
    left: set[str] = set()
    for workload in EXAMPLES:
        for option, items in left_out(all_options_compared(workload, region), book).items():
            assert option in option_ids()
            for item in items:
                assert _listed(book, region, item, listed), (region, workload.name, option, item)
                left.add(item)
    for item in left - {i for i in left if ANY_TYPE.fullmatch(i)}:  # the command prints the same list
        assert f"  {item}" in shown or (item.startswith("EC2 ") and item.removeprefix("EC2 ") in shown[-1]), item
    if region == "us-east-1":  # every example, every option: complete (the SQS queue S3 and SNS events into
        assert left == set()  # containers need is priced from the AWS Price List since the regions branch)


def test_a_price_removed_from_the_book_shows_up_in_both(book: PriceBook) -> None:
    region = book.regions["us-east-1"]
    logs = region.cloudwatch_logs
    assert logs is not None
    bare = book.model_copy(update={"regions": {**book.regions, "us-east-1": region.model_copy(
        update={"cloudwatch_logs": logs.model_copy(update={"storage_gb_month": None})})}})
    # 100 KB of logs a request: well above the 5 GB-month always free, so the storage is used and missing
    gaps = left_out(all_options_compared(make_workload(network={"log_kb_per_unit": 100}), "us-east-1"), bare)
    assert gaps and all(items == ("CloudWatch Logs storage",) for items in gaps.values()), gaps
    assert "CloudWatch Logs storage" in missing_prices(bare, "us-east-1")


def _whole(row: object) -> bool:
    return bool(row.is_complete)  # type: ignore[attr-defined]


def test_done_when_targets(book: PriceBook) -> None:
    table = completeness(book, EXAMPLES)
    for region in ("us-east-1", "eu-west-2"):  # every bundled example, all five options of the issue: complete
        assert all(_whole(table[region][o]) for o in ("lambda", "fargate", "ec2", "lambda_managed",
                                                       "ecs_managed")), region
    assert _whole(table["us-east-1"]["eks_fargate"])
    # what no source gives (aws-prices-t3.md 14): data transfer out in five regions, Lambda ephemeral storage
    # outside us-east-1, eu-west-2 and ca-central-1, Sydney's ALB, EBS gp3 in four regions
    short = {region for region, row in table.items() if not _whole(row["fargate"])}
    assert short == {"us-west-2", "eu-central-1", "ap-southeast-2", "ap-northeast-1", "ap-south-1", "ca-central-1"}
    assert all("data transfer out to the internet" in table[r]["fargate"].left_out for r in short - {"ap-southeast-2"})
    assert table["ap-southeast-2"]["fargate"].left_out == ("Application Load Balancer",)  # its transfer is priced
    # the queue S3 and SNS events into containers need is priced everywhere now
    assert not any(SQS in row[o].left_out for row in table.values() for o in row)


def test_the_readme_table_is_the_commands_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["prices", "coverage", "--markdown"]) == 0
    printed = capsys.readouterr().out.strip()
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    begin, end = "<!-- completeness table: computefit prices coverage --markdown -->", "<!-- end of the table -->"
    assert begin in readme and end in readme
    assert readme.split(begin, 1)[1].split(end, 1)[0].strip() == printed


def test_the_table_names_every_option_and_region(book: PriceBook) -> None:
    text = completeness_markdown(completeness(book, EXAMPLES), len(EXAMPLES))
    lines = text.splitlines()
    assert lines[0] == "| Region | Lambda | Fargate | ECS on EC2 | Lambda MI | ECS MI | EKS on Fargate |"
    assert [line.split(" | ")[0].removeprefix("| ") for line in lines[2:14]] == REGIONS
    assert lines[2] == ("| us-east-1 | complete (3/3) | complete (4/4) | complete (5/5) | complete (4/4) | "
                        "complete (5/5) | complete (3/3) |")
