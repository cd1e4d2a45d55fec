"""Budgets of the installed app against a baseline, measured side by side in one run (not a test).

Run from the repository root: `python -m tests.benchmarks.bench_budgets`.

The baseline is a bare PySide6 window holding one pyqtgraph plot (tests/benchmarks/baseline_app.py), run from
source and frozen with the app's own trimming (packaging/baseline.spec, built into a temporary folder). The app
runs through packaging/launcher.py, the frozen executable's entry point, with COMPUTEFIT_EXIT_AFTER_FIRST_PAINT=1:
at the window's first paint (the quote is computed before the window shows) it prints `FIRST_PAINT <unix time>`,
writes the PDF sheet and quits. Both run offscreen, alternately, after one warm-up run each. Reported, as
medians of --runs runs (default 5) and ratios app / baseline:

- process start -> first painted quote (from source and frozen): budget 1.3;
- one-folder bundle size: budget 1.2;
- peak RSS of start-up plus one PDF export (os.wait4's ru_maxrss): budget 1.3;
- then the edit-to-redraw and PDF-export medians of bench_gui.py and bench_report.py (skip with --no-others).

The app bundle is dist/computefit (built with packaging/build.py when missing or with --rebuild).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
APP_BUNDLE = REPO / "dist" / "computefit"
BUDGETS = {"start": 1.3, "size": 1.2, "rss": 1.3}


@dataclass
class Variant:
    name: str
    command: list[str]
    starts: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    pdf_s: list[float] = field(default_factory=list)


def run_once(variant: Variant, workdir: Path, record: bool) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", COMPUTEFIT_EXIT_AFTER_FIRST_PAINT="1",
               COMPUTEFIT_BENCH_PDF=str(workdir / f"{variant.name.replace(' ', '-')}.pdf"),
               XDG_CONFIG_HOME=str(workdir / "config"))
    with tempfile.TemporaryFile() as errors:
        started = time.time()
        process = subprocess.Popen(variant.command, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=errors)
        assert process.stdout is not None
        watchdog = threading.Timer(120, process.kill)
        watchdog.start()
        out = process.stdout.read()  # until the child exits
        _pid, status, usage = os.wait4(process.pid, 0)  # its own peak RSS, not the benchmark's
        watchdog.cancel()
        errors.seek(0)
        err = errors.read()
    process.returncode = os.waitstatus_to_exitcode(status)
    marks = dict(line.split(" ", 1) for line in out.decode().splitlines() if " " in line)
    if process.returncode != 0 or "FIRST_PAINT" not in marks:
        raise SystemExit(f"{variant.name}: exit {process.returncode}, no first paint\n{out.decode()}{err.decode()}")
    if record:
        variant.starts.append(float(marks["FIRST_PAINT"]) - started)
        variant.rss_mb.append(usage.ru_maxrss / 1024)  # KiB on Linux
        if "PDF_EXPORT" in marks:
            variant.pdf_s.append(float(marks["PDF_EXPORT"]))


def folder_mb(folder: Path) -> float:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink()) / 1e6


def build_baseline(into: Path) -> Path:
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR",
                    "--distpath", str(into / "dist"), "--workpath", str(into / "work"),
                    str(REPO / "packaging" / "baseline.spec")], check=True, cwd=REPO)
    return into / "dist" / "baseline"


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def verdict(ratio: float, budget: float) -> str:
    return f"{ratio:5.2f} (budget <= {budget}: {'ok' if ratio <= budget else 'MISSED'})"


def report(pairs: list[tuple[Variant, Variant]], sizes: tuple[float, float] | None) -> None:
    print(f"{'variant':<18} {'start->paint':>13} {'peak RSS':>10} {'PDF export':>11}  runs")
    for pair in pairs:
        for v in pair:
            print(f"{v.name:<18} {median(v.starts) * 1000:10.0f} ms {median(v.rss_mb):7.1f} MB "
                  f"{median(v.pdf_s) * 1000:8.1f} ms  {len(v.starts)}")
    print()
    for app, base in pairs:
        kind = app.name.split()[-1]
        print(f"start to first paint, {kind:<7} app/baseline = "
              f"{verdict(median(app.starts) / median(base.starts), BUDGETS['start'])}")
        print(f"peak RSS (start + PDF), {kind:<6} app/baseline = "
              f"{verdict(median(app.rss_mb) / median(base.rss_mb), BUDGETS['rss'])}")
    if sizes:
        print(f"one-folder bundle: app {sizes[0]:.1f} MB, baseline {sizes[1]:.1f} MB, app/baseline = "
              f"{verdict(sizes[0] / sizes[1], BUDGETS['size'])}")


def others() -> None:
    for module in ("tests.benchmarks.bench_gui", "tests.benchmarks.bench_report"):
        if not (REPO / (module.replace(".", "/") + ".py")).is_file():
            continue
        print(f"\n--- {module}")
        done = subprocess.run([sys.executable, "-m", module], cwd=REPO, capture_output=True, text=True,
                              env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), timeout=900)
        sys.stdout.write(done.stdout + (done.stderr if done.returncode else ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="app vs baseline: start-up, bundle size, peak memory")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--source-only", action="store_true", help="skip the frozen builds and runs")
    parser.add_argument("--rebuild", action="store_true", help="rebuild dist/computefit first")
    parser.add_argument("--no-others", action="store_true", help="skip bench_gui.py and bench_report.py")
    args = parser.parse_args(argv)

    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
          f"{args.runs} runs each, offscreen, medians")
    with tempfile.TemporaryDirectory(prefix="computefit-bench-") as tmp:
        workdir = Path(tmp)
        pairs = [(Variant("app source", [sys.executable, str(REPO / "packaging" / "launcher.py")]),
                  Variant("baseline source", [sys.executable, str(REPO / "tests/benchmarks/baseline_app.py")]))]
        sizes = None
        if not args.source_only:
            if args.rebuild or not (APP_BUNDLE / "computefit").is_file():
                subprocess.run([sys.executable, str(REPO / "packaging" / "build.py"), "--no-archive"], check=True)
            baseline = build_baseline(workdir / "baseline-build")
            pairs.append((Variant("app frozen", [str(APP_BUNDLE / "computefit")]),
                          Variant("baseline frozen", [str(baseline / "baseline")])))
            sizes = (folder_mb(APP_BUNDLE), folder_mb(baseline))
        for pair in pairs:
            for variant in pair:
                run_once(variant, workdir, record=False)  # warm-up: disk cache, font cache
        for _ in range(args.runs):
            for pair in pairs:
                for variant in pair:
                    run_once(variant, workdir, record=True)
        report(pairs, sizes)
    if not args.no_others:
        others()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
