"""The trained model: a scikit-learn estimator fitted beside the heuristic baseline.

``params.yaml`` names it under ``model: {method, params}``. The features are the same
:func:`features.build_features` columns the heuristic reads; :func:`fit_encoding` turns
them into numbers (numbers standardised, missing values filled with the training median,
text and categories one-hot for their most frequent values) and the encoding is stored as
plain JSON with the model, so every registered version predicts on its own, whatever
``params.yaml`` says today.

Your own model: put ``build(task, params)`` returning any estimator with ``fit(X, y)`` and
``predict(X)`` (and ``predict_proba(X)`` for classes) in ``custom.py`` of this package and
set ``model: {method: custom, params: {...}}``.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import io
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from . import labels

#: Most frequent values of a text or category feature that get a column of their own.
MAX_CATEGORIES = 30
#: The libraries whose versions are stored with every model (a pickle needs the same ones).
LIBRARIES = ("scikit-learn", "numpy", "pandas", "scipy", "joblib")
METHODS = {
    "classification": ("logistic_regression", "gradient_boosting", "custom"),
    "regression": ("linear_regression", "ridge", "gradient_boosting", "custom"),
}


class ModelError(ValueError):
    """The model cannot be fitted or applied; the message says why."""


def library_versions() -> dict[str, str]:
    found = {}
    for name in LIBRARIES:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def _is_number(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series.dtype) or pd.api.types.is_bool_dtype(
        series.dtype) or pd.api.types.infer_dtype(series, skipna=True) == "boolean"


def fit_encoding(features: pd.DataFrame) -> list[dict[str, Any]]:
    """How each feature becomes numbers, learnt from the training rows (JSON-able)."""
    encoding = []
    for name in features.columns:
        series = features[name]
        if _is_number(series):
            values = labels.to_number(series)
            known = values[np.isfinite(values)]
            fill = float(np.median(known)) if len(known) else 0.0
            filled = np.where(np.isfinite(values), values, fill)
            std = float(np.std(filled)) if len(filled) else 1.0
            encoding.append({"feature": name, "kind": "number", "fill": fill,
                             "mean": float(np.mean(filled)) if len(filled) else 0.0,
                             "std": std if std > 0 else 1.0})
        else:
            counts = pd.Series(labels.keys(series)).value_counts()
            ordered = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
            encoding.append({"feature": name, "kind": "one_hot",
                             "categories": [str(k) for k, _ in ordered[:MAX_CATEGORIES]]})
    return encoding


def encoded_names(encoding: list[Mapping[str, Any]]) -> list[str]:
    names = []
    for item in encoding:
        if item["kind"] == "number":
            names.append(item["feature"])
        else:
            names += [f"{item['feature']}={c}" for c in item["categories"]]
    return names


def encode(features: pd.DataFrame, encoding: list[Mapping[str, Any]]) -> np.ndarray:
    """The feature frame as a float matrix, one column per :func:`encoded_names`."""
    n = len(features)
    width = sum(1 if e["kind"] == "number" else len(e["categories"]) for e in encoding)
    matrix = np.zeros((n, width), dtype=float)
    column = 0
    for item in encoding:
        if item["feature"] not in features.columns:
            raise ModelError(f"the model reads feature {item['feature']!r}, which the "
                             f"features of this model version do not make")
        series = features[item["feature"]]
        if item["kind"] == "number":
            values = labels.to_number(series)
            values = np.where(np.isfinite(values), values, item["fill"])
            matrix[:, column] = (values - item["mean"]) / item["std"]
            column += 1
        else:
            categories = item["categories"]
            codes = pd.Index(categories).get_indexer(pd.Index(labels.keys(series),
                                                              dtype=object))
            hit = codes >= 0
            matrix[np.flatnonzero(hit), column + codes[hit]] = 1.0
            column += len(categories)
    return matrix


def make_estimator(task: str, method: str, params: Mapping[str, Any], seed: int) -> Any:
    """A new, unfitted estimator for ``model: {method, params}``."""
    if method not in METHODS.get(task, ()):
        raise ModelError(f"model method {method!r} does not fit a {task} task; known: "
                         f"{', '.join(METHODS.get(task, ())) or 'none'}")
    settings = {k: v for k, v in params.items() if v is not None or k == "class_weight"}
    if method == "custom":
        custom = importlib.import_module(f"{__package__}.custom")
        return custom.build(task, dict(params))
    if task == "classification" and method == "logistic_regression":
        from sklearn.linear_model import LogisticRegression
        settings.setdefault("max_iter", 1000)
        return LogisticRegression(random_state=seed, **settings)
    if method == "gradient_boosting":
        from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
        kind = HistGradientBoostingClassifier if task == "classification" else \
            HistGradientBoostingRegressor
        return kind(random_state=seed, **settings)
    if method == "linear_regression":
        from sklearn.linear_model import LinearRegression
        return LinearRegression(**settings)
    from sklearn.linear_model import Ridge
    return Ridge(random_state=seed, **settings)


def label_values(params: Mapping[str, Any]) -> dict[str, Any]:
    """The spec's classes by their comparable key, so the model answers ``1`` (not
    ``"1"``) where the spec says ``1``."""
    return {labels.key(c): c for c in (params["prediction"].get("classes") or [])}


def fit(params: Mapping[str, Any], data: pd.DataFrame, features: pd.DataFrame,
        seed: int) -> tuple[Any, dict[str, Any]]:
    """The fitted estimator and what predicting with it needs (JSON-able)."""
    task = params["prediction"]["task"]
    target = params["prediction"]["target"]
    spec = params["model"]
    encoding = fit_encoding(features)
    if task == "classification":
        y = labels.keys(data[target])
        known = np.array([v is not None for v in y], dtype=bool)
        y = y[known].astype(str)
        if len(set(y)) < 2:
            raise ModelError(f"the model needs at least two classes in {target!r} to learn "
                             f"from; the training rows have {len(set(y))}")
    else:
        y = labels.to_number(data[target])
        known = np.isfinite(y)
        y = y[known]
        if not len(y):
            raise ModelError(f"the model needs numbers in {target!r} to learn from")
    x = encode(features.loc[known], encoding)
    estimator = make_estimator(task, spec["method"], spec.get("params") or {}, seed)
    with _one_blas_thread():
        estimator.fit(x, y)
    if not hasattr(estimator, "predict"):
        raise ModelError(f"the {spec['method']} estimator has no predict(X)")
    info = {"encoding": encoding, "inputs": encoded_names(encoding),
            "label_values": {k: v for k, v in label_values(params).items() if k is not None},
            "fit_rows": int(len(y))}
    return estimator, info


def predict(model: Mapping[str, Any], estimator: Any, features: pd.DataFrame
            ) -> tuple[np.ndarray, np.ndarray | None, dict[str, np.ndarray] | None]:
    """Predictions, a score per row (the probability of the predicted class) and the
    probability of every class (classification), or the predictions alone (regression)."""
    x = encode(features, model["encoding"])
    if not len(x):
        return np.zeros(0, dtype=object), None, None
    with _one_blas_thread():
        return _predict(model, estimator, x)


def _one_blas_thread() -> Any:
    """BLAS on one thread: the encoded matrix is narrow, so threads only wait for each
    other (measured: a logistic regression on 16,000 x 33 took 12 s with two OpenBLAS
    threads on a busy two-core machine, 0.4 s with one). OpenMP (gradient boosting) is
    left as it is."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


def _predict(model: Mapping[str, Any], estimator: Any, x: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray | None, dict[str, np.ndarray] | None]:
    if model["task"] != "classification":
        return np.asarray(estimator.predict(x), dtype=float), None, None
    values = model.get("label_values") or {}
    if hasattr(estimator, "predict_proba"):
        proba = np.asarray(estimator.predict_proba(x), dtype=float)
        classes = [str(c) for c in estimator.classes_]
        best = proba.argmax(axis=1)
        keys = np.asarray(classes, dtype=object)[best]
        scores = proba[np.arange(len(x)), best]
        by_class = {values.get(c, c): proba[:, i] for i, c in enumerate(classes)}
    else:
        keys, scores, by_class = np.asarray(estimator.predict(x), dtype=object), None, None
    out = np.empty(len(keys), dtype=object)
    out[:] = [values.get(str(k), k) for k in keys]
    return out, scores, by_class


def dumps(estimator: Any) -> bytes:
    """The fitted estimator as bytes (joblib pickle: load only files you made)."""
    import joblib

    buffer = io.BytesIO()
    joblib.dump(estimator, buffer)
    return buffer.getvalue()


def loads(data: bytes) -> Any:
    import joblib

    return joblib.load(io.BytesIO(data))
