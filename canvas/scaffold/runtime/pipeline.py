"""The pipeline steps: prepare, train, evaluate, predict and monitor.

Every step takes the project folder and returns what it wrote; the command line
(:mod:`.cli`) and ``dvc.yaml`` call them, and so do the project's tests.

``train`` fits the heuristic baseline (the reference line) and, when ``params.yaml`` has a
``model``, a scikit-learn challenger beside it; each is registered once per distinct set of
inputs. ``evaluate`` scores the champion and both candidates on the same test split and
promotes a candidate only when it meets the acceptance bar AND beats the champion by the
promotion margin; each decision and its reason go to ``models/registry/NAME/decisions.jsonl``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import baselines, drift, labeling, labels, metrics, models, registry
from .data import DataError, coerce, read_table, split
from .features import build_features
from .project import (
    DECISIONS,
    DRIFT,
    LABELS,
    METRICS,
    MODEL,
    SPEC,
    TEST,
    TRAIN,
    ProjectError,
    load_params,
    model_name,
    read_json,
    required_columns,
    sha256_file,
    write_json,
)

#: Fewer labelled rows than this cannot judge the performance (``monitor``).
MIN_OUTCOMES = 20


def load_table(root: Path, path: Path, params: dict[str, Any], *, with_target: bool
               ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A data file as read (text) and typed against the columns of ``params``."""
    full = path if path.is_absolute() else root / path
    raw = read_table(full)
    typed = coerce(raw, params["data"]["columns"], source=str(path),
                   required=required_columns(params, with_target=with_target))
    return raw, typed


def contract(params: dict[str, Any]) -> dict[str, Any]:
    """What a model version needs from the world: the prediction it makes, its feature
    definitions and the columns (with their types) those read. Stored with every version,
    so a version predicts the same way whatever ``params.yaml`` says later."""
    needed = set(required_columns(params, with_target=True))
    stamp = params["data"].get("timestamp")
    return {"prediction": params["prediction"], "features": params["features"],
            "columns": [c for c in params["data"]["columns"] if c["name"] in needed
                        or c["name"] == stamp]}


def settings_of(params: dict[str, Any], model: dict[str, Any]) -> dict[str, Any]:
    """``params`` with the prediction, features, columns and baseline of a stored version
    (an older version keeps its own, whatever ``params.yaml`` says now)."""
    data = {**params["data"], "columns": model.get("columns", params["data"]["columns"])}
    return {**params, "prediction": model.get("prediction", params["prediction"]),
            "features": model.get("features", params["features"]), "data": data,
            "baseline": model.get("baseline", params["baseline"])}


def score(params: dict[str, Any], model: dict[str, Any], data: pd.DataFrame
          ) -> dict[str, Any]:
    """Features, predictions, a score per row (the probability of the predicted class, for
    a classifier) and the probability of each class, for typed rows."""
    settings = settings_of(params, model)
    features = build_features(data, settings["features"])
    if model.get("kind") == "model":
        predictions, scores, probabilities = models.predict(model, model["_estimator"],
                                                            features)
    else:
        predictions = baselines.predict(settings, model["fitted"], data, features)
        scores, probabilities = None, None
    return {"features": features, "predictions": predictions, "scores": scores,
            "probabilities": probabilities}


def predict_frame(params: dict[str, Any], model: dict[str, Any], data: pd.DataFrame
                  ) -> tuple[pd.DataFrame, np.ndarray]:
    """The features of typed rows and the model's predictions for them."""
    scored = score(params, model, data)
    return scored["features"], scored["predictions"]


