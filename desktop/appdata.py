"""The user's application data folder: the user price book and the recovery files live there.

platformdirs' user data folder (~/.local/share/ComputeFit on Linux, ~/Library/Application Support/ComputeFit on
macOS, %LOCALAPPDATA%\\ComputeFit on Windows), or $COMPUTEFIT_DATA_DIR when that is set (tests set it).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV_DATA_DIR = "COMPUTEFIT_DATA_DIR"


APP_NAME = "ComputeFit"
# platformdirs' user data base on a plain Linux or macOS account (no $XDG_DATA_HOME, an absolute $HOME, not Android)
PLAIN_DATA_BASE = {"linux": "~/.local/share", "darwin": "~/Library/Application Support"}


def data_dir() -> Path:
    override = os.environ.get(ENV_DATA_DIR, "")
    if override:
        return Path(override)
    plain = plain_user_data_dir()
    if plain is not None:
        return Path(plain)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def plain_user_data_dir() -> str | None:
    """platformdirs' user data folder where every version of it says the same, without importing it (about 5 ms
    of `computefit estimate`, which looks for a user book there): Linux or macOS, no $XDG_DATA_HOME (set at all),
    an absolute $HOME, not Android. Anywhere else None: platformdirs answers (a test compares the two)."""
    base = PLAIN_DATA_BASE.get(sys.platform)
    home = os.environ.get("HOME", "")
    if base is None or "XDG_DATA_HOME" in os.environ or "ANDROID_DATA" in os.environ or not home.startswith("/"):
        return None
    return os.path.join(os.path.expanduser(base), APP_NAME)


def recovery_dir() -> Path:
    return data_dir() / "recovery"


def log_dir() -> Path:
    """The user's log folder (platformdirs: ~/.local/state/ComputeFit/log on Linux, ~/Library/Logs/ComputeFit on
    macOS, %LOCALAPPDATA%\\ComputeFit\\Logs on Windows), or `logs` in $COMPUTEFIT_DATA_DIR when that is set."""
    override = os.environ.get(ENV_DATA_DIR, "")
    if override:
        return Path(override) / "logs"
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """The user's cache folder (platformdirs), or `cache` in $COMPUTEFIT_DATA_DIR when that is set."""
    override = os.environ.get(ENV_DATA_DIR, "")
    if override:
        return Path(override) / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
