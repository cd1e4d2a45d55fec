"""`computefit --smoke-test`: prove an installed (or source) copy works end to end, without a display.

It builds the main window offscreen on the bundled example, checks the quote the window holds against a fresh
computation, writes the PDF sheet and the CSV into a temporary folder, checks the PDF carries the sheet's text
and the CSV its totals, prints one summary line and returns 0. Any failure, any Qt warning (caught with
qInstallMessageHandler), any Python warning and anything else written to stderr (caught at the file-descriptor
level, so C++ output counts too) makes it print why and return 1.

The PDF text check needs no PDF library (pypdf is a test dependency only): `pdf_text` inflates the page
content streams, follows each `Tf` font to its ToUnicode CMap and maps the glyph codes of `Tj`/`TJ` back to
characters. That is what any text extractor does; for the PDFs Qt writes (Type0 fonts, Identity-H, one
ToUnicode CMap per font) it is exact. A PDF without fonts (the silent no-fonts failure) yields no text.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import sys
import tempfile
import time
import traceback
import warnings
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Qt is imported when the smoke test runs, not when the CLI starts
    from PySide6.QtCore import QCoreApplication, QMessageLogContext
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QWidget

HARMLESS_QT_MESSAGES = ("This plugin does not support propagateSizeHints",)
WINDOW_SIZE = (1280, 800)


class SmokeFailure(Exception):
    """A check that did not hold; the message says which."""


# ---------------------------------------------------------------- PDF text, without a PDF library

_OBJECT = re.compile(rb"(\d+)\s+(\d+)\s+obj\b(.*?)\bendobj", re.S)
_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\n?endstream", re.S)
_REF = rb"(\d+)\s+\d+\s+R"


def _stream_bytes(body: bytes) -> bytes | None:
    match = _STREAM.search(body)
    if match is None:
        return None
    data = match.group(1)
    if b"/FlateDecode" in body.split(b"stream", 1)[0]:
        return zlib.decompressobj().decompress(data)
    return data


def _cmap(data: bytes) -> dict[int, str]:
    """Glyph code -> text from a ToUnicode CMap (bfchar and bfrange, both forms)."""
    table: dict[int, str] = {}

    def text(hexes: bytes) -> str:
        return bytes.fromhex(hexes.decode()).decode("utf-16-be", "replace")

    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            table[int(src, 16)] = text(dst)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, rest in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)", block):
            first, last = int(lo, 16), int(hi, 16)
            if rest.startswith(b"["):
                for offset, dst in enumerate(re.findall(rb"<([0-9A-Fa-f]*)>", rest)):
                    table[first + offset] = text(dst)
            else:
                start = int(rest[1:-1], 16)
                for offset in range(last - first + 1):
                    table[first + offset] = chr(start + offset)
    return table


def pdf_text(data: bytes) -> tuple[str, int]:
    """(the text of every page in content order, the number of fonts); ("", 0) for a PDF without fonts."""
    objects = {int(num): body for num, _gen, body in _OBJECT.findall(data)}
    fonts: dict[int, dict[int, str]] = {}
    for num, body in objects.items():
        match = re.search(rb"/ToUnicode\s+" + _REF, body)
        if b"/Type /Font" in body and match:
            stream = _stream_bytes(objects.get(int(match.group(1)), b""))
            fonts[num] = _cmap(stream or b"")
    pieces: list[str] = []
    for body in objects.values():
        if not re.search(rb"/Type\s*/Page\b", body):
            continue
        resources = body
        res_ref = re.search(rb"/Resources\s+" + _REF, body)
        if res_ref:
            resources = objects.get(int(res_ref.group(1)), b"")
        names = {name: int(ref) for name, ref in re.findall(rb"/(\w+)\s+" + _REF, resources)}
        for content_ref in re.findall(rb"/Contents\s+" + _REF, body):
            content = _stream_bytes(objects.get(int(content_ref), b"")) or b""
            pieces.append(_show_text(content, names, fonts))
    return "".join(pieces), len(fonts)


def _show_text(content: bytes, names: dict[bytes, int], fonts: dict[int, dict[int, str]]) -> str:
    out: list[str] = []
    table: dict[int, str] = {}
    token = re.compile(rb"/(\w+)\s+[\d.]+\s+Tf|(\[(?:[^\]]*)\])\s*TJ|<([0-9A-Fa-f]*)>\s*Tj|\bET\b")
    for match in token.finditer(content):
        if match.group(1) is not None:
            table = fonts.get(names.get(match.group(1), -1), {})
            continue
        if match.group(0) == b"ET":
            out.append(" ")
            continue
        hexes = re.findall(rb"<([0-9A-Fa-f]*)>", match.group(2)) if match.group(2) else [match.group(3)]
        for run in hexes:
            for i in range(0, len(run) - 3, 4):
                out.append(table.get(int(run[i:i + 4], 16), ""))
    return "".join(out)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# ---------------------------------------------------------------- capture of stderr and Qt messages

@contextlib.contextmanager
def _captured_stderr() -> Iterator[io.BytesIO]:
    """Everything written to file descriptor 2 (Python and C++ alike) while inside, in the yielded buffer."""
    result = io.BytesIO()
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield result
        finally:
            with contextlib.suppress(Exception):
                sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            result.write(sink.read())


def _unexpected_stderr(raw: bytes) -> list[str]:
    lines = raw.decode("utf-8", "replace").splitlines()
    return [line for line in lines if line.strip() and not line.startswith(HARMLESS_QT_MESSAGES)]


# ---------------------------------------------------------------- the run itself

def _wait_painted(app: QCoreApplication, window: QWidget) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        app.processEvents()
        handle = window.windowHandle()
        if window.isVisible() and handle is not None and handle.isExposed():
            break
    for _ in range(5):
        app.processEvents()


def _distinct_colours(image: QImage) -> int:
    step_x, step_y = max(1, image.width() // 40), max(1, image.height() // 40)
    return len({image.pixel(x, y) for x in range(0, image.width(), step_x) for y in range(0, image.height(), step_y)})


def _exercise(folder: Path) -> str:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.app import create_main_window
    from desktop.model.advice.engine import compute_quote
    from desktop.model.format import usd
    from desktop.report.sheet.export import write_data, write_report
    from desktop.resources import default_example_path

    app = QApplication.instance() or QApplication(["computefit"])
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)  # never the user's own
    window = create_main_window(None, settings=settings)
    try:
        window.resize(*WINDOW_SIZE)
        window.show()
        _wait_painted(app, window)
        image = window.grab().toImage()
        if image.isNull() or _distinct_colours(image) < 8:
            raise SmokeFailure("the window painted nothing (a blank image)")

        session = window.session
        workload, book, advice = session.workload, session.book, session.advice
        if workload.name != _example_name(default_example_path()):
            raise SmokeFailure(f"the window holds {workload.name!r}, not the bundled example")
        fresh = compute_quote(workload, book)
        quote = advice.quote
        if list(quote.options) != list(fresh.options) or not quote.options:
            raise SmokeFailure(f"the window's quote has options {list(quote.options)}, "
                               f"a fresh quote {list(fresh.options)}")
        for option_id, option in quote.options.items():
            if option.monthly_usd != fresh.options[option_id].monthly_usd:
                raise SmokeFailure(f"{option.label}: the window shows {usd(option.monthly_usd)}, "
                                   f"a fresh computation gives {usd(fresh.options[option_id].monthly_usd)}")
        winner = advice.recommendation.option
        winner_usd = quote.options[winner].monthly_usd if winner else None
        if winner is None or winner_usd is None or winner_usd <= 0:
            raise SmokeFailure("the example has no priced recommendation")
        winner_cost = usd(winner_usd)

        pdf_path, csv_path = folder / "sheet.pdf", folder / "comparison.csv"
        pages = write_report(advice, workload, book, pdf_path)
        write_data(advice, book, csv_path, "csv")
        pdf = pdf_path.read_bytes()
        if not pdf.startswith(b"%PDF-") or b"%%EOF" not in pdf[-1024:]:
            raise SmokeFailure("the PDF sheet is not a complete PDF file")
        text, fonts = pdf_text(pdf)
        wanted = [workload.name, *(o.label for o in quote.options.values()), winner_cost]
        missing = [w for w in wanted if _squeeze(w) not in _squeeze(text)]
        if fonts == 0 or missing:
            raise SmokeFailure(f"the PDF sheet lacks text: {fonts} fonts, missing {missing} "
                               "(no fonts installed? fonts-dejavu-core)")

        rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
        totals = {r["option"]: r["usd"] for r in rows if r.get("row") == "total"}
        expected = winner_cost.lstrip("$").replace(",", "")
        if totals.get(winner) != expected:
            raise SmokeFailure(f"the CSV total for {winner} is {totals.get(winner)!r}, expected {expected}")
        costs = ", ".join(f"{o.option} {usd(o.monthly_usd)}" for o in quote.options.values())
        return (f"window {image.width()}x{image.height()} painted; {workload.name}: {costs}; recommends {winner}; "
                f"PDF {pages} page(s), {fonts} fonts, {len(_squeeze(text))} characters of text; "
                f"CSV {len(rows)} rows")
    finally:
        window.setWindowModified(False)
        window.hide()
        window.deleteLater()
        app.processEvents()


def _example_name(path: Path) -> str:
    from desktop.model.workload.files import load_workload

    return load_workload(path).name


def run_smoke_test() -> int:
    """Run every check; print one summary line on stdout (or the reasons on stderr); 0 when all held."""
    started = time.perf_counter()
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_problems: list[str] = []

    def on_qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        quiet = kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg)
        if not quiet and not message.startswith(HARMLESS_QT_MESSAGES):
            qt_problems.append(f"Qt {kind.name}: {message}")

    failure = ""
    summary = ""
    previous = qInstallMessageHandler(on_qt_message)
    try:
        with _captured_stderr() as stderr, warnings.catch_warnings(record=True) as caught, \
                tempfile.TemporaryDirectory(prefix="computefit-smoke-") as tmp:
            try:
                summary = _exercise(Path(tmp))
            except SmokeFailure as exc:
                failure = str(exc)
            except Exception:
                failure = traceback.format_exc()
    finally:
        qInstallMessageHandler(previous)
    problems = [failure] if failure else []
    problems += qt_problems
    problems += [f"Python warning: {w.category.__name__}: {w.message}" for w in caught]
    problems += [f"stderr: {line}" for line in _unexpected_stderr(stderr.getvalue())]
    elapsed = time.perf_counter() - started
    if problems:
        sys.stderr.write(f"computefit smoke test FAILED after {elapsed:.1f} s:\n")
        sys.stderr.write("".join(f"  {p.rstrip()}\n" for p in problems))
        return 1
    sys.stdout.write(f"computefit smoke test OK in {elapsed:.1f} s: {summary}\n")
    return 0
