"""The start-up benchmark's stall probe (packaging/stall_probe.py): a GUI thread held for a while shows as a gap
of that length, at the moment it began; an event loop left free shows none."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "packaging"))

from stall_probe import Heartbeat


def _watch(qtbot, hold_s: float, at_ms: int, held: list[float] | None = None) -> Heartbeat:  # type: ignore[no-untyped-def]
    """Watches 1.5 s; the GUI thread held `hold_s` from `at_ms` (when it really began is put in `held`, as seconds
    after the watch's start: on a loaded machine the timer may fire late, and the probe must still see the hold)."""
    ended: list[Heartbeat] = []
    beat = Heartbeat(watch_s=1.5, done=ended.append)

    def hold() -> None:  # the GUI thread busy, as a long import would hold it
        if held is not None:
            held.append(time.perf_counter() - beat.started)
        time.sleep(hold_s)

    if hold_s:
        QTimer.singleShot(at_ms, hold)
    beat.start()
    qtbot.waitUntil(lambda: bool(ended), timeout=10000)
    assert ended == [beat] and not beat.running
    return beat


def test_a_held_gui_thread_is_reported_as_its_longest_gap(qtbot) -> None:  # type: ignore[no-untyped-def]
    held: list[float] = []
    beat = _watch(qtbot, 0.2, 150, held)
    gap, at = beat.longest
    assert len(held) == 1 and held[0] < 1.5  # the hold came within the watch
    assert gap >= 0.2 and at <= held[0] < at + gap  # the longest gap is the one that holds the hold
    assert len(beat.stalls) >= 1 and max(beat.stalls) == beat.longest
    fields = beat.line().split()
    assert fields[0] == "STALL" and float(fields[1]) == round(gap, 6) and int(fields[4]) == len(beat.stalls)
    assert f"{gap * 1000:.0f}@{at * 1000:.0f}" in fields[5:]  # each gap over 50 ms as <ms>@<when>, the longest too


def test_a_free_event_loop_beats_about_every_ten_milliseconds(qtbot) -> None:  # type: ignore[no-untyped-def]
    beat = _watch(qtbot, 0.0, 0)
    assert beat.beats >= 20  # 60 expected; a loaded machine may drop some, never most
    assert beat.longest[0] < 0.2
