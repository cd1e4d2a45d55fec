"""Entry point of the frozen `computefit` executable (and of the start-up benchmark from source).

It runs `desktop.cli.main` unchanged. Only when COMPUTEFIT_EXIT_AFTER_FIRST_PAINT=1 is set (by
tests/benchmarks/bench_budgets.py) does it watch the main window, from outside (the window code knows nothing
about this):
- as its own code starts, it prints `LAUNCHER <unix time> <CPU seconds>` (what the interpreter's start cost,
  and frozen, PyInstaller's bootloader and run-time hooks: not the app's doing);
- when the comparison table and the visible chart (the real, interactive pyqtgraph chart: not the tab's
  placeholder, nor the QPainter first view of older checkouts) have both been painted, it prints
  `FIRST_PAINT <unix time> <CPU seconds used so far>`;
- from the window's first paint, a 10 ms heartbeat on the GUI thread (packaging/stall_probe.py) watches for
  2 s (or until the PDF click, if sooner) and prints `STALL <longest gap s> <when, s after the first paint>
  <beats>`: the longest time the window could not have answered input;
- with COMPUTEFIT_BENCH_PDF=<file>, a user's File > Export PDF is played COMPUTEFIT_BENCH_PDF_DELAY seconds
  (default 1) after that paint, through the window's own export action (only the file dialog is answered for
  the user): it prints `PDF_FIRST <seconds>` from that moment to the file written (any work still holding
  the event loop at that moment counts, as the user would wait for it; the second number is that wait),
  then does it again and prints `PDF_LATER <seconds>`;
- then it quits.
The probe imports nothing before the app does (a post-import hook patches `desktop.app` once the app
imports it), so the app's own import order is what is measured. COMPUTEFIT_PROFILE=<file> runs the whole command
under cProfile and writes its statistics there (`python -m pstats <file>`), frozen or from source; with
COMPUTEFIT_PROFILE_TO=paint (and COMPUTEFIT_EXIT_AFTER_FIRST_PAINT=1), those of start-up up to the first paint.
Frozen, COMPUTEFIT_REPORT_HOOKS=1 writes `HOOKS ran=<hooks> imported=<modules>` on stderr at exit: the deferred
run-time hooks that ran (packaging/deferred_hooks.py) and which of the modules they wait for were imported
(packaging/build.py checks the quote imports none and the window runs PySide6's).
"""

from __future__ import annotations

import os
import sys


def _probe_window(window) -> None:  # type: ignore[no-untyped-def]
    import time

    from PySide6.QtCore import QEvent, QObject, Qt, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QWidget

    def cpu_seconds() -> float:
        try:
            import resource  # Unix: what getrusage has always measured here
        except ImportError:  # Windows: the same user + system time of this process
            return time.process_time()
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    def say(line: str) -> None:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

    def within(widget: QObject, ancestor: QWidget | None) -> bool:
        return ancestor is not None and isinstance(widget, QWidget) and (
            widget is ancestor or ancestor.isAncestorOf(widget))

    def quit_app(status: int) -> None:
        window.setWindowModified(False)
        window.close()
        QApplication.exit(status)

    def export_pdf(path: str) -> float:
        """File > Export PDF as the window runs it; the save dialog answers `path` (A4)."""
        from PySide6.QtWidgets import QFileDialog

        from desktop.qt import export_controller

        answer = (path, export_controller.PDF_FILTERS["A4"])
        original = QFileDialog.getSaveFileName
        QFileDialog.getSaveFileName = staticmethod(lambda *args, **kwargs: answer)  # type: ignore[method-assign]
        try:
            window.exporter.export_pdf()
        finally:
            QFileDialog.getSaveFileName = original  # type: ignore[method-assign]
        # The export runs off the GUI thread (a progress dialog, Cancel): the user has the file once it ends.
        if not window.exporter.wait(120.0):
            raise RuntimeError("the PDF export did not end within 120 s")
        return time.perf_counter()

    def exports(clicked: float, path: str) -> None:
        status = 1
        heartbeat.stop()  # the export is a user's action: the watch of start-up ends here at the latest
        try:
            waited = max(0.0, time.perf_counter() - clicked)  # the loop was busy at the click (start-up's idle work)
            done = export_pdf(path)
            say(f"PDF_FIRST {done - clicked:.6f} {waited:.6f}")
            QApplication.processEvents()
            started = time.perf_counter()
            say(f"PDF_LATER {export_pdf(path) - started:.6f}")
            status = 0
        finally:
            quit_app(status)

    def painted(stamp: float, cpu: float) -> None:
        say(f"FIRST_PAINT {stamp:.6f} {cpu:.6f}")
        pdf = os.environ.get("COMPUTEFIT_BENCH_PDF")
        if not pdf:
            quit_app(0)
            return
        delay = float(os.environ.get("COMPUTEFIT_BENCH_PDF_DELAY", "1"))
        clicked = time.perf_counter() + delay  # when the user clicks, whether or not the loop is free then
        click = QTimer(window)  # precise: a coarse timer may fire up to 5% early
        click.setTimerType(Qt.TimerType.PreciseTimer)
        click.setSingleShot(True)
        click.timeout.connect(lambda: exports(clicked, pdf))
        click.start(round(delay * 1000))

    def placeholder(chart: QWidget) -> bool:
        """The tab that stands for a chart not built yet, or a lookalike painted without pyqtgraph (by name; by
        text in checkouts from before the name, which bench_budgets --also measures for before/after figures)."""
        return chart.objectName() in ("chart_placeholder", "cost_curve_first_view") or (
            isinstance(chart, QLabel) and chart.text() == "Drawing the chart...")

    from stall_probe import Heartbeat  # beside this file (frozen: collected with it)

    heartbeat = Heartbeat(window, done=lambda beat: say(beat.line()))

    class FirstPaint(QObject):
        """Notes the paints of the table and of the visible chart (children cover the window: watch them all), and
        delivers each paint pass of the window itself, so that the time is taken once the pass that drew the last
        of them is over (and before anything else the app scheduled runs)."""

        def __init__(self) -> None:
            super().__init__(window)
            self.seen: set[str] = set()
            self.delivering = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            kind = event.type()
            if kind == QEvent.Type.Paint:
                chart = window.charts.currentWidget()
                if within(watched, window.table):
                    self.seen.add("table")
                elif within(watched, chart) and not placeholder(chart):
                    self.seen.add("chart")
            elif (kind in (QEvent.Type.UpdateRequest, QEvent.Type.Expose) and not self.delivering
                  and (watched is window or watched is window.windowHandle())):
                self.delivering = True
                try:
                    QApplication.sendEvent(watched, event)  # the paint pass (and the flush), now
                finally:
                    self.delivering = False
                # The window is on screen, the table drawn: from now on it must answer input. (The table paints
                # only on screen; the chart paints first off screen, as the window lays it out before it shows, and
                # a watch started then counted the window's first paint on screen as a stall: the floor's starts
                # after its first paint on screen.)
                if "table" in self.seen and not heartbeat.running and not heartbeat.beats:
                    heartbeat.start()
                if len(self.seen) == 2:
                    stamp, cpu = time.time(), cpu_seconds()
                    if _PROFILE["to_paint"]:  # COMPUTEFIT_PROFILE_TO=paint: start-up up to this paint, no further
                        profiler, _PROFILE["to_paint"] = _PROFILE["to_paint"], None
                        profiler.disable()  # type: ignore[attr-defined]
                        profiler.dump_stats(os.environ["COMPUTEFIT_PROFILE"])  # type: ignore[attr-defined]
                    QApplication.instance().removeEventFilter(self)
                    QTimer.singleShot(0, lambda: painted(stamp, cpu))
                return True
            return False

    probe = FirstPaint()
    QApplication.instance().installEventFilter(probe)
    window._benchmark_probe = probe  # kept alive with the window


