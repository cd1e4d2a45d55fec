"""Usage import speed and memory against bare DuckDB aggregates of the same file, in the same run (not a test).

Generates (tests/benchmarks/gen_cur.py, in a temporary folder unless --file is given) a CUR 2.0 Parquet month of
N line items, then, alternately, in fresh processes, each with the import's memory limit and threads:
- floor: DuckDB alone giving what the import gives, nothing more: the rows of Lambda, ECS and EC2 summed (cost,
  usage, rows) per resource id and clock hour, the rows of every other service counted per product code. The
  fewest columns (5), no classification, keys as written: the same file, the same grouping;
- all rows: the floor used before 2026-12-06: every row summed per resource id and clock hour, the 60% of rows the
  import only counts included (millions more groups than the import makes: slower, so a flattering floor);
- import: `read_billing` on the file (classify every row, aggregate hourly usage per resource, the summary);
- command: the whole `computefit usage import` (import, fleet workshop of at most 200 scenarios, safe write).
Prints the median seconds, CPU seconds (user + system, all threads, from the process start), MB/s and rows/s of
each, its ratio to the floor, and the peak RSS of each process (resource.getrusage). Targets: 20 million rows in
under 30 s, under 1 GB.

Run: python -m tests.benchmarks.bench_usage [--rows 20000000] [--runs 3] [--file CUR.parquet]   (--rows 1000000 quick)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

TARGET_S_20M = 30.0
TARGET_RSS_MB = 1024.0

COMPARED = "('AWSLambda', 'AmazonECS', 'AmazonEC2')"
FLOOR = f"""CREATE TEMP TABLE t AS
SELECT line_item_resource_id AS id, date_trunc('hour', line_item_usage_start_date) AS hour, count(*) AS n,
       sum(line_item_unblended_cost) AS cost, sum(line_item_usage_amount) AS amount
FROM read_parquet('{{path}}') WHERE line_item_product_code IN {COMPARED} GROUP BY ALL
UNION ALL BY NAME
SELECT line_item_product_code AS id, count(*) AS n
FROM read_parquet('{{path}}') WHERE line_item_product_code NOT IN {COMPARED} GROUP BY ALL"""
ALL_ROWS = """CREATE TEMP TABLE t AS
SELECT line_item_resource_id, date_trunc('hour', line_item_usage_start_date), sum(line_item_unblended_cost),
       sum(line_item_usage_amount) FROM read_parquet('{path}') GROUP BY ALL"""

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
mode, path, out, sql = sys.argv[1], Path(sys.argv[2]), sys.argv[3], sys.argv[4]
start = time.perf_counter()
if mode in ("floor", "all rows"):
    import duckdb
    from desktop.usage.engine import MEMORY_LIMIT_MB, THREADS
    con = duckdb.connect(config={"memory_limit": f"{MEMORY_LIMIT_MB}MB", "threads": THREADS,
                                 "preserve_insertion_order": False})
    quoted = str(path).replace("'", "''")
    con.execute(sql.format(path=quoted))
    rows = con.execute(f"SELECT count(*) FROM read_parquet('{quoted}')").fetchone()[0]
    found = 0
elif mode == "import":
    from desktop.usage.engine import read_billing
    from desktop.usage.records import ImportSummary
    summary = ImportSummary()
    found = len(read_billing([path], "parquet", summary))
    rows = summary.rows_read
else:
    from desktop.cli import main
    status = main(["usage", "import", str(path), "-o", out, "--force"])
    assert status == 0, status
    rows = found = 0
took = time.perf_counter() - start
cpu = sum(resource.getrusage(resource.RUSAGE_SELF)[:2])  # user + system, all threads: what the load does not stretch
rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
try:  # Linux keeps ru_maxrss across exec (the benchmark's own peak would show): this image's own peak instead
    with open("/proc/self/status") as status:
        rss_mb = int(status.read().split("VmHWM:")[1].split()[0]) / 1024
except (OSError, IndexError, ValueError):
    pass
print(json.dumps({"seconds": took, "cpu": cpu, "rows": rows, "resources": found, "rss_mb": rss_mb}))
"""
MODES = ("floor", "all rows", "import", "command")


