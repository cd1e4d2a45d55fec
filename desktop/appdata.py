"""The user's application data folder: the user price book and the recovery files live there.

platformdirs' user data folder (~/.local/share/ComputeFit on Linux, ~/Library/Application Support/ComputeFit on
macOS, %LOCALAPPDATA%\\ComputeFit on Windows), or $COMPUTEFIT_DATA_DIR when that is set (tests set it).
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA_DIR = "COMPUTEFIT_DATA_DIR"


def data_dir() -> Path:
    override = os.environ.get(ENV_DATA_DIR, "")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("ComputeFit", appauthor=False))


def recovery_dir() -> Path:
    return data_dir() / "recovery"


def log_dir() -> Path:
    """The user's log folder (platformdirs: ~/.local/state/ComputeFit/log on Linux, ~/Library/Logs/ComputeFit on
    macOS, %LOCALAPPDATA%\\ComputeFit\\Logs on Windows), or `logs` in $COMPUTEFIT_DATA_DIR when that is set."""
    override = os.environ.get(ENV_DATA_DIR, "")
    if override:
        return Path(override) / "logs"
    import platformdirs

    return Path(platformdirs.user_log_dir("ComputeFit", appauthor=False))


def cache_dir() -> Path:
    """The user's cache folder (platformdirs), or `cache` in $COMPUTEFIT_DATA_DIR when that is set."""
    override = os.environ.get(ENV_DATA_DIR, "")
    if override:
        return Path(override) / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir("ComputeFit", appauthor=False))
