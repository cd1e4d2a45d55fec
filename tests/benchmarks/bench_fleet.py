"""`computefit usage rank` on generated fleets (not a test): seconds and peak memory at each size.

Run from the repository root: `python -m tests.benchmarks.bench_fleet [--sizes 1000,10000] [--jobs 2] [--runs 1]
[--sensitivity] [--against PATH]`. `--against` names a source tree of another commit (`git worktree add` or
`git archive`): each run of this tree is paired with one of that tree, one after the other, on the same fleet, and
the table adds the ratios of their medians (this tree / that one).
Each fleet is a JSON-lines file written here (never committed): half typed-in workloads (the bundled examples at
different volumes), half scenarios as `usage import` writes them (the resources of tests/usage/fixtures.py's CUR
export, with their bills varied). The command runs in a fresh process, as a user runs it, writing a JSON-lines
ranking; the table gives its wall time (median of the runs), time per scenario, the CPU seconds of the command
and its workers together (steadier than wall time on a shared machine), and the peak RSS of the command's own
process and of its largest worker (flat per scenario: neither grows with the fleet but by its small records).
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
exit_status = main(sys.argv[1:])
me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime
own = me.ru_maxrss / 1024
try:  # Linux keeps ru_maxrss across exec (the benchmark's own size would show): the peak of this image instead
    with open("/proc/self/status") as proc:
        peak = proc.read()
    own = int(peak.split("VmHWM:")[1].split()[0]) / 1024
except (OSError, IndexError, ValueError):
    pass
print(f"RSS {own:.1f} {children.ru_maxrss / 1024:.1f} {cpu:.3f}", file=sys.stderr)
sys.exit(exit_status)
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


def write_fleet(path: Path, size: int, imported: list[dict[str, Any]]) -> None:
    """`size` lines: the bundled examples and the `imported` scenarios, in turn, each varied."""
    examples = [json.loads(p.read_text(encoding="utf-8"))
                for p in sorted((REPO / "resources" / "examples").glob("*.workload.json"))]
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


def run_once(fleet: Path, jobs: int, output: Path, flags: list[str], tree: Path = REPO
             ) -> tuple[float, float, float, float]:
    env = dict(os.environ, PYTHONPATH=str(tree))
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, "usage", "rank", str(fleet), "-o", str(output), "--jobs",
                           str(jobs), *flags], env=env, cwd=tree, capture_output=True, text=True, timeout=3600,
                          check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"usage rank failed: {done.stderr[-2000:]}")
    own, workers, cpu = (float(v) for v in done.stderr.split("RSS ")[1].split()[:3])
    return elapsed, own, workers, cpu


Run = tuple[float, float, float, float]  # seconds, RSS of the command (MB), RSS of its largest worker (MB), CPU s


def _row(label: str, size: int, runs: list[Run]) -> str:
    seconds = statistics.median(r[0] for r in runs)
    target = "-" if size != 10_000 else f"< {TARGET_S:.0f} s ({'ok' if seconds < TARGET_S else 'OVER'})"
    return (f"{label:<8} {size:>9,}  {seconds:>8.1f}  {seconds / size * 1000:>8.2f}  "
            f"{statistics.median(r[3] for r in runs):>7.1f}  {statistics.median(r[1] for r in runs):>8.0f} MB  "
            f"{statistics.median(r[2] for r in runs):>7.0f} MB  {target}")


def _ratios(ours: list[Run], theirs: list[Run]) -> str:
    """The medians of the pairs' ratios (this tree / the other), wall time and CPU seconds."""
    wall = statistics.median(a[0] / b[0] for a, b in zip(ours, theirs, strict=True))
    cpu = statistics.median(a[3] / b[3] for a, b in zip(ours, theirs, strict=True))
    return f"{'ratio':<8} {'':>9}  {wall:>7.2f}x  {'':>8}  {cpu:>6.2f}x  (medians of {len(ours)} pairs, this / against)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--sensitivity", action="store_true", help="rank with --sensitivity")
    parser.add_argument("--against", type=Path, help="a source tree of another commit, run in turn with this one")
    args = parser.parse_args(argv)
    print(f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; --jobs {args.jobs}"
          f"{' --sensitivity' if args.sensitivity else ''}; median of {args.runs} run(s)")
    print(f"{'tree':<8} {'scenarios':>9}  {'seconds':>8}  {'ms each':>8}  {'CPU s':>7}  {'RSS command':>11}  "
          f"{'RSS worker':>10}  target")
    flags = ["--sensitivity"] if args.sensitivity else []
    with tempfile.TemporaryDirectory(prefix="bench-fleet-") as tmp:
        folder = Path(tmp)
        imported = _imported_scenarios(folder)
        for size in (int(s) for s in args.sizes.split(",")):
            fleet = folder / f"fleet-{size}.jsonl"
            write_fleet(fleet, size, imported)
            ours: list[Run] = []
            theirs: list[Run] = []
            same = True
            for _ in range(args.runs):
                ours.append(run_once(fleet, args.jobs, folder / "ranked.jsonl", flags))
                lines = (folder / "ranked.jsonl").read_text(encoding="utf-8").count("\n")
                assert lines == size, f"{lines} lines ranked of {size}"
                if args.against is not None:
                    theirs.append(run_once(fleet, args.jobs, folder / "theirs.jsonl", flags, args.against))
                    same = same and (folder / "ranked.jsonl").read_bytes() == (folder / "theirs.jsonl").read_bytes()
            print(_row("this", size, ours))
            if theirs:
                print(_row("against", size, theirs))
                print(_ratios(ours, theirs) + ("; the same ranking, byte for byte" if same else
                                               "; the rankings DIFFER"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
