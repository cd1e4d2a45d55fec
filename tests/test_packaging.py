"""Fast checks of the packaging: what the spec bundles and trims, the desktop entry, and the smoke test.

The PyInstaller build itself runs in .ci/run (packaging/build.py), not here: it takes half a minute.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import resources
from desktop.smoke import pdf_text, run_smoke_test

REPO = Path(__file__).resolve().parent.parent
PACKAGING = REPO / "packaging"
sys.path.insert(0, str(PACKAGING))
import trim  # noqa: E402  (packaging/ is not a Python package: its name would shadow pip's "packaging")


def test_every_resource_the_app_loads_is_under_the_bundled_folder() -> None:
    root = resources.resources_dir()
    for path in (resources.price_book_path(), resources.default_example_path(), resources.icon_path()):
        assert path.is_file(), path
        assert root in path.parents
    assert len(list(resources.examples_dir().glob("*.workload.json"))) >= 4


def test_spec_bundles_the_whole_resources_folder_and_every_desktop_module() -> None:
    spec = (PACKAGING / "computefit.spec").read_text(encoding="utf-8")
    assert 'datas = [(str(REPO / "resources"), "resources")]' in spec
    assert 'hiddenimports=collect_submodules("desktop")' in spec
    assert '"ijson.backends.yajl2_c"' in spec
    assert "launcher.py" in spec and "strip=False" in spec
    assert "without_orphans(trimmed(a.binaries))" in spec and "trimmed(a.datas)" in spec


def test_frozen_resources_are_found_in_the_bundle(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.price_book_path() == tmp_path / "resources" / "pricing" / "price-book.json"


@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
    ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
    ("PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so", True),
    ("numpy.libs/libscipy_openblas64_-ff651d7f.so", True),
    ("libQt6Widgets.so.6", True),
    ("libQt6Svg.so.6", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
    ("PySide6/Qt/plugins/networkinformation/libqnetworkmanager.so", False),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("libQt6Pdf.so.6", False),
    ("libQt6Network.so.6", False),
])
def test_trimming_keeps_what_the_app_uses(dest: str, kept: bool) -> None:
    assert trim.keep_entry((dest, "/src/" + dest, "BINARY")) is kept


def test_trimming_keeps_the_modules_numpy_and_pyqtgraph_need() -> None:
    excluded = set(trim.EXCLUDED_MODULES)
    assert {"pyqtgraph.opengl", "OpenGL", "tkinter", "PySide6.QtNetwork", "PySide6.QtQml"} <= excluded
    assert not excluded & {"pydoc", "numpy", "PySide6.QtOpenGL", "PySide6.QtSvg", "PySide6.QtPrintSupport",
                           "unittest", "email"}


def test_desktop_entry_and_icon() -> None:
    entry = dict(line.split("=", 1) for line in (PACKAGING / "computefit.desktop").read_text().splitlines()
                 if "=" in line)
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "computefit"
    assert entry["Icon"] == "computefit"
    png = (REPO / "resources" / "icons" / "computefit.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (256, 256)
    assert "<svg" in resources.icon_path().read_text(encoding="utf-8")


def test_build_requirements_are_pinned() -> None:
    lines = [line.strip() for line in (PACKAGING / "requirements-build.txt").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    assert all("==" in line for line in lines)
    names = {line.split("==")[0].lower() for line in lines}
    assert {"pyinstaller", "pyinstaller-hooks-contrib", "pyside6-essentials", "pyqtgraph", "numpy",
            "pydantic"} <= names


def _pdf(tmp_path: Path, html: str | None) -> bytes:
    from PySide6.QtCore import QRectF, QSizeF
    from PySide6.QtGui import QPainter, QPdfWriter, QTextDocument

    path = tmp_path / "t.pdf"
    writer = QPdfWriter(str(path))
    writer.setResolution(96)
    painter = QPainter(writer)
    if html is None:
        painter.drawRect(QRectF(10, 10, 100, 50))
    else:
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(writer)
        doc.setPageSize(QSizeF(writer.width(), writer.height()))
        doc.setHtml(html)
        doc.drawContents(painter)
    painter.end()
    return path.read_bytes()


def test_pdf_text_reads_back_what_qt_wrote(qapp: object, tmp_path: Path) -> None:
    text, fonts = pdf_text(_pdf(tmp_path, "<h1>Monthly cost</h1><p>Fargate <b>$55.14</b> &lt;script&gt;</p>"))
    assert fonts >= 2
    squeezed = "".join(text.split())
    assert "Monthlycost" in squeezed and "Fargate$55.14<script>" in squeezed


def test_pdf_text_is_empty_for_a_pdf_without_text(qapp: object, tmp_path: Path) -> None:
    assert pdf_text(_pdf(tmp_path, None)) == ("", 0)


def test_smoke_test_fails_on_qt_warnings_and_stderr(monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from PySide6.QtCore import qWarning

    import desktop.smoke as smoke

    monkeypatch.setattr(smoke, "_exercise", lambda folder: qWarning("something odd") or "fine")
    assert run_smoke_test() == 1
    assert "Qt QtWarningMsg: something odd" in capsys.readouterr().err

    monkeypatch.setattr(smoke, "_exercise", lambda folder: os.write(2, b"a stray line\n") and "fine")
    assert run_smoke_test() == 1
    assert "stderr: a stray line" in capsys.readouterr().err

    def broken(folder: Path) -> str:
        raise smoke.SmokeFailure("the PDF sheet lacks text")

    monkeypatch.setattr(smoke, "_exercise", broken)
    assert run_smoke_test() == 1
    assert "the PDF sheet lacks text" in capsys.readouterr().err


def test_smoke_test_passes_from_source() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-m", "desktop", "--smoke-test"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("computefit smoke test OK")
    assert "recommends fargate" in done.stdout and "PDF " in done.stdout
    assert [line for line in done.stderr.splitlines() if "propagateSizeHints" not in line] == []
