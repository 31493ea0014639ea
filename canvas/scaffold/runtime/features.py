"""The features: the ONE place that turns data columns into model inputs.

Training, evaluation, batch prediction, monitoring and the API all call
:func:`build_features`, so the model sees the same values wherever it runs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

TRANSFORMS = ("identity", "lowercase", "uppercase", "strip", "log1p", "abs", "length",
              "year", "month", "weekday", "hour")


def _text(series: pd.Series) -> pd.Series:
    if pd.api.types.is_string_dtype(series.dtype) and (
            not pd.api.types.is_object_dtype(series.dtype)
            or pd.api.types.infer_dtype(series, skipna=True) in ("string", "empty")):
        return series
    return series.astype(object).where(series.notna(), np.nan).map(
        lambda v: v if isinstance(v, float) and v != v else str(v))


def _number(series: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return series.astype("int64").astype(float).where(series.notna(), np.nan) / 1e9
    return pd.to_numeric(series, errors="coerce").astype(float)


def transform(series: pd.Series, name: str | None) -> pd.Series:
    """One feature transform applied to a whole column."""
    name = name or "identity"
    if name == "identity":
        return series
    if name in ("lowercase", "uppercase", "strip"):
        text = _text(series)
        method = {"lowercase": "lower", "uppercase": "upper", "strip": "strip"}[name]
        return getattr(text.str, method)().astype(object)
    if name == "length":
        return _text(series).str.len().astype(float)
    if name in ("log1p", "abs"):
        values = _number(series).to_numpy()
        with np.errstate(invalid="ignore", divide="ignore"):
            out = np.log1p(values) if name == "log1p" else np.abs(values)
        return pd.Series(out, index=series.index, dtype=float)
    if name in ("year", "month", "weekday", "hour"):
        stamps = pd.to_datetime(series, errors="coerce", utc=True)
        part = {"year": stamps.dt.year, "month": stamps.dt.month,
                "weekday": stamps.dt.day_of_week, "hour": stamps.dt.hour}[name]
        return part.astype(float)
    raise ValueError(f"unknown transform {name!r}; known: {', '.join(TRANSFORMS)}")


def build_features(data: pd.DataFrame, features: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """The feature frame: one column per feature of ``params.yaml``, in their order.

    ``data`` holds the columns as :func:`data.coerce` types them (from a file or from JSON
    records alike).
    """
    columns = {}
    for feature in features:
        source = feature["from"]
        if source not in data.columns:
            raise KeyError(f"feature {feature['name']!r} reads column {source!r}, which the "
                           f"data does not have")
        columns[feature["name"]] = transform(data[source], feature.get("transform"))
    return pd.DataFrame(columns, index=data.index)
