"""A crash leaves a trace, offline: the report (version, platform, frames; the message and the workload only when
asked), the rotating log in the log folder, faulthandler's file for a hard crash, and one clear line instead of
Qt's abort when there is no display."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import __version__
from desktop.appdata import log_dir
from desktop.crash import (
    HARD_CRASH_NAME,
    LOG_BACKUPS,
    LOG_NAME,
    crash_report,
    install_excepthook,
    log_exception,
    no_display_problem,
)
from tests.conftest import REPO

SECRET = "Checkout API for ACME-SECRET-CUSTOMER"


def _info():  # type: ignore[no-untyped-def]
    try:
        {"name": SECRET}["requests"]
    except KeyError:
        return sys.exc_info()
    raise AssertionError


def test_the_report_leaves_the_workload_out_unless_asked() -> None:
    info = _info()
    report = crash_report(info, include_details=False, workload=lambda: f'{{"name": "{SECRET}"}}')
    assert report.startswith(f"ComputeFit {__version__}\nPlatform: ")
    assert "Traceback (most recent call last):" in report and "test_crash.py" in report and "_info" in report
    assert "builtins.KeyError (its message is left out" in report
    assert "ACME" not in report and "KeyError: 'requests'" not in report  # the frames' code lines only
    asked = crash_report(info, include_details=True, workload=lambda: f'{{"name": "{SECRET}"}}')
    assert "KeyError: 'requests'" in asked and f"Workload:\n{{\"name\": \"{SECRET}\"}}" in asked


def test_a_workload_that_fails_to_serialise_does_not_break_the_report() -> None:
    def broken() -> str:
        raise ValueError("nope")

    assert "(the workload could not be included: ValueError)" in crash_report(_info(), True, broken)


def test_the_log_is_written_in_the_log_folder_and_rotates(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("COMPUTEFIT_DATA_DIR", str(tmp_path))
    logger = logging.getLogger("computefit.crash")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
    monkeypatch.setattr("desktop.crash.LOG_BYTES", 2000)
    try:
        path = log_exception(_info())
        assert path == tmp_path / "logs" / LOG_NAME == log_dir() / LOG_NAME
        text = path.read_text(encoding="utf-8")
        assert "unexpected exception in ComputeFit" in text and "KeyError: 'requests'" in text
        logger.handlers[0].maxBytes = 2000  # type: ignore[attr-defined]
        for _ in range(30):
            log_exception(_info())
        kept = sorted(p.name for p in path.parent.iterdir())
        assert kept == [LOG_NAME] + [f"{LOG_NAME}.{i}" for i in range(1, LOG_BACKUPS + 1)]
        assert all(p.stat().st_size < 6000 for p in path.parent.iterdir())
    finally:
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
            handler.close()


def test_the_hook_logs_shows_once_and_leaves_ctrl_c_alone(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("COMPUTEFIT_DATA_DIR", str(tmp_path))
    shown: list[str] = []
    seen: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "excepthook", lambda t, e, tb: seen.append(t))
    install_excepthook(lambda info, path: shown.append(f"{info[0].__name__} {path}"))
    try:
        sys.excepthook(*_info())
        sys.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
    finally:
        logger = logging.getLogger("computefit.crash")
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
            handler.close()
    assert shown == [f"KeyError {tmp_path / 'logs' / LOG_NAME}"]
    assert seen == [KeyboardInterrupt]
    assert "computefit: unexpected KeyError; details in" in capsys.readouterr().err


def test_a_hard_crash_is_written_by_faulthandler_into_the_log_folder(tmp_path: Path) -> None:
    code = "from desktop.crash import enable_faulthandler; enable_faulthandler(); import faulthandler; " \
           "faulthandler._sigsegv()"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "COMPUTEFIT_DATA_DIR": str(tmp_path)}, check=False)
    assert done.returncode != 0
    text = (tmp_path / "logs" / HARD_CRASH_NAME).read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in text and "<string>" in text


@pytest.mark.parametrize(("env", "platform_name", "expected"), [
    ({}, "linux", True), ({"DISPLAY": ":0"}, "linux", False), ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
    ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False), ({}, "darwin", False), ({}, "win32", False),
])
def test_no_display_is_detected_on_linux_only(env: dict[str, str], platform_name: str, expected: bool) -> None:
    assert bool(no_display_problem(env, platform_name)) is expected


def test_without_a_display_the_app_prints_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "desktop"], cwd=REPO, capture_output=True, text=True, timeout=60,
                          env={**env, "COMPUTEFIT_DATA_DIR": str(tmp_path)}, check=False)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("computefit: no display")
    assert "QT_QPA_PLATFORM=offscreen" in done.stderr and "xcb" not in done.stderr
