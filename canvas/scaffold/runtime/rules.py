"""The rules interpreter: the baseline's ``if ... then ...`` rules, read from ``params.yaml``.

Rules are data, never code. A condition is ``{feature: F, OP: value}`` with OP one of
``eq ne gt ge lt le in not_in contains_any matches is_null``, or ``{all: [...]}``,
``{any: [...]}``, ``{not: {...}}``. The first rule whose condition holds gives the
prediction: a constant, or ``{linear: {intercept: a, terms: {feature: weight}}}``; the
default takes the same two forms.

Two readings with the same meaning:

* :func:`condition_holds` / :func:`apply_rules_row` read one row (plain Python; the
  reference);
* :func:`condition_mask` / :func:`predict_rules` read a whole feature frame at once with
  NumPy masks. Numeric columns are compared as arrays; other columns are factorized and the
  reference is applied once per distinct value, so both readings agree exactly.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

OPERATORS = ("eq", "ne", "gt", "ge", "lt", "le", "in", "not_in", "contains_any", "matches",
             "is_null")
_COMPARE = {"gt": np.greater, "ge": np.greater_equal, "lt": np.less, "le": np.less_equal}


# --------------------------------------------------------------------------- one row

def is_null(value: Any) -> bool:
    """Missing: ``None``, NaN or the empty string."""
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


def as_number(value: Any) -> float | None:
    """The value as a float, or None for booleans, missing values and non-numbers."""
    if isinstance(value, bool | np.bool_) or is_null(value):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def same(a: Any, b: Any) -> bool:
    """Equal as numbers when both are numbers, else equal as case-folded text."""
    na, nb = as_number(a), as_number(b)
    if na is not None and nb is not None:
        return na == nb
    return str(a).casefold() == str(b).casefold()


def operator_of(condition: Mapping[str, Any]) -> tuple[str, Any]:
    """The single operator of a feature condition and its value."""
    used = [op for op in OPERATORS if op in condition]
    if len(used) != 1:
        raise ValueError(f"condition {dict(condition)!r} needs exactly one operator of "
                         f"{', '.join(OPERATORS)}")
    return used[0], condition[used[0]]


def leaf_holds(op: str, expected: Any, value: Any) -> bool:
    """Whether ``value OP expected`` holds (one feature condition, one value)."""
    if op == "is_null":
        return is_null(value) == bool(expected)
    if is_null(value):
        return op in {"ne", "not_in"}
    if op == "eq":
        return same(value, expected)
    if op == "ne":
        return not same(value, expected)
    if op in _COMPARE:
        number = as_number(value)
        if number is None:
            return False
        bound = float(expected)
        return {"gt": number > bound, "ge": number >= bound,
                "lt": number < bound, "le": number <= bound}[op]
    if op == "in":
        return any(same(value, item) for item in expected)
    if op == "not_in":
        return not any(same(value, item) for item in expected)
    if op == "contains_any":
        text = str(value).casefold()
        return any(str(item).casefold() in text for item in expected)
    if op == "matches":
        return re.search(expected, str(value)) is not None
    raise ValueError(f"unknown operator {op!r}")


def condition_holds(condition: Mapping[str, Any], row: Mapping[str, Any]) -> bool:
    """Whether a condition holds for one row of feature values."""
    if "all" in condition:
        return all(condition_holds(c, row) for c in condition["all"])
    if "any" in condition:
        return any(condition_holds(c, row) for c in condition["any"])
    if "not" in condition:
        return not condition_holds(condition["not"], row)
    op, expected = operator_of(condition)
    return leaf_holds(op, expected, row.get(condition["feature"]))


def _linear_row(linear: Mapping[str, Any], row: Mapping[str, Any]) -> float:
    terms = linear.get("terms") or {}
    total = sum(float(weight) * (as_number(row.get(name)) or 0.0)
                for name, weight in terms.items())
    return float(linear.get("intercept", 0.0)) + total


def apply_rules_row(rules: Sequence[Mapping[str, Any]], default: Any,
                    row: Mapping[str, Any]) -> Any:
    """The prediction for one row: the first rule whose condition holds wins."""
    for rule in rules:
        if condition_holds(rule["when"], row):
            predict = rule["predict"]
            if isinstance(predict, Mapping):
                return _linear_row(predict["linear"], row)
            return predict
    return default


# --------------------------------------------------------------------------- whole frames

def _is_numeric(series: pd.Series) -> bool:
    return (pd.api.types.is_numeric_dtype(series.dtype)
            and not pd.api.types.is_bool_dtype(series.dtype))


_HOMOGENEOUS = ("string", "boolean", "floating", "integer", "datetime64", "datetime", "date",
                "empty", "categorical", "bytes", "decimal")


def per_value(series: pd.Series, func: Any, dtype: Any) -> np.ndarray:
    """``func(value)`` computed once per distinct value and spread over the rows (missing
    values get ``func(None)``).

    Values of different types that compare equal (``1``, ``1.0`` and ``True``) are kept
    apart, because their text differs.
    """
    if pd.api.types.infer_dtype(series, skipna=True) not in _HOMOGENEOUS:
        kinds = series.map(lambda v: type(v).__name__).to_numpy(dtype=object)
        result = np.empty(len(series), dtype=dtype)
        for kind in set(kinds.tolist()):
            rows = kinds == kind
            result[rows] = _per_value_plain(series[rows], func, dtype)
        return result
    return _per_value_plain(series, func, dtype)


def _per_value_plain(series: pd.Series, func: Any, dtype: Any) -> np.ndarray:
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    answers = np.array([func(v) for v in uniques.tolist()] + [func(None)], dtype=dtype)
    return answers[codes]  # code -1 (missing) picks the last answer: func(None)


def _numeric_leaf(op: str, expected: Any, values: np.ndarray) -> np.ndarray | None:
    """The leaf on a float array, or None when the operator needs the text reading."""
    missing = np.isnan(values)
    with np.errstate(invalid="ignore"):
        if op == "is_null":
            return missing == bool(expected)
        if op in ("eq", "ne"):
            number = as_number(expected)
            hit = values == number if number is not None else np.zeros(len(values), bool)
            result = hit if op == "eq" else ~hit
        elif op in _COMPARE:
            result = _COMPARE[op](values, float(expected))
        elif op in ("in", "not_in"):
            numbers = [n for n in map(as_number, expected) if n is not None and n == n]
            hit = np.isin(values, np.array(numbers, dtype=float))
            result = hit if op == "in" else ~hit
        else:
            return None
    return np.where(missing, op in ("ne", "not_in"), result)


def condition_mask(condition: Mapping[str, Any], frame: pd.DataFrame,
                   cache: dict | None = None) -> np.ndarray:
    """Where a condition holds, for every row of a feature frame at once.

    ``cache`` (optional) keeps work shared between conditions on the same frame.
    """
    cache = {} if cache is None else cache
    if "all" in condition:
        mask = np.ones(len(frame), dtype=bool)
        for sub in condition["all"]:
            mask &= condition_mask(sub, frame, cache)
        return mask
    if "any" in condition:
        mask = np.zeros(len(frame), dtype=bool)
        for sub in condition["any"]:
            mask |= condition_mask(sub, frame, cache)
        return mask
    if "not" in condition:
        return ~condition_mask(condition["not"], frame, cache)
    op, expected = operator_of(condition)
    name = condition["feature"]
    if name not in frame.columns:
        raise KeyError(f"rule uses feature {name!r}, which the features do not define")
    series = frame[name]
    if _is_numeric(series):
        result = _numeric_leaf(op, expected, series.to_numpy(dtype=float, na_value=np.nan))
        if result is not None:
            return result
    if op in ("contains_any", "matches"):
        if ("distinct", name) not in cache:
            cache[("distinct", name)] = _mostly_distinct_text(series)
        if cache[("distinct", name)]:
            return _text_leaf(op, expected, series, cache.setdefault(("text", name), {}))
    return per_value(series, lambda v: leaf_holds(op, expected, v), bool)


def _mostly_distinct_text(series: pd.Series, sample: int = 10_000) -> bool:
    """Text where most rows differ: searching every row beats reading each distinct value."""
    if len(series) < 2 * sample or pd.api.types.infer_dtype(series, skipna=True) != "string":
        return False
    head = series.iloc[:sample]
    return head.nunique() > 0.5 * sample


def _fast_strings(text: pd.Series) -> pd.Series:
    """Strings in Arrow memory when pyarrow is installed (substring search in C++, same
    answers), else as they are."""
    try:
        return text.astype("string[pyarrow]")
    except (ImportError, TypeError, ValueError):
        return text


def _text_leaf(op: str, expected: Any, series: pd.Series, memo: dict) -> np.ndarray:
    """``contains_any`` / ``matches`` on a column of strings, row by row in pandas."""
    if "filled" not in memo:
        text = series.astype(object)
        memo["missing"] = (text.isna() | (text == "")).to_numpy()
        memo["filled"] = text.where(~memo["missing"], "")
    missing, filled = memo["missing"], memo["filled"]
    if op == "matches":
        hit = filled.str.contains(expected, regex=True).to_numpy(dtype=bool)
    else:
        if "folded" not in memo:
            memo["folded"] = _fast_strings(filled.str.casefold())
        folded = memo["folded"]
        hit = np.zeros(len(series), dtype=bool)
        for item in expected:
            hit |= folded.str.contains(str(item).casefold(), regex=False).to_numpy(dtype=bool)
    return hit & ~missing


def _numbers(series: pd.Series) -> np.ndarray:
    """Each value as a float with missing and non-numbers as 0.0 (the linear reading)."""
    if _is_numeric(series):
        return np.nan_to_num(series.to_numpy(dtype=float, na_value=np.nan), nan=0.0,
                             posinf=np.inf, neginf=-np.inf)
    return per_value(series, lambda v: as_number(v) or 0.0, float)


def _linear(linear: Mapping[str, Any], frame: pd.DataFrame) -> np.ndarray:
    total = np.zeros(len(frame), dtype=float)
    for name, weight in (linear.get("terms") or {}).items():
        total = total + float(weight) * _numbers(frame[name])
    return float(linear.get("intercept", 0.0)) + total


def predict_rules(rules: Sequence[Mapping[str, Any]], default: Any,
                  frame: pd.DataFrame) -> np.ndarray:
    """Predictions for every row: the first rule whose condition holds wins.

    Returns an integer array when every outcome is a whole-number constant, a float array
    when every outcome is a number, else an object array that holds the constants exactly
    as the rules give them.
    """
    outcomes = [rule["predict"] for rule in rules] + [default]
    numeric = all(isinstance(o, Mapping) or as_number(o) is not None for o in outcomes)
    n = len(frame)
    if numeric and isinstance(default, Mapping):
        result = _linear(default["linear"], frame) if n else np.zeros(0, dtype=float)
    elif numeric:
        result = np.full(n, float(as_number(default)), dtype=float)
    else:
        result = np.empty(n, dtype=object)
        result[:] = [default] * n if n else []
    open_rows = np.ones(n, dtype=bool)
    cache: dict = {}
    for rule in rules:
        if not open_rows.any():
            break
        hit = condition_mask(rule["when"], frame, cache) & open_rows
        if hit.any():
            predict = rule["predict"]
            if isinstance(predict, Mapping):
                result[hit] = _linear(predict["linear"], frame.loc[hit])
            elif numeric:
                result[hit] = float(as_number(predict))
            else:
                result[hit] = [predict] * int(hit.sum())
        open_rows &= ~hit
    if numeric and all(type(o) is int for o in outcomes):
        return result.astype(np.int64)
    return result
