"""The text of every generated file, built by plain functions from a validated spec.

Only slugs (the package name, file names checked by the spec) are put into code-like files;
spec text goes into YAML through ``yaml.safe_dump`` and into Markdown through
:func:`escape.markdown`. Static templates are filled with :class:`string.Template`, whose
only placeholder is the package name.
"""

from __future__ import annotations

from importlib import resources
from pathlib import PurePosixPath
from string import Template
from typing import Any

import yaml

from canvas.scaffold.escape import is_slug, markdown, one_line, toml_string
from canvas.spec.model import CANVAS_BOXES, UseCaseSpec

RUNTIME_DEPS = ["pandas>=2.1", "numpy>=1.26", "pyyaml>=6.0", "fastapi>=0.110",
                "uvicorn>=0.29"]
TEST_DEPS = ["pytest>=8", "httpx>=0.27"]
TASK_METRICS = {
    "classification": "accuracy, macro_f1, per_class precision/recall/f1",
    "regression": "mae, rmse, mape",
    "forecasting": "mae, smape, mape, and naive_mae, naive_smape, mae_vs_naive for the naive "
                   "(last value) forecast",
    "anomaly_detection": "precision, recall, f1 at the flagged_rate",
    "ranking": "precision_at_k (per group)",
    "extraction": "exact_match, per field",
    "clustering": "n_clusters, cluster_sizes, largest_cluster_share, silhouette",
}


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def params_data(spec: UseCaseSpec) -> dict[str, Any]:
    """The spec as plain data, the way ``params.yaml`` holds it."""
    return spec.model_dump(mode="json", by_alias=True, exclude_none=True)


def runtime_files(package: str) -> dict[str, str]:
    """The package's modules: the runtime copied verbatim (it holds no spec text)."""
    folder = resources.files("canvas.scaffold.runtime")
    return {f"{package}/{entry.name}": entry.read_text(encoding="utf-8")
            for entry in sorted(folder.iterdir(), key=lambda e: e.name)
            if entry.name.endswith(".py")}


def test_files(package: str) -> dict[str, str]:
    """The project's tests, with the package name as the one placeholder."""
    assert is_slug(package)
    folder = resources.files("canvas.scaffold").joinpath("templates", "tests")
    return {f"tests/{entry.name.removesuffix('.tmpl')}":
            Template(entry.read_text(encoding="utf-8")).safe_substitute(package=package)
            for entry in sorted(folder.iterdir(), key=lambda e: e.name)
            if entry.name.endswith(".py.tmpl")}


def dvc_yaml(spec: UseCaseSpec, package: str) -> str:
    source = spec.data.source
    code = f"{package}/"
    stages = {
        "prepare": {
            "cmd": f"python -m {package} prepare",
            "deps": [source, code + "data.py", code + "pipeline.py"],
            "params": ["data", "evaluation.split"],
            "outs": ["data/prepared"],
        },
        "train": {
            "cmd": f"python -m {package} train",
            "deps": ["data/prepared/train.csv", code + "features.py", code + "rules.py",
                     code + "baselines.py", code + "drift.py"],
            "params": ["prediction", "features", "baseline"],
            "outs": ["models/model.json"],
        },
        "evaluate": {
            "cmd": f"python -m {package} evaluate",
            "deps": ["data/prepared", "models/model.json", code + "metrics.py"],
            "params": ["evaluation.acceptance"],
            "metrics": [{"reports/metrics.json": {"cache": False}}],
        },
    }
    return "# The pipeline for DVC: dvc init --no-scm && dvc repro\n" + _dump({"stages": stages})


def makefile(package: str) -> str:
    return (
        "# The project's everyday commands. PYTHON=... picks another interpreter.\n"
        "PYTHON ?= python\n\n"
        ".PHONY: install pipeline test serve\n\n"
        "install:\n"
        "\t$(PYTHON) -m pip install -e '.[test]'\n\n"
        "pipeline:\n"
        f"\t$(PYTHON) -m {package} prepare\n"
        f"\t$(PYTHON) -m {package} train\n"
        f"\t$(PYTHON) -m {package} evaluate\n\n"
        "test:\n"
        "\t$(PYTHON) -m pytest -q\n\n"
        "serve:\n"
        f"\t$(PYTHON) -m {package} serve --host 0.0.0.0 --port 8000\n"
    )


def pyproject(spec: UseCaseSpec, package: str) -> str:
    deps = RUNTIME_DEPS + (["pyarrow>=14"] if spec.data.source.lower().endswith(".parquet")
                           else [])
    listed = ",\n".join(f"  {toml_string(d)}" for d in deps)
    tests = ", ".join(toml_string(d) for d in TEST_DEPS)
    return (
        "[build-system]\n"
        'requires = ["setuptools>=68"]\n'
        'build-backend = "setuptools.build_meta"\n\n'
        "[project]\n"
        f"name = {toml_string(spec.metadata.name)}\n"
        'version = "0.1.0"\n'
        f"description = {toml_string(one_line(spec.metadata.title))}\n"
        'requires-python = ">=3.10"\n'
        f"dependencies = [\n{listed},\n]\n\n"
        "[project.optional-dependencies]\n"
        f"test = [{tests}]\n\n"
        "[tool.setuptools]\n"
        f"packages = [{toml_string(package)}]\n\n"
        "[tool.pytest.ini_options]\n"
        'testpaths = ["tests"]\n'
        'pythonpath = ["."]\n'
        'addopts = "-p no:cacheprovider"\n'
        'filterwarnings = ["ignore:Using .httpx. with .starlette:Warning"]\n\n'
        "[tool.ruff]\n"
        "line-length = 100\n"
    )


