"""The short-text shortcut of the strict JSON reader's depth check: whatever it lets through without the
vectorised scan, the scan lets through too, so a text is read, or refused, with the same message either way."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.files import ReadError, loads_strict, strict_json

PIECES = st.sampled_from(['[', ']', '{', '}', '"', '\\', '"[', '"{', '\\"', ', ', '1', '"a": ', 'null'])


def _outcome(text: str, max_depth: int) -> object:
    try:
        return loads_strict(text, "t.json", max_depth=max_depth)
    except ReadError as exc:
        return str(exc)


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=60).map("".join), st.integers(1, 6))
def test_the_shortcut_reads_and_refuses_as_the_scan_does(text: str, max_depth: int) -> None:
    quick = _outcome(text, max_depth)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(strict_json, "_shallow", lambda text, depth: False)
        assert _outcome(text, max_depth) == quick


def test_deep_nesting_hidden_behind_strings_is_still_refused() -> None:
    text = '{"a": "[[[", "b": ' + "[" * 70 + "]" * 70 + "}"
    with pytest.raises(ReadError, match=r"^t\.json: nested more than 64 levels deep \(line 1\)$"):
        loads_strict(text, "t.json")
    assert strict_json._shallow('{"a": "' + "[" * 100 + '"}', 64)  # brackets inside a string do not nest
    assert not strict_json._shallow("[" * 65 + "]" * 65, 64)


def test_reading_a_workload_file_imports_no_numpy() -> None:
    """The vectorised scan (numpy) loads only for a text the shortcut cannot clear: a workload file, a workshop
    and a fleet's line are read without it."""
    import subprocess
    import sys
    from pathlib import Path

    example = Path(__file__).resolve().parents[2] / "resources" / "examples" / "http-api.workload.json"
    code = ("import sys; from desktop.files import load_json_file; "
            f"load_json_file({str(example)!r}, 1 << 20); print(sorted(m for m in sys.modules if 'numpy' in m))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout == "[]\n"
