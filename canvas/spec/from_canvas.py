"""Turn an ML canvas into a valid, runnable spec v1.

The spec takes its column names from the canvas features, the target and classes from the
prediction details, and a baseline that makes sense for the task: the canvas's own rules
when its heuristic has some, otherwise majority (classification, extraction), mean
(regression), seasonal naive (forecasting), z-score (anomaly detection; it needs a numeric
feature, so a text column's length or a time's hour is added when the canvas names no
number, and majority is used when there is neither), popularity (ranking) or, for
clustering, which has no target to learn from, a single rule that puts every row with the
first feature in one segment. Evaluation, serving, monitoring and governance get defaults
per task.

The acceptance bar (``evaluation.acceptance``: ``evaluate`` exits 1 and keeps the champion
when it is missed) is only set where the baseline can be held to it: the canvas's own rules
must agree with the recorded outcome (accuracy or exact match of at least the bar). A
generic fallback (majority, mean, ...) is the reference a model must beat, not something to
gate on, so it gets no bar; the figure the team aims for stays in
``monitoring.performance``, which the generated project's README and model card show as
the target for the first model.

The result is validated before it is returned (:class:`ValueError` listing each problem
with its path), so ``mlcanvas spec`` never writes a spec that ``mlcanvas validate`` refuses.
"""

from __future__ import annotations

from typing import Any

from canvas.mlcanvas.model import BOXES, MLCanvas
from canvas.spec.model import NUMERIC_TRANSFORMS, UseCaseSpec
from canvas.spec.schema import SCHEMA_COMMENT
from canvas.spec.validate import validate_data
from eventstorming.formats.safeyaml import dump_yaml
from eventstorming.model import slugify

#: Per task: the fallback baseline, evaluation metrics and the monitored metric with the
#: figure the team aims for.
TASK_SETTINGS: dict[str, dict[str, Any]] = {
    "classification": {"baseline": {"method": "majority"},
                       "metrics": ["macro_f1", "accuracy"],
                       "performance": {"metric": "macro_f1", "min": 0.6}},
    "regression": {"baseline": {"method": "mean"}, "metrics": ["mae", "rmse"],
                   "performance": {"metric": "mae"}},
    "forecasting": {"baseline": {"method": "seasonal_naive", "season_length": 7},
                    "metrics": ["mape", "mae", "smape"],
                    "performance": {"metric": "mape", "max": 0.3}},
    "anomaly_detection": {"baseline": {"method": "zscore", "threshold": 3.0},
                          "metrics": ["precision", "recall"],
                          "performance": {"metric": "recall", "min": 0.5}},
    "ranking": {"baseline": {"method": "popularity", "k": 10},
                "metrics": ["precision_at_k"],
                "performance": {"metric": "precision_at_k"}},
    "extraction": {"baseline": {"method": "majority"}, "metrics": ["exact_match"],
                   "performance": {"metric": "exact_match", "min": 0.5}},
    "clustering": {"baseline": {"method": "rules"}, "metrics": ["silhouette"],
                   "performance": {"metric": "silhouette"}},
}
#: The acceptance bar of a spec whose baseline is the canvas's own rules: how often the
#: rules must agree with the recorded outcome. Tasks not listed get no bar (a rule's share
#: of flagged cases or its error in units cannot be bounded before the data is seen).
RULES_ACCEPTANCE: dict[str, dict[str, float]] = {
    "classification": {"accuracy": 0.6},
    "extraction": {"exact_match": 0.5},
}
_TARGET_TYPES = {"regression": "number", "forecasting": "number", "ranking": "number",
                 "extraction": "text"}


def _box_text(canvas: MLCanvas, key: str) -> str | list[str]:
    notes = [("(guess) " if n.guess else "") + n.text for n in canvas.box(key)]
    return notes[0] if len(notes) == 1 else notes


def _numeric(feature: dict[str, Any], types: dict[str, str]) -> bool:
    """Whether a feature entry yields numbers (as :func:`canvas.spec.model.is_numeric_feature`)."""
    transform = feature.get("transform")
    return transform in NUMERIC_TRANSFORMS or (
        transform in (None, "identity") and types.get(feature["from"]) in ("number", "integer"))


def _numeric_stand_in(features: list[dict[str, Any]], types: dict[str, str],
                      taken: set[str]) -> dict[str, Any] | None:
    """A numeric feature for a z-score when the canvas names none: the length of the first
    text feature (unusually long or short notes), else the hour of the first time column
    (cases at odd hours); None when there is neither."""
    names = {f["name"] for f in features} | taken
    candidates = [(f["from"], "length") for f in features if types.get(f["from"]) == "text"]
    candidates += [(name, "hour") for name, kind in types.items() if kind == "datetime"]
    for column, transform in candidates:
        name = f"{column[:64 - len(transform) - 1]}_{transform}"
        if name not in names:
            return {"name": name, "from": column, "transform": transform}
    return None


def _segment_rules(feature: str) -> dict[str, Any]:
    """The trivial segmentation, the clustering counterpart of majority: the rows without
    the first feature in one segment, every other row in the other."""
    return {"method": "rules",
            "rules": [{"when": {"feature": feature, "is_null": True},
                       "predict": f"without_{feature}"[:64]}],
            "default": f"with_{feature}"[:64]}


