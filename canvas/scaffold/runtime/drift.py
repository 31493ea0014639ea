"""Drift: whether new rows have moved from the reference profile saved at training, without
crying wolf on small batches.

The profile holds, per feature and for the predictions, the training rows' counts in
bins: quantile bins for numbers, the most frequent values (plus "other" and "missing") for
categories. Text and categories with many distinct values (store codes, merchant names)
also keep a hashed vocabulary and the share of new values expected by chance (Good-Turing:
the share of values seen once), so an all-new set of codes is noticed.

For every check, two things must hold before it warns or alerts:

- the effect is large: the population stability index (PSI) of the bin shares, both
  smoothed (half a row added to every bin, so an empty bin is not a near-infinite term),
  reaches the spec's ``warn`` or ``alert``;
- it is not chance: a chi-square test of the new counts against the reference shares gives
  a p-value below ``ALPHA`` divided by the number of checks (Bonferroni). The p-value is
  computed by simulating samples of the same size from the reference (exact for small
  batches, where the textbook chi-square approximation is not), with a fixed seed so the
  same data gives the same report; where every bin expects 5 rows or more, the chi-square
  distribution itself (scipy, which scikit-learn brings).

Fewer than ``MIN_ROWS`` rows cannot be judged: the status is ``unknown`` (``monitor`` exits
3, "could not check").
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from . import labels

BINS = 10
MAX_CATEGORIES = 20
#: Distinct values above which a text or category column also gets a vocabulary check.
HIGH_CARDINALITY = 50
MAX_VOCABULARY = 20_000
OTHER = "(other)"
MISSING = "(missing)"
#: Added to every bin's count before shares are compared.
SMOOTHING = 0.5
#: Fewer new rows than this cannot be judged.
MIN_ROWS = 20
#: The chance of a false alarm on a batch drawn like the training data (all checks together).
ALPHA = 0.01
SIMULATIONS = 10_000
SEED = 12


def _is_numeric(series: pd.Series) -> bool:
    return (pd.api.types.is_numeric_dtype(series.dtype)
            and not pd.api.types.is_bool_dtype(series.dtype))


def _numbers(series: pd.Series) -> np.ndarray:
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        values = series.astype("int64").to_numpy().astype(float) / 1e9
        values[series.isna().to_numpy()] = np.nan
        return values
    if not _is_numeric(series):
        return labels.to_number(series)
    return series.to_numpy(dtype=float, na_value=np.nan)


def _numeric_counts(values: np.ndarray, edges: list[float]) -> np.ndarray:
    known = values[np.isfinite(values)]
    inner = np.searchsorted(np.asarray(edges, dtype=float), known, side="right")
    counts = np.bincount(inner, minlength=len(edges) + 1).astype(float)
    return np.append(counts, float((~np.isfinite(values)).sum()))


def _keys(series: pd.Series) -> np.ndarray:
    keys = labels.keys(series)
    return np.array([MISSING if k is None else k for k in keys], dtype=object)


def _category_counts(keys: np.ndarray, categories: list[str]) -> np.ndarray:
    index = {c: i for i, c in enumerate(categories)}
    codes, uniques = pd.factorize(pd.Series(keys, dtype=object), use_na_sentinel=True)
    position = np.array([index.get(v, len(categories) - 2) for v in uniques.tolist()]
                        + [len(categories) - 1], dtype=np.int64)
    return np.bincount(position[codes], minlength=len(categories)).astype(float)


def _hash(value: str) -> str:
    return hashlib.blake2b(value.encode("utf-8"), digest_size=6).hexdigest()


def profile_column(series: pd.Series) -> dict[str, Any]:
    """The reference counts of one column (JSON-able)."""
    if not _is_numeric(series) and not pd.api.types.is_datetime64_any_dtype(series.dtype):
        keys = _keys(series)
        frequency = pd.Series(keys[keys != MISSING]).value_counts()
        ordered = sorted(frequency.items(), key=lambda kv: (-kv[1], str(kv[0])))
        categories = [str(k) for k, _ in ordered[:MAX_CATEGORIES]] + [OTHER, MISSING]
        counts = _category_counts(keys, categories)
        out: dict[str, Any] = {"kind": "categorical", "categories": categories,
                               "counts": counts.tolist(), "rows": int(len(keys))}
        if len(frequency) > HIGH_CARDINALITY:
            kept = ordered[:MAX_VOCABULARY]
            seen_once = sum(1 for _, c in kept if c == 1)
            outside = int(frequency.sum()) - sum(c for _, c in kept)
            known = int(frequency.sum())
            out.update(kind="high_cardinality",
                       vocabulary=sorted(_hash(str(k)) for k, _ in kept),
                       new_share=(seen_once + outside) / known if known else 0.0,
                       known_rows=known)
        return out
    values = _numbers(series)
    known = values[np.isfinite(values)]
    edges = sorted(set(np.quantile(known, np.linspace(0, 1, BINS + 1)[1:-1]).tolist())) \
        if len(known) else []
    return {"kind": "numeric", "edges": [float(e) for e in edges],
            "counts": _numeric_counts(values, edges).tolist(), "rows": int(len(values))}


def current_counts(series: pd.Series, reference: Mapping[str, Any]) -> np.ndarray:
    """A new sample's rows counted in the reference bins."""
    if reference["kind"] in ("categorical", "high_cardinality"):
        return _category_counts(_keys(series), reference["categories"])
    return _numeric_counts(_numbers(series), reference["edges"])


