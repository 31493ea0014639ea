"""The task's metrics, and whether they meet the acceptance bar of ``params.yaml``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from . import labels

#: Metrics where smaller is better; every other metric must reach its bar from below.
LOWER_IS_BETTER = {"mae", "rmse", "mape", "smape", "mae_vs_naive", "naive_mae", "naive_smape",
                   "largest_cluster_share", "flagged_rate"}


def _ratio(a: float, b: float) -> float:
    return float(a) / float(b) if b else 0.0


def classification(truth: Any, predicted: Any) -> dict[str, Any]:
    """Accuracy, macro F1 and precision/recall/F1 per class."""
    y, p = labels.keys(truth), labels.keys(predicted)
    known = np.array([v is not None for v in y], dtype=bool)
    y, p = y[known], p[known]
    classes = sorted({c for c in y} | {c for c in p if c is not None})
    per_class: dict[str, dict[str, float]] = {}
    for cls in classes:
        tp = int(np.sum((p == cls) & (y == cls)))
        predicted_n, actual_n = int(np.sum(p == cls)), int(np.sum(y == cls))
        precision, recall = _ratio(tp, predicted_n), _ratio(tp, actual_n)
        f1 = _ratio(2 * precision * recall, precision + recall)
        per_class[cls] = {"precision": precision, "recall": recall, "f1": f1,
                          "support": actual_n}
    return {
        "accuracy": float(np.mean(p == y)) if len(y) else 0.0,
        "macro_f1": float(np.mean([c["f1"] for c in per_class.values()])) if per_class else 0.0,
        "per_class": per_class,
        "rows": int(len(y)),
    }


def regression(truth: Any, predicted: Any) -> dict[str, Any]:
    """Mean absolute error, root mean squared error and mean absolute percentage error."""
    y, p = labels.to_number(truth), labels.to_number(predicted)
    known = ~np.isnan(y) & ~np.isnan(p)
    y, p = y[known], p[known]
    error = p - y
    nonzero = y != 0
    return {
        "mae": float(np.mean(np.abs(error))) if len(y) else 0.0,
        "rmse": float(np.sqrt(np.mean(error ** 2))) if len(y) else 0.0,
        "mape": float(np.mean(np.abs(error[nonzero] / y[nonzero]))) if nonzero.any() else 0.0,
        "rows": int(len(y)),
    }


def _smape(y: np.ndarray, p: np.ndarray) -> float:
    denominator = np.abs(y) + np.abs(p)
    with np.errstate(invalid="ignore", divide="ignore"):
        terms = np.where(denominator == 0, 0.0, 2 * np.abs(p - y) / denominator)
    return float(np.mean(terms)) if len(y) else 0.0


def forecasting(truth: Any, predicted: Any, naive: Any) -> dict[str, Any]:
    """MAE, sMAPE and MAPE of the forecast, and MAE and sMAPE of the naive (last value)
    forecast beside it."""
    y, p, q = labels.to_number(truth), labels.to_number(predicted), labels.to_number(naive)
    known = ~np.isnan(y) & ~np.isnan(p)
    y, p, q = y[known], p[known], q[known]
    mae = float(np.mean(np.abs(p - y))) if len(y) else 0.0
    naive_mae = float(np.mean(np.abs(q - y))) if len(y) else 0.0
    nonzero = y != 0
    mape = float(np.mean(np.abs((p[nonzero] - y[nonzero]) / y[nonzero]))) \
        if nonzero.any() else 0.0
    return {"mae": mae, "smape": _smape(y, p), "mape": mape, "naive_mae": naive_mae,
            "naive_smape": _smape(y, q), "mae_vs_naive": _ratio(mae, naive_mae),
            "rows": int(len(y))}


def anomaly_detection(truth: Any, predicted: Any, positive: Any) -> dict[str, Any]:
    """Precision and recall of the flagged rows, at the rate the baseline flags."""
    y, p = labels.keys(truth), labels.keys(predicted)
    hit = labels.key(positive)
    actual, flagged = y == hit, p == hit
    tp = int(np.sum(actual & flagged))
    precision, recall = _ratio(tp, int(flagged.sum())), _ratio(tp, int(actual.sum()))
    return {"precision": precision, "recall": recall,
            "f1": _ratio(2 * precision * recall, precision + recall),
            "flagged_rate": float(np.mean(flagged)) if len(p) else 0.0,
            "anomaly_rate": float(np.mean(actual)) if len(y) else 0.0, "rows": int(len(y))}


def ranking(truth: Any, scores: Any, groups: Any, k: int) -> dict[str, Any]:
    """Precision at k: the share of relevant rows among each group's k best-scored rows."""
    relevance = np.nan_to_num(labels.to_number(truth), nan=0.0) > 0
    frame = pd.DataFrame({"score": np.nan_to_num(labels.to_number(scores), nan=-np.inf),
                          "relevant": relevance,
                          "group": np.zeros(len(relevance)) if groups is None else
                          np.asarray(groups, dtype=object)})
    frame["order"] = np.arange(len(frame))
    frame = frame.sort_values(["group", "score", "order"], ascending=[True, False, True])
    top = frame.groupby("group", sort=False).head(k)
    per_group = top.groupby("group", sort=False)["relevant"].mean()
    return {f"precision_at_{k}": float(per_group.mean()) if len(per_group) else 0.0,
            "precision_at_k": float(per_group.mean()) if len(per_group) else 0.0,
            "k": int(k), "groups": int(len(per_group)),
            "relevant_rate": float(relevance.mean()) if len(relevance) else 0.0}


