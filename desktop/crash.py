"""A crash leaves a trace, offline: an unexpected exception is written to a rotating log in the user's log folder
and can be copied as a report; a hard crash (a segfault in Qt, say) is written there by faulthandler. Nothing is
ever sent anywhere.

Qt-free: the window adds the dialog (desktop/qt/crash_dialog.py) through `install_excepthook`'s `show`. The
report says the version, the platform and the traceback's frames; the exception's message (which may quote the
workload) and the workload itself only when the user ticks the box.
"""

from __future__ import annotations

import os
import platform
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from desktop import __version__
from desktop.appdata import log_dir

LOG_NAME = "computefit.log"
HARD_CRASH_NAME = "hard-crashes.log"
LOG_BYTES = 1_000_000  # a log file's size before it rotates
LOG_BACKUPS = 3  # computefit.log.1 ... .3 kept
MAX_WORKLOAD_CHARS = 200_000

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]
Show = Callable[[ExcInfo, Path | None], None]

_fault_file: IO[str] | None = None
_showing = False


def platform_line() -> str:
    """'Linux-6.1-x86_64 (Python 3.11.2, Qt 6.11.3)': Qt's version only when Qt is loaded already."""
    qt = sys.modules.get("PySide6.QtCore")
    qt_text = f", Qt {qt.qVersion()}" if qt is not None else ""
    return f"{platform.platform()} (Python {platform.python_version()}{qt_text}{', frozen' if _frozen() else ''})"


def _frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def crash_report(info: ExcInfo, include_details: bool = False, workload: Callable[[], str] | None = None) -> str:
    """The text "Copy report" copies: version, platform and the traceback's frames; with `include_details` the
    exception's message and the workload (`workload()`, its JSON) too."""
    exc_type, exc, tb = info
    frames = "".join(traceback.format_tb(tb)) if tb is not None else "  (no traceback)\n"
    if include_details:
        error = "".join(traceback.format_exception_only(exc_type, exc)).rstrip()
    else:
        error = f"{exc_type.__module__}.{exc_type.__qualname__} (its message is left out: it may quote the " \
                f"workload; tick the box to include it)"
    lines = [f"ComputeFit {__version__}", f"Platform: {platform_line()}", "", "Traceback (most recent call last):",
             frames.rstrip("\n"), error]
    if include_details and workload is not None:
        try:
            text = workload()[:MAX_WORKLOAD_CHARS]
        except Exception as exc_in_report:  # the report must not fail in turn
            text = f"(the workload could not be included: {type(exc_in_report).__name__})"
        lines += ["", "Workload:", text]
    return "\n".join(lines) + "\n"


def log_exception(info: ExcInfo) -> Path | None:
    """Append the whole exception (message included: the log stays on this computer) to the rotating log;
    the log's path, or None when the folder cannot be written."""
    import logging
    from logging.handlers import RotatingFileHandler

    logger = logging.getLogger("computefit.crash")
    path = log_dir() / LOG_NAME
    if not logger.handlers:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handler = RotatingFileHandler(path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8")
        except OSError:
            return None
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    logger.error("unexpected exception in ComputeFit %s on %s", __version__, platform_line(), exc_info=info)
    return path


def enable_faulthandler() -> Path | None:
    """Hard crashes (segfaults, aborts) write their Python stacks to hard-crashes.log in the log folder (which
    keeps one older copy once it passes LOG_BYTES); its path, or None when the folder cannot be written."""
    import faulthandler

    global _fault_file
    path = log_dir() / HARD_CRASH_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_file() and path.stat().st_size > LOG_BYTES:
            os.replace(path, path.with_name(HARD_CRASH_NAME + ".1"))
        if _fault_file is None:
            _fault_file = open(path, "a", encoding="utf-8")  # noqa: SIM115  (kept open for a crash to come)
    except OSError:
        return None
    faulthandler.enable(_fault_file, all_threads=True)
    return path


def install_excepthook(show: Show | None = None) -> Callable[..., Any]:
    """sys.excepthook (which PySide6 also calls for an exception in a slot) logs the exception, then `show`s
    it (one at a time: another while one is shown is only logged). Ctrl+C keeps Python's own behaviour.
    Returns the hook it replaced."""
    previous = sys.excepthook

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        global _showing
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        info: ExcInfo = (exc_type, exc, tb)
        path = log_exception(info)
        sys.stderr.write(f"computefit: unexpected {exc_type.__name__}; details in {path or 'no log (not writable)'}"
                         "\n")
        if show is None or _showing:
            return
        _showing = True
        try:
            show(info, path)
        finally:
            _showing = False

    sys.excepthook = hook
    return previous


def no_display_problem(environ: dict[str, str] | None = None, platform_name: str | None = None) -> str:
    """On Linux with no display and no Qt platform chosen, the one line to print instead of Qt's abort (which
    blames a missing xcb-cursor0); '' otherwise."""
    env = os.environ if environ is None else environ
    if not (platform_name or sys.platform).startswith("linux"):
        return ""
    if env.get("QT_QPA_PLATFORM") or env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return ""
    return ("no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set): run it in a desktop "
            "session, or headless with QT_QPA_PLATFORM=offscreen or xvfb-run; the commands need no display "
            "(computefit --help)")
