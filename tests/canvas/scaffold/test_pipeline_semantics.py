"""In-process checks of a scaffolded pipeline: the predictions follow the rules exactly (as
``canvas.spec.model.apply_rules`` reads them), drift fires on shifted data, the registry and the
metrics behave."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from canvas.scaffold import scaffold
from canvas.scaffold.runtime import baselines, data, features, pipeline, registry, rules
from canvas.spec.model import UseCaseSpec, apply_rules

SPECS = Path(__file__).parents[1] / "fixtures" / "specs"
RULE_TASKS = ["classification", "regression", "extraction", "clustering"]


def load_spec(task: str) -> UseCaseSpec:
    return UseCaseSpec.model_validate(yaml.safe_load((SPECS / f"{task}.yaml").read_text()))


def same(got: object, want: object) -> bool:
    if isinstance(got, float) or isinstance(want, float):
        return float(got) == float(want) or (math.isnan(float(got)) and math.isnan(float(want)))
    return got == want


def reference(spec: UseCaseSpec, frame: pd.DataFrame) -> list[object]:
    return [apply_rules(spec.baseline, row) for row in frame.to_dict("records")]


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    roots = {}
    for task in ("classification", "regression", "forecasting", "anomaly_detection"):
        root = tmp_path_factory.mktemp(task)
        scaffold(load_spec(task), root)
        pipeline.prepare(root)
        pipeline.train(root)
        pipeline.evaluate(root)
        roots[task] = root
    return roots


@pytest.mark.parametrize("task", RULE_TASKS)
def test_predictions_follow_the_rules_exactly(task: str, tmp_path: Path) -> None:
    spec = load_spec(task)
    scaffold(spec, tmp_path)
    params = yaml.safe_load((tmp_path / "params.yaml").read_text())
    _, typed = pipeline.load_table(tmp_path, Path(spec.data.source), params, with_target=False)
    frame = features.build_features(typed, params["features"])
    predicted = baselines.predict(params, {}, typed, frame)
    expected = reference(spec, frame)
    assert len(set(map(str, expected))) > 1, "the sample should make more than one rule fire"
    mismatches = [(i, g, w) for i, (g, w) in enumerate(zip(predicted.tolist(), expected,
                                                            strict=True)) if not same(g, w)]
    assert not mismatches[:5]


def test_every_operator_agrees_with_the_reference_on_awkward_values() -> None:
    values = [None, float("nan"), "", "12", " 12 ", "12.0", "abc", "ABC", "1_000", "nan",
              "true", True, False, 0, 1, 12.0, -3.5, "Shell Station", "ß", "inf"]
    frame = pd.DataFrame({"x": pd.Series(values, dtype=object),
                          "n": pd.Series([v if isinstance(v, float) else 1.5 for v in values],
                                         dtype=float)})
    conditions = [
        {"feature": f, op: v}
        for f in ("x", "n")
        for op, v in [("eq", 12), ("eq", "abc"), ("eq", True), ("ne", "12"), ("gt", 1.0),
                      ("ge", 12.0), ("lt", 0.5), ("le", -3.5), ("in", ["abc", 1, "nan"]),
                      ("not_in", [12, "x"]), ("contains_any", ["sh", "1", "SS"]),
                      ("matches", r"^\d+$"), ("is_null", True), ("is_null", False),
                      ("eq", "1_000"), ("in", [1.5])]
    ]
    from canvas.spec.model import Baseline
    for condition in conditions:
        spec_rule = Baseline.model_validate({"method": "rules", "default": "no",
                                             "rules": [{"when": condition, "predict": "yes"}]})
        want = [apply_rules(spec_rule, row) == "yes" for row in frame.to_dict("records")]
        got = rules.condition_mask(condition, frame).tolist()
        assert got == want, condition
    nested = {"all": [{"any": [{"feature": "x", "eq": "abc"}, {"feature": "n", "gt": 1}]},
                      {"not": {"feature": "x", "is_null": True}}]}
    spec_rule = Baseline.model_validate({"method": "rules", "default": 0,
                                         "rules": [{"when": nested, "predict": {"linear": {
                                             "intercept": 1.5, "terms": {"n": 2, "x": 0.5}}}}]})
    want = [apply_rules(spec_rule, row) for row in frame.to_dict("records")]
    got = rules.predict_rules([r.model_dump(by_alias=True, exclude_none=True)
                               for r in spec_rule.rules], 0, frame).tolist()
    assert all(same(g, w) for g, w in zip(got, want, strict=True)), (got, want)


def test_distinct_text_is_searched_row_by_row_with_the_same_answers() -> None:
    rng = np.random.default_rng(0)
    pieces = np.array(["Shell", "ARAL", "ß", "straße", "café", "\n", "$(x)", "{{y}}", "1.0"],
                      dtype=object)
    texts = [f"{a} {b} #{i}" for i, (a, b) in enumerate(zip(rng.choice(pieces, 30_000),
                                                           rng.choice(pieces, 30_000),
                                                           strict=True))]
    texts[5], texts[6] = None, ""
    frame = pd.DataFrame({"t": pd.Series(texts, dtype=object)})
    from canvas.spec.model import Baseline
    for condition in ({"feature": "t", "contains_any": ["shell", "STRASSE", "\n"]},
                      {"feature": "t", "matches": r"^\$\(x\) .*#1\d$"},
                      {"feature": "t", "contains_any": [""]}):
        assert rules._mostly_distinct_text(frame["t"])
        spec_rule = Baseline.model_validate({"method": "rules", "default": "no",
                                             "rules": [{"when": condition, "predict": "yes"}]})
        want = [apply_rules(spec_rule, row) == "yes" for row in frame.to_dict("records")]
        assert rules.condition_mask(condition, frame).tolist() == want, condition
        assert any(want)


def test_drift_fires_on_shifted_data(trained: dict[str, Path]) -> None:
    root = trained["classification"]
    rows = pd.read_csv(root / "data/prepared/test.csv", dtype=str, keep_default_na=False)
    calm = pipeline.monitor(root, root / "data/prepared/test.csv")
    assert calm["status"] in ("ok", "warn")
    moved = rows.copy()
    moved["amount"] = (pd.to_numeric(moved["amount"], errors="coerce") * 5 + 400).astype(str)
    moved["merchant"] = "unknown merchant"
    (root / "moved.csv").write_text(moved.to_csv(index=False))
    report = pipeline.monitor(root, root / "moved.csv")
    assert report["status"] == "alert"
    assert report["features"]["amount"]["status"] == "alert"
    assert report["prediction"]["psi"] > calm["prediction"]["psi"]
    assert (root / "reports" / "drift.json").exists()


def test_the_registry_keeps_versions_and_a_champion(trained: dict[str, Path]) -> None:
    """Issue 12, problems 2 and 7: training without a change adds no version; a version
    that meets the acceptance bar but is worse than the champion is not promoted, and the
    decision log says why."""
    root = trained["regression"]
    name = load_spec("regression").metadata.name
    assert registry.versions(root, name) == ["v0001"]
    assert registry.champion(root, name) == "v0001"
    assert pipeline.train(root)["added"] == []
    assert registry.versions(root, name) == ["v0001"]
    settings = yaml.safe_load((root / "params.yaml").read_text())
    settings["baseline"]["rules"][0]["predict"]["linear"]["intercept"] += 40  # worse
    settings["evaluation"]["acceptance"] = {"mae": 1e9}  # any version meets the bar
    (root / "params.yaml").write_text(yaml.safe_dump(settings))
    assert pipeline.train(root)["added"] == ["v0002"]
    report = pipeline.evaluate(root)
    assert registry.champion(root, name) == "v0001"
    assert report["accepted"] and report["model_version"] == "v0001"
    (decision,) = report["promotion"]["decisions"]
    assert decision["candidate"] == "v0002" and not decision["promoted"]
    assert decision["reason"].startswith("mae ") and "does not beat champion v0001" in \
        decision["reason"]
    assert registry.decisions(root, name)[-1]["decisions"] == [
        json.loads(json.dumps(decision))]
    settings["baseline"]["rules"][0]["predict"]["linear"]["intercept"] -= 40
    (root / "params.yaml").write_text(yaml.safe_dump(settings))
    assert pipeline.train(root)["version"] == "v0001"  # the same inputs: the same version


def test_forecasting_beats_the_naive_forecast(trained: dict[str, Path]) -> None:
    report = pipeline.evaluate(trained["forecasting"])
    assert report["mae"] < report["naive_mae"]
    assert {"mae", "smape", "naive_smape", "mae_vs_naive"} <= set(report)


def test_anomalies_are_flagged(trained: dict[str, Path]) -> None:
    report = pipeline.evaluate(trained["anomaly_detection"])
    assert report["recall"] >= 0.8 and report["precision"] >= 0.8
    assert 0 < report["flagged_rate"] < 0.2


def test_bad_data_is_reported_per_column_and_line() -> None:
    frame = pd.DataFrame({"a": ["1", "x", "3"], "b": ["true", "no", "perhaps"],
                          "c": ["2024-01-01", "", "yesterday"]})
    columns = [{"name": "a", "type": "integer"}, {"name": "b", "type": "boolean"},
               {"name": "c", "type": "datetime"}, {"name": "d", "type": "text"}]
    with pytest.raises(data.DataError) as error:
        data.coerce(frame, columns, source="x.csv")
    message = str(error.value)
    assert "column 'a' (integer): 1 values are not numbers: line 3 ('x')" in message
    assert "column 'b' (boolean)" in message and "line 4" in message
    assert "column 'c' (datetime)" in message
    assert "column 'd' (text) is missing" in message


def test_a_time_split_keeps_the_latest_rows_for_testing() -> None:
    frame = pd.DataFrame({"t": pd.date_range("2024-01-01", periods=10)[::-1], "v": range(10)})
    train, test = data.split(frame, "time", 0.3, 0, "t")
    assert train["t"].max() < test["t"].min() and len(test) == 3
    train, test = data.split(frame, "random", 0.3, 0, None)
    assert sorted(pd.concat([train, test])["v"]) == list(range(10))
    assert np.all(np.diff(train["v"].to_numpy()) > 0)  # rows keep their order


def test_monitor_checks_the_performance_when_the_truth_is_known(
        trained: dict[str, Path]) -> None:
    root = trained["classification"]
    good = pipeline.monitor(root, root / "data/prepared/test.csv")
    assert good["performance"]["metric"] == "macro_f1"
    assert good["performance"]["status"] == "ok"
    rows = pd.read_csv(root / "data/prepared/test.csv", dtype=str, keep_default_na=False)
    rows["category"] = "other"
    (root / "wrong.csv").write_text(rows.to_csv(index=False))
    bad = pipeline.monitor(root, root / "wrong.csv")
    assert bad["performance"]["status"] == "alert" and bad["status"] == "alert"
    unlabelled = rows.drop(columns=["category"])
    (root / "unlabelled.csv").write_text(unlabelled.to_csv(index=False))
    assert "performance" not in pipeline.monitor(root, root / "unlabelled.csv")


def test_a_registered_version_keeps_its_rules(tmp_path: Path) -> None:
    spec = load_spec("classification")
    scaffold(spec, tmp_path)
    pipeline.prepare(tmp_path)
    pipeline.train(tmp_path)
    pipeline.evaluate(tmp_path)
    scored = tmp_path / "before.csv"
    pipeline.predict(tmp_path, tmp_path / "data/prepared/test.csv", scored)
    settings = yaml.safe_load((tmp_path / "params.yaml").read_text())
    settings["baseline"]["default"] = "changed"
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(settings))
    after = tmp_path / "after.csv"
    pipeline.predict(tmp_path, tmp_path / "data/prepared/test.csv", after)
    assert pd.read_csv(scored)["prediction"].tolist() == pd.read_csv(after)["prediction"].tolist()
    pipeline.train(tmp_path)
    model = registry.load(tmp_path, spec.metadata.name, "v0002")
    assert model["baseline"]["default"] == "changed"