def dockerfile(spec: UseCaseSpec, package: str) -> str:
    data_dir = str(PurePosixPath(spec.data.source).parent)
    return (
        "# Serving image: slim, runs as an unprivileged user.\n"
        "FROM python:3.11-slim\n"
        "ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PROJECT_ROOT=/app\n"
        "WORKDIR /app\n"
        "RUN useradd --create-home --uid 10001 app\n"
        "COPY pyproject.toml ./\n"
        f"COPY {package} ./{package}\n"
        "RUN pip install --no-cache-dir .\n"
        "COPY params.yaml spec.yaml ./\n"
        "COPY models ./models\n"
        "RUN mkdir -p logs && chown -R app:app logs\n"
        "USER app\n"
        "EXPOSE 8000\n"
        "HEALTHCHECK CMD python -c \"import urllib.request; "
        "urllib.request.urlopen('http://127.0.0.1:8000/health')\"\n"
        f'CMD ["python", "-m", "{package}", "serve", "--host", "0.0.0.0", "--port", "8000"]\n'
        + (f"# data ({data_dir}/) stays out of the image: see .dockerignore\n"
           if data_dir != "." else "")
    )


def dockerignore() -> str:
    return "data/\nreports/\nlogs/\n.dvc/\n.git/\n**/__pycache__/\n.mlcanvas/\n"


def gitignore() -> str:
    return ("__pycache__/\n*.egg-info/\n.pytest_cache/\n/data/prepared/\n/models/\n"
            "/reports/\n/logs/\n")


def ci_workflow() -> str:
    workflow = {
        "name": "ci",
        "on": {"push": None, "pull_request": None},
        "jobs": {"test": {"runs-on": "ubuntu-latest", "steps": [
            {"uses": "actions/checkout@v4"},
            {"uses": "actions/setup-python@v5", "with": {"python-version": "3.11"}},
            {"name": "install", "run": "make install"},
            {"name": "test", "run": "make test"},
            {"name": "pipeline", "run": "make pipeline"},
        ]}},
    }
    return _dump(workflow)


