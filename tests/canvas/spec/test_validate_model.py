"""The optional ``model:`` of spec v1 (the challenger the scaffold trains beside the
heuristic), ``evaluation.promotion``, ``data.id``, and ``baseline.default`` in the forms a
rule's ``predict`` takes (issue 12, problem 8)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from canvas.spec.model import MODEL_METHODS, MODEL_PARAMS, UseCaseSpec, apply_rules
from canvas.spec.validate import validate_data, validate_text

SPECS = Path(__file__).parents[1] / "fixtures" / "specs"


def fixture(task: str) -> dict:
    return yaml.safe_load((SPECS / f"{task}.yaml").read_text(encoding="utf-8"))


def problems(data: dict) -> list[str]:
    return [f"{p.path}: {p.message}" for p in validate_data(data).problems]


@pytest.mark.parametrize("task", sorted(MODEL_METHODS))
def test_every_method_of_a_task_validates(task: str) -> None:
    for method in MODEL_METHODS[task]:
        data = fixture(task)
        data["model"] = {"method": method}
        assert problems(data) == [], method


def test_an_unknown_method_gets_a_did_you_mean_with_its_line() -> None:
    data = fixture("classification")
    data["model"] = {"method": "logistic_regresion"}
    text = yaml.safe_dump(data, sort_keys=False)
    report = validate_text(text, "spec.yaml")
    (line,) = report.lines()
    assert "model.method" in line and "did you mean 'logistic_regression'" in line
    number = next(i for i, t in enumerate(text.splitlines(), 1) if "logistic_regresion" in t)
    assert line.startswith(f"spec.yaml:{number}:")


def test_a_method_of_another_task_is_refused() -> None:
    data = fixture("classification")
    data["model"] = {"method": "ridge"}
    assert problems(data) == ["model.method: 'ridge' does not fit a classification task; "
                              "expected one of logistic_regression, gradient_boosting, custom"]
    data = fixture("clustering")
    data["model"] = {"method": "gradient_boosting"}
    assert "trains models for classification and regression only" in problems(data)[0]


def test_unknown_and_ill_typed_parameters_are_named() -> None:
    data = fixture("classification")
    data["model"] = {"method": "logistic_regression",
                     "params": {"c": 1.0, "max_iter": 0, "class_weight": "heavy"}}
    found = problems(data)
    assert "model.params.c: unknown parameter 'c' of logistic_regression — did you mean " \
           "'C'?" in found[0]
    assert any(p.startswith("model.params.max_iter: expected a whole number") for p in found)
    assert any(p.startswith("model.params.class_weight: expected one of balanced, null")
               for p in found)
    data = fixture("regression")
    data["model"] = {"method": "ridge", "params": {"alpha": "strong", "fit_intercept": 1}}
    assert problems(data) == ["model.params.alpha: expected a number (found 'strong')",
                              "model.params.fit_intercept: expected true or false (found '1')"]
    data["model"] = {"method": "custom", "params": {"anything": 3}}
    assert problems(data) == []
    data["model"] = {"method": "ridge", "parms": {}}
    assert "did you mean 'params'" in problems(data)[0]
    for method, known in MODEL_PARAMS.items():
        assert known, method


def test_the_promotion_metric_and_the_id_column_are_checked() -> None:
    data = fixture("regression")
    data["evaluation"]["promotion"] = {"metric": "maee", "margin": -1}
    found = problems(data)
    assert any("margin" in p for p in found)
    data["evaluation"]["promotion"] = {"metric": "maee"}
    assert "did you mean 'mae'" in problems(data)[0]
    data["evaluation"]["promotion"] = {"metric": "rmse", "margin": 0.5}
    data["data"]["id"] = "nowhere"
    assert problems(data) == ["data.id: 'nowhere' is not a column in data.columns"]


def test_problem_8_the_default_takes_a_linear_prediction() -> None:
    """``baseline.default`` takes the same forms as a rule's predict: "tip is 15% of the
    bill" is one line."""
    data = fixture("regression")
    data["baseline"]["default"] = {"linear": {"intercept": 0, "terms": {"hours": 0.15}}}
    assert problems(data) == []
    spec = UseCaseSpec.model_validate(data)
    assert apply_rules(spec.baseline, {"hours": -100.0, "express": False, "parts": None}) \
        == pytest.approx(-15.0)
    wrong = copy.deepcopy(data)
    wrong["baseline"]["default"] = {"linear": {"terms": {"hourz": 1}}}
    assert problems(wrong) == ["baseline.default.linear.terms.hourz: feature 'hourz' is not "
                               "defined in features"]
    classes = fixture("classification")
    classes["baseline"]["default"] = {"linear": {"terms": {"amount": 1}}}
    assert "a {linear: ...} prediction is a number" in problems(classes)[0]