def new_value_count(series: pd.Series, reference: Mapping[str, Any]) -> tuple[int, int]:
    """How many of the new sample's (non-missing) values the training data did not have."""
    keys = _keys(series)
    keys = keys[keys != MISSING]
    vocabulary = set(reference["vocabulary"])
    distinct = pd.unique(keys)
    unseen = [k for k in distinct if _hash(str(k)) not in vocabulary]
    return int(pd.Series(keys, dtype=object).isin(unseen).sum()), int(len(keys))


def smoothed(counts: np.ndarray) -> np.ndarray:
    counts = np.asarray(counts, dtype=float)
    return (counts + SMOOTHING) / (counts.sum() + SMOOTHING * len(counts))


def psi(expected: np.ndarray, actual: np.ndarray) -> float:
    """Population stability index between two lists of bin counts (smoothed shares)."""
    e, a = smoothed(expected), smoothed(actual)
    return float(np.sum((a - e) * np.log(a / e)))


def chi_square_p(reference: np.ndarray, counts: np.ndarray, seed: int = SEED) -> float:
    """P-value of the new counts under the reference shares: the chi-square distribution
    when every bin expects at least 5 rows, else simulated (exact for small batches)."""
    counts = np.asarray(counts, dtype=float)
    n = int(counts.sum())
    if n == 0:
        return 1.0
    shares = smoothed(reference)
    expected = n * shares
    observed = float(np.sum((counts - expected) ** 2 / expected))
    if expected.min() >= 5:  # the textbook approximation holds
        from scipy.special import chdtrc

        return float(chdtrc(len(counts) - 1, observed))
    draws = np.random.default_rng(seed).multinomial(n, shares, size=SIMULATIONS)
    simulated = np.sum((draws - expected) ** 2 / expected, axis=1)
    return float((1 + np.sum(simulated >= observed - 1e-9)) / (1 + SIMULATIONS))


