"""The README's quick start works on a minimal image: no `sudo` assumed (it says when root is needed),
`apt-get update` before any install, how to run headless, and pipx per system."""

from __future__ import annotations

import re

from tests.conftest import REPO


def _quick_start() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return text.split("## Quick start", 1)[1].split("\n## ", 1)[0]


def test_commands_assume_no_sudo_and_update_before_installing() -> None:
    section = _quick_start()
    blocks = re.findall(r"```sh\n(.*?)```", section, re.DOTALL)
    commands = "\n".join(blocks)
    assert blocks and not re.search(r"^\s*sudo\b", commands, re.MULTILINE)
    assert commands.index("apt-get update") < commands.index("apt-get install")
    assert "put `sudo` in front of `apt-get`" in section  # says when it is needed


def test_it_says_how_to_run_headless_and_how_to_get_pipx_per_system() -> None:
    section = _quick_start()
    assert "QT_QPA_PLATFORM=offscreen" in section and "xvfb-run" in section
    assert "apt-get install -y pipx" in section and "python3 -m pip install --user pipx" in section
    for system in ("Debian", "macOS", "Windows"):
        assert re.search(rf"^\| [^|]*{system}", section, re.MULTILINE), system
