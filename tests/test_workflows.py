"""The release workflow (.github/workflows/release.yml) lints clean with actionlint when it is installed (the
workflow's lint job installs it: pip install -e '.[workflows]'), builds and smoke-tests on the four runners,
packages per system and signs only with its secrets; packaging/build.py names executables and archives the way
Windows, macOS and Linux need."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

WORKFLOW = REPO / ".github" / "workflows" / "release.yml"
sys.path.insert(0, str(REPO / "packaging"))
import build  # noqa: E402  (packaging/build.py)

sys.path.remove(str(REPO / "packaging"))


def _actionlint() -> str | None:
    return shutil.which("actionlint") or shutil.which("actionlint", path=str(Path(sys.executable).parent))


@pytest.mark.skipif(_actionlint() is None, reason="actionlint is not installed (pip install -e '.[workflows]')")
def test_the_workflow_lints_clean() -> None:
    done = subprocess.run([str(_actionlint()), "-no-color", str(WORKFLOW)], capture_output=True, text=True,
                          timeout=120, check=False, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_workflow_builds_and_smoke_tests_on_every_system() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    for runner in ("ubuntu-22.04", "windows-latest", "macos-14", "macos-15-intel"):
        assert re.search(rf"^\s+os: {runner}$", text, re.MULTILINE), runner
    assert "python packaging/build.py --archive none" in text  # build.py runs the frozen smoke and start tests
    assert "hdiutil create" in text and 'python packaging/build.py --archive-only "${{ matrix.package }}"' in text
    assert "\t" not in text


def test_signing_runs_only_with_its_secrets() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    steps = re.split(r"\n      - ", text)
    signing = [s for s in steps if re.search(r"codesign|Set-AuthenticodeSignature|notarytool", s)]
    assert len(signing) == 4  # Windows, the app, the DMG (inside Package (DMG)), notarisation
    for step in signing:
        guarded = re.search(r"if: .*env\.(WINDOWS|MACOS)_CERTIFICATE != ''", step) or \
            'if [ -n "$MACOS_CERTIFICATE" ]' in step
        assert guarded, step[:80]
    for secret in ("WINDOWS_CERTIFICATE", "MACOS_CERTIFICATE", "MACOS_SIGNING_IDENTITY", "APPLE_ID",
                   "APPLE_TEAM_ID", "APPLE_APP_PASSWORD"):
        assert f"${{{{ secrets.{secret} }}}}" in text, secret
        assert secret in text.split("\nname: Release builds")[0], secret  # documented in the header


@pytest.mark.parametrize(("system", "executable", "archive"), [
    ("Windows", "computefit.exe", "zip"), ("Darwin", "computefit", "none"), ("Linux", "computefit", "tar.gz"),
])
def test_build_names_the_executable_and_archive_per_system(system: str, executable: str, archive: str) -> None:
    assert build.executable_name(system) == executable
    assert build.default_archive(system) == archive
    name = build.archive_path("zip", system, "AMD64").name
    assert name == f"computefit-{build.version()}-{system.lower()}-amd64.zip"


@pytest.mark.parametrize("fmt", ["zip", "tar.gz"])
def test_archives_hold_the_bundle_folder_with_forward_slashes(tmp_path: Path, fmt: str) -> None:
    bundle = tmp_path / "computefit"
    (bundle / "_internal" / "resources" / "pricing").mkdir(parents=True)
    (bundle / "_internal" / "resources" / "pricing" / "price-book.json").write_text("{}", encoding="utf-8")
    (bundle / "computefit.exe").write_bytes(b"MZ")
    target = tmp_path / f"out.{fmt}"
    build.archive(bundle, target)
    if fmt == "zip":
        with zipfile.ZipFile(target) as zf:
            names = sorted(zf.namelist())
    else:
        with tarfile.open(target) as tar:
            names = sorted(m.name for m in tar.getmembers() if m.isfile())
    assert names == ["computefit/_internal/resources/pricing/price-book.json", "computefit/computefit.exe"]


def test_the_spec_gives_windows_and_macos_an_icon_and_macos_an_app() -> None:
    spec = (REPO / "packaging" / "computefit.spec").read_text(encoding="utf-8")
    assert 'icon=str(REPO / "resources" / "icons" / "computefit.png") if sys.platform in ("win32", "darwin")' in spec
    assert 'name="ComputeFit.app"' in spec
    requirements = (REPO / "packaging" / "requirements-build.txt").read_text(encoding="utf-8")
    assert re.search(r"^pillow==[\d.]+ ; sys_platform != \"linux\"$", requirements, re.MULTILINE)  # PNG -> ico/icns
    launcher = (REPO / "packaging" / "launcher.py").read_text(encoding="utf-8")
    assert "except ImportError:  # Windows" in launcher  # `resource` is Unix-only
