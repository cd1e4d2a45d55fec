"""The recent-files list, kept in QSettings (most recent first, existing files only)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

KEY = "files/recent"
MAX_RECENT = 8


class RecentFiles:
    def __init__(self, settings: QSettings):
        self._settings = settings

    def paths(self) -> list[Path]:
        raw = self._settings.value(KEY, [], type=list)
        items = [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, (list, tuple)) else []
        return [Path(p) for p in items if isinstance(p, str) and p]

    def add(self, path: Path) -> None:
        text = str(path.resolve())
        kept = [str(p) for p in self.paths() if str(p) != text]
        self._settings.setValue(KEY, [text, *kept][:MAX_RECENT])
        self._settings.sync()

    def clear(self) -> None:
        self._settings.remove(KEY)
        self._settings.sync()
