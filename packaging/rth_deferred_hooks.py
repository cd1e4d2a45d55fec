"""Run-time hook of both bundles (it runs before PyInstaller's own): their deferred hooks wait for their modules.

See packaging/deferred_hooks.py; packaging/trim.py's `defer_runtime_hooks` lists this file first."""

from deferred_hooks import install

install()
