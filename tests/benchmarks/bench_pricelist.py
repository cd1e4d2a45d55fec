"""Price List import speed and memory against a bare pass of the same parser over the same file, in the same run.

Generates (in a temporary folder) an EC2-shaped JSON offer file (default 1024 MB: products, on-demand and reserved
terms, as AWS's) and an EC2-shaped CSV of half that size. For each file, alternately, in fresh processes:
- bare: the parser alone doing nothing (ijson.parse with the importer's backend / csv.reader over the same text);
- import: `import_files` on the file (read, keep, map, build and validate the user book; not written).
Prints the median MB/s of each, the ratio (target: import >= 0.7 x bare for JSON, 0.5 x for CSV) and the
import's peak RSS measured in its process with resource.getrusage (target < 300 MB).

Run: python -m tests.benchmarks.bench_pricelist [--size-mb 1024] [--runs 3]   (--size-mb 50 for a quick run)
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

RATIO_TARGETS = {"json": 0.7, "csv": 0.5}  # the JSON import's checked layer included; the CSV import as it was
RSS_TARGET_MB = 300

CHILD = r"""
import csv, io, json, resource, sys, time
from pathlib import Path
mode, path = sys.argv[1], Path(sys.argv[2])
from desktop.pricelist.offers.read_json import backend
from desktop.pricelist.offers.importer import import_files
from desktop.pricelist.book.store import bundled_json
bundled = bundled_json()
start = time.perf_counter()
kept = 0
if mode == "bare-json":
    with path.open("rb") as handle:
        for _ in backend().parse(handle, buf_size=1 << 20):
            pass
elif mode == "bare-csv":
    with path.open("rb") as raw:
        text = io.TextIOWrapper(io.BufferedReader(raw, 1 << 20), encoding="utf-8-sig", newline="")
        for _ in csv.reader(text, strict=True):
            pass
else:
    layer, report = import_files([path], bundled, None)
    kept = sum(report.written.values())
seconds = time.perf_counter() - start
rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:  # Linux keeps ru_maxrss across exec (the benchmark's own peak would show): this image's own peak instead
    with open("/proc/self/status") as status:
        rss_kb = int(status.read().split("VmHWM:")[1].split()[0])
except (OSError, IndexError, ValueError):
    pass
print(json.dumps({"seconds": seconds, "rss_kb": rss_kb, "kept": kept}))
"""


def measure(mode: str, path: Path) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", CHILD, mode, str(path)], cwd=REPO, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise SystemExit(f"{mode} on {path} failed:\n{done.stderr}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measure_kind(kind: str, path: Path, runs: int) -> dict[str, float]:
    """Medians of `runs` alternate bare and import runs over one file: rates, their ratio, the import's peak RSS."""
    size_mb = path.stat().st_size / 1e6
    bare, imported, rss, kept = [], [], [], 0.0
    for _ in range(runs):
        bare.append(measure(f"bare-{kind}", path)["seconds"])
        result = measure("import", path)
        imported.append(result["seconds"])
        rss.append(result["rss_kb"] / 1024)
        kept = result["kept"]
    bare_rate, import_rate = size_mb / statistics.median(bare), size_mb / statistics.median(imported)
    return {"size_mb": size_mb, "bare_mb_s": bare_rate, "import_mb_s": import_rate, "ratio": import_rate / bare_rate,
            "peak_rss_mb": max(rss), "kept": kept}


def bench(kind: str, path: Path, runs: int) -> tuple[bool, str]:
    r = measure_kind(kind, path, runs)
    ok = r["ratio"] >= RATIO_TARGETS[kind] and r["peak_rss_mb"] < RSS_TARGET_MB
    line = (f"{path.name:<10} {r['size_mb']:>8.0f} MB  bare {r['bare_mb_s']:>6.1f} MB/s  "
            f"import {r['import_mb_s']:>6.1f} MB/s  ratio {r['ratio']:.2f}x (target >= {RATIO_TARGETS[kind]}x)  "
            f"import peak RSS {r['peak_rss_mb']:.0f} MB (target < {RSS_TARGET_MB} MB)  prices kept {r['kept']:.0f}  "
            f"{'OK' if ok else 'MISSED'}")
    return ok, line


def measure_all(size_mb: int, runs: int) -> dict[str, dict[str, float]]:
    """Both files (JSON of `size_mb`, CSV of half), generated in a temporary folder: {"json": ..., "csv": ...}."""
    from tests.pricelist.offer_files import write_ec2_csv, write_ec2_json

    with tempfile.TemporaryDirectory(prefix="bench-pricelist-") as folder:
        json_path, csv_path = Path(folder) / "ec2.json", Path(folder) / "ec2.csv"
        write_ec2_json(json_path, size_mb * 1_000_000)
        write_ec2_csv(csv_path, size_mb * 500_000)
        return {"json": measure_kind("json", json_path, runs), "csv": measure_kind("csv", csv_path, runs)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=int, default=1024, help="size of the JSON file (the CSV is half)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement (medians)")
    args = parser.parse_args()

    from desktop.pricelist.offers.read_json import backend
    from tests.pricelist.offer_files import write_ec2_csv, write_ec2_json

    print(f"ijson backend: {backend().__name__}; Python {sys.version.split()[0]}; {args.runs} run(s) each, medians")
    with tempfile.TemporaryDirectory(prefix="bench-pricelist-") as folder:
        json_path, csv_path = Path(folder) / "ec2.json", Path(folder) / "ec2.csv"
        started = time.perf_counter()
        write_ec2_json(json_path, args.size_mb * 1_000_000)
        write_ec2_csv(csv_path, args.size_mb * 500_000)
        print(f"generated {json_path.stat().st_size / 1e6:.0f} MB JSON and {csv_path.stat().st_size / 1e6:.0f} MB "
              f"CSV in {time.perf_counter() - started:.0f} s")
        results = [bench("json", json_path, args.runs), bench("csv", csv_path, args.runs)]
    for _, line in results:
        print(line)
    return 0 if all(ok for ok, _ in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