def _box(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [markdown(item) for item in items if one_line(item)]


def _canvas_lines(spec: UseCaseSpec) -> list[str]:
    lines = []
    for box in CANVAS_BOXES:
        items = _box(getattr(spec.canvas, box))
        if items:
            lines.append(f"- **{box.replace('_', ' ').capitalize()}**: " + "; ".join(items))
    return lines or ["- (the canvas is empty: fill it in the spec)"]


def _rules_lines(spec: UseCaseSpec) -> list[str]:
    baseline = spec.baseline
    if baseline.method != "rules":
        return [f"Baseline: **{baseline.method}** (learnt from the training split)."]
    lines = [f"Baseline: **rules** ({len(baseline.rules or [])} rules, first match wins; "
             f"otherwise {markdown(baseline.default)}), read from `params.yaml` at run time."]
    return lines


def target_text(spec: UseCaseSpec) -> str | None:
    """The figure the team aims for (``monitoring.performance``) in words, when it has one:
    ``macro_f1 at least 0.6``."""
    perf = spec.monitoring.performance
    if perf is None or (perf.min is None and perf.max is None):
        return None
    parts = ([f"at least {perf.min}"] if perf.min is not None else []) + (
        [f"at most {perf.max}"] if perf.max is not None else [])
    return f"{perf.metric} {' and '.join(parts)}"


def acceptance_lines(spec: UseCaseSpec) -> list[str]:
    """What ``evaluate`` gates on, and the target beside it when there is no gate."""
    bars = ", ".join(f"{markdown(k)} {v}" for k, v in spec.evaluation.acceptance.items())
    if bars:
        return [f"Acceptance: {bars} (`evaluate` exits 1 and keeps the champion when a bar is "
                f"missed)."]
    target = target_text(spec)
    line = ("Acceptance: none set, so `evaluate` accepts the heuristic baseline as the first "
            "champion.")
    if target:
        line += (f" Target for a model: {markdown(target)} (`monitoring.performance`); add it "
                 f"to `evaluation.acceptance` in `spec.yaml` and `params.yaml` when a model "
                 f"replaces the heuristic.")
    return [line]


def readme(spec: UseCaseSpec, package: str) -> str:
    meta = spec.metadata
    pred = spec.prediction
    lines = [
        f"# {markdown(meta.title)}",
        "",
        "## The canvas in short",
        "",
        *_canvas_lines(spec),
        "",
        f"Task: **{pred.task}** of {markdown(pred.target or '-')} per "
        f"{markdown(pred.entity)}. " + " ".join(_rules_lines(spec)),
        *acceptance_lines(spec),
        f"Metrics: {TASK_METRICS[pred.task]}.",
        "",
        "## How to run",
        "",
        "```sh",
        "make install      # pip install -e '.[test]'",
        "make pipeline     # prepare -> train -> evaluate",
        "make test         # the project's tests",
        "make serve        # POST /predict, GET /health on port 8000",
        f"python -m {package} predict --input new.csv --output scored.csv",
        f"python -m {package} monitor --input new.csv   # reports/drift.json",
        "dvc init --no-scm && dvc repro   # the same pipeline under DVC",
        f"docker build -t {package} . && docker run -p 8000:8000 {package}"
        "   # after make pipeline",
        "```",
        "",
        "## Layout",
        "",
        f"- `{package}/features.py`: the one feature code, used by training and serving.",
        f"- `{package}/rules.py`: the rules interpreter (rules are data in `params.yaml`).",
        f"- `{package}/baselines.py`, `metrics.py`, `drift.py`, `registry.py`, `api.py`.",
        f"- `params.yaml`: the settings of the pipeline (from `spec.yaml`); "
        f"{markdown(spec.data.source)}: the data.",
        "- `models/registry/NAME/VERSION/`: every trained baseline with its hashes and "
        "metrics; `champion` names the one that met the acceptance bar.",
        "- `reports/metrics.json`, `reports/drift.json`, `logs/decisions.jsonl`.",
        "",
        "Generated by mlcanvas. Regenerate after the spec changed with "
        "`mlcanvas scaffold SPEC OUT --update`: files you edited are kept and the new "
        "version is written beside them as `FILE.new`.",
        "",
    ]
    return "\n".join(lines)


def model_card(spec: UseCaseSpec) -> str:
    meta, gov, canvas = spec.metadata, spec.governance, spec.canvas

    def section(title: str, *boxes: str) -> list[str]:
        items = [f"- {item}" for box in boxes for item in _box(getattr(canvas, box))]
        return [f"## {title}", "", *(items or ["- (not stated in the canvas)"]), ""]

    drift = spec.monitoring.drift
    perf = spec.monitoring.performance
    lines = [
        f"# Model card: {markdown(meta.title)}",
        "",
        "## Model details",
        "",
        f"- Name: `{meta.name}`; owner: {markdown(meta.owner or 'not named')}; "
        f"risk: **{meta.risk}**",
        f"- Task: {spec.prediction.task}; baseline: {spec.baseline.method} (a heuristic, "
        f"not a trained model)",
        f"- Board: {markdown(meta.board or '-')}; opportunity: "
        f"{markdown(meta.opportunity or '-')}",
        "",
        *section("Intended use", "value_proposition", "decisions", "making_predictions"),
        *section("Data", "data_sources", "data_collection", "features"),
        *section("Evaluation", "impact_simulation", "building_models"),
        *acceptance_lines(spec),
        "",
        *section("Monitoring", "monitoring"),
        f"Drift: PSI, warn at {drift.warn}, alert at {drift.alert}."
        + (f" Performance: {markdown(perf.metric)}"
           + (f" at least {perf.min}" if perf.min is not None else "")
           + (f" at most {perf.max}" if perf.max is not None else "") + "." if perf else ""),
        "",
        "## Governance",
        "",
        f"- Decision log: {'every served prediction in logs/decisions.jsonl' if gov.decision_log else 'off'}",  # noqa: E501
        f"- Human in the loop: {'yes' if gov.human_in_the_loop else 'no'}",
        f"- Risk: {meta.risk}"
        + (" (high stakes: review every automated decision)" if meta.risk == "high" else ""),
        "",
        "## Limitations",
        "",
        "- The baseline is a heuristic; the metrics on the synthetic sample say nothing "
        "about real data.",
        "",
    ]
    return "\n".join(lines)


def project_files(spec: UseCaseSpec, package: str) -> dict[str, str]:
    """Every generated text file by its path relative to the project folder."""
    if not is_slug(package):
        raise ValueError(f"package name {package!r} is not a slug")
    params = params_data(spec)
    files = {
        **runtime_files(package),
        **test_files(package),
        "params.yaml": "# Settings of the pipeline, from spec.yaml (edit here to tune).\n"
                       + _dump(params),
        "spec.yaml": _dump(params),
        "dvc.yaml": dvc_yaml(spec, package),
        "Makefile": makefile(package),
        "pyproject.toml": pyproject(spec, package),
        "Dockerfile": dockerfile(spec, package),
        ".dockerignore": dockerignore(),
        ".gitignore": gitignore(),
        ".github/workflows/ci.yml": ci_workflow(),
        "README.md": readme(spec, package),
        "MODEL_CARD.md": model_card(spec),
    }
    return files
