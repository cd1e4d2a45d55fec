"""What the screenshot scripts (`python -m tests.qt.make_*_screenshots [OUTPUT_DIR]`) share: where they write
by default, and running one from the command line."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def run_script(main: Callable[..., list[Path]]) -> None:
    """Write the screenshots into the folder the command line names (docs/screenshots by default), passing on
    any further arguments, and print each file written."""
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else SCREENSHOTS
    for path in main(target, *sys.argv[2:]):
        print(path)
