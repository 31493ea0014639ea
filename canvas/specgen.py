"""Turn an ML canvas into a valid, runnable spec v1.

The spec takes its column names from the canvas features, the target and classes from the
prediction details, and a baseline that makes sense for the task: the canvas's own rules
when its heuristic has some, otherwise majority (classification, extraction, clustering),
mean (regression), seasonal naive (forecasting), z-score (anomaly detection) or popularity
(ranking). Evaluation, serving, monitoring and governance get defaults per task.

The result is validated before it is returned (:class:`ValueError` listing each problem
with its path), so ``mlcanvas spec`` never writes a spec that ``mlcanvas validate`` refuses.
"""

from __future__ import annotations

from typing import Any

from canvas.mlcanvas import BOXES, MLCanvas
from canvas.schema import SCHEMA_COMMENT
from canvas.spec import UseCaseSpec
from canvas.validate import validate_data
from eventstorming.model import slugify
from eventstorming.safeyaml import dump_yaml

#: Per task: baseline method, evaluation metrics, acceptance thresholds, monitored metric.
TASK_SETTINGS: dict[str, dict[str, Any]] = {
    "classification": {"baseline": {"method": "majority"},
                       "metrics": ["macro_f1", "accuracy"], "acceptance": {"macro_f1": 0.6},
                       "performance": {"metric": "macro_f1", "min": 0.6}},
    "regression": {"baseline": {"method": "mean"}, "metrics": ["mae", "rmse"],
                   "acceptance": {}, "performance": {"metric": "mae"}},
    "forecasting": {"baseline": {"method": "seasonal_naive", "season_length": 7},
                    "metrics": ["mape", "mae"], "acceptance": {},
                    "performance": {"metric": "mape", "max": 0.3}},
    "anomaly_detection": {"baseline": {"method": "zscore", "threshold": 3.0},
                          "metrics": ["precision", "recall"], "acceptance": {"recall": 0.5},
                          "performance": {"metric": "recall", "min": 0.5}},
    "ranking": {"baseline": {"method": "popularity", "k": 10},
                "metrics": ["precision_at_k", "ndcg"], "acceptance": {},
                "performance": {"metric": "precision_at_k"}},
    "extraction": {"baseline": {"method": "majority"}, "metrics": ["exact_match"],
                   "acceptance": {"exact_match": 0.5},
                   "performance": {"metric": "exact_match", "min": 0.5}},
    "clustering": {"baseline": {"method": "majority"}, "metrics": ["silhouette"],
                   "acceptance": {}, "performance": {"metric": "silhouette"}},
}
_TARGET_TYPES = {"regression": "number", "forecasting": "number", "ranking": "number",
                 "extraction": "text"}


def _box_text(canvas: MLCanvas, key: str) -> str | list[str]:
    notes = [("(guess) " if n.guess else "") + n.text for n in canvas.box(key)]
    return notes[0] if len(notes) == 1 else notes


def spec_data_from_canvas(canvas: MLCanvas) -> dict[str, Any]:
    """The spec as plain data (in the order of DESIGN.md), not yet validated."""
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
    if not features:
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
    if heuristic.rules:
        baseline: dict[str, Any] = {
            "method": "rules",
            "rules": [r.model_dump(by_alias=True, exclude_none=True) for r in heuristic.rules],
            "default": heuristic.default if heuristic.default is not None else
            (pred.outcomes[0] if pred.outcomes else 0),
        }
    else:
        baseline = dict(settings["baseline"])

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
                       "acceptance": dict(settings["acceptance"])},
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
