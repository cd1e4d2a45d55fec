"""The user data folder without platformdirs' import (the quote's path) is the folder platformdirs gives."""

from __future__ import annotations

import sys

import pytest
from platformdirs.macos import MacOS
from platformdirs.unix import Unix

from desktop import appdata


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX $HOME shaped on Windows is not what platformdirs reads")
@pytest.mark.parametrize("home", ["/home/ana", "/home/ana/", "/", "/Users/Ana María/x y"])
@pytest.mark.parametrize(("platform", "dirs"), [("linux", Unix), ("darwin", MacOS)])
def test_the_plain_folder_is_platformdirs_own(monkeypatch: pytest.MonkeyPatch, home: str, platform: str,
                                              dirs: type[Unix] | type[MacOS]) -> None:
    for name in ("XDG_DATA_HOME", "ANDROID_DATA", appdata.ENV_DATA_DIR):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", home)
    monkeypatch.setattr(sys, "platform", platform)
    want = dirs(appdata.APP_NAME, appauthor=False).user_data_dir
    assert appdata.plain_user_data_dir() == want
    assert str(appdata.data_dir()) == str(type(appdata.data_dir())(want))


@pytest.mark.parametrize("env", [{"XDG_DATA_HOME": "/srv/data"}, {"XDG_DATA_HOME": ""}, {"HOME": "relative"},
                                 {"ANDROID_DATA": "/data"}])
def test_anything_else_is_platformdirs_answer(monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> None:
    monkeypatch.setenv("HOME", "/home/ana")
    monkeypatch.delenv(appdata.ENV_DATA_DIR, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert appdata.plain_user_data_dir() is None
    if sys.platform != "win32":
        import platformdirs

        assert str(appdata.data_dir()) == str(type(appdata.data_dir())(
            platformdirs.user_data_dir(appdata.APP_NAME, appauthor=False)))


def test_windows_and_others_ask_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/home/ana")
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    for platform in ("win32", "freebsd14", "ios", "cygwin"):
        monkeypatch.setattr(sys, "platform", platform)
        assert appdata.plain_user_data_dir() is None


def test_the_quote_does_not_import_platformdirs(tmp_path: object) -> None:
    """`computefit estimate` on a plain account looks for the user book without platformdirs."""
    import os
    import subprocess
    from pathlib import Path

    from desktop.resources import examples_dir

    home = Path(str(tmp_path)) / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_DATA_HOME", appdata.ENV_DATA_DIR)}
    env["HOME"] = str(home)
    code = ("import sys; from desktop.cli import main; status = main(); "
            "print('PLATFORMDIRS', 'platformdirs' in sys.modules, file=sys.stderr); sys.exit(status)")
    done = subprocess.run([sys.executable, "-c", code, "estimate", str(examples_dir() / "http-api.workload.json")],
                          env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "PLATFORMDIRS False" in done.stderr
    assert "Fargate" in done.stdout or "fargate" in done.stdout.lower()