class _AfterImport:
    """A meta path finder that lets `desktop.app` load normally, then wraps its create_main_window."""

    def find_spec(self, name, path=None, target=None):  # type: ignore[no-untyped-def]
        if name != "desktop.app":
            return None
        import importlib.util

        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.loader is not None:
            spec.loader = _PatchingLoader(spec.loader)
        return spec


class _PatchingLoader:
    def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
        self.inner = inner

    def create_module(self, spec):  # type: ignore[no-untyped-def]
        return self.inner.create_module(spec)

    def exec_module(self, module) -> None:  # type: ignore[no-untyped-def]
        module.__spec__.loader = self.inner
        self.inner.exec_module(module)
        original = module.create_main_window

        def create_and_watch(*args, **kwargs):  # type: ignore[no-untyped-def]
            window = original(*args, **kwargs)
            _probe_window(window)
            return window

        module.create_main_window = create_and_watch


_PROFILE: dict[str, object] = {"to_paint": None}


def _report_hooks() -> None:
    import atexit

    import deferred_hooks  # frozen: in the archive (the run-time hook imported it already)

    def report() -> None:
        watched = sorted({*deferred_hooks.AFTER_IMPORT, *deferred_hooks.AT_FIRST_CALL})
        imported = [name for name in watched if name in sys.modules]
        sys.stderr.write(f"HOOKS ran={','.join(deferred_hooks.RAN)} imported={','.join(imported)}\n")

    atexit.register(report)


def run() -> int:
    if os.environ.get("COMPUTEFIT_REPORT_HOOKS") == "1" and getattr(sys, "frozen", False):
        _report_hooks()
    if os.environ.get("COMPUTEFIT_EXIT_AFTER_FIRST_PAINT") == "1" and "--smoke-test" not in sys.argv:
        import time  # built in: imports nothing

        cpu = os.times()  # the interpreter's start (frozen: and PyInstaller's run-time hooks) is over
        sys.stdout.write(f"LAUNCHER {time.time():.6f} {cpu.user + cpu.system:.6f}\n")
        sys.meta_path.insert(0, _AfterImport())
    profile = os.environ.get("COMPUTEFIT_PROFILE", "")  # a file: the whole run under cProfile (frozen too)
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        if os.environ.get("COMPUTEFIT_PROFILE_TO") == "paint":
            _PROFILE["to_paint"] = profiler
        try:
            return int(profiler.runcall(_main))
        finally:
            if _PROFILE["to_paint"] is not None or os.environ.get("COMPUTEFIT_PROFILE_TO") != "paint":
                profiler.dump_stats(profile)
    return _main()


def _main() -> int:
    from desktop.cli import main

    return main()


if __name__ == "__main__":
    raise SystemExit(run())
