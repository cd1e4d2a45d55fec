"""`computefit workshop new` never writes a workshop no command could open again (over the reader's 20 MB)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.model.workshop.files import MAX_FILE_BYTES
from desktop.model.workshop.spec import MAX_SCENARIOS
from desktop.resources import default_example_path


def test_workshop_new_refuses_a_workshop_its_reader_would_refuse(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(default_example_path().read_text(encoding="utf-8"))
    data["answers"] = {f"q{i:03d}": "a" * 2000 for i in range(60)}  # valid: 60 answers of 2,000 characters
    files = []
    for i in range(MAX_SCENARIOS):
        path = tmp_path / f"w{i}.workload.json"
        path.write_text(json.dumps({**data, "name": f"Workload {i}"}), encoding="utf-8")
        files.append(str(path))
    assert sum(Path(f).stat().st_size for f in files) > MAX_FILE_BYTES
    target = tmp_path / "all.workshop.json"
    assert main(["workshop", "new", str(target), *files]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(target) in err and "more than a workshop file may hold (20 MB)" in err
    assert not target.exists() and not list(tmp_path.glob("*.tmp*"))
