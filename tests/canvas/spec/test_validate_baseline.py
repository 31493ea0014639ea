"""The baseline checks `mlcanvas validate` shares with the scaffold: a method that fits the
task, a numeric feature for zscore (exactly what the scaffold runtime counts as numeric),
and rule predictions the task can hold (numbers, or one of prediction.classes)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pandas as pd
import pytest
import yaml

from canvas.commands.cli import main
from canvas.scaffold import scaffold_problems
from canvas.scaffold.runtime import baselines
from canvas.scaffold.runtime.data import coerce
from canvas.scaffold.runtime.features import TRANSFORMS, build_features
from canvas.spec.model import (
    METHODS_FOR_TASK,
    TASKS,
    BaselineMethod,
    Feature,
    UseCaseSpec,
    is_numeric_feature,
)
from canvas.spec.validate import validate_text

SPECS = Path(__file__).parents[1] / "fixtures" / "specs"
RECEIPT = Path(__file__).parents[1] / "fixtures" / "receipt.yaml"


def fixture(task: str) -> dict:
    return yaml.safe_load((SPECS / f"{task}.yaml").read_text(encoding="utf-8"))


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


ANOMALY_WITHOUT_NUMBER = """\
apiVersion: mlcanvas/v1
kind: UseCaseSpec
metadata: {name: odd-claims, title: Odd claims}
prediction: {task: anomaly_detection, entity: claim, target: outcome, classes: [ok, odd]}
data:
  source: data/claims.csv
  columns:
    - {name: note, type: text}
    - {name: region, type: category}
    - {name: outcome, type: category}
features:
  - {name: note, from: note, transform: lowercase}
  - {name: region, from: region}
baseline:
  method: zscore
