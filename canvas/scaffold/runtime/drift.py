"""Drift: how far new data has moved from the reference profile saved at training.

The profile holds, per feature and for the predictions, the bins of the training data and
the share of rows in each. :func:`psi` compares a new sample with it (population stability
index); the spec's ``monitoring.drift`` thresholds turn the largest PSI into a status of
``ok``, ``warn`` or ``alert``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from . import labels

BINS = 10
MAX_CATEGORIES = 20
OTHER = "(other)"
MISSING = "(missing)"
EPSILON = 1e-4


def _is_numeric(series: pd.Series) -> bool:
    return (pd.api.types.is_numeric_dtype(series.dtype)
            and not pd.api.types.is_bool_dtype(series.dtype))


def _numbers(series: pd.Series) -> np.ndarray:
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        values = series.astype("int64").to_numpy().astype(float) / 1e9
        values[series.isna().to_numpy()] = np.nan
        return values
    return series.to_numpy(dtype=float, na_value=np.nan)


def _shares(counts: np.ndarray) -> list[float]:
    total = counts.sum()
    return [float(c / total) if total else 0.0 for c in counts]


def _numeric_counts(values: np.ndarray, edges: list[float]) -> np.ndarray:
    known = values[~np.isnan(values)]
    inner = np.searchsorted(np.asarray(edges, dtype=float), known, side="right")
    counts = np.bincount(inner, minlength=len(edges) + 1).astype(float)
    return np.append(counts, float(np.isnan(values).sum()))


def _category_counts(values: np.ndarray, categories: list[str]) -> np.ndarray:
    index = {c: i for i, c in enumerate(categories)}
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    position = np.array([index.get(MISSING if v is None else v, len(categories) - 2)
                         for v in uniques.tolist()] + [len(categories) - 1], dtype=np.int64)
    return np.bincount(position[codes], minlength=len(categories)).astype(float)


def profile_column(series: pd.Series) -> dict[str, Any]:
    """The reference bins of one column: quantile edges for numbers, top values otherwise
    (text with many distinct values is profiled by its length)."""
    kind = "numeric"
    if not _is_numeric(series) and not pd.api.types.is_datetime64_any_dtype(series.dtype):
        keys = labels.keys(series)
        distinct = pd.Series(keys).dropna()
        if distinct.nunique() <= 50:
            top = distinct.value_counts().index[:MAX_CATEGORIES].tolist()
            categories = [str(c) for c in top] + [OTHER, MISSING]
            keys = np.array([MISSING if k is None else k for k in keys], dtype=object)
            counts = _category_counts(keys, categories)
            return {"kind": "categorical", "categories": categories, "shares": _shares(counts)}
        kind = "text_length"
        series = series.astype(object).map(lambda v: len(v) if isinstance(v, str) else np.nan)
        series = series.astype(float)
    values = _numbers(series)
    known = values[~np.isnan(values)]
    edges = sorted(set(np.quantile(known, np.linspace(0, 1, BINS + 1)[1:-1]).tolist())) \
        if len(known) else []
    return {"kind": kind, "edges": [float(e) for e in edges],
            "shares": _shares(_numeric_counts(values, edges))}


def current_shares(series: pd.Series, reference: Mapping[str, Any]) -> list[float]:
    """The share of a new sample's rows in each reference bin."""
    if reference["kind"] == "categorical":
        keys = labels.keys(series)
        keys = np.array([MISSING if k is None else k for k in keys], dtype=object)
        return _shares(_category_counts(keys, reference["categories"]))
    if reference["kind"] == "text_length":
        series = series.astype(object).map(lambda v: len(v) if isinstance(v, str) else np.nan)
        series = series.astype(float)
    elif not _is_numeric(series) and not pd.api.types.is_datetime64_any_dtype(series.dtype):
        series = pd.Series(labels.to_number(series))
    return _shares(_numeric_counts(_numbers(series), reference["edges"]))


def psi(expected: list[float], actual: list[float]) -> float:
    """Population stability index between two lists of bin shares."""
    e = np.clip(np.asarray(expected, dtype=float), EPSILON, None)
    a = np.clip(np.asarray(actual, dtype=float), EPSILON, None)
    return float(np.sum((a - e) * np.log(a / e)))


def profile(features: pd.DataFrame, predictions: Any) -> dict[str, Any]:
    """The reference profile: every feature and the predictions."""
    return {"features": {c: profile_column(features[c]) for c in features.columns},
            "prediction": profile_column(pd.Series(np.asarray(predictions, dtype=object)
                                                   if np.asarray(predictions).dtype == object
                                                   else np.asarray(predictions)))}


def status_of(value: float, warn: float, alert: float) -> str:
    return "alert" if value >= alert else "warn" if value >= warn else "ok"


def compare(reference: Mapping[str, Any], features: pd.DataFrame, predictions: Any,
            warn: float, alert: float) -> dict[str, Any]:
    """PSI per feature and for the predictions, each with a status, and the overall status."""
    report: dict[str, Any] = {"features": {}, "thresholds": {"warn": warn, "alert": alert}}
    for name, ref in reference["features"].items():
        if name not in features.columns:
            continue
        value = psi(ref["shares"], current_shares(features[name], ref))
        report["features"][name] = {"psi": value, "status": status_of(value, warn, alert),
                                    "kind": ref["kind"]}
    array = np.asarray(predictions)
    series = pd.Series(array.astype(object) if array.dtype == object else array)
    value = psi(reference["prediction"]["shares"],
                current_shares(series, reference["prediction"]))
    report["prediction"] = {"psi": value, "status": status_of(value, warn, alert)}
    worst = max([f["psi"] for f in report["features"].values()] + [value])
    report["max_psi"] = worst
    report["status"] = status_of(worst, warn, alert)
    report["rows"] = int(len(features))
    return report
