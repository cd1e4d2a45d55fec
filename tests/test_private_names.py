"""No module imports another module's private names: what a sibling needs is public (named without "_")."""

from __future__ import annotations

import ast

from tests.conftest import REPO


def test_no_module_imports_a_private_name_from_another() -> None:
    offenders = []
    for path in sorted((REPO / "desktop").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("desktop"):
                offenders += [f"{path.relative_to(REPO)}: {node.module}.{alias.name}" for alias in node.names
                              if alias.name.startswith("_") and not alias.name.startswith("__")]
    assert offenders == []