def load_for(root: Path, path: Path, params: dict[str, Any], model: dict[str, Any], *,
             with_target: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A data file typed against the column contract of a stored version."""
    return load_table(root, path, settings_of(params, model), with_target=with_target)


def prepare(root: Path) -> dict[str, Any]:
    """Check the data against the columns and write the train and test splits. Answers
    from the labeling loop (``data/labels.csv``) fill in the rows they label; answers for
    rows the data does not hold join the training split only, so the test split stays the
    yardstick champion and challenger are compared on."""
    params = load_params(root)
    source = Path(params["data"]["source"])
    raw, typed = load_table(root, source, params, with_target=True)
    extra = raw.iloc[0:0]
    answers = labeling.read_answers(root, params)
    if answers is not None and len(answers):
        raw, extra = labeling.merge(params, raw, answers)
        typed = coerce(raw, params["data"]["columns"], source=str(source),
                       required=required_columns(params, with_target=True))
        coerce(extra, params["data"]["columns"], source=str(LABELS),
               required=required_columns(params, with_target=True))
    rule = params.get("evaluation", {}).get("split", {})
    train_rows, test_rows = split(typed.assign(_row=np.arange(len(typed))),
                                  rule.get("method", "random"), rule.get("test_size", 0.2),
                                  rule.get("seed", 42), params["data"].get("timestamp"))
    train_raw = pd.concat([raw.iloc[train_rows["_row"].to_numpy()], extra[raw.columns]],
                          ignore_index=True)
    for frame, path in ((train_raw, TRAIN), (raw.iloc[test_rows["_row"].to_numpy()], TEST)):
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        frame.to_csv(root / path, index=False)
    return {"rows": len(raw), "train": len(train_raw), "test": len(test_rows),
            "labelled_answers": 0 if answers is None else int(len(answers))}


def _strip(model: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in model.items() if not k.startswith("_")}


def train(root: Path) -> dict[str, Any]:
    """Fit the heuristic baseline and, when ``params.yaml`` names one, the model on the
    training split, and register each as a version unless a version was made from exactly
    the same inputs (then that one is reused: training without changes adds no version)."""
    params = load_params(root)
    _, data = load_table(root, TRAIN, params, with_target=True)
    name = model_name(params)
    terms = contract(params)
    train_sha = sha256_file(root / TRAIN)
    common = {"name": name, "task": params["prediction"]["task"], **terms,
              "spec_sha256": sha256_file(root / SPEC),
              "params_sha256": sha256_file(root / "params.yaml"),
              "data_sha256": sha256_file(root / params["data"]["source"]),
              "labels_sha256": sha256_file(root / LABELS),
              "train_sha256": train_sha, "train_rows": int(len(data))}
    features: pd.DataFrame | None = None
    added: list[str] = []
    heuristic = registry.fingerprint({"kind": "heuristic", "baseline": params["baseline"],
                                      **terms, "train_sha256": train_sha})
    reference = registry.find(root, name, heuristic)
    if reference is None:
        features = build_features(data, params["features"])
        fitted = baselines.fit(params, data, features)
        predictions = baselines.predict(params, fitted, data, features)
        reference = registry.register(root, name, {
            **common, "kind": "heuristic", "method": params["baseline"]["method"],
            "baseline": params["baseline"], "fitted": fitted,
            "profile": drift.profile(features, predictions), "fingerprint": heuristic})
        added.append(reference)
    challenger = None
    spec = params.get("model")
    if spec:
        seed = int(params.get("evaluation", {}).get("split", {}).get("seed", 42))
        libraries = models.library_versions()
        custom = sha256_file(Path(models.__file__).with_name("custom.py")) \
            if spec["method"] == "custom" else None
        print_ = registry.fingerprint({"kind": "model", "model": spec, **terms,
                                       "train_sha256": train_sha, "libraries": libraries,
                                       "seed": seed, "custom_sha256": custom})
        challenger = registry.find(root, name, print_)
        if challenger is None:
            if features is None:
                features = build_features(data, params["features"])
            estimator, info = models.fit(params, data, features, seed)
            record = {**common, "kind": "model", "method": spec["method"], "model": spec,
                      **info, "libraries": libraries, "seed": seed,
                      "custom_sha256": custom, "fingerprint": print_}
            predictions, _, _ = models.predict(record, estimator, features)
            record["profile"] = drift.profile(features, predictions)
            challenger = registry.register(root, name, record, models.dumps(estimator))
            added.append(challenger)
    write_json(root / MODEL, {"name": name, "reference": reference, "challenger": challenger,
                              "train_sha256": train_sha})
    return {"version": challenger or reference, "reference": reference,
            "challenger": challenger, "added": added, "train_rows": int(len(data))}


def task_metrics(params: dict[str, Any], model: dict[str, Any], test: pd.DataFrame,
                 features: pd.DataFrame, predicted: np.ndarray,
                 train: pd.DataFrame | None = None) -> dict[str, Any]:
    """The metrics of the spec's task on the test rows."""
    task = params["prediction"]["task"]
    target = params["prediction"].get("target")
    truth = test[target] if target else None
    if task == "classification":
        return metrics.classification(truth, predicted)
    if task == "regression":
        return metrics.regression(truth, predicted)
    if task == "forecasting":
        naive = baselines.naive_forecast(params, train if train is not None else test,
                                         len(test))
        return metrics.forecasting(truth, predicted, naive)
    if task == "anomaly_detection":
        return metrics.anomaly_detection(truth, predicted, labels.positive_label(params))
    if task == "ranking":
        group = params["prediction"].get("group")
        k = int(params["baseline"].get("k") or 10)
        return metrics.ranking(truth, predicted, test[group] if group else None, k)
    if task == "extraction":
        return metrics.extraction(truth, predicted, target)
    if task == "clustering":
        return metrics.clustering(features, predicted, baselines.numeric_features(features))
    raise ProjectError(f"unknown task {task!r}")


def _measure(root: Path, params: dict[str, Any], model: dict[str, Any]
             ) -> dict[str, Any]:
    """A stored version's figures on the current test split."""
    settings = settings_of(params, model)
    _, test = load_for(root, TEST, params, model, with_target=True)
    train_data = None
    if settings["prediction"]["task"] == "forecasting":
        _, train_data = load_for(root, TRAIN, params, model, with_target=True)
    scored = score(params, model, test)
    return task_metrics(settings, model, test, scored["features"], scored["predictions"],
                        train_data)


def beats(candidate: float | None, champion: float | None, metric: str,
          margin: float) -> bool:
    """Whether ``candidate`` is better than ``champion`` by at least ``margin``."""
    if candidate is None:
        return False
    if champion is None:
        return True
    gain = champion - candidate if metric.split(".")[-1] in metrics.LOWER_IS_BETTER else \
        candidate - champion
    return gain > 0 and gain >= margin - 1e-12


def promotion_rule(params: dict[str, Any]) -> tuple[str, float]:
    evaluation = params.get("evaluation", {}) or {}
    rule = evaluation.get("promotion") or {}
    task = params["prediction"]["task"]
    default = next(iter(evaluation.get("acceptance") or {}), MAIN_METRIC[task])
    return rule.get("metric") or default, float(rule.get("margin", 0.01))


MAIN_METRIC = {"classification": "macro_f1", "regression": "mae", "forecasting": "mae",
               "anomaly_detection": "f1", "ranking": "precision_at_k",
               "extraction": "exact_match", "clustering": "silhouette"}


def evaluate(root: Path) -> dict[str, Any]:
    """Score the champion, the heuristic and the challenger on the same test split, write
    ``reports/metrics.json`` and promote a candidate only when it meets every acceptance
    bar and beats the champion by the promotion margin (the reason is recorded)."""
    params = load_params(root)
    pointer = read_json(root / MODEL, "trained model (run 'train' first)")
    if "reference" not in pointer:
        raise ProjectError(f"{root / MODEL}: written by an older version; run 'train' again")
    name = model_name(params)
    bars = params.get("evaluation", {}).get("acceptance") or {}
    metric, margin = promotion_rule(params)
    before = registry.champion(root, name)
    candidates = [v for v in (pointer["reference"], pointer.get("challenger")) if v]
    stored, figures, checks, problems = {}, {}, {}, {}
    for version in dict.fromkeys(([before] if before else []) + candidates):
        stored[version] = registry.load(root, name, version)
        try:
            figures[version] = _measure(root, params, stored[version])
        except (DataError, KeyError, models.ModelError, ValueError) as exc:
            if version != before:
                raise
            problems[version] = f"{type(exc).__name__}: {exc}"
            continue
        checks[version] = metrics.acceptance(figures[version], bars)
        write_json(root / "models" / "registry" / name / version / "metrics.json",
                   {**figures[version], "acceptance": checks[version]})
    current = before if before in figures else None
    decisions = []
    for version in candidates:
        if version == current:
            continue
        value = metrics.lookup(figures[version], metric)
        held = metrics.lookup(figures[current], metric) if current else None
        missed = [c["metric"] for c in checks[version] if not c["met"]]
        kind = stored[version].get("kind", "heuristic")
        if missed:
            promoted, reason = False, f"misses the acceptance bar ({', '.join(missed)})"
        elif current is None:
            promoted = True
            reason = "meets the acceptance bar and there is no champion" + (
                f" (champion {before} cannot score the test split: {problems[before]})"
                if before in problems else "")
        elif beats(value, held, metric, margin):
            promoted = True
            reason = (f"{metric} {value:.4f} beats champion {current} ({held:.4f}) by at "
                      f"least the margin {margin} and meets the acceptance bar")
        else:
            promoted = False
            reason = (f"{metric} {_fmt(value)} does not beat champion {current} "
                      f"({_fmt(held)}) by the margin {margin}")
        decisions.append({"candidate": version, "kind": kind,
                          "method": stored[version].get("method"), "metric": metric,
                          "value": value, "champion": current, "champion_value": held,
                          "margin": margin, "promoted": promoted, "reason": reason})
        if promoted:
            current = version
    if current and current != before:
        registry.promote(root, name, current)
    shown = current or candidates[-1]
    accepted = current is not None and all(c["met"] for c in checks[current])
    reference = pointer["reference"]
    report = {**figures[shown], "model_version": shown, "task": params["prediction"]["task"],
              "kind": stored[shown].get("kind", "heuristic"),
              "method": stored[shown].get("method"), "baseline": params["baseline"]["method"],
              "acceptance": checks[shown], "accepted": accepted, "champion": current,
              "reference": {"version": reference, "method": stored[reference].get("method"),
                            **{k: v for k, v in figures[reference].items()
                               if not isinstance(v, dict)}},
              "promotion": {"metric": metric, "margin": margin, "decisions": decisions}}
    write_json(root / METRICS, report)
    if decisions:
        registry.record_decision(root, name, {
            "test_sha256": sha256_file(root / TEST), "champion_before": before,
            "champion_after": current, "decisions": decisions})
    return report


def _fmt(value: float | None) -> str:
    return "none" if value is None else f"{value:.4f}"


def predict(root: Path, source: Path, output: Path) -> dict[str, Any]:
    """Write the rows of ``source`` with ``prediction``, ``model_version`` and, for a
    classifier, ``score`` (the probability of the predicted class) and ``proba_CLASS``."""
    params = load_params(root)
    model = registry.serving_model(root, model_name(params))
    raw, data = load_for(root, source, params, model, with_target=False)
    scored = score(params, model, data)
    out = raw.copy()
    out["prediction"] = scored["predictions"]
    if scored["scores"] is not None:
        out["score"] = scored["scores"]
        for label, values in scored["probabilities"].items():
            out[f"proba_{labels.key(label)}"] = values
    out["model_version"] = model["version"]
    output.parent.mkdir(parents=True, exist_ok=True)
    out.to_csv(output, index=False)
    return {"rows": len(out), "model_version": model["version"], "output": str(output)}


WORST = {"ok": 0, "warn": 1, "alert": 2}


def monitor(root: Path, source: Path, output: Path | None = None,
            outcomes: Path | None = None) -> dict[str, Any]:
    """Compare new rows with the training profile of the serving version, and check the
    performance where the truth is known (in the rows, or in ``outcomes`` that arrived
    later, joined to the decision log). Writes ``reports/drift.json``; ``status`` is
    ``ok``, ``warn``, ``alert`` or ``unknown`` (nothing could be judged)."""
    params = load_params(root)
    model = registry.serving_model(root, model_name(params))
    _, data = load_for(root, source, params, model, with_target=False)
    scored = score(params, model, data)
    rule = params.get("monitoring", {}).get("drift", {})
    report = drift.compare(model["profile"], scored["features"], scored["predictions"],
                           float(rule.get("warn", 0.1)), float(rule.get("alert", 0.25)))
    report["model_version"] = model["version"]
    report["drift_status"] = report["status"]
    checks = []
    performance = _performance(params, model, data, scored)
    if performance is not None:
        report["performance"] = performance
        checks.append(performance)
    if outcomes is not None:
        joined = _joined_performance(root, params, outcomes)
        report["outcomes"] = joined
        checks.append(joined)
    known = [s for s in [report["drift_status"]] + [c["status"] for c in checks]
             if s in WORST]
    report["status"] = max(known, key=WORST.__getitem__) if known else "unknown"
    write_json(output or root / DRIFT, report)
    return report


def _judge(params: dict[str, Any], figures: dict[str, Any], rows: int) -> dict[str, Any]:
    rule = params.get("monitoring", {}).get("performance") or {}
    value = metrics.lookup(figures, rule["metric"])
    low, high = rule.get("min"), rule.get("max")
    out = {"metric": rule["metric"], "value": value, "min": low, "max": high, "rows": rows}
    if rows < MIN_OUTCOMES:
        return {**out, "status": "unknown",
                "reason": f"{rows} rows with the truth: at least {MIN_OUTCOMES} are needed"}
    bad = value is None or (low is not None and value < low) or (high is not None
                                                                 and value > high)
    return {**out, "status": "alert" if bad else "ok"}


def _performance(params: dict[str, Any], model: dict[str, Any], data: pd.DataFrame,
                 scored: dict[str, Any]) -> dict[str, Any] | None:
    """The spec's ``monitoring.performance`` metric, when the new rows carry the truth."""
    rule = params.get("monitoring", {}).get("performance")
    target = params["prediction"].get("target")
    if not rule or not target or target not in data.columns or data[target].isna().all():
        return None
    figures = task_metrics(settings_of(params, model), model, data, scored["features"],
                           scored["predictions"])
    return _judge(params, figures, int(data[target].notna().sum()))


def _joined_performance(root: Path, params: dict[str, Any], outcomes: Path
                        ) -> dict[str, Any]:
    """The performance of served predictions whose outcome arrived later: the decision log
    (``logs/decisions.jsonl``) joined to ``outcomes`` on the entity id (``data.id``, or a
    column ``entity_id``) or on ``request_id``."""
    target = params["prediction"].get("target")
    rule = params.get("monitoring", {}).get("performance")
    if not rule or not target:
        raise ProjectError("monitoring.performance and prediction.target are needed to "
                           "judge outcomes")
    truth = read_table(outcomes if outcomes.is_absolute() else root / outcomes)
    log = labeling.read_decisions(root)
    keys = [k for k in (params["data"].get("id"), "entity_id", "request_id")
            if k and k in truth.columns]
    if target not in truth.columns or not keys:
        raise DataError(f"{outcomes}: needs the column {target!r} and an id column "
                        f"({params['data'].get('id') or 'entity_id'} or request_id)")
    key = keys[0]
    side = "request_id" if key == "request_id" else "entity_id"
    if log.empty or side not in log.columns:
        raise ProjectError(f"{root / DECISIONS}: no logged decisions to join outcomes to")
    latest = log.dropna(subset=[side]).drop_duplicates(side, keep="last")
    joined = truth.assign(_key=truth[key].astype(str)).merge(
        latest.assign(_key=latest[side].astype(str)), on="_key", how="inner")
    joined = joined[joined[target].notna()]
    figures = task_metrics(params, {}, joined.assign(**{target: joined[target]}),
                           pd.DataFrame(index=joined.index), joined["prediction"].to_numpy())
    return {**_judge(params, figures, int(len(joined))), "joined_on": key,
            "outcomes": int(len(truth))}
