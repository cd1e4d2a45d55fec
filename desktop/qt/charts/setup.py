"""pyqtgraph's options, set once after the QApplication exists, by whichever chart is built first."""

from __future__ import annotations

_configured = False


def configure_pyqtgraph() -> None:
    global _configured
    if not _configured:
        import pyqtgraph as pg

        pg.setConfigOptions(antialias=True)
        _configured = True
