"""A synthetic sample that fits a spec's columns and its baseline.

Values are drawn so that the baseline's rules fire (the literals and thresholds of the
conditions appear in the data), and the target mostly follows the baseline with some
noise, so the generated pipeline's metrics mean something on day one. Fixed seed: the same
spec gives the same sample.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

import numpy as np
import pandas as pd

from canvas.scaffold.runtime import labels
from canvas.scaffold.runtime.data import coerce
from canvas.scaffold.runtime.features import build_features
from canvas.scaffold.runtime.rules import as_number, predict_rules
from canvas.spec.model import (
    AllCondition,
    AnyCondition,
    FeatureCondition,
    NotCondition,
    UseCaseSpec,
)

WORDS = ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
         "juliet", "kilo", "lima")
NOISE = 0.05
START = np.datetime64("2024-01-01T00:00:00")


def _leaves(condition: Any) -> list[FeatureCondition]:
    if isinstance(condition, FeatureCondition):
        return [condition]
    if isinstance(condition, AllCondition):
        return [leaf for c in condition.all for leaf in _leaves(c)]
    if isinstance(condition, AnyCondition):
        return [leaf for c in condition.any for leaf in _leaves(c)]
    if isinstance(condition, NotCondition):
        return _leaves(condition.not_)
    return []


def _raw_threshold(value: float, transform: str | None) -> float | None:
    """A feature threshold as a value of the column it is computed from."""
    if transform in (None, "identity", "abs"):
        return value
    if transform == "log1p":
        return math.expm1(min(value, 30.0))
    return None


class _Hints:
    """What the rules say about each column: literals to include, thresholds to straddle."""

    def __init__(self, spec: UseCaseSpec) -> None:
        self.words: dict[str, list[str]] = defaultdict(list)
        self.contains: dict[str, list[str]] = defaultdict(list)
        self.numbers: dict[str, list[float]] = defaultdict(list)
        self.parts: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
        source = {f.name: (f.from_, f.transform) for f in spec.features}
        for rule in spec.baseline.rules or []:
            for leaf in _leaves(rule.when):
                column, transform = source[leaf.feature]
                op, value = leaf.operator, leaf.value
                items = value if isinstance(value, list) else [value]
                if op == "contains_any":
                    self.contains[column] += [str(v) for v in items if str(v)]
                elif op in ("eq", "ne", "in", "not_in"):
                    for item in items:
                        number = as_number(item)
                        if number is not None and math.isfinite(number):
                            raw = _raw_threshold(number, transform)
                            if raw is not None:
                                self.numbers[column].append(raw)
                        if not isinstance(item, bool) and str(item):
                            self.words[column].append(str(item))
                elif op in ("gt", "ge", "lt", "le") and math.isfinite(float(value)):
                    if transform in ("year", "month", "weekday", "hour"):
                        self.parts[column][transform].append(float(value))
                    else:
                        raw = _raw_threshold(float(value), transform)
                        if raw is not None and math.isfinite(raw):
                            self.numbers[column].append(raw)


def _numbers(rng: np.random.Generator, n: int, hints: list[float]) -> np.ndarray:
    if not hints:
        return np.round(rng.lognormal(3.5, 0.8, n), 2)
    low, high = min(hints), max(hints)
    width = max(high - low, abs(low + high) / 2, 1.0)
    bottom = low - 0.6 * width if low < 0 else max(low - 0.6 * width, 0.0)
    values = rng.uniform(bottom, high + 0.6 * width, n)
    exact = rng.random(n) < 0.15
    values[exact] = rng.choice(np.asarray(hints, dtype=float), int(exact.sum()))
    return np.round(values, 2)


def _texts(rng: np.random.Generator, n: int, words: list[str], contains: list[str],
           kind: str, name: str) -> np.ndarray:
    if kind == "category":
        pool = list(dict.fromkeys(words + [f"{name}_{i}" for i in range(4)]))
        return rng.choice(np.array(pool, dtype=object), n)
    literal_text = [w.casefold() for w in words + contains]
    neutral = [w for w in WORDS if not any(t and (t in w or w in t) for t in literal_text)]
    neutral = neutral or ["~"]
    first = rng.choice(np.array(neutral, dtype=object), n)
    second = rng.choice(np.array(neutral, dtype=object), n)
    values = np.array([f"{a} {b}" for a, b in zip(first, second, strict=True)], dtype=object)
    literals = [(w, False) for w in words] + [(c, True) for c in contains]
    if literals:
        picked = np.flatnonzero(rng.random(n) < 0.6)
        choice = rng.integers(0, len(literals), len(picked))
        for row, which in zip(picked, choice, strict=True):
            text, inside = literals[which]
            values[row] = f"{first[row]} {text} {second[row]}" if inside else text
    return values


def _times(rng: np.random.Generator, n: int, regular: bool, parts: dict[str, list[float]]
           ) -> np.ndarray:
    if regular:
        return START + np.arange(n).astype("timedelta64[D]")
    seconds = np.sort(rng.integers(0, 366 * 86400, n))
    return START + seconds.astype("timedelta64[s]")


def _column(spec: UseCaseSpec, rng: np.random.Generator, n: int, name: str, kind: str,
            hints: _Hints) -> np.ndarray:
    if kind in ("number", "integer"):
        values = _numbers(rng, n, hints.numbers.get(name, []))
        return np.round(values).astype(np.int64) if kind == "integer" else values
    if kind == "boolean":
        return rng.random(n) < 0.5
    if kind == "datetime":
        regular = name == spec.data.timestamp
        stamps = _times(rng, n, regular, hints.parts.get(name, {}))
        return np.datetime_as_string(stamps, unit="s")
    return _texts(rng, n, hints.words.get(name, []), hints.contains.get(name, []), kind, name)


def _class_pool(spec: UseCaseSpec) -> list[Any]:
    if spec.prediction.classes:
        return list(spec.prediction.classes)
    outcomes = [r.predict for r in spec.baseline.rules or [] if not hasattr(r.predict, "linear")]
    default = spec.baseline.default
    pool = list(dict.fromkeys(outcomes + ([default] if default is not None
                                          and not hasattr(default, "linear") else [])))
    return pool or ["a", "b", "c"]


def _with_noise(rng: np.random.Generator, values: np.ndarray, pool: list[Any]) -> np.ndarray:
    values = np.asarray(values, dtype=object).copy()
    flip = np.flatnonzero(rng.random(len(values)) < NOISE)
    choice = rng.integers(0, len(pool), len(flip))
    for row, which in zip(flip, choice, strict=True):
        values[row] = pool[which]
    return values


def _numeric_noise(rng: np.random.Generator, values: np.ndarray) -> np.ndarray:
    values = np.asarray(values, dtype=float)
    finite = values[np.isfinite(values)]
    scale = 0.03 * (float(np.std(finite)) + 0.1 * abs(float(np.mean(finite))) + 1.0) \
        if len(finite) else 1.0
    return np.round(values + rng.normal(0, scale, len(values)), 3)


def _typed_target(values: np.ndarray, kind: str) -> np.ndarray:
    """Target values as the target column's type can hold them."""
    if kind in ("number", "integer"):
        numbers = labels.to_number(values)
        for value, number in zip(values, numbers, strict=True):
            if number != number and labels.key(value) is not None and value == value:
                raise ValueError(f"the target column is a {kind} column, but the baseline "
                                 f"predicts {value!r}")
        if kind == "integer":
            return pd.array(np.round(numbers), dtype="Float64").astype("Int64")
        return numbers
    if kind == "boolean":
        return np.array([labels.key(v) == "1" or str(v).strip().lower() in ("true", "yes")
                         for v in values])
    return np.array([labels.key(v) if not isinstance(v, str) else v for v in values],
                    dtype=object)