def binomial_upper_p(k: int, n: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p): exact up to 5,000 rows, else the normal
    approximation (with continuity correction)."""
    if k <= 0:
        return 1.0
    p = min(max(p, 1e-9), 1 - 1e-9)
    if n > 5000:
        z = (k - 0.5 - n * p) / math.sqrt(n * p * (1 - p))
        return 0.5 * math.erfc(z / math.sqrt(2))
    terms = [math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1)
             + i * math.log(p) + (n - i) * math.log(1 - p) for i in range(k, n + 1)]
    top = max(terms)
    return float(min(1.0, math.exp(top) * sum(math.exp(t - top) for t in terms)))


def profile(features: pd.DataFrame, predictions: Any) -> dict[str, Any]:
    """The reference profile: every feature and the predictions."""
    array = np.asarray(predictions)
    return {"features": {c: profile_column(features[c]) for c in features.columns},
            "prediction": profile_column(pd.Series(array.astype(object) if array.dtype == object
                                                   else array))}


def status_of(value: float, warn: float, alert: float) -> str:
    return "alert" if value >= alert else "warn" if value >= warn else "ok"


RANK = {"ok": 0, "warn": 1, "alert": 2}


def _reference_counts(reference: Mapping[str, Any]) -> np.ndarray:
    if "counts" in reference:
        return np.asarray(reference["counts"], dtype=float)
    return np.asarray(reference["shares"], dtype=float) * 1000.0  # profiles before counts


def compare(reference: Mapping[str, Any], features: pd.DataFrame, predictions: Any,
            warn: float, alert: float) -> dict[str, Any]:
    """Every check with its PSI, p-value and status, and the overall status."""
    rows = int(len(features))
    report: dict[str, Any] = {"features": {}, "rows": rows, "min_rows": MIN_ROWS,
                              "thresholds": {"warn": warn, "alert": alert, "alpha": ALPHA}}
    array = np.asarray(predictions)
    columns: list[tuple[str, pd.Series, Mapping[str, Any]]] = [
        (name, features[name], ref) for name, ref in reference["features"].items()
        if name in features.columns]
    prediction = pd.Series(array.astype(object) if array.dtype == object else array)
    columns.append(("(prediction)", prediction, reference["prediction"]))
    checks = len(columns) + sum(1 for _, _, ref in columns if ref["kind"] == "high_cardinality")
    level = ALPHA / max(checks, 1)
    report["thresholds"]["p_value_per_check"] = level
    if rows < MIN_ROWS:
        report.update(status="unknown", max_psi=0.0, prediction={"status": "unknown"},
                      reason=f"{rows} rows: at least {MIN_ROWS} are needed to judge drift")
        return report
    worst_psi = 0.0
    for name, series, ref in columns:
        counts = current_counts(series, ref)
        base = _reference_counts(ref)
        value = psi(base, counts)
        p_value = chi_square_p(base, counts)
        size = status_of(value, warn, alert)
        entry: dict[str, Any] = {"kind": ref["kind"], "psi": value, "p_value": p_value,
                                 "status": size if p_value < level else "ok"}
        if size != "ok" and p_value >= level:
            entry["note"] = "within what chance gives a batch of this size"
        if ref["kind"] == "high_cardinality":
            new, known = new_value_count(series, ref)
            expected = float(ref.get("new_share", 0.0))
            reference_known = float(ref.get("known_rows", 1000))
            more = bool(known) and new / known > expected  # fewer new values is no alarm
            share_psi = psi(np.array([reference_known * (1 - expected),
                                      reference_known * expected]),
                            np.array([known - new, new])) if more else 0.0
            share_p = binomial_upper_p(new, known, expected)
            share_status = status_of(share_psi, warn, alert) if share_p < level and more \
                else "ok"
            entry["new_values"] = {"share": new / known if known else 0.0,
                                   "expected_share": expected, "psi": share_psi,
                                   "p_value": share_p, "status": share_status}
            if RANK[share_status] > RANK[entry["status"]]:
                entry["status"] = share_status
            value = max(value, share_psi)
        worst_psi = max(worst_psi, value)
        if name == "(prediction)":
            report["prediction"] = entry
        else:
            report["features"][name] = entry
    statuses = [e["status"] for e in report["features"].values()] + \
        [report["prediction"]["status"]]
    report["max_psi"] = worst_psi
    report["status"] = max(statuses, key=RANK.__getitem__)
    return report
