"""The labeling loop: export the cases most worth a human look, import the answers.

``label export`` scores rows that have no truth yet (by default the data's own unlabeled
rows) with the serving version and with the heuristic, and writes the cases where they
disagree first, then the least confident ones, as a CSV with an empty ``label`` column.
``label import`` merges the filled-in answers into ``data/labels.csv`` with where each
came from (who labelled it, from which file, which model version scored it at what
confidence); the next ``prepare`` uses them. A case is named by ``case_id``: the value of
``data.id`` when the spec names one, else a hash of the row's input values.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import labels
from .data import DataError, read_table
from .project import DECISIONS, LABELS, MODEL, required_columns

#: Columns the labeling loop adds to a case (besides the data columns).
PROVENANCE = ["case_id", "labeled_by", "labeled_at", "labeled_from", "model_version", "score",
              "reason"]
EXPORT_EXTRA = ["heuristic", "prediction", "score", "model_version", "reason", "label"]


def names(params: dict[str, Any]) -> dict[str, str]:
    """The loop's own column names, each with ``_`` in front while a data column already
    has it (a data column may well be called ``label`` or ``prediction``)."""
    taken = {c["name"] for c in params["data"]["columns"]}
    found = {}
    for name in dict.fromkeys(PROVENANCE + EXPORT_EXTRA):
        chosen = name
        while chosen in taken:
            chosen = "_" + chosen
        found[name] = chosen
        taken.add(chosen)
    return found


def case_ids(raw: pd.DataFrame, params: dict[str, Any]) -> np.ndarray:
    """The id of every row: ``data.id`` when the spec names one, else a hash of the row's
    input values as written in the file."""
    column = params["data"].get("id")
    if column and column in raw.columns:
        return raw[column].astype(object).where(raw[column].notna(), "").astype(str).to_numpy()
    names = [n for n in required_columns(params, with_target=False) if n in raw.columns]
    text = raw[names].astype(object).where(raw[names].notna(), "").astype(str)
    joined = text.apply(lambda row: "\x1f".join(row), axis=1) if len(text) else pd.Series([])
    return np.array([hashlib.sha256(v.encode("utf-8")).hexdigest()[:16] for v in joined],
                    dtype=object)


def read_answers(root: Path, params: dict[str, Any]) -> pd.DataFrame | None:
    path = root / LABELS
    if not path.exists():
        return None
    answers = read_table(path)
    target = params["prediction"].get("target")
    case = names(params)["case_id"]
    if case not in answers.columns or (target and target not in answers.columns):
        raise DataError(f"{LABELS}: needs the columns {case} and {target}")
    answers = answers.rename(columns={case: "_case"})
    return answers[answers[target].notna()] if target else answers


def merge(params: dict[str, Any], raw: pd.DataFrame, answers: pd.DataFrame
          ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The data with the answers filled into the rows they label, and the answers for rows
    the data does not hold (they join the training split)."""
    target = params["prediction"]["target"]
    raw = raw.copy()
    ids = case_ids(raw, params)
    by_case = answers.drop_duplicates("_case", keep="last").set_index("_case")[target]
    open_rows = raw[target].isna().to_numpy() if target in raw.columns else \
        np.ones(len(raw), dtype=bool)
    found = pd.Series(ids).map(by_case).to_numpy(dtype=object)
    fill = open_rows & pd.notna(found)
    if target not in raw.columns:
        raw[target] = np.nan
    raw[target] = raw[target].astype(object)
    raw.loc[fill, target] = found[fill]
    used = set(ids[fill])
    extra = answers[~answers["_case"].isin(used | set(ids))]
    columns = [c for c in raw.columns if c in extra.columns]
    return raw, extra[columns].reindex(columns=raw.columns)


