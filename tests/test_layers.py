"""The layer rules of the design notes hold: ``eventstorming/`` imports neither ``canvas``
nor the app (``ui``, ``app``, ``streamlit``); ``canvas/`` never imports the app. Checked on
the source with ``ast``, so an import inside a function counts too."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import ROOT

FORBIDDEN = {
    "eventstorming": {"canvas", "ui", "app", "streamlit"},
    "canvas": {"ui", "app", "streamlit"},
}


def imported_modules(source: str, filename: str) -> list[tuple[int, str]]:
    """(line, top-level module) of every absolute import in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module.split(".")[0]))
    return found


def layer_violations(package: str) -> list[str]:
    problems = []
    for path in sorted((ROOT / package).rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for line, module in imported_modules(source, str(path)):
            if module in FORBIDDEN[package]:
                problems.append(f"{path.relative_to(ROOT)}:{line}: {package}/ imports {module}")
    return problems


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_layer_imports_only_layers_below(package):
    assert (ROOT / package / "__init__.py").is_file()
    problems = layer_violations(package)
    assert not problems, "layer rule broken:\n" + "\n".join(problems)


def test_the_check_sees_a_forbidden_import():
    source = ("import os\n\ndef f():\n    from canvas.spec import model\n"
              "    import streamlit as st\n")
    assert imported_modules(source, "x.py") == [(1, "os"), (4, "canvas"), (5, "streamlit")]
