"""Every task's spec scaffolds into a project whose own tests pass and whose pipeline runs
(``make pipeline``, and one real ``dvc repro``)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from canvas.scaffold import scaffold
from canvas.spec.model import TASKS, UseCaseSpec

SPECS = Path(__file__).parents[1] / "fixtures" / "specs"
ROOT = Path(__file__).resolve().parents[3]
#: The worked examples' specs (examples/**/spec.yaml), scaffolded like the fixtures.
EXAMPLES = sorted((ROOT / "examples").glob("**/spec.yaml")) + sorted(
    (ROOT / "examples").glob("**/*.spec.yaml"))


def load_spec(task: str) -> UseCaseSpec:
    return UseCaseSpec.model_validate(yaml.safe_load((SPECS / f"{task}.yaml").read_text()))


def run(args: list[str], cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("PYTHONPATH", None)
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env=env)


def pipeline_commands(package: str) -> list[list[str]]:
    if shutil.which("make"):
        return [["make", "pipeline", f"PYTHON={sys.executable}"]]
    return [[sys.executable, "-m", package, step] for step in ("prepare", "train", "evaluate")]


def test_there_is_a_spec_for_every_task() -> None:
    assert sorted(p.stem for p in SPECS.glob("*.yaml")) == sorted(TASKS)


@pytest.mark.slow
@pytest.mark.parametrize("task", TASKS)
def test_the_project_passes_its_tests_and_runs_its_pipeline(task: str, tmp_path: Path) -> None:
    out = tmp_path / "project"
    result = scaffold(load_spec(task), out)
    tests = run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider"], out)
    assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-3000:]
    assert " passed" in tests.stdout
    for command in pipeline_commands(result.package):
        done = run(command, out)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    metrics = json.loads((out / "reports" / "metrics.json").read_text())
    assert metrics["accepted"] is True
    assert metrics["task"] == task
    name = load_spec(task).metadata.name
    champion = (out / "models" / "registry" / name / "champion").read_text().strip()
    assert champion == metrics["model_version"]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("dvc") is None, reason="dvc is not installed")
def test_dvc_repro_runs_the_pipeline(tmp_path: Path) -> None:
    out = tmp_path / "project"
    scaffold(load_spec("classification"), out)
    init = run(["dvc", "init", "--no-scm", "-q"], out)
    assert init.returncode == 0, init.stderr
    repro = run(["dvc", "repro"], out, timeout=600)
    assert repro.returncode == 0, repro.stdout[-3000:] + repro.stderr[-3000:]
    assert (out / "dvc.lock").exists()
    metrics = json.loads((out / "reports" / "metrics.json").read_text())
    assert metrics["accepted"] is True
    again = run(["dvc", "repro"], out, timeout=600)
    assert again.returncode == 0
    assert "didn't change" in again.stdout or "up to date" in again.stdout


@pytest.mark.slow
@pytest.mark.parametrize("path", EXAMPLES, ids=[str(p.relative_to(ROOT)) for p in EXAMPLES])
def test_every_example_spec_scaffolds_into_a_passing_project(path: Path, tmp_path: Path) -> None:
    """The README walkthrough: scaffold the example's spec, then its tests AND
    ``make pipeline`` must pass (evaluate exits 0), right after generation."""
    spec = UseCaseSpec.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    out = tmp_path / "project"
    result = scaffold(spec, out)
    assert not any("misses the acceptance bar" in note for note in result.notes), result.notes
    tests = run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider"], out)
    assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-3000:]
    for command in pipeline_commands(result.package):
        done = run(command, out)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    metrics = json.loads((out / "reports" / "metrics.json").read_text())
    assert metrics["accepted"] is True
    champion = (out / "models" / "registry" / spec.metadata.name / "champion").read_text()
    assert champion.strip() == metrics["model_version"]


@pytest.mark.slow
def test_a_project_of_text_and_category_columns_says_why_it_skips(tmp_path: Path) -> None:
    spec = load_spec("extraction")
    assert {c.type for c in spec.data.columns} == {"text", "category"}
    out = tmp_path / "project"
    scaffold(spec, out)
    done = run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
                "tests/test_data_contract.py"], out)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "every column is category or text: any value fits" in done.stdout
    assert "every column is text:" not in done.stdout
