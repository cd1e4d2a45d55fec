"""The files a long job reads, as its progress dialog names them (Price List and usage imports alike)."""

from __future__ import annotations

from pathlib import Path

from desktop.present.text import file_names


def test_three_names_then_a_count() -> None:
    paths = [Path(f"/exports/part-{i}.csv") for i in range(7)]
    assert file_names(paths) == "part-0.csv, part-1.csv, part-2.csv and 4 more"
    assert file_names(paths[:3]) == "part-0.csv, part-1.csv, part-2.csv"
    assert file_names([Path("offer.json")]) == "offer.json"
