"""Build the installed app: `python packaging/build.py` (from the repository root, in the project's venv).

1. PyInstaller, one-folder, from packaging/computefit.spec -> dist/computefit/ (the `computefit` executable,
   `computefit.exe` on Windows, and its _internal/ folder, with resources/ inside; on macOS also
   dist/ComputeFit.app);
2. on Linux, the .desktop entry and the 256 px icon copied beside the executable;
3. the archive of that folder: dist/computefit-<version>-<os>-<arch>.tar.gz on Linux, .zip on Windows (macOS:
   none, the release workflow makes a DMG of the .app with hdiutil); `--archive` chooses another;
4. the frozen `computefit --smoke-test` run offscreen: the build fails if it fails or writes anything
   unexpected on stderr; then the frozen window started as a user starts it, until painted (PyInstaller's PySide6
   hook run); then the frozen `computefit estimate` on the bundled example, which must import neither PySide6
   nor the other modules whose PyInstaller hooks wait for them (packaging/deferred_hooks.py).
Prints the time of each step and the sizes. Exit status 0 only when everything passed.

`--archive-only FORMAT` archives an existing dist/computefit/ (the release workflow signs the executable
between the build and the archive). Runs on Linux, Windows and macOS (.github/workflows/release.yml).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DIST = REPO / "dist"
WORK = REPO / "build" / "pyinstaller"
NAME = "computefit"
HARMLESS_STDERR = ("This plugin does not support propagateSizeHints",)
ARCHIVES = ("tar.gz", "zip", "none")
REQUIRED_IN_BUNDLE = (
    "resources/pricing/price-book.json",
    "resources/examples/http-api.workload.json",
    "resources/icons/computefit.svg",
)


def folder_size(folder: Path) -> int:
    """Bytes on disk of the files under `folder` (symlinks counted once, as links)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def version() -> str:
    sys.path.insert(0, str(REPO))
    from desktop import __version__

    return __version__


def run_pyinstaller(spec: Path, dist: Path, work: Path, clean: bool) -> None:
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
           "--distpath", str(dist), "--workpath", str(work), str(spec)]
    if clean:
        cmd.insert(3, "--clean")
    subprocess.run(cmd, check=True, cwd=REPO)


def add_desktop_entry(bundle: Path) -> None:
    shutil.copy2(HERE / "computefit.desktop", bundle / "computefit.desktop")
    shutil.copy2(REPO / "resources" / "icons" / "computefit.png", bundle / "computefit.png")


def executable_name(system: str | None = None) -> str:
    """The frozen executable's file name: computefit.exe on Windows, computefit elsewhere."""
    return NAME + (".exe" if (system or platform.system()) == "Windows" else "")


def default_archive(system: str | None = None) -> str:
    """zip on Windows (Explorer opens it), none on macOS (the workflow's DMG), tar.gz elsewhere."""
    return {"Windows": "zip", "Darwin": "none"}.get(system or platform.system(), "tar.gz")


def archive_path(fmt: str, system: str | None = None, machine: str | None = None) -> Path:
    """dist/computefit-<version>-<os>-<arch>.<fmt>: e.g. computefit-0.1.0-windows-amd64.zip."""
    system = (system or platform.system()).lower()
    machine = (machine or platform.machine()).lower()
    return DIST / f"{NAME}-{version()}-{system}-{machine}.{fmt}"


def archive(bundle: Path, target: Path) -> None:
    """The bundle folder as a .tar.gz (permissions and symlinks kept) or a .zip (forward slashes inside, executable
    bits recorded for the Unix unzip tools)."""
    if target.name.endswith(".zip"):
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            for path in sorted(bundle.rglob("*")):
                if path.is_file():
                    zf.write(path, (Path(bundle.name) / path.relative_to(bundle)).as_posix())
        return
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=bundle.name)


def check_bundle(bundle: Path) -> list[str]:
    internal = bundle / "_internal"
    return [f"missing from the bundle: {rel}" for rel in REQUIRED_IN_BUNDLE if not (internal / rel).is_file()]


