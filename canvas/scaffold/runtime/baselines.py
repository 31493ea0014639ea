"""The baselines the first model must beat: fitted on the training split, applied anywhere.

``fit`` returns plain JSON-able parameters (stored in the registry); ``predict`` applies
them to a feature frame. Methods: ``rules`` (no fitting), ``majority``, ``mean``,
``median``, ``zscore`` (flags rows whose numeric features lie beyond a threshold),
``seasonal_naive`` (the value one season earlier) and ``popularity`` (items ranked by how
often they were relevant).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from . import labels
from .rules import predict_rules

METHODS = ("rules", "majority", "mean", "median", "zscore", "seasonal_naive", "popularity")


class BaselineError(ValueError):
    """The baseline cannot be fitted or applied to this data; the message says why."""


def _plain(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


def _numeric_target(params: Mapping[str, Any], data: pd.DataFrame) -> np.ndarray:
    target = params["prediction"]["target"]
    values = labels.to_number(data[target])
    if np.isnan(values).all():
        raise BaselineError(f"baseline {params['baseline']['method']!r} needs a numeric "
                            f"target, but column {target!r} has no numbers")
    return values


def _seconds(stamps: pd.Series) -> np.ndarray:
    values = pd.to_datetime(stamps, errors="coerce")
    seconds = values.astype("int64").to_numpy().astype(float) / 1e9
    seconds[values.isna().to_numpy()] = np.nan
    return seconds


def numeric_features(features: pd.DataFrame) -> list[str]:
    return [c for c in features.columns
            if pd.api.types.is_numeric_dtype(features[c].dtype)
            and not pd.api.types.is_bool_dtype(features[c].dtype)]


def fit(params: Mapping[str, Any], data: pd.DataFrame, features: pd.DataFrame) -> dict:
    """The baseline's parameters learnt from the training rows."""
    baseline = params["baseline"]
    method = baseline["method"]
    target = params["prediction"].get("target")
    if method == "rules":
        return {}
    if target is None:
        raise BaselineError(f"baseline {method!r} learns from prediction.target, which the "
                            f"spec does not name; use method 'rules'")
    if method == "majority":
        counts = data[target].dropna().value_counts()
        if counts.empty:
            raise BaselineError(f"column {target!r} has no values to take the majority of")
        return {"value": _plain(counts.index[0])}
    if method in ("mean", "median"):
        values = _numeric_target(params, data)
        return {"value": float(np.nanmean(values) if method == "mean" else np.nanmedian(values))}
    if method == "zscore":
        columns = numeric_features(features)
        if not columns:
            raise BaselineError("baseline 'zscore' needs at least one numeric feature")
        means = {c: float(np.nanmean(features[c])) for c in columns}
        stds = {c: float(np.nanstd(features[c])) or 1.0 for c in columns}
        return {"means": means, "stds": stds, "threshold": float(baseline.get("threshold") or 3)}
    if method == "seasonal_naive":
        stamp = params["data"].get("timestamp")
        if not stamp:
            raise BaselineError("baseline 'seasonal_naive' needs data.timestamp")
        values = _numeric_target(params, data)
        seconds = _seconds(data[stamp])
        order = np.argsort(seconds, kind="stable")
        seconds, values = seconds[order], values[order]
        keep = ~np.isnan(seconds)
        seconds, values = seconds[keep], values[keep]
        length = int(baseline.get("season_length") or 7)
        if len(values) < length:
            raise BaselineError(f"seasonal_naive needs at least season_length={length} "
                                f"training rows, found {len(values)}")
        steps = np.diff(np.unique(seconds))
        step = float(np.median(steps)) if len(steps) else 86400.0
        return {"season": [float(v) for v in values[-length:]], "anchor": float(seconds[-length]),
                "step": step or 86400.0, "last": float(values[-1])}
    if method == "popularity":
        item = features.columns[0]
        relevance = np.nan_to_num(_numeric_target(params, data), nan=0.0)
        scores = pd.Series(relevance, index=features[item].map(labels.key).to_numpy())
        scores = scores.groupby(level=0).sum()
        return {"item": item, "scores": {str(k): float(v) for k, v in scores.items()},
                "k": int(baseline.get("k") or 10)}
    raise BaselineError(f"unknown baseline method {method!r}; known: {', '.join(METHODS)}")


def predict(params: Mapping[str, Any], fitted: Mapping[str, Any], data: pd.DataFrame,
            features: pd.DataFrame) -> np.ndarray:
    """Predictions for every row of a feature frame (``data``: the typed columns)."""
    baseline = params["baseline"]
    method = baseline["method"]
    n = len(features)
    if method == "rules":
        return predict_rules(baseline.get("rules") or [], baseline.get("default"), features)
    if method in ("majority", "mean", "median"):
        value = fitted["value"]
        if isinstance(value, float):
            return np.full(n, value, dtype=float)
        out = np.empty(n, dtype=object)
        out[:] = [value] * n if n else []
        return out
    if method == "zscore":
        flagged = np.zeros(n, dtype=bool)
        for column, mean in fitted["means"].items():
            values = features[column].to_numpy(dtype=float, na_value=np.nan)
            with np.errstate(invalid="ignore"):
                flagged |= np.abs((values - mean) / fitted["stds"][column]) > fitted["threshold"]
        out = np.empty(n, dtype=object)
        out[:] = [labels.negative_label(params)] * n if n else []
        out[flagged] = [labels.positive_label(params)] * int(flagged.sum())
        return out
    if method == "seasonal_naive":
        season = np.asarray(fitted["season"], dtype=float)
        seconds = _seconds(data[params["data"]["timestamp"]])
        out = np.full(n, fitted["last"], dtype=float)
        known = ~np.isnan(seconds)
        position = np.round((seconds[known] - fitted["anchor"]) / fitted["step"]).astype(np.int64)
        out[known] = season[np.mod(position, len(season))]
        return out
    if method == "popularity":
        items = features[fitted["item"]].map(labels.key)
        return items.map(fitted["scores"]).fillna(0.0).to_numpy(dtype=float)
    raise BaselineError(f"unknown baseline method {method!r}; known: {', '.join(METHODS)}")


def naive_forecast(params: Mapping[str, Any], train: pd.DataFrame, n: int) -> np.ndarray:
    """The persistence forecast: the last training value for every test row."""
    stamp = params["data"].get("timestamp")
    values = labels.to_number(train[params["prediction"]["target"]])
    if stamp:
        order = np.argsort(_seconds(train[stamp]), kind="stable")
        values = values[order]
    values = values[~np.isnan(values)]
    last = float(values[-1]) if len(values) else 0.0
    return np.full(n, last, dtype=float)