def synthetic_sample(spec: UseCaseSpec, rows: int = 1000, seed: int = 7) -> pd.DataFrame:
    """About ``rows`` rows that fit the spec's columns, its rules and its task."""
    rng = np.random.default_rng(seed)
    hints = _Hints(spec)
    target = spec.prediction.target
    group = getattr(spec.prediction, "group", None)
    method = spec.baseline.method
    frame = pd.DataFrame({c.name: _column(spec, rng, rows, c.name, c.type, hints)
                          for c in spec.data.columns})
    used = {f.from_ for f in spec.features}
    numeric_sources = [f.from_ for f in spec.features
                       if spec.column(f.from_).type in ("number", "integer")
                       and f.transform in (None, "identity", "abs", "log1p")]
    length_sources = [f.from_ for f in spec.features if f.transform == "length"
                      and spec.column(f.from_).type in ("text", "category")]
    hour_sources = list(dict.fromkeys(f.from_ for f in spec.features if f.transform == "hour"
                                      and spec.column(f.from_).type == "datetime"))
    if method == "zscore":
        for name in numeric_sources:
            values = rng.normal(50, 5, rows)
            frame[name] = np.round(values).astype(np.int64) \
                if spec.column(name).type == "integer" else np.round(values, 2)
    if method == "popularity":
        item = spec.features[0].from_
        kind = spec.column(item).type
        ids = np.arange(40)
        weights = 1.0 / (ids + 1.0)
        picked = rng.choice(ids, rows, p=weights / weights.sum())
        frame[item] = picked if kind in ("number", "integer") else \
            np.array([f"item_{i}" for i in picked], dtype=object)
    if group and group != target:
        kind = spec.column(group).type
        ids = rng.integers(0, max(rows // 10, 1), rows)
        frame[group] = ids if kind in ("number", "integer") else \
            np.array([f"g{i}" for i in ids], dtype=object)
    for name in used:
        kind = spec.column(name).type
        if name in (spec.data.timestamp, group) or method in ("popularity", "zscore"):
            continue
        holes = rng.random(rows) < 0.01
        if kind in ("number", "integer"):
            frame[name] = frame[name].astype(float).where(~holes, np.nan)
            if kind == "integer":
                frame[name] = frame[name].astype("Int64")
        else:
            frame[name] = frame[name].astype(object).where(~holes, None)
    if target is None:
        return frame
    columns = [c.model_dump() for c in spec.data.columns]
    typed = coerce(frame.astype(object).where(frame.notna(), None).astype(str).where(
        frame.notna(), np.nan), columns, required=[])
    features = build_features(typed, [f.model_dump(by_alias=True) for f in spec.features])
    kind = spec.column(target).type
    task = spec.prediction.task
    if method == "rules":
        rules = [r.model_dump(by_alias=True, exclude_none=True) for r in spec.baseline.rules]
        default = spec.baseline.model_dump(by_alias=True, exclude_none=True).get("default")
        predicted = predict_rules(rules, default, features)
        if task in ("regression", "forecasting"):
            truth = _numeric_noise(rng, labels.to_number(predicted))
        elif task == "ranking":
            score = labels.to_number(predicted) + rng.normal(0, 0.1, rows)
            truth = (score >= np.nanquantile(score, 0.7)).astype(np.int64)
        else:
            truth = _with_noise(rng, predicted, _class_pool(spec))
    elif method == "majority":
        pool = _class_pool(spec)
        truth = np.array([pool[0]] * rows, dtype=object)
        truth = _with_noise(rng, truth, pool)
    elif method in ("mean", "median"):
        truth = np.round(rng.normal(100, 15, rows), 2)
    elif method == "zscore":
        positive, negative = labels_for(spec)
        flagged = rng.random(rows) < 0.03
        for name in numeric_sources:
            sign = np.where(rng.random(rows) < 0.5, -1.0, 1.0)
            frame.loc[flagged, name] = np.round(50 + sign[flagged] * 5 * 12, 2)
        for name in length_sources:  # the anomalies are the unusually long texts
            frame[name] = frame[name].astype(object)
            frame.loc[flagged, name] = [" ".join(rng.choice(WORDS, 15))
                                        for _ in range(int(flagged.sum()))]
        for name in hour_sources:  # ... and the cases at an odd hour of the night
            stamps = pd.to_datetime(frame.loc[flagged, name]) + pd.Timedelta(hours=3, minutes=17)
            frame.loc[flagged, name] = stamps.dt.strftime("%Y-%m-%dT%H:%M:%S").to_numpy()
        truth = np.where(flagged, positive, negative).astype(object)
    elif method == "seasonal_naive":
        length = spec.baseline.season_length or 7
        pattern = rng.uniform(-1, 1, length)
        truth = np.round(100 + 20 * pattern[np.arange(rows) % length]
                         + rng.normal(0, 2, rows), 2)
    elif method == "popularity":
        item = spec.features[0].from_
        codes = labels.to_number(pd.Series(frame[item]).map(
            lambda v: str(v).replace("item_", "")))
        chance = 0.05 + 0.8 / (np.nan_to_num(codes) + 1.0)
        truth = (rng.random(rows) < chance).astype(np.int64)
    else:
        raise ValueError(f"no synthetic data for baseline method {method!r}")
    frame[target] = _typed_target(np.asarray(truth, dtype=object), kind)
    return frame


def labels_for(spec: UseCaseSpec) -> tuple[Any, Any]:
    """The flagged and the normal label of an anomaly detection spec."""
    classes = spec.prediction.classes
    if classes:
        return classes[-1], classes[0] if len(classes) > 1 else 0
    return 1, 0
