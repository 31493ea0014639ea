"""Comparable labels: the same class whether it came as ``1``, ``1.0``, ``True`` or ``"1"``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd


def key(value: Any) -> str | None:
    """One label as text: whole numbers without ``.0``, booleans as ``1``/``0``."""
    if value is None or (isinstance(value, float) and value != value) or value == "":
        return None
    if isinstance(value, bool | np.bool_):
        return "1" if value else "0"
    if isinstance(value, int | float | np.integer | np.floating):
        number = float(value)
        return str(int(number)) if number.is_integer() else repr(number)
    return str(value)


def keys(values: Any) -> np.ndarray:
    """:func:`key` for a whole column (computed once per distinct value)."""
    series = pd.Series(np.asarray(values, dtype=object) if not isinstance(values, pd.Series)
                       else values.astype(object))
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    answers = np.array([key(v) for v in uniques.tolist()] + [None], dtype=object)
    return answers[codes]


def positive_label(params: Mapping[str, Any]) -> Any:
    """The label that flags a case (anomaly detection): the last class, else ``1``."""
    classes = (params.get("prediction") or {}).get("classes")
    return classes[-1] if classes else 1


def negative_label(params: Mapping[str, Any]) -> Any:
    classes = (params.get("prediction") or {}).get("classes")
    return classes[0] if classes and len(classes) > 1 else 0


def to_number(values: Any) -> np.ndarray:
    """Values as floats (booleans as 1/0, non-numbers as NaN)."""
    series = pd.Series(values).astype(object)
    codes, uniques = pd.factorize(series, use_na_sentinel=True)

    def number(v: Any) -> float:
        if isinstance(v, bool | np.bool_):
            return float(v)
        try:
            return float(v)
        except (TypeError, ValueError):
            return float("nan")
    answers = np.array([number(v) for v in uniques.tolist()] + [np.nan], dtype=float)
    return answers[codes]
