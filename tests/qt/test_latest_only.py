"""LatestOnly keeps one worker thread between requests (a request only wakes it), runs the newest request waiting,
and its thread ends once idle for a while (the next request starts another)."""

from __future__ import annotations

import threading
import time

from PySide6.QtWidgets import QApplication

from desktop.qt.background import JobResult, LatestOnly


def _worker(seen: list[tuple[object, threading.Thread]], release: threading.Event | None = None) -> LatestOnly:
    def work(request: object) -> object:
        if release is not None and request == "first":
            release.wait(10)
        seen.append((request, threading.current_thread()))
        return f"done {request}"

    return LatestOnly(work, "test_latest_only")


def test_the_thread_stays_for_the_next_request_and_only_the_newest_waiting_runs(qapp: QApplication) -> None:
    seen: list[tuple[object, threading.Thread]] = []
    release = threading.Event()
    worker = _worker(seen, release)
    results: list[tuple[object, JobResult]] = []
    worker.finished.connect(lambda request, result: results.append((request, result)))
    worker.submit("first")
    worker.submit("second")  # waits for the first
    worker.submit("third")  # replaces the second
    release.set()
    assert worker.wait_idle(10)
    assert [request for request, _thread in seen] == ["first", "third"]
    assert [(request, result.value) for request, result in results] == [("first", "done first"),
                                                                        ("third", "done third")]
    worker.submit("fourth")
    assert worker.wait_idle(10)
    assert seen[-1][0] == "fourth"
    assert len({thread for _request, thread in seen}) == 1  # one thread served every request
    assert worker._alive and not worker._running


def test_an_idle_thread_ends_and_the_next_request_starts_another(qapp: QApplication) -> None:
    seen: list[tuple[object, threading.Thread]] = []
    worker = _worker(seen)
    worker.IDLE_EXIT_S = 0.05
    worker.submit("first")
    assert worker.wait_idle(10)
    deadline = time.monotonic() + 10
    while worker._alive and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not worker._alive  # the idle thread ended
    worker.submit("second")
    assert worker.wait_idle(10)
    assert [request for request, _thread in seen] == ["first", "second"]

