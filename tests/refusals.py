"""One check of the file readers' refusals, for the tests of each file kind."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


def assert_refused(load: Callable[[Path], object], error: type[Exception], path: Path, content: str | bytes,
                   expected: str) -> None:
    """`load` refuses `path` holding `content` with an `error` that says `expected`, and a file that is not there
    with one that says it was not found."""
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    with pytest.raises(error, match=expected):
        load(path)
    with pytest.raises(error, match="file not found"):
        load(path.with_name("missing-" + path.name))
