"""The Qt-free workbench: the open document, its undo history as values, and the price book.

`desktop.qt.session.Session` is a thin Qt adapter over it (the way Anki's `aqt` wraps its collection):
every operation here returns a `Change` saying what changed, and the session turns that into signals.
"""
