"""The Qt window. Qt-only code lives here; desktop.model stays free of Qt."""
