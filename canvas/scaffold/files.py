"""The text of every generated file, built by plain functions from a validated spec.

Only slugs (the package name, file names checked by the spec) are put into code-like files;
spec text goes into YAML through ``yaml.safe_dump`` and into Markdown through
:func:`escape.markdown`. Static templates are filled with :class:`string.Template`, whose
only placeholder is the package name.
"""

from __future__ import annotations

import ast
from importlib import resources
from pathlib import PurePosixPath
from string import Template
from typing import Any

import yaml

from canvas.scaffold.escape import is_slug, markdown, one_line, toml_string
from canvas.spec.model import CANVAS_BOXES, UseCaseSpec

#: scikit-learn fits the model challenger (``model:`` in the spec) and brings joblib (the
#: estimator files) and scipy; every project gets it so adding a model needs no new install.
RUNTIME_DEPS = ["pandas>=2.1", "numpy>=1.26", "pyyaml>=6.0", "fastapi>=0.110",
                "uvicorn>=0.29", "scikit-learn>=1.3", "joblib>=1.3"]
LABELS = "data/labels.csv"
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


def _runtime_sources() -> dict[str, str]:
    folder = resources.files("canvas.scaffold.runtime")
    return {entry.name: entry.read_text(encoding="utf-8") for entry in folder.iterdir()
            if entry.name.endswith(".py")}


def stage_code(*starts: str) -> list[str]:
    """The runtime modules a step runs: ``starts`` and every module they import at module
    level, transitively (``custom.py`` is imported by name when the model is custom)."""
    sources = _runtime_sources()
    found: list[str] = []
    todo = list(starts)
    while todo:
        name = todo.pop()
        if name in found or name not in sources:
            continue
        found.append(name)
        for node in ast.parse(sources[name]).body:
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                if node.module:
                    todo.append(node.module.split(".")[0] + ".py")
                else:
                    todo += [alias.name + ".py" for alias in node.names]
    return sorted(found)


def dvc_yaml(spec: UseCaseSpec, package: str) -> str:
    source = spec.data.source
    code = [f"{package}/{name}" for name in stage_code("__main__.py", "cli.py", "pipeline.py")]
    stages = {
        "prepare": {
            "cmd": f"python -m {package} prepare",
            "deps": [source, LABELS, *code],
            "params": ["data", "evaluation.split"],
            "outs": ["data/prepared"],
        },
        "train": {
            "cmd": f"python -m {package} train",
            "deps": ["data/prepared/train.csv", *code, f"{package}/custom.py"],
            "params": ["prediction", "features", "baseline", "model"]
            if spec.model else ["prediction", "features", "baseline"],
            "outs": [{"models/model.json": {"cache": False}}],
        },
        "evaluate": {
            "cmd": f"python -m {package} evaluate",
            "deps": ["data/prepared", "models/model.json", *code],
            "params": ["evaluation.acceptance", "evaluation.promotion"],
            "metrics": [{"reports/metrics.json": {"cache": False}}],
        },
    }
    return ("# The pipeline for DVC: dvc init && dvc add the raw data && dvc repro\n"
            "# The registry (models/registry/) and the metrics are kept in git, not in the\n"
            "# DVC cache (cache: false); train reuses a version made from the same inputs.\n"
            + _dump({"stages": stages}))


