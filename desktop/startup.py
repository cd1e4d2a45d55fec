"""What every entry point does first, and how it writes a message for a terminal.

The command (`desktop.cli`), the window (`desktop.app`) and the smoke test (`desktop.smoke`) all start here, so none
of them imports another for its helpers: cli runs app and smoke, smoke builds the window through app, and this
module imports none of them.
"""

from __future__ import annotations

import os
import sys

from desktop.terminal import one_line as one_line  # stderr's escaping, bounded to one line


def skip_pydantic_plugins() -> None:
    """ComputeFit uses no pydantic plugin: say so, and keep pydantic from importing importlib.metadata to look.

    pydantic's plugin loader imports importlib.metadata (with email, zipfile, csv...: about 20 ms of every
    start) at its own import, even when PYDANTIC_DISABLE_PLUGINS tells it to find none. Before any model class
    is built, a loader that finds none takes its place (every pydantic 2 imports only `get_plugins` from it;
    tests/test_start_up_work.py checks the installed one still does)."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    name = "pydantic.plugin._loader"
    if name in sys.modules or os.environ["PYDANTIC_DISABLE_PLUGINS"] not in ("1", "true", "__all__"):
        return
    import types

    loader = types.ModuleType(name, "No pydantic plugins (ComputeFit uses none): "
                                    "see desktop.startup.skip_pydantic_plugins")
    loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
    sys.modules[name] = loader


def _uses_pyside(module: object) -> bool:
    return True


def skip_pyside_source_scan() -> None:
    """Keep PySide6 from reading the source of every module imported after it.

    PySide6's import hook asks of each new module whether it uses PySide (`shibokensupport.feature.
    _mod_uses_pyside`, by reading its whole source through linecache, which then keeps it): yes gives the module
    the default API (select id 0), no leaves it to whichever module ran before (-1). ComputeFit selects no
    `__feature__`, so every module gets the default either way: answering yes without reading saves the scan
    (about 500 modules in the frozen app, where PyInstaller's run-time hook imports PySide6 first) and the
    linecache memory (about 12 MB of source once pyqtgraph is in). A module that does `from __feature__ import`
    still sets its own selection, as before. Call it once PySide6 is imported (a no-op before)."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _uses_pyside  # type: ignore[attr-defined]
