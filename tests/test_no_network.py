"""No network, checked from outside the process: the smoke test and `report` run in a network namespace without
network (`unshare -n`) under `strace -f -e trace=connect`, and every connect() of every thread and child is a
local (AF_UNIX) one. The in-process guard (tests/conftest.py refuses socket.connect) cannot see C++ code or
child processes; this can. A positive control proves the harness sees an AF_INET connect when one is made.

Skipped, with the reason, where `unshare` or `strace` is missing or not permitted (CI installs strace; see
.ci/run). The subprocess timeout is a guard against a hang, not a measurement.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.resources import default_example_path
from tests.conftest import REPO

GUARD_SECONDS = 300


def _harness() -> tuple[list[str] | None, str]:
    """The command prefix that runs a program without network under strace, or None and why not."""
    unshare, strace = shutil.which("unshare"), shutil.which("strace")
    if unshare is None:
        return None, "unshare (util-linux) is not installed"
    if strace is None:
        return None, "strace is not installed (apt-get install strace)"
    reasons = []
    for isolate in ([unshare, "-n"], [unshare, "-rn"]):  # as root; else in a user namespace, where allowed
        probe = subprocess.run([*isolate, strace, "-f", "-qq", "-e", "trace=connect", "-o", os.devnull, "true"],
                               capture_output=True, text=True, timeout=60)
        if probe.returncode == 0:
            return isolate, ""
        reasons.append(f"{' '.join(isolate)}: {probe.stderr.strip().splitlines()[-1:] or probe.returncode}")
    return None, "no network namespace or no ptrace here (" + "; ".join(reasons) + ")"


HARNESS, WHY_NOT = _harness() if sys.platform.startswith("linux") else (None, "Linux only")
needs_harness = pytest.mark.skipif(HARNESS is None, reason=f"cannot check connect() from outside: {WHY_NOT}")


def _connects(tmp_path: Path, *program: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    assert HARNESS is not None
    log = tmp_path / "connect.log"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"))
    done = subprocess.run([*HARNESS, "strace", "-f", "-qq", "-e", "trace=connect", "-e", "signal=none", "-o", str(log),
                           *program], cwd=REPO, env=env, capture_output=True, text=True, timeout=GUARD_SECONDS)
    calls = [line for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if "connect(" in line]
    return done, calls


def _non_local(calls: list[str]) -> list[str]:
    return [line for line in calls if not re.search(r"sa_family=AF_(UNIX|LOCAL)\b", line)]


@needs_harness
def test_the_harness_sees_an_internet_connect(tmp_path: Path) -> None:
    code = ("import socket\ns = socket.socket()\ntry:\n    s.connect(('192.0.2.1', 443))\nexcept OSError:\n    pass\n")
    done, calls = _connects(tmp_path, sys.executable, "-c", code)
    assert done.returncode == 0, done.stderr
    assert any("AF_INET" in line and "192.0.2.1" in line for line in _non_local(calls)), calls


@needs_harness
def test_the_smoke_test_connects_to_nothing(tmp_path: Path) -> None:
    done, calls = _connects(tmp_path, sys.executable, "-m", "desktop", "--smoke-test")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("computefit smoke test OK")
    assert _non_local(calls) == []


@needs_harness
def test_report_connects_to_nothing(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.pdf"
    done, calls = _connects(tmp_path, sys.executable, "-m", "desktop", "report", str(default_example_path()),
                            "-o", str(sheet))
    assert done.returncode == 0, done.stderr
    assert sheet.read_bytes().startswith(b"%PDF-")
    assert _non_local(calls) == []