def read_decisions(root: Path) -> pd.DataFrame:
    path = root / DECISIONS
    if not path.exists():
        return pd.DataFrame()
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return pd.DataFrame(rows)


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        frame.to_csv(tmp, index=False)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export(root: Path, source: Path | None, output: Path, limit: int = 50) -> dict[str, Any]:
    """Write the cases most worth labelling to ``output``."""
    from . import registry
    from .pipeline import load_for, load_params, score
    from .project import model_name, read_json

    params = load_params(root)
    name = model_name(params)
    model = registry.serving_model(root, name)
    path = Path(source) if source else Path(params["data"]["source"])
    raw, typed = load_for(root, path, params, model, with_target=False)
    target = params["prediction"].get("target")
    ids = case_ids(raw, params)
    answers = read_answers(root, params)
    done = set(answers["_case"]) if answers is not None else set()
    open_rows = ~pd.Series(ids).isin(done).to_numpy()
    if target and target in raw.columns:
        open_rows &= raw[target].isna().to_numpy()
    scored = score(params, model, typed)
    predictions = labels.keys(scored["predictions"])
    heuristic = predictions
    if model.get("kind") == "model":
        pointer = read_json(root / MODEL, "trained model") if (root / MODEL).exists() else {}
        reference = pointer.get("reference")
        if reference:
            heuristic = labels.keys(score(params, registry.load(root, name, reference),
                                          typed)["predictions"])
    scores = scored["scores"] if scored["scores"] is not None else np.full(len(raw), np.nan)
    disagree = np.array([a != b for a, b in zip(heuristic, predictions, strict=True)])
    order = np.lexsort((np.arange(len(raw)), np.nan_to_num(scores, nan=1.0), ~disagree))
    chosen = [i for i in order if open_rows[i]][:limit]
    reasons = ["heuristic and model disagree" if disagree[i] else
               ("low confidence" if np.isfinite(scores[i]) else "unlabeled") for i in chosen]
    own = names(params)
    out = raw.iloc[chosen].drop(columns=[target] if target in raw.columns else [])
    out.insert(0, own["case_id"], ids[chosen])
    out[own["heuristic"]] = heuristic[chosen]
    out[own["prediction"]] = predictions[chosen]
    out[own["score"]] = scores[chosen]
    out[own["model_version"]] = model["version"]
    out[own["reason"]] = reasons
    out[own["label"]] = ""
    _write_csv(out, output)
    return {"cases": len(out), "open": int(open_rows.sum()), "output": str(output),
            "disagreements": int(disagree[chosen].sum()) if chosen else 0,
            "model_version": model["version"]}


def import_answers(root: Path, path: Path, labeler: str | None = None) -> dict[str, Any]:
    """Merge the answers of a filled-in export into ``data/labels.csv``."""
    from .pipeline import load_params

    params = load_params(root)
    target = params["prediction"]["target"]
    own = names(params)
    answers = read_table(Path(path))
    for column in (own["case_id"], own["label"]):
        if column not in answers.columns:
            raise DataError(f"{path}: no {column!r} column (fill the file 'label export' "
                            f"wrote)")
    answers = answers[answers[own["label"]].notna()].copy()
    classes = params["prediction"].get("classes")
    if classes and params["prediction"]["task"] != "regression":
        known = {labels.key(c): c for c in classes}
        bad = ~answers[own["label"]].map(lambda v: labels.key(v) in known)
        if bad.any():
            lines = ", ".join(f"line {i + 2} ({v!r})" for i, v in
                              answers.loc[bad, own["label"]].head(3).items())
            raise DataError(f"{path}: {int(bad.sum())} labels are not one of "
                            f"{', '.join(map(str, classes))}: {lines}")
    columns = [c["name"] for c in params["data"]["columns"]]
    rows = answers.reindex(columns=[n for n in columns if n != target])
    rows[target] = answers[own["label"]].to_numpy()
    rows.insert(0, own["case_id"], answers[own["case_id"]].to_numpy())
    by = own["labeled_by"]
    rows[by] = answers[by] if by in answers.columns and answers[by].notna().any() else (
        labeler or os.environ.get("USER") or "unknown")
    rows[own["labeled_at"]] = time.strftime("%Y-%m-%d", time.gmtime())
    rows[own["labeled_from"]] = Path(path).name
    for column in ("model_version", "score", "reason"):
        rows[own[column]] = answers[own[column]] if own[column] in answers.columns else np.nan
    store = root / LABELS
    case = own["case_id"]
    before = read_table(store) if store.exists() else pd.DataFrame(columns=rows.columns)
    merged = pd.concat([before[~before[case].isin(set(rows[case]))], rows],
                       ignore_index=True) if len(before) else rows
    _write_csv(merged.reindex(columns=labels_header(params)), store)
    return {"imported": int(len(rows)), "labels": int(len(merged)), "file": str(store)}


def labels_header(params: dict[str, Any]) -> list[str]:
    """The columns of ``data/labels.csv``: the case, the data columns, the provenance."""
    own = names(params)
    return [own["case_id"]] + [c["name"] for c in params["data"]["columns"]] + [
        own[n] for n in PROVENANCE[1:]]
