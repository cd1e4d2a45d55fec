"""The window's settings (QSettings), opened so that a bad settings file never stops the app.

QSettings reads and writes its own file (on Linux an INI file under ~/.config; the registry on Windows and
a plist on macOS) with its own locking and atomic save, so ComputeFit does not write it through
desktop.files. What this module adds is the reading side: before QSettings opens a settings *file*, it is
checked to be a regular file of at most SETTINGS_LIMIT_BYTES (a FIFO there would block QSettings forever);
a file that is not, or that QSettings reports as malformed, is moved aside to "<name>.bad" (kept, never
deleted) and the app starts with default settings and a message saying so.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings

from desktop.files.kinds import kind_of, size_text

SETTINGS_LIMIT_BYTES = 1024 * 1024  # the app's settings are a few hundred bytes


def user_settings_file(organisation: str, application: str) -> Path | None:
    """The file QSettings(organisation, application) uses, or None where settings are not a file we can check.

    Found by asking QSettings for the file of a sibling name that does not exist, so nothing is read.
    """
    probe = QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, organisation,
                      f"{application}-settings-location")
    name = probe.fileName()
    suffix = Path(name).suffix
    if probe.format() != QSettings.Format.NativeFormat or not name.startswith("/") or suffix not in (".conf", ".ini"):
        return None  # the Windows registry or a macOS plist domain: QSettings' own business
    return Path(name).with_name(f"{application}{suffix}")


def open_settings(organisation: str, application: str, path: Path | None = None) -> tuple[QSettings, str]:
    """(settings, "") or (settings with defaults, a message saying what was wrong and where the old file went).

    `path`: an INI file to use instead of the user's own settings (tests, the smoke test).
    """
    def make() -> QSettings:
        if path is not None:
            return QSettings(str(path), QSettings.Format.IniFormat)
        return QSettings(organisation, application)

    file = path if path is not None else user_settings_file(organisation, application)
    if file is None:  # the registry or a plist: QSettings reads it; a malformed one is reset in place
        settings = make()
        if settings.status() != QSettings.Status.FormatError:
            return settings, ""
        settings.clear()
        settings.sync()
        return settings, "The settings could not be read; ComputeFit started with default settings."
    problem = _file_problem(file)
    if not problem:
        settings = make()
        if settings.status() != QSettings.Status.FormatError:
            return settings, ""
        problem = "is not a valid settings file"
        del settings  # unchanged, so nothing is written back
    kept = _move_aside(file)
    if kept is None:  # it cannot be moved: use a throw-away file, so the bad one is never opened
        fallback = Path(tempfile.mkdtemp(prefix="computefit-settings-")) / file.name
        return (QSettings(str(fallback), QSettings.Format.IniFormat),
                f"The settings file {file} {problem} and could not be moved aside; ComputeFit started with "
                "default settings, which will not be kept after it closes.")
    return make(), (f"The settings file {file} {problem}; ComputeFit started with default settings. "
                     f"The old file was kept as {kept}.")


def _file_problem(file: Path) -> str:
    try:
        info = os.stat(file)
    except FileNotFoundError:
        return ""
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if not stat.S_ISREG(info.st_mode):
        return f"is {kind_of(info.st_mode)}, not a regular file"
    if info.st_size > SETTINGS_LIMIT_BYTES:
        return f"is too large ({size_text(info.st_size)}; settings are at most {size_text(SETTINGS_LIMIT_BYTES)})"
    return ""


def _move_aside(file: Path) -> Path | None:
    """Rename the bad file to <name>.bad (or .bad-2, ...): kept for the user, out of QSettings' way."""
    for number in range(1, 100):
        kept = file.with_name(file.name + (".bad" if number == 1 else f".bad-{number}"))
        if os.path.lexists(kept):
            continue
        with contextlib.suppress(OSError):
            os.rename(file, kept)
            return kept
        return None
    return None
