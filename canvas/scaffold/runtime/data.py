"""Reading the data, checking it against the columns of ``params.yaml``, and splitting it.

:func:`coerce` is used for files and for JSON records alike, so a value means the same
whether it arrives in a CSV file or through the API.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

TRUE = {"true", "t", "yes", "y", "1", "1.0"}
FALSE = {"false", "f", "no", "n", "0", "0.0"}
MAX_SHOWN = 3


class DataError(ValueError):
    """The data does not fit the columns of ``params.yaml``; the message says where."""


def read_table(path: Path) -> pd.DataFrame:
    """A CSV or Parquet file with every value as text (missing values as NaN)."""
    if not path.exists():
        raise DataError(f"{path}: no such file")
    if path.suffix.lower() == ".parquet":
        frame = pd.read_parquet(path)
        return frame.astype(object).where(frame.notna(), np.nan)
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise DataError(f"{path}: not a readable CSV file ({exc})") from None


def _lines(bad: pd.Series, raw: pd.Series, offset: int, unit: str = "line") -> str:
    shown = [f"{unit} {int(pos) + offset} ({raw.iloc[int(pos)]!r})"
             for pos in np.flatnonzero(bad.to_numpy())[:MAX_SHOWN]]
    more = int(bad.sum()) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _as_text(series: pd.Series) -> pd.Series:
    values = series.astype(object)
    missing = values.isna() | (values == "")
    if pd.api.types.is_string_dtype(series.dtype) and not pd.api.types.is_object_dtype(
            series.dtype):
        text = values
    else:
        text = values.map(lambda v: v if isinstance(v, str) else str(v))
    return text.where(~missing, np.nan).astype(object)


def _as_datetime(series: pd.Series) -> pd.Series:
    values = pd.to_datetime(series, errors="coerce", utc=True, format="ISO8601")
    retry = values.isna() & series.notna()
    if retry.any():
        values[retry] = pd.to_datetime(series[retry], errors="coerce", utc=True, format="mixed")
    return values


def _as_bool(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    def read(v: Any) -> Any:
        if v is None or (isinstance(v, float) and v != v) or v == "":
            return None
        if isinstance(v, bool | np.bool_):
            return bool(v)
        key = str(v).strip().lower()
        return True if key in TRUE else False if key in FALSE else "?"
    codes, uniques = pd.factorize(series.astype(object), use_na_sentinel=True)
    answers = np.array([read(v) for v in uniques.tolist()] + [None], dtype=object)
    values = pd.Series(answers[codes], index=series.index, dtype=object)
    bad = values.map(lambda v: isinstance(v, str))
    return values.where(~bad, None), bad


def coerce(frame: pd.DataFrame, columns: Sequence[Mapping[str, Any]], *,
           source: str = "data", offset: int = 2, required: Sequence[str] | None = None,
           unit: str = "line") -> pd.DataFrame:
    """The frame with each declared column typed; a :class:`DataError` lists every problem.

    ``offset`` turns a row position into the number a user sees: ``line`` 2 for the first
    row of a CSV file with a header, ``record`` 1 for the first JSON record (``unit``).
    ``required`` names the columns that must be present (default: all declared).
    """
    problems: list[str] = []
    out = frame.copy()
    needed = set(required) if required is not None else {c["name"] for c in columns}
    for column in columns:
        name, kind = column["name"], column["type"]
        if name not in frame.columns:
            if name in needed:
                problems.append(f"column {name!r} ({kind}) is missing")
            continue
        raw = frame[name]
        missing = raw.isna() | (raw.astype(object) == "")
        if kind in ("number", "integer"):
            values = pd.to_numeric(raw.where(~missing, np.nan), errors="coerce").astype(float)
            bad = values.isna() & ~missing
            if bad.any():
                problems.append(f"column {name!r} ({kind}): {int(bad.sum())} values are not "
                                f"numbers: {_lines(bad, raw, offset, unit)}")
            if kind == "integer":
                fractional = values.notna() & (values != np.floor(values))
                if fractional.any():
                    problems.append(f"column {name!r} (integer): {int(fractional.sum())} "
                                    f"values are not whole numbers: "
                                    f"{_lines(fractional, raw, offset, unit)}")
            out[name] = values
        elif kind == "boolean":
            values, bad = _as_bool(raw)
            if bad.any():
                problems.append(f"column {name!r} (boolean): {int(bad.sum())} values are not "
                                f"true/false: {_lines(bad, raw, offset, unit)}")
            out[name] = values
        elif kind == "datetime":
            values = _as_datetime(raw.where(~missing, None))
            bad = values.isna() & ~missing
            if bad.any():
                problems.append(f"column {name!r} (datetime): {int(bad.sum())} values are not "
                                f"dates: {_lines(bad, raw, offset, unit)}")
            out[name] = values.dt.tz_convert(None)
        else:
            out[name] = _as_text(raw)
    if problems:
        raise DataError(f"{source} does not fit the columns in params.yaml:\n  - "
                        + "\n  - ".join(problems))
    return out


def records_frame(records: Sequence[Mapping[str, Any]], columns: Sequence[Mapping[str, Any]],
                  required: Sequence[str]) -> pd.DataFrame:
    """JSON records (the API's input) as a typed frame, checked like a file."""
    names = [c["name"] for c in columns]
    rows = [{name: record.get(name) for name in names if name in record} for record in records]
    frame = pd.DataFrame.from_records(rows, columns=[n for n in names
                                                     if any(n in r for r in rows)])
    frame = frame.astype(object).where(frame.notna(), np.nan)
    return coerce(frame, columns, source="request", offset=1, required=required, unit="record")


def split(frame: pd.DataFrame, method: str, test_size: float, seed: int,
          timestamp: str | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Train and test rows: a seeded random split, or the latest rows as the test set."""
    n_test = max(1, int(round(len(frame) * float(test_size))))
    if len(frame) < 2:
        raise DataError(f"the data has {len(frame)} rows; a train/test split needs 2 or more")
    n_test = min(n_test, len(frame) - 1)
    if method == "time":
        order = np.argsort(frame[timestamp].to_numpy(), kind="stable")
    else:
        order = np.random.default_rng(int(seed)).permutation(len(frame))
    test_rows = np.sort(order[len(frame) - n_test:]) if method == "random" else \
        order[len(frame) - n_test:]
    train_rows = np.sort(order[:len(frame) - n_test]) if method == "random" else \
        order[:len(frame) - n_test]
    return frame.iloc[train_rows].reset_index(drop=True), \
        frame.iloc[test_rows].reset_index(drop=True)