def spec_data_from_canvas(canvas: MLCanvas, require_features: bool = True) -> dict[str, Any]:
    """The spec as plain data (in the order of DESIGN.md), not yet validated.

    Raises:
        ValueError: the canvas names no features (unless ``require_features`` is False: the
            data then has an empty feature list, for a page that lets a person add columns,
            and the validator reports what is missing).
    """
    pred = canvas.prediction
    task = pred.task
    settings = TASK_SETTINGS[task]
    name = slugify(canvas.name, max_len=63)
    if not name[0].isalpha():
        name = f"uc-{name}"[:63].rstrip("-")

    columns: list[dict[str, Any]] = []
    features: list[dict[str, Any]] = []
    taken: set[str] = set()
    for feature in canvas.features:
        if feature.name in taken or feature.name == pred.target:
            continue
        taken.add(feature.name)
        columns.append({"name": feature.name, "type": feature.type})
        entry: dict[str, Any] = {"name": feature.name, "from": feature.name}
        if feature.type == "text":
            entry["transform"] = "lowercase"
        features.append(entry)
    if canvas.incomplete_features and require_features:
        rows = ", ".join(f"row {len(canvas.features) + n}: {row.missing()}"
                         for n, row in enumerate(canvas.incomplete_features, start=1))
        raise ValueError(f"canvas '{canvas.name}' has unfinished feature rows ({rows}): fill "
                         f"them in or delete them before making a spec")
    if not features and require_features:
        raise ValueError(f"canvas '{canvas.name}' names no features: add at least one under "
                         f"'features' (name and type) before making a spec")
    if pred.target:
        columns.append({"name": pred.target,
                        "type": _TARGET_TYPES.get(task, "category")})
        taken.add(pred.target)
    timestamp = canvas.timestamp
    if timestamp and timestamp not in taken:
        columns.append({"name": timestamp, "type": "datetime"})
        taken.add(timestamp)

    prediction: dict[str, Any] = {"task": task, "entity": pred.entity or "case"}
    if pred.target:
        prediction["target"] = pred.target
    if pred.outcomes and task in ("classification", "anomaly_detection"):
        prediction["classes"] = list(pred.outcomes)
    prediction["wait"] = pred.wait or "immediate"
    if task == "forecasting":
        prediction["horizon"] = 7

    heuristic = pred.heuristic
    acceptance: dict[str, float] = {}
    if heuristic.rules:
        baseline: dict[str, Any] = {
            "method": "rules",
            "rules": [r.model_dump(by_alias=True, exclude_none=True) for r in heuristic.rules],
            "default": heuristic.default if heuristic.default is not None else
            (pred.outcomes[0] if pred.outcomes else 0),
        }
        acceptance = dict(RULES_ACCEPTANCE.get(task, {}))
    elif task == "clustering" and features:
        baseline = _segment_rules(features[0]["name"])
    elif task == "clustering":
        baseline = {"method": "majority"}     # no feature to segment on yet
    else:
        baseline = dict(settings["baseline"])
        types = {c["name"]: c["type"] for c in columns}
        if baseline["method"] == "zscore" and not any(_numeric(f, types) for f in features):
            stand_in = _numeric_stand_in(features, types, taken)
            if stand_in is not None:
                features.append(stand_in)
            else:
                baseline = {"method": "majority"}

    split = {"method": "time" if timestamp else "random", "test_size": 0.2, "seed": 42}
    monitoring: dict[str, Any] = {"drift": {"method": "psi", "warn": 0.1, "alert": 0.25},
                                  "performance": dict(settings["performance"])}
    if canvas.monitoring_metric and canvas.monitoring_metric != \
            settings["performance"]["metric"]:
        monitoring["performance"] = {"metric": canvas.monitoring_metric}
    serving: dict[str, Any] = {"mode": canvas.serving}
    if canvas.serving == "realtime":
        serving["latency_ms"] = 500

    metadata: dict[str, Any] = {"name": name, "title": canvas.title}
    if canvas.board:
        metadata["board"] = canvas.board
    if canvas.opportunity:
        metadata["opportunity"] = canvas.opportunity
    if canvas.owner:
        metadata["owner"] = canvas.owner
    metadata["risk"] = canvas.risk

    data: dict[str, Any] = {
        "apiVersion": "mlcanvas/v1",
        "kind": "UseCaseSpec",
        "metadata": metadata,
        "canvas": {b.key: _box_text(canvas, b.key) for b in BOXES},
        "prediction": prediction,
        "data": {"source": f"data/{name.replace('-', '_')}.csv", **(
            {"timestamp": timestamp} if timestamp else {}), "columns": columns},
        "features": features,
        "baseline": baseline,
        "evaluation": {"split": split, "metrics": list(settings["metrics"]),
                       "acceptance": acceptance},
        "serving": serving,
        "monitoring": monitoring,
        "governance": {"decision_log": True,
                       "human_in_the_loop": canvas.human_review or canvas.high_stakes},
    }
    return data


def spec_from_canvas(canvas: MLCanvas) -> UseCaseSpec:
    """A validated spec from a canvas.

    Raises:
        ValueError: the canvas lacks what a spec needs (features, a target) or its heuristic
            rules are wrong; the message names each problem with its spec path.
    """
    data = spec_data_from_canvas(canvas)
    report = validate_data(data, f"spec from canvas '{canvas.name}'")
    if not report.ok:
        raise ValueError("\n".join(report.lines()))
    assert report.spec is not None
    return report.spec


def spec_to_yaml(spec: UseCaseSpec) -> str:
    """The spec as YAML, starting with the schema line editors use to validate it."""
    data = spec.model_dump(mode="json", by_alias=True, exclude_none=True)
    return f"{SCHEMA_COMMENT}\n" + dump_yaml(data)