def run_child(mode: str, path: Path, out: Path) -> dict[str, float]:
    sql = {"floor": FLOOR, "all rows": ALL_ROWS}.get(mode, "")
    done = subprocess.run([sys.executable, "-c", CHILD, mode, str(path), str(out), sql], cwd=REPO,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{mode} failed: {done.stderr.strip()[-2000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


Figures = dict[str, dict[str, float]]


def measure(path: Path, runs: int, modes: tuple[str, ...] = MODES) -> Figures:
    results: dict[str, list[dict[str, float]]] = {m: [] for m in modes}
    with tempfile.TemporaryDirectory(prefix="bench-usage-") as folder:
        out = Path(folder) / "fleet.workshop.json"
        for m in modes:  # warm-up: the file in the page cache, the modules compiled
            run_child(m, path, out)
        for _ in range(runs):
            for m in modes:
                results[m].append(run_child(m, path, out))
    return {m: {"seconds": statistics.median(r["seconds"] for r in rs), "cpu": statistics.median(r["cpu"] for r in rs),
                "rss_mb": max(r["rss_mb"] for r in rs),
                "rows": rs[0]["rows"], "resources": rs[0]["resources"]} for m, rs in results.items()}


def measure_pairs(path: Path, runs: int) -> tuple[list[float], list[float], float]:
    """Seconds of `runs` floor and import runs, alternately after a warm-up of each, and the import's peak RSS."""
    with tempfile.TemporaryDirectory(prefix="bench-usage-") as folder:
        out = Path(folder) / "fleet.workshop.json"
        floor: list[float] = []
        imported: list[float] = []
        rss = 0.0
        for attempt in range(runs + 1):
            first, second = run_child("floor", path, out), run_child("import", path, out)
            if attempt:
                floor.append(first["seconds"])
                imported.append(second["seconds"])
                rss = max(rss, second["rss_mb"])
    return floor, imported, rss


def report(path: Path, rows: int, figures: Figures) -> str:
    size_mb = path.stat().st_size / 1e6
    floor = figures["floor"]["seconds"]
    lines = [f"{path.name}: {rows:,} line items, {size_mb:,.0f} MB Parquet; load average {os.getloadavg()[0]:.1f}",
             f"{'':<10} {'median s':>9} {'CPU s':>6} {'MB/s':>8} {'rows/s':>12} {'x floor':>8} {'speed':>6} "
             f"{'peak RSS MB':>12}"]
    for mode, f in figures.items():
        s = f["seconds"]
        lines.append(f"{mode:<10} {s:>9.2f} {f['cpu']:>6.2f} {size_mb / s:>8.1f} {rows / s:>12,.0f} {s / floor:>8.2f} "
                     f"{floor / s:>6.2f} {f['rss_mb']:>12.0f}")
    done = figures.get("command", figures["import"])  # what the user waits for: the whole command
    seconds, rss = done["seconds"], max(figures[m]["rss_mb"] for m in ("import", "command") if m in figures)
    if rows >= 20_000_000:
        lines.append(f"usage import of {rows:,} rows: {seconds:.1f} s (target < {TARGET_S_20M:g} s for 20M); peak "
                     f"RSS {rss:.0f} MB (target < {TARGET_RSS_MB:g} MB)")
    else:
        lines.append(f"peak RSS {rss:.0f} MB (target < {TARGET_RSS_MB:g} MB); the 30 s target is for 20M rows "
                     "(--rows 20000000)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=20_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--file", type=Path, default=None, help="an existing CUR 2.0 Parquet file to measure")
    args = parser.parse_args(argv)
    from tests.benchmarks.gen_cur import generate

    with tempfile.TemporaryDirectory(prefix="bench-usage-data-") as folder:
        path = args.file or Path(folder) / f"cur-{args.rows}.parquet"
        if args.file is None:
            generate(path, args.rows)
        figures = measure(path, args.runs)
        print(report(path, int(figures["import"]["rows"]), figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
