"""`computefit usage rank` on generated fleets (not a test): seconds and peak memory at each size.

Run from the repository root: `python -m tests.benchmarks.bench_fleet [--sizes 1000,10000] [--jobs 2] [--runs 1]`.
Each fleet is a JSON-lines file written here (never committed): half typed-in workloads (the bundled examples at
different volumes), half scenarios as `usage import` writes them (the resources of tests/usage/fixtures.py's CUR
export, with their bills varied). The command runs in a fresh process, as a user runs it, writing a JSON-lines
ranking; the table gives its wall time (median of the runs), time per scenario, and the peak RSS of the command's
own process and of its largest worker (flat per scenario: neither grows with the fleet's size but by its records).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
TARGET_S = 60.0  # 10,000 scenarios on two cores (issue 26)
CHILD = r"""
import resource, sys
from desktop.cli import main
status = main(sys.argv[1:])
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"RSS {own:.1f} {workers:.1f}", file=sys.stderr)
sys.exit(status)
"""


def _imported_scenarios(folder: Path) -> list[dict[str, Any]]:
    from desktop.cli import main
    from tests.usage import fixtures as fx

    output = folder / "template.workshop.json"
    with contextlib.redirect_stdout(io.StringIO()):  # the import's summary
        status = main(["usage", "import", str(fx.write_csv(folder / "cur.csv", fx.cur_rows())), "-o", str(output)])
    if status != 0:
        raise SystemExit("the template import failed")
    scenarios: list[dict[str, Any]] = json.loads(output.read_text(encoding="utf-8"))["scenarios"]
    return scenarios


def write_fleet(path: Path, size: int, folder: Path) -> None:
    examples = [json.loads(p.read_text(encoding="utf-8"))
                for p in sorted((REPO / "resources" / "examples").glob("*.workload.json"))]
    imported = _imported_scenarios(folder)
    with path.open("w", encoding="utf-8") as out:
        for i in range(size):
            if i % 2:
                entry = json.loads(json.dumps(imported[i % len(imported)]))
                entry["workload"]["name"] = f"{entry['workload']['name']} {i}"
                billed = float(entry["usage"]["billed_usd"]) * (0.5 + (i % 13) / 8)
                entry["usage"]["billed_usd"] = f"{billed:.2f}"
                out.write(json.dumps(entry) + "\n")
                continue
            data = json.loads(json.dumps(examples[i % len(examples)]))
            data["name"] = f"service {i}"
            key = "runs_per_month" if data["traffic"].get("kind") == "jobs" else "requests_per_month"
            data["traffic"][key] = int(data["traffic"].get(key) or 1000) * (1 + i % 17)
            out.write(json.dumps(data) + "\n")


def run_once(fleet: Path, jobs: int, output: Path) -> tuple[float, float, float]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, "usage", "rank", str(fleet), "-o", str(output), "--jobs",
                           str(jobs)], env=env, cwd=REPO, capture_output=True, text=True, timeout=900, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"usage rank failed: {done.stderr[-2000:]}")
    own, workers = (float(v) for v in done.stderr.split("RSS ")[1].split()[:2])
    return elapsed, own, workers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args(argv)
    print(f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; --jobs {args.jobs}; median of {args.runs} run(s)")
    print(f"{'scenarios':>9}  {'seconds':>8}  {'ms each':>8}  {'RSS command':>11}  {'RSS worker':>10}  target")
    with tempfile.TemporaryDirectory(prefix="bench-fleet-") as tmp:
        folder = Path(tmp)
        for size in (int(s) for s in args.sizes.split(",")):
            fleet = folder / f"fleet-{size}.jsonl"
            write_fleet(fleet, size, folder)
            runs = [run_once(fleet, args.jobs, folder / "ranked.jsonl") for _ in range(args.runs)]
            seconds = statistics.median(r[0] for r in runs)
            lines = (folder / "ranked.jsonl").read_text(encoding="utf-8").count("\n")
            assert lines == size, f"{lines} lines ranked of {size}"
            target = f"< {TARGET_S * size / 10_000:.0f} s ({'ok' if seconds < TARGET_S * size / 10_000 else 'OVER'})"
            print(f"{size:>9,}  {seconds:>8.1f}  {seconds / size * 1000:>8.2f}  "
                  f"{statistics.median(r[1] for r in runs):>8.0f} MB  {statistics.median(r[2] for r in runs):>7.0f} MB"
                  f"  {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
