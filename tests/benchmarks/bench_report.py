"""Median time to write the PDF comparison sheet (target: under 0.5 s), from an Advice already computed.

Run: python -m tests.benchmarks.bench_report   (or python tests/benchmarks/bench_report.py)
Also prints the time of the whole `computefit report` path (advise + sheet) for reference.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.model.advice.advise import advise
from desktop.model.pricing.book import load_price_book
from desktop.model.workload.files import load_workload
from desktop.report.sheet.export import ensure_qt_app, write_data, write_report
from desktop.resources import examples_dir, price_book_path
from tests.benchmarks.timing import median_s

TARGET_S = 0.5
RUNS = 15


def main() -> int:
    ensure_qt_app()
    book = load_price_book(price_book_path())
    worst = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for path in sorted(examples_dir().glob("*.workload.json")):
            workload = load_workload(path)
            advice = advise(workload, book)
            name = path.name.removesuffix(".workload.json")
            target = Path(folder) / f"{name}.pdf"
            sheet = median_s(lambda w=workload, a=advice, t=target: write_report(a, w, book, t), RUNS)
            csv = median_s(lambda a=advice, t=target: write_data(a, book, t.with_suffix(".csv")), RUNS)
            whole = median_s(lambda w=workload, t=target: write_report(advise(w, book), w, book, t), 5)
            worst = max(worst, sheet)
            print(f"{name:<18} sheet {sheet * 1000:6.1f} ms   csv {csv * 1000:5.1f} ms   "
                  f"advise + sheet {whole * 1000:6.1f} ms")
    verdict = "OK" if worst < TARGET_S else "TOO SLOW"
    print(f"median time to write a sheet, worst example: {worst * 1000:.1f} ms (target < {TARGET_S * 1000:.0f} ms) "
          f"{verdict}")
    return 0 if worst < TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