"""


def test_zscore_without_a_numeric_feature_is_refused_where_the_method_is_written():
    report = validate_text(ANOMALY_WITHOUT_NUMBER, "odd.yaml")
    assert not report.ok
    (problem,) = report.problems
    assert problem.path == "baseline.method"
    assert problem.line == line_of(ANOMALY_WITHOUT_NUMBER, "method: zscore")
    assert "'zscore' needs at least one numeric feature" in problem.message
    assert "transform: length" in problem.message


def test_a_length_feature_makes_zscore_valid_and_scaffoldable():
    text = ANOMALY_WITHOUT_NUMBER.replace(
        "  - {name: region, from: region}\n",
        "  - {name: region, from: region}\n  - {name: note_length, from: note, "
        "transform: length}\n")
    report = validate_text(text)
    assert report.ok, report.lines()
    assert scaffold_problems(report.spec) == []


def test_a_number_column_made_text_is_not_numeric():
    text = ANOMALY_WITHOUT_NUMBER.replace("{name: region, type: category}",
                                          "{name: region, type: number}") \
        .replace("{name: region, from: region}",
                 "{name: region, from: region, transform: strip}")
    assert [p.path for p in validate_text(text).problems] == ["baseline.method"]


COLUMN_TYPES = ("number", "integer", "text", "category", "boolean", "datetime")
SAMPLE = {"number": ["1.5", "2", "", "40"], "integer": ["1", "2", "", "7"],
          "text": ["a b", "hello", "", "x"], "category": ["a", "b", "", "a"],
          "boolean": ["true", "false", "", "yes"],
          "datetime": ["2024-01-01T10:00:00", "2024-02-03T04:05:06", "", "2024-03-01"]}


@pytest.mark.parametrize("kind,transform",
                         list(itertools.product(COLUMN_TYPES, (None, *TRANSFORMS))))
def test_numeric_features_are_what_the_runtime_counts_as_numeric(kind, transform):
    columns = [{"name": "x", "type": kind}]
    feature = {"name": "f", "from": "x"} | ({"transform": transform} if transform else {})
    typed = coerce(pd.DataFrame({"x": SAMPLE[kind]}).replace("", None), columns)
    runtime = baselines.numeric_features(build_features(typed, [feature]))
    data = fixture("anomaly_detection")
    data["data"]["columns"] = [{"name": "x", "type": kind}, {"name": "flag", "type": "integer"}]
    data["features"] = [feature]
    data["prediction"]["target"] = "flag"
    spec = UseCaseSpec.model_construct(**UseCaseSpec.model_validate(
        data, context={"skip_cross_check": True}).__dict__)
    assert is_numeric_feature(spec, Feature.model_validate(feature)) == (runtime == ["f"])


def test_the_runtime_knows_every_method_the_spec_allows():
    assert set(baselines.METHODS) == set(BaselineMethod.__args__)
    assert set(METHODS_FOR_TASK) == set(TASKS)


@pytest.mark.parametrize("task,method", list(itertools.product(TASKS,
                                                               BaselineMethod.__args__)))
def test_validate_and_scaffold_agree_on_every_method_for_every_task(task, method):
    data = fixture(task)
    baseline = {"method": method}
    if method == "rules":
        baseline = data["baseline"] if data["baseline"]["method"] == "rules" else {
            "method": "rules", "rules": [{"when": {"feature": data["features"][0]["name"],
                                                   "is_null": True}, "predict": 0}],
            "default": 1}
    data["baseline"] = baseline
    report = validate_text(yaml.safe_dump(data), f"{task}-{method}.yaml")
    misfit = [p for p in report.problems if p.path == "baseline.method" and "does not fit"
              in p.message]
    assert bool(misfit) == (method not in METHODS_FOR_TASK[task]), report.lines()
    if misfit:
        assert f"expected one of {', '.join(METHODS_FOR_TASK[task])}" in misfit[0].message
    if report.ok:
        assert scaffold_problems(report.spec) == []


def test_a_rule_predicting_a_value_that_is_not_a_class_is_refused():
    text = RECEIPT.read_text(encoding="utf-8").replace("predict: hotel", "predict: hotle") \
        .replace("predict: fuel", "predict: banana")
    report = validate_text(text, "r.yaml")
    got = {p.path: p for p in report.problems}
    assert set(got) == {"baseline.rules[0].predict", "baseline.rules[1].predict"}
    banana = got["baseline.rules[0].predict"]
    assert banana.line == line_of(text, "predict: banana")
    assert "'banana' is not one of prediction.classes" in banana.message
    assert "expected one of fuel, hotel, other" in banana.message
    assert "did you mean" not in banana.message
    assert "did you mean 'hotel'?" in got["baseline.rules[1].predict"].message
    assert report.lines()[0].startswith(f"r.yaml:{banana.line}: baseline.rules[0].predict: ")


def test_the_default_must_be_a_class_too_and_the_closest_class_is_suggested():
    text = RECEIPT.read_text(encoding="utf-8").replace(
        "classes: [fuel, hotel, other]", "classes: [fuel, hotel, returned for correction]") \
        .replace("default: other", "default: returned correction")
    (problem,) = validate_text(text).problems
    assert problem.path == "baseline.default"
    assert "did you mean 'returned for correction'?" in problem.message
    assert problem.line == line_of(text, "default: returned correction")


def test_classes_compare_as_the_scaffold_compares_labels():
    data = fixture("anomaly_detection")
    data["prediction"]["classes"] = [0, 1]
    data["baseline"] = {"method": "rules", "rules": [
        {"when": {"feature": data["features"][0]["name"], "gt": 1}, "predict": True},
        {"when": {"feature": data["features"][0]["name"], "lt": -1}, "predict": 1.0}],
        "default": "0"}
    assert validate_text(yaml.safe_dump(data)).ok
    data["baseline"]["default"] = 2
    assert [p.path for p in validate_text(yaml.safe_dump(data)).problems] == [
        "baseline.default"]


def test_a_numeric_task_predicts_numbers():
    data = fixture("regression")
    data["baseline"]["rules"][0]["predict"] = "high"
    (problem,) = validate_text(yaml.safe_dump(data)).problems
    assert problem.path == "baseline.rules[0].predict"
    assert "a regression baseline predicts numbers, not 'high'" in problem.message


def test_whole_values_are_never_dumped_into_messages():
    text = RECEIPT.read_text(encoding="utf-8").replace(
        "kind: UseCaseSpec", "kind: {" + ", ".join(f"k{i}: {'v' * 50}" for i in range(80))
        + "}").replace("title: Receipt categorization", "title: " + "t" * 5000)
    report = validate_text(text)
    assert report.problems
    assert all(len(line) < 400 for line in report.lines()), report.lines()
    long_class = RECEIPT.read_text(encoding="utf-8").replace("predict: fuel",
                                                             "predict: " + "x" * 3000)
    (problem,) = validate_text(long_class).problems
    assert len(problem.message) < 300 and "…" in problem.message


def test_scaffold_reports_an_invalid_spec_exactly_like_validate(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(RECEIPT.read_text(encoding="utf-8").replace("method: rules",
                                                               "method: rule"))
    assert main(["validate", str(bad)]) == 1
    validated = capsys.readouterr().out.splitlines()
    assert main(["scaffold", str(bad), str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert validated and all(line in err for line in validated)
    assert "did you mean 'rules'?" in err and f"{bad}:" in err
    assert "Input should be" not in err
    assert not (tmp_path / "out").exists()
    assert main(["scaffold", str(tmp_path / "missing.yaml"), str(tmp_path / "out")]) == 2
    assert f"{tmp_path / 'missing.yaml'}: no such file" in capsys.readouterr().err


def test_an_acceptance_bar_must_name_a_metric_evaluate_reports():
    text = RECEIPT.read_text(encoding="utf-8").replace(
        "acceptance: {macro_f1: 0.6}", "acceptance: {macro_f11: 0.6, per_class.fuel.recall: 0.5}")
    (problem,) = validate_text(text, "r.yaml").problems
    assert problem.path == "evaluation.acceptance.macro_f11"
    assert "did you mean 'macro_f1'?" in problem.message
    assert "always exit 1" in problem.message
    assert problem.line == line_of(text, "macro_f11")
    ranking = fixture("ranking")
    ranking["evaluation"]["acceptance"] = {"precision_at_5": 0.2, "ndcg": 0.5}
    assert [p.path for p in validate_text(yaml.safe_dump(ranking)).problems] == [
        "evaluation.acceptance.ndcg"]


@pytest.mark.parametrize("task", TASKS)
def test_every_metric_a_bar_may_name_is_reported_by_evaluate(task, tmp_path):
    """The names validate accepts are the names the runtime writes (no bar that can never
    be found)."""
    from canvas.scaffold import scaffold
    from canvas.scaffold.runtime import metrics, pipeline
    from canvas.spec.model import TASK_METRICS

    out = tmp_path / "p"
    scaffold(UseCaseSpec.model_validate(fixture(task)), out)
    pipeline.prepare(out)
    pipeline.train(out)
    report = pipeline.evaluate(out)
    for name in TASK_METRICS[task]:
        if name.endswith("."):
            assert isinstance(report[name.rstrip(".")], dict) and report[name.rstrip(".")]
        else:
            assert metrics.lookup(report, name) is not None, name
