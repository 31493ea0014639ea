"""The pipeline steps: prepare, train, evaluate, predict and monitor.

Every step takes the project folder and returns what it wrote; the command line
(:mod:`.cli`) and ``dvc.yaml`` call them, and so do the project's tests.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import baselines, drift, labels, metrics, registry
from .data import coerce, read_table, split
from .features import build_features
from .project import (
    DRIFT,
    METRICS,
    MODEL,
    SPEC,
    TEST,
    TRAIN,
    ProjectError,
    load_params,
    model_name,
    read_json,
    required_columns,
    sha256_file,
    write_json,
)


def load_table(root: Path, path: Path, params: dict[str, Any], *, with_target: bool
               ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A data file as read (text) and typed against the columns of ``params.yaml``."""
    full = path if path.is_absolute() else root / path
    raw = read_table(full)
    typed = coerce(raw, params["data"]["columns"], source=str(path),
                   required=required_columns(params, with_target=with_target))
    return raw, typed


def predict_frame(params: dict[str, Any], model: dict[str, Any], data: pd.DataFrame
                  ) -> tuple[pd.DataFrame, np.ndarray]:
    """The features of typed rows and the model's predictions for them."""
    features = build_features(data, params["features"])
    return features, baselines.predict(params, model["fitted"], data, features)


def prepare(root: Path) -> dict[str, Any]:
    """Check the data against the columns and write the train and test splits."""
    params = load_params(root)
    source = Path(params["data"]["source"])
    raw, typed = load_table(root, source, params, with_target=True)
    rule = params.get("evaluation", {}).get("split", {})
    train_rows, test_rows = split(typed.assign(_row=np.arange(len(typed))),
                                  rule.get("method", "random"), rule.get("test_size", 0.2),
                                  rule.get("seed", 42), params["data"].get("timestamp"))
    for rows, path in ((train_rows, TRAIN), (test_rows, TEST)):
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        raw.iloc[rows["_row"].to_numpy()].to_csv(root / path, index=False)
    return {"rows": len(raw), "train": len(train_rows), "test": len(test_rows)}


def train(root: Path) -> dict[str, Any]:
    """Fit the baseline on the training split and register it as a new version."""
    params = load_params(root)
    _, data = load_table(root, TRAIN, params, with_target=True)
    features = build_features(data, params["features"])
    fitted = baselines.fit(params, data, features)
    predictions = baselines.predict(params, fitted, data, features)
    model = {
        "name": model_name(params), "task": params["prediction"]["task"],
        "method": params["baseline"]["method"], "fitted": fitted,
        "profile": drift.profile(features, predictions),
        "spec_sha256": sha256_file(root / SPEC),
        "params_sha256": sha256_file(root / "params.yaml"),
        "data_sha256": sha256_file(root / params["data"]["source"]),
        "train_rows": int(len(data)),
        "trained_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    version = registry.register(root, model_name(params), model)
    write_json(root / MODEL, {**model, "version": version})
    return {"version": version, "train_rows": int(len(data))}


def task_metrics(params: dict[str, Any], model: dict[str, Any], test: pd.DataFrame,
                 features: pd.DataFrame, predicted: np.ndarray,
                 train: pd.DataFrame | None = None) -> dict[str, Any]:
    """The metrics of the spec's task on the test rows."""
    task = params["prediction"]["task"]
    target = params["prediction"].get("target")
    truth = test[target] if target else None
    if task == "classification":
        return metrics.classification(truth, predicted)
    if task == "regression":
        return metrics.regression(truth, predicted)
    if task == "forecasting":
        naive = baselines.naive_forecast(params, train if train is not None else test,
                                         len(test))
        return metrics.forecasting(truth, predicted, naive)
    if task == "anomaly_detection":
        return metrics.anomaly_detection(truth, predicted, labels.positive_label(params))
    if task == "ranking":
        group = params["prediction"].get("group")
        k = int(params["baseline"].get("k") or 10)
        return metrics.ranking(truth, predicted, test[group] if group else None, k)
    if task == "extraction":
        return metrics.extraction(truth, predicted, target)
    if task == "clustering":
        return metrics.clustering(features, predicted, baselines.numeric_features(features))
    raise ProjectError(f"unknown task {task!r}")


def evaluate(root: Path) -> dict[str, Any]:
    """Score the latest model on the test split, write ``reports/metrics.json`` and make it
    the champion when it meets every acceptance bar."""
    params = load_params(root)
    model = read_json(root / MODEL, "trained model (run 'train' first)")
    _, test = load_table(root, TEST, params, with_target=True)
    train_data = None
    if params["prediction"]["task"] == "forecasting":
        _, train_data = load_table(root, TRAIN, params, with_target=True)
    features, predicted = predict_frame(params, model, test)
    figures = task_metrics(params, model, test, features, predicted, train_data)
    checks = metrics.acceptance(figures, params.get("evaluation", {}).get("acceptance") or {})
    accepted = all(c["met"] for c in checks)
    report = {**figures, "model_version": model["version"], "task": model["task"],
              "baseline": model["method"], "acceptance": checks, "accepted": accepted}
    write_json(root / METRICS, report)
    name = model_name(params)
    write_json(root / "models" / "registry" / name / model["version"] / "metrics.json", report)
    if accepted:
        registry.promote(root, name, model["version"])
    return report


def predict(root: Path, source: Path, output: Path) -> dict[str, Any]:
    """Write the rows of ``source`` with a ``prediction`` and a ``model_version`` column."""
    params = load_params(root)
    model = registry.serving_model(root, model_name(params))
    raw, data = load_table(root, source, params, with_target=False)
    _, predicted = predict_frame(params, model, data)
    out = raw.copy()
    out["prediction"] = predicted
    out["model_version"] = model["version"]
    output.parent.mkdir(parents=True, exist_ok=True)
    out.to_csv(output, index=False)
    return {"rows": len(out), "model_version": model["version"], "output": str(output)}


def monitor(root: Path, source: Path, output: Path | None = None) -> dict[str, Any]:
    """Compare new rows with the training profile; write ``reports/drift.json``."""
    params = load_params(root)
    model = registry.serving_model(root, model_name(params))
    _, data = load_table(root, source, params, with_target=False)
    features, predicted = predict_frame(params, model, data)
    rule = params.get("monitoring", {}).get("drift", {})
    report = drift.compare(model["profile"], features, predicted,
                           float(rule.get("warn", 0.1)), float(rule.get("alert", 0.25)))
    report["model_version"] = model["version"]
    performance = _performance(params, model, data, features, predicted)
    report["drift_status"] = report["status"]
    if performance is not None:
        report["performance"] = performance
        if performance["status"] == "alert":
            report["status"] = "alert"
    write_json(output or root / DRIFT, report)
    return report


def _performance(params: dict[str, Any], model: dict[str, Any], data: pd.DataFrame,
                 features: pd.DataFrame, predicted: np.ndarray) -> dict[str, Any] | None:
    """The spec's ``monitoring.performance`` metric, when the new rows carry the truth."""
    rule = params.get("monitoring", {}).get("performance")
    target = params["prediction"].get("target")
    if not rule or not target or target not in data.columns or data[target].isna().all():
        return None
    figures = task_metrics(params, model, data, features, predicted, None)
    value = metrics.lookup(figures, rule["metric"])
    low, high = rule.get("min"), rule.get("max")
    bad = value is None or (low is not None and value < low) or (high is not None
                                                                 and value > high)
    return {"metric": rule["metric"], "value": value, "min": low, "max": high,
            "status": "alert" if bad else "ok"}