def extraction(truth: Any, predicted: Any, field: str) -> dict[str, Any]:
    """Exact match of the extracted value, overall and per field."""
    y, p = labels.keys(truth), labels.keys(predicted)
    known = np.array([v is not None for v in y], dtype=bool)
    exact = float(np.mean(y[known] == p[known])) if known.any() else 0.0
    return {"exact_match": exact, "fields": {field: {"exact_match": exact}},
            "rows": int(known.sum())}


def clustering(features: pd.DataFrame, assigned: Any, numeric: list[str],
               sample: int = 1000, seed: int = 0) -> dict[str, Any]:
    """Cluster sizes and the silhouette of the clusters on the (standardised) numeric
    features, on a sample of at most ``sample`` rows."""
    keys = labels.keys(assigned)
    names = np.array(["(none)" if k is None else k for k in keys], dtype=object)
    sizes = pd.Series(names).value_counts()
    result: dict[str, Any] = {
        "n_clusters": int(len(sizes)),
        "cluster_sizes": {str(k): int(v) for k, v in sizes.items()},
        "largest_cluster_share": float(sizes.iloc[0] / len(names)) if len(names) else 0.0,
        "silhouette": 0.0, "rows": int(len(names)),
    }
    if len(sizes) < 2 or not numeric:
        return result
    rng = np.random.default_rng(seed)
    rows = rng.choice(len(names), size=min(sample, len(names)), replace=False)
    x = features[numeric].to_numpy(dtype=float, na_value=np.nan)[rows]
    x = np.where(np.isnan(x), np.nanmean(x, axis=0), x)
    x = np.nan_to_num((x - x.mean(axis=0)) / (x.std(axis=0) + 1e-12))
    group = names[rows]
    squared = (x ** 2).sum(axis=1)
    distance = np.sqrt(np.maximum(squared[:, None] + squared[None, :] - 2 * x @ x.T, 0))
    clusters = sorted(set(group))
    if len(clusters) < 2:
        return result
    mean_to = np.stack([distance[:, group == c].mean(axis=1) for c in clusters], axis=1)
    own = np.array([clusters.index(g) for g in group])
    counts = np.array([np.sum(group == c) for c in clusters])
    a = mean_to[np.arange(len(group)), own] * counts[own] / np.maximum(counts[own] - 1, 1)
    other = mean_to.copy()
    other[np.arange(len(group)), own] = np.inf
    b = other.min(axis=1)
    s = np.where(counts[own] > 1, (b - a) / np.maximum(np.maximum(a, b), 1e-12), 0.0)
    result["silhouette"] = float(np.mean(s))
    return result


def lookup(metrics: Mapping[str, Any], name: str) -> float | None:
    """A metric by name, dotted names reaching into nested figures (``per_class.x.recall``)."""
    value: Any = metrics
    for part in name.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return float(value) if isinstance(value, int | float) else None


def acceptance(metrics: Mapping[str, Any], bars: Mapping[str, float]) -> list[dict[str, Any]]:
    """Each acceptance bar with the measured value and whether it is met."""
    checks = []
    for name, bar in bars.items():
        value = lookup(metrics, name)
        lower = name.split(".")[-1] in LOWER_IS_BETTER
        met = value is not None and (value <= bar if lower else value >= bar)
        checks.append({"metric": name, "value": value, "bar": float(bar),
                       "direction": "at most" if lower else "at least", "met": bool(met)})
    return checks
