"""Owners of recovery files and locks for tests: an instance that has ended, as after a crash."""

from __future__ import annotations

import functools
import socket
import subprocess
import sys

from desktop.workbench.ownership import Owner


@functools.cache
def ended_pid() -> int:
    """The id of a process that has ended (a child run and waited for here)."""
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                           text=True, check=True, timeout=60)
    return int(child.stdout)


def dead_owner(token: str = "crashed") -> Owner:
    """An instance of this host whose process is gone: what it left behind is stale."""
    return Owner(ended_pid(), socket.gethostname(), token)
