"""Record what the app says for a set of workloads, so a change that must not move a number can prove it.

    python -m tests.goldens.make_goldens        # rewrite tests/goldens/out/ (only on purpose: numbers changed)

Each case writes `estimate --json`, the `estimate` table, the `advise` text, the CSV export and the sheet's HTML,
all priced with the frozen book beside this file (so price-book updates do not move them).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
BOOK = HERE / "price-book.json"
EXAMPLES = HERE.parents[1] / "resources" / "examples"
GENERATED = dt.date(2026, 11, 30)

# Variants that reach the paths the examples do not: each is an example plus dotted-path changes.
VARIANTS: dict[str, tuple[str, dict[str, Any]]] = {
    "http-api-eu-west-1": ("http-api", {"region": "eu-west-1"}),
    "http-api-arm64-spot": ("http-api", {"architecture": "arm64", "container.spot_share": 0.5,
                                         "assumptions.savings_plans.fargate_pct": 20}),
    "http-api-windows": ("http-api", {"container.os": "windows", "container.vcpu": 1, "container.memory_gb": 2}),
    "http-api-provisioned": ("http-api", {"lambda.provisioned_concurrency": 20,
                                          "lambda.provisioned_hours_per_month": 300,
                                          "lambda.provisioned_share": 0.4, "lambda.ephemeral_storage_mb": 2048,
                                          "assumptions.savings_plans.lambda_pct": 10}),
    "http-api-rest-alb": ("http-api", {"front_door": "api_gateway_rest", "requirements.payload_kb": 900,
                                       "assumptions.api_gateway_free_tier": True}),
    "http-api-alb-big": ("http-api", {"front_door": "alb", "traffic.requests_per_month": 900_000_000,
                                      "ec2.instance_type": "m6i.large", "assumptions.savings_plans.ec2_pct": 30,
                                      "container.spot_share": 0.3}),
    "event-processor-tokyo": ("event-processor", {"region": "ap-northeast-1", "lambda.free_tier": False}),
    "nightly-batch-floor": ("nightly-batch", {"container.min_tasks": 1, "container.ephemeral_storage_gb": 120,
                                              "ec2.root_volume_gb": 0}),
    "nightly-batch-short": ("nightly-batch", {"traffic.duration_ms": 20_000, "traffic.runs_per_month": 3000}),
    "gpu-inference-sa": ("gpu-inference", {"region": "sa-east-1"}),
    "http-api-network": ("http-api", {"network.nat_gateways": 2, "network.nat_kb_per_unit": 10,
                                      "network.public_ipv4": True, "network.log_kb_per_unit": 2,
                                      "network.response_kb": 30, "network.alb_rules": 25, "traffic.burst_ratio": 2}),
    "event-processor-big-events": ("event-processor", {"requirements.payload_kb": 600, "lambda.free_tier": False}),
}


def cases() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(EXAMPLES.glob("*.workload.json")):
        found[path.name.removesuffix(".workload.json")] = json.loads(path.read_text(encoding="utf-8"))
    from desktop.model.workload.spec import Workload, set_dotted
    for name, (base, changes) in VARIANTS.items():
        data = Workload.model_validate(found[base]).to_json_dict()
        for key, value in changes.items():
            set_dotted(data, key, value)
        data["name"] = f"{data['name']} ({name})"
        found[name] = data
    return found


def render(data: dict[str, Any]) -> dict[str, str]:
    """The outputs for one workload, by file name."""
    from desktop.model.advice.advise import advise
    from desktop.model.advice.quote_json import advice_json
    from desktop.model.pricing.book import load_price_book
    from desktop.model.workload.spec import Workload
    from desktop.report.sheet.csv_export import comparison_csv
    from desktop.report.sheet.html import sheet_html
    from desktop.report.sheet.text import advice_text, quote_table

    book = load_price_book(BOOK)
    workload = Workload.model_validate(data)
    advice = advise(workload, book)
    return {
        "estimate.json": json.dumps(advice_json(advice, book), indent=1) + "\n",
        "estimate.txt": quote_table(advice.quote, book) + "\n",
        "advise.txt": advice_text(advice, book) + "\n",
        "comparison.csv": comparison_csv(advice, book),
        "sheet.html": sheet_html(advice, workload, book, generated=GENERATED, version="golden") + "\n",
        "curves.json": json.dumps(_curves(advice), indent=0) + "\n",
    }


def _curves(advice: Any) -> dict[str, Any]:
    """The cost-against-volume curves (to the cent) and the break-even volumes the charts draw."""
    curves = advice.curves
    return {
        "volumes": [round(v, 3) for v in curves.volumes],
        "costs": {o: [None if c is None else round(c, 2) for c in costs] for o, costs in curves.costs.items()},
        "break_even": [[b.first, b.second, b.volume, None if b.monthly_usd is None else str(b.monthly_usd)]
                       for b in advice.break_even],
    }


def main() -> int:
    for name, data in cases().items():
        folder = OUT / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "workload.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        for file_name, text in render(data).items():
            (folder / file_name).write_text(text, encoding="utf-8")
    print(f"wrote {len(cases())} cases to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