def makefile(spec: UseCaseSpec, package: str) -> str:
    data = spec.data.source
    return (
        "# The project's everyday commands. PYTHON=... picks another interpreter.\n"
        "PYTHON ?= python\n"
        "NEW ?= data/incoming.csv\n\n"
        ".PHONY: install pipeline test serve monitor label-export label-import versioning\n\n"
        "install:\n"
        "\t$(PYTHON) -m pip install -e '.[test]'\n\n"
        "pipeline:\n"
        f"\t$(PYTHON) -m {package} prepare\n"
        f"\t$(PYTHON) -m {package} train\n"
        f"\t$(PYTHON) -m {package} evaluate\n\n"
        "test:\n"
        "\t$(PYTHON) -m pytest -q\n\n"
        "serve:\n"
        f"\t$(PYTHON) -m {package} serve --host 0.0.0.0 --port 8000\n\n"
        "# exit 0 ok, 1 warn, 2 alert, 3 could not check\n"
        "monitor:\n"
        f"\t$(PYTHON) -m {package} monitor --input $(NEW)\n\n"
        "label-export:\n"
        f"\t$(PYTHON) -m {package} label export --input $(NEW) -o reports/to_label.csv\n\n"
        "label-import:\n"
        f"\t$(PYTHON) -m {package} label import reports/to_label.csv\n\n"
        "# the raw data and the labels under DVC, the rest (registry, metrics) in git\n"
        "versioning:\n"
        "\ttest -d .git || git init -q\n"
        "\ttest -d .dvc || dvc init -q\n"
        f"\tdvc add {data} {LABELS}\n"
        f"\tgit add {data}.dvc {LABELS}.dvc data/.gitignore\n"
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
    """What git does not keep: caches, the prepared splits (DVC rebuilds them) and the
    served decisions. The registry and the metrics ARE kept (the raw data is DVC's)."""
    return ("__pycache__/\n*.egg-info/\n.pytest_cache/\n/data/prepared/\n/logs/\n"
            "*.new\n")


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


def monitor_workflow(package: str) -> str:
    """Scheduled: monitor the newest data; on an alert retrain and open the result as a
    pull request for review (nothing is promoted on drifted data without a person)."""
    workflow = {
        "name": "monitor",
        "on": {"schedule": [{"cron": "0 6 * * 1"}], "workflow_dispatch": None},
        "permissions": {"contents": "write", "pull-requests": "write"},
        "jobs": {"monitor": {"runs-on": "ubuntu-latest", "steps": [
            {"uses": "actions/checkout@v4"},
            {"uses": "actions/setup-python@v5", "with": {"python-version": "3.11"}},
            {"name": "install", "run": "make install && pip install dvc"},
            {"name": "data", "run": "dvc pull || echo 'no DVC remote: using the files "
                                    "in the repository'"},
            {"name": "monitor", "id": "monitor", "run": (
                "set +e\n"
                f"python -m {package} monitor --input \"${{NEW:-data/incoming.csv}}\"\n"
                "code=$?\n"
                "echo \"code=$code\" >> \"$GITHUB_OUTPUT\"\n"
                "if [ \"$code\" -eq 3 ]; then echo 'monitor could not check'; exit 1; fi\n"
                "exit 0\n")},
            {"name": "retrain", "if": "steps.monitor.outputs.code == '2'",
             "run": "make pipeline || true\nmake test"},
            {"name": "open for review", "if": "steps.monitor.outputs.code == '2'",
             "uses": "peter-evans/create-pull-request@v6",
             "with": {"branch": "retrain/${{ github.run_id }}",
                      "title": "Retrained after a monitoring alert",
                      "commit-message": "Retrain after a monitoring alert",
                      "body": "`monitor` raised an alert (reports/drift.json). This is the "
                              "retrained pipeline: read reports/metrics.json and "
                              "models/registry/*/decisions.jsonl before merging; the "
                              "champion only moves when this is merged."}},
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
    default = "a linear formula" if hasattr(baseline.default, "linear") else \
        markdown(baseline.default)
    lines = [f"Baseline: **rules** ({len(baseline.rules or [])} rules, first match wins; "
             f"otherwise {default}), read from `params.yaml` at run time."]
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


def _model_example(spec: UseCaseSpec) -> list[str]:
    if spec.model is not None:
        return [f"model: {{method: {spec.model.method}}}   # already in this spec"]
    if spec.prediction.task == "regression":
        return ["model: {method: ridge, params: {alpha: 1.0}}   # or linear_regression, "
                "gradient_boosting"]
    if spec.prediction.task == "classification":
        return ["model: {method: logistic_regression, params: {C: 1.0}}   # or "
                "gradient_boosting"]
    return [f"# models are fitted for classification and regression; a {spec.prediction.task} "
            "spec keeps its baseline"]


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
        f"python -m {package} monitor --input new.csv   # reports/drift.json; exit 0 ok, "
        "1 warn, 2 alert, 3 could not check",
        f"python -m {package} monitor --input new.csv --outcomes outcomes.csv   "
        "# served predictions joined to outcomes that arrived later",
        f"python -m {package} label export --input new.csv -o to_label.csv   "
        "# the cases worth a human look",
        f"python -m {package} label import to_label.csv   # answers -> data/labels.csv",
        "make versioning   # git init, dvc init, dvc add the raw data and the labels",
        "dvc repro         # the same pipeline under DVC",
        f"docker build -t {package} . && docker run -p 8000:8000 {package}"
        "   # after make pipeline",
        "```",
        "",
        "## From the heuristic to a first model",
        "",
        "The heuristic baseline runs the whole pipeline from day one and stays the reference "
        "line in `reports/metrics.json`. To let a model challenge it, add to `spec.yaml` "
        "and `params.yaml`:",
        "",
        "```yaml",
        *_model_example(spec),
        "```",
        "",
        "and run `make pipeline`. `train` fits the model (scikit-learn) beside the heuristic "
        "on the same features and registers each once: training again without a change adds "
        "no version. `evaluate` scores the champion, the heuristic and the model on the same "
        "test split; a candidate becomes champion only when it meets the acceptance bar AND "
        "beats the champion by `evaluation.promotion.margin` (default 0.01) on "
        "`evaluation.promotion.metric` (default: the first acceptance metric). Every decision "
        "and its reason is appended to `models/registry/NAME/decisions.jsonl`. A classifier's "
        "`predict` adds `score` and `proba_CLASS` columns; `/predict` answers `scores` and "
        "`probabilities`.",
        "",
        "Labeling loop: `label export` writes the rows without the truth where heuristic and "
        "model disagree first, then the least confident ones; fill the `label` column and "
        "`label import` the file. The answers go to `data/labels.csv` with who labelled them, "
        "from which file and which model version scored them; the next `make pipeline` "
        "trains on them (answers for rows outside the data join the training split only, so "
        "the test split stays the yardstick).",
        "",
        "### Your own model in one file",
        "",
        f"Edit `{package}/custom.py`: its `build(task, params)` returns any estimator with "
        "`fit(X, y)` and `predict(X)` (and `predict_proba(X)` for classes). Then set "
        "`model: {method: custom, params: {...}}`. The registry, champion/challenger, "
        "monitoring, labeling and the API work unchanged.",
        "",
        "## Monitoring",
        "",
        "`monitor` compares new rows with the profile the serving version saved at training. "
        "A feature warns or alerts only when its PSI (smoothed) reaches "
        f"{spec.monitoring.drift.warn}/{spec.monitoring.drift.alert} AND a chi-square test "
        "(simulated, exact for small batches) says it is not chance, at 1% for all checks "
        "together; fewer than 20 rows cannot be judged (exit 3). Text and categories with "
        "many values are also checked for the share of values never seen in training. "
        "`.github/workflows/monitor.yml` runs it weekly on `data/incoming.csv` (or `$NEW`); on "
        "an alert it retrains and opens a pull request for review, so no model is promoted "
        "on drifted data without a person.",
        "",
        "## Versioning",
        "",
        "- the raw data and `data/labels.csv`: DVC (`make versioning` runs `dvc add`);",
        "- `models/registry/`: git (each version's `model.json` holds its feature definitions, "
        "column contract, library versions and data hashes, no time; `estimator.joblib` for "
        "a model, its SHA-256 checked on load: load only registries you trust);",
        "- `reports/metrics.json`: git, and DVC metrics (`cache: false`);",
        "- `dvc.yaml` lists every code file each stage runs.",
        "",
        "## Layout",
        "",
        f"- `{package}/features.py`: the one feature code, used by training and serving.",
        f"- `{package}/rules.py`: the rules interpreter (rules are data in `params.yaml`).",
        f"- `{package}/models.py`: the model challenger (encoding, scikit-learn); "
        f"`{package}/custom.py`: your own.",
        f"- `{package}/baselines.py`, `metrics.py`, `drift.py`, `registry.py`, `labeling.py`, "
        "`api.py`.",
        f"- `params.yaml`: the settings of the pipeline (from `spec.yaml`); "
        f"{markdown(spec.data.source)}: the data; `data/labels.csv`: the labeling loop's "
        "answers.",
        "- `models/registry/NAME/VERSION/`: every trained version; `champion` names the one "
        "that serves; `decisions.jsonl` why.",
        "- `reports/metrics.json`, `reports/drift.json`, `logs/decisions.jsonl` (every served "
        "prediction: request id, entity id, model version, score, feature hash).",
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
        "Makefile": makefile(spec, package),
        "pyproject.toml": pyproject(spec, package),
        "Dockerfile": dockerfile(spec, package),
        ".dockerignore": dockerignore(),
        ".gitignore": gitignore(),
        ".github/workflows/ci.yml": ci_workflow(),
        ".github/workflows/monitor.yml": monitor_workflow(package),
        "README.md": readme(spec, package),
        "MODEL_CARD.md": model_card(spec),
    }
    return files
