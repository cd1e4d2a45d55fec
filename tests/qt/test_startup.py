"""Start-up never crashes on data: a broken bundled book is a dialog and exit 2; bad settings are set aside."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication

from desktop import app as app_module
from desktop.app import APPLICATION, ORGANISATION, run_gui
from desktop.qt.main_window import MainWindow
from desktop.qt.settings_file import open_settings, user_settings_file
from desktop.resources import default_example_path, price_book_path

BAD_INI = "[General]\nview\\appearance=dark\n[[broken\nkey without equals\n"


@pytest.fixture
def no_appearance_change(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("desktop.qt.appearance.apply_appearance", lambda mode: None)


def _bundled_book(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(app_module, "price_book_path", lambda: path)


@pytest.mark.parametrize(("content", "detail"), [
    ("{", "not valid JSON"),
    ("", "not valid JSON"),
    ("[" * 100_000, "nested more than 64 levels deep"),
    ("NEWER", "price book format 9 is newer than this app knows"),
    ("FIFO", "is a named pipe (FIFO), not a regular file"),
])
def test_a_broken_bundled_book_is_a_dialog_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str],
                                                      dialogs: list[tuple[str, str]], no_appearance_change: None,
                                                      content: str, detail: str) -> None:
    book = tmp_path / "price-book.json"
    if content == "FIFO":
        os.mkfifo(book)
    elif content == "NEWER":
        data = json.loads(price_book_path().read_text(encoding="utf-8"))
        book.write_text(json.dumps({**data, "schema_version": 9}), encoding="utf-8")
    else:
        book.write_text(content, encoding="utf-8")
    _bundled_book(monkeypatch, book)
    assert run_gui(None) == 2
    assert len(dialogs) == 1
    title, text = dialogs[0]
    assert title == "ComputeFit cannot start"
    assert text.startswith("ComputeFit cannot start: its installation is broken.")
    assert f"{book}: " in text and detail in text
    assert "pipx reinstall computefit" in text and "pip install --force-reinstall computefit" in text
    assert "extract the downloaded archive again" in text
    err = capsys.readouterr().err
    assert err.startswith(f"computefit: {book}: ") and err.count("\n") == 1 and "Traceback" not in err
    assert "reinstall ComputeFit" in err
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


@pytest.fixture
def settings_folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "config"
    folder.mkdir()
    default = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(folder))
    yield folder
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, default)


def test_a_broken_bundled_example_is_a_broken_installation_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str],
                                                               dialogs: list[tuple[str, str]], settings_folder: Path,
                                                               no_appearance_change: None) -> None:
    example = tmp_path / "http-api.workload.json"
    example.write_text('{"name": "x", "name": "y"}', encoding="utf-8")
    monkeypatch.setattr(app_module, "default_example_path", lambda: example)
    assert run_gui(tmp_path / "missing.workload.json") == 2
    assert [title for title, _ in dialogs] == ["ComputeFit cannot start"]
    assert f"{example}: name: the key is given twice" in dialogs[0][1]
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1


def test_the_settings_file_is_where_qsettings_keeps_it(settings_folder: Path) -> None:
    expected = QSettings(ORGANISATION, APPLICATION).fileName()
    assert user_settings_file(ORGANISATION, APPLICATION) == Path(expected)
    assert Path(expected).parent.parent == settings_folder


def test_bad_settings_at_start_are_set_aside_with_a_message(settings_folder: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str],
                                                            dialogs: list[tuple[str, str]],
                                                            no_appearance_change: None, qtbot) -> None:  # type: ignore[no-untyped-def]
    file = user_settings_file(ORGANISATION, APPLICATION)
    assert file is not None
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(BAD_INI, encoding="utf-8")

    def run_briefly(*_args: object) -> int:
        qtbot.waitUntil(lambda: len(dialogs) >= 1, timeout=10_000)
        return 0

    monkeypatch.setattr(QApplication, "exec", run_briefly)
    assert run_gui(default_example_path()) == 0
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    try:
        assert windows and windows[0].session.workload.name
        assert dialogs[0][0] == "Settings"
        assert dialogs[0][1] == (f"The settings file {file} is not a valid settings file; ComputeFit started with "
                                 f"default settings. The old file was kept as {file}.bad.")
        assert Path(f"{file}.bad").read_text(encoding="utf-8") == BAD_INI
        err = capsys.readouterr().err
        assert err == f"computefit: {dialogs[0][1]}\n"
    finally:
        for window in windows:
            window.setWindowModified(False)
            window.close()
            window.deleteLater()


def test_a_malformed_settings_file_is_kept_aside_and_defaults_used(tmp_path: Path) -> None:
    path = tmp_path / "computefit.ini"
    path.write_text(BAD_INI, encoding="utf-8")
    settings, message = open_settings(ORGANISATION, APPLICATION, path)
    assert message == (f"The settings file {path} is not a valid settings file; ComputeFit started with default "
                       f"settings. The old file was kept as {path}.bad.")
    assert settings.status() == QSettings.Status.NoError and settings.allKeys() == []
    assert Path(f"{path}.bad").read_text(encoding="utf-8") == BAD_INI
    settings.setValue("view/appearance", "dark")
    settings.sync()
    assert "appearance=dark" in path.read_text(encoding="utf-8")
    path.write_text(BAD_INI, encoding="utf-8")
    _, message = open_settings(ORGANISATION, APPLICATION, path)
    assert message.endswith(f"The old file was kept as {path}.bad-2.")


def test_a_fifo_as_the_settings_file_does_not_block_the_start(tmp_path: Path) -> None:
    path = tmp_path / "computefit.ini"
    os.mkfifo(path)
    settings, message = open_settings(ORGANISATION, APPLICATION, path)
    assert message == (f"The settings file {path} is a named pipe (FIFO), not a regular file; ComputeFit started "
                       f"with default settings. The old file was kept as {path}.bad.")
    assert settings.allKeys() == []


def test_an_oversized_settings_file_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "computefit.ini"
    path.write_bytes(b"[General]\n" + b"a=" + b"x" * (2 * 1024 * 1024) + b"\n")
    _, message = open_settings(ORGANISATION, APPLICATION, path)
    assert "is too large (2 MB; settings are at most 1 MB)" in message


def test_good_settings_and_wrong_typed_values_open_without_a_message(tmp_path: Path, qtbot, book) -> None:  # type: ignore[no-untyped-def]
    from desktop.app import create_main_window

    path = tmp_path / "computefit.ini"
    path.write_text("[window]\ngeometry=not bytes\nmain_splitter=42\n[files]\nrecent=7\n[export]\npage_size=A0\n"
                    "[wizard]\nfirst_start_offered=maybe\n", encoding="utf-8")
    settings, message = open_settings(ORGANISATION, APPLICATION, path)
    assert message == ""
    window = create_main_window(book=book, settings=settings)
    qtbot.addWidget(window)
    assert window.recent.paths() == [Path("7")]  # read as a one-item list, harmlessly
    assert window.session.workload.name  # the window is built: no wrong-typed value reached a crash
