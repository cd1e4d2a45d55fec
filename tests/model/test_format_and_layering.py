"""The workload format's public promises, and the rule that the model layer never imports Qt."""

from __future__ import annotations

import ast
import json
import subprocess
import sys

from desktop.model.workload.schema import workload_schema_text
from desktop.model.workload.spec import Workload
from desktop.resources import examples_dir
from tests.conftest import REPO

MODEL = REPO / "desktop" / "model"
QT_MODULES = ("PySide6", "shiboken6", "pyqtgraph", "PyQt5", "PyQt6")


def test_schema_file_is_in_sync_with_the_models():
    committed = (REPO / "docs" / "workload.schema.json").read_text(encoding="utf-8")
    assert committed == workload_schema_text(), (
        "run: python -m desktop.model.workload.schema > docs/workload.schema.json")


def test_format_v1_names_are_kept():
    props = json.loads(workload_schema_text())["properties"]
    for name in ("schema_version", "name", "region", "architecture", "traffic", "lambda", "container", "ec2",
                 "front_door"):
        assert name in props
    defs = json.loads(workload_schema_text())["$defs"]
    assert set(defs["Traffic"]["properties"]) >= {"kind", "requests_per_month", "runs_per_month", "duration_ms",
                                                  "daily_profile"}
    assert set(defs["LambdaConfig"]["properties"]) >= {"memory_mb", "ephemeral_storage_mb", "free_tier",
                                                       "provisioned_concurrency", "provisioned_hours_per_month",
                                                       "provisioned_share"}
    assert set(defs["ContainerConfig"]["properties"]) >= {"vcpu", "memory_gb", "os", "ephemeral_storage_gb",
                                                          "concurrency_per_task", "target_utilization", "min_tasks",
                                                          "spot_share"}


def test_minimal_file_gets_documented_defaults():
    w = Workload.model_validate({"name": "minimal"})
    assert (w.region, w.architecture, w.front_door) == ("us-east-1", "x86_64", "auto")
    assert (w.lambda_.memory_mb, w.lambda_.ephemeral_storage_mb, w.lambda_.free_tier) == (1024, 512, True)
    assert (w.container.vcpu, w.container.memory_gb, w.container.target_utilization) == (1.0, 2.0, 0.7)
    assert w.min_tasks == 2
    assert Workload.model_validate({"name": "j", "traffic": {"kind": "jobs"}}).min_tasks == 0


def test_models_are_frozen():
    w = Workload.model_validate({"name": "frozen"})
    try:
        w.name = "changed"  # type: ignore[misc]
    except Exception as exc:  # pydantic raises ValidationError for frozen instances
        assert "frozen" in str(exc)
    else:
        raise AssertionError("Workload must be frozen")


def test_every_example_is_a_valid_workload():
    paths = sorted(examples_dir().glob("*.workload.json"))
    assert {p.name for p in paths} >= {"http-api.workload.json", "event-processor.workload.json",
                                       "nightly-batch.workload.json", "gpu-inference.workload.json"}
    for path in paths:
        Workload.model_validate_json(path.read_text(encoding="utf-8"))


def test_model_sources_never_import_qt():
    offenders = []
    for path in MODEL.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in QT_MODULES]
    assert offenders == []


def test_importing_the_model_loads_no_qt():
    code = ("import sys, pkgutil, importlib, desktop.model as m\n"
            "for info in pkgutil.walk_packages(m.__path__, 'desktop.model.'):\n"
            "    importlib.import_module(info.name)\n"
            "import desktop.cli\n"
            f"print(sorted(k for k in sys.modules if k.split('.')[0] in {QT_MODULES!r}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == "[]"


def test_estimate_runs_without_qt_installed_paths(tmp_path):
    """`computefit estimate` is pure model: it works with Qt blocked from importing."""
    code = ("import sys\n"
            "class Block:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            f"        if name.split('.')[0] in {QT_MODULES!r}: raise ImportError('blocked ' + name)\n"
            "sys.meta_path.insert(0, Block())\n"
            "from desktop.cli import main\n"
            f"sys.exit(main(['estimate', {str(examples_dir() / 'http-api.workload.json')!r}, '--json']))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["workload"] == "Orders HTTP API"


def test_python_dash_m_desktop_works():
    out = subprocess.run([sys.executable, "-m", "desktop", "--version"], capture_output=True, text=True, cwd=REPO)
    assert out.returncode == 0 and out.stdout.startswith("computefit ")