def smoke_test(executable: Path) -> list[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    try:
        done = subprocess.run([str(executable), "--smoke-test"], env=env, capture_output=True, text=True,
                              timeout=180, cwd=executable.parent.parent)
    except subprocess.TimeoutExpired:
        return ["the frozen smoke test did not finish within 180 s"]
    sys.stdout.write(done.stdout)
    problems = [f"stderr: {line}" for line in done.stderr.splitlines()
                if line.strip() and not line.startswith(HARMLESS_STDERR)]
    if done.returncode != 0:
        problems.insert(0, f"the frozen smoke test exited {done.returncode}")
    return problems


def start_test(executable: Path) -> list[str]:
    """The window started as a user starts it (`computefit` alone: run_gui, not the smoke test's path), in fresh
    user folders, until its table and chart are painted (the start-up benchmark's probe in packaging/launcher.py)."""
    with tempfile.TemporaryDirectory(prefix="computefit-start-") as folder:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", COMPUTEFIT_EXIT_AFTER_FIRST_PAINT="1",
                   COMPUTEFIT_REPORT_HOOKS="1", XDG_CONFIG_HOME=str(Path(folder) / "config"),
                   COMPUTEFIT_DATA_DIR=str(Path(folder) / "data"))
        try:
            done = subprocess.run([str(executable)], env=env, capture_output=True, text=True, timeout=180,
                                  cwd=folder)
        except subprocess.TimeoutExpired:
            return ["the frozen window did not paint within 180 s"]
    if done.returncode != 0 or "FIRST_PAINT" not in done.stdout:
        return [f"the frozen window exited {done.returncode} before painting: {done.stderr.strip()[-2000:]}"]
    ran, _imported = hooks_report(done.stderr)
    if "pyi_rth_pyside6" not in ran:  # its QT_PLUGIN_PATH and qt.conf, once PySide6 is imported
        return [f"the frozen window did not run PyInstaller's PySide6 hook (deferred hooks run: {ran})"]
    print("computefit start OK: the window's table and chart painted")
    return []


def hooks_report(stderr: str) -> tuple[list[str], list[str]]:
    """The deferred run-time hooks run and the modules they wait for imported (the launcher's `HOOKS` line)."""
    for line in stderr.splitlines():
        if line.startswith("HOOKS ran="):
            ran, _, imported = line[len("HOOKS ran="):].partition(" imported=")
            return [h for h in ran.split(",") if h], [m for m in imported.split(",") if m]
    raise ValueError("the frozen app wrote no HOOKS line")


QUOTE_NEVER_IMPORTS = ("PySide6", "multiprocessing", "pkgutil")  # what PyInstaller's hooks imported at every start


def quote_test(executable: Path) -> list[str]:
    """`computefit estimate` on the bundled example quotes, and neither imports the modules of PyInstaller's deferred
    run-time hooks nor runs any of them (packaging/deferred_hooks.py: about 100 ms of every frozen start)."""
    example = executable.parent / "_internal" / REQUIRED_IN_BUNDLE[1]
    env = dict(os.environ, COMPUTEFIT_REPORT_HOOKS="1")
    done = subprocess.run([str(executable), "estimate", str(example)], env=env, capture_output=True, text=True,
                          timeout=180, cwd=executable.parent.parent)
    if done.returncode != 0 or "fargate" not in done.stdout.lower():
        return [f"the frozen `estimate` exited {done.returncode}: {done.stderr.strip()[-2000:]}"]
    ran, imported = hooks_report(done.stderr)
    problems = [f"the frozen `estimate` imported {name}" for name in QUOTE_NEVER_IMPORTS if name in imported]
    if ran:
        problems.append(f"the frozen `estimate` ran deferred run-time hooks: {ran}")
    if not problems:
        print("computefit estimate OK: quoted without PySide6, multiprocessing, pkgutil or their hooks")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--clean", action="store_true", help="drop PyInstaller's cache first (slower)")
    parser.add_argument("--archive", choices=("auto", *ARCHIVES), default="auto",
                        help="the archive of the bundle (auto: zip on Windows, none on macOS, else tar.gz)")
    parser.add_argument("--no-archive", action="store_true", help="the same as --archive none")
    parser.add_argument("--archive-only", choices=ARCHIVES[:2], default=None,
                        help="only archive the bundle already in dist/computefit (after signing it)")
    parser.add_argument("--no-smoke", action="store_true", help="skip the frozen smoke test")
    args = parser.parse_args(argv)
    bundle = DIST / NAME
    if args.archive_only:
        target = archive_path(args.archive_only)
        archive(bundle, target)
        print(f"archive: {target} {mb(target.stat().st_size)}")
        return 0
    fmt = "none" if args.no_archive else default_archive() if args.archive == "auto" else args.archive

    timings: list[tuple[str, float]] = []
    started = time.perf_counter()
    run_pyinstaller(HERE / "computefit.spec", DIST, WORK, args.clean)
    if platform.system() == "Linux":
        add_desktop_entry(bundle)
    timings.append(("PyInstaller", time.perf_counter() - started))
    problems = check_bundle(bundle)

    target = archive_path(fmt)
    if fmt != "none":
        step = time.perf_counter()
        archive(bundle, target)
        timings.append(("archive", time.perf_counter() - step))
    if not args.no_smoke and not problems:
        step = time.perf_counter()
        executable = bundle / executable_name()
        problems += smoke_test(executable) + start_test(executable) + quote_test(executable)
        timings.append(("frozen smoke and start tests", time.perf_counter() - step))

    print(f"bundle: {bundle} {mb(folder_size(bundle))}")
    if fmt != "none":
        print(f"archive: {target} {mb(target.stat().st_size)}")
    print("timings: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings)
          + f", total {time.perf_counter() - started:.1f} s")
    if problems:
        sys.stderr.write("build FAILED:\n" + "".join(f"  {p}\n" for p in problems))
        return 1
    print("build OK")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
