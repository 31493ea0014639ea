"""`mlcanvas spec`: a valid, runnable spec from a canvas, for every ML task."""

from __future__ import annotations

import json

import pytest
import yaml
from jsonschema import Draft202012Validator

from canvas.mlcanvas import canvas_to_yaml, prefill_canvas, read_canvas
from canvas.schema import SCHEMA_COMMENT, SCHEMA_FILE
from canvas.spec import TASKS
from canvas.specgen import spec_data_from_canvas, spec_from_canvas, spec_to_yaml
from canvas.validate import validate_text

EXPECTED_BASELINE = {"classification": "majority", "regression": "mean",
                     "forecasting": "seasonal_naive", "anomaly_detection": "zscore",
                     "ranking": "popularity", "extraction": "majority",
                     "clustering": "rules"}


@pytest.mark.parametrize("task", TASKS)
def test_spec_from_canvas_is_valid_for_every_task(task, clinic_board, make_opportunity):
    opp = make_opportunity(clinic_board, "Triage request", task)
    canvas = prefill_canvas(opp, clinic_board)
    text = spec_to_yaml(spec_from_canvas(canvas))
    assert text.splitlines()[0] == SCHEMA_COMMENT
    report = validate_text(text, f"{task}.yaml")
    assert report.ok, report.lines()
    spec = report.spec
    assert spec.prediction.task == task
    assert spec.baseline.method == EXPECTED_BASELINE[task]
    assert {f.name for f in spec.features} == {f.name for f in canvas.features}
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(yaml.safe_load(text))) == []


def test_columns_target_classes_and_defaults(clinic_board, make_opportunity):
    opp = make_opportunity(clinic_board, "Triage request", "classification")
    spec = spec_from_canvas(prefill_canvas(opp, clinic_board))
    assert spec.prediction.target == "outcome"
    assert spec.prediction.classes == ["urgent", "routine"]
    assert [c.name for c in spec.data.columns] == [
        "vet_calendar", "treatment_durations", "pet_history", "outcome",
        "appointment_requested_at"]
    assert spec.column("treatment_durations").type == "number"
    assert spec.data.timestamp == "appointment_requested_at"
    assert spec.evaluation.split.method == "time"
    assert spec.evaluation.acceptance == {}  # a majority baseline is not a gate
    assert spec.monitoring.performance.metric == "macro_f1"
    assert spec.monitoring.performance.min == 0.6  # the target stays where the team sees it
    assert spec.serving.mode == "realtime"
    assert spec.governance.human_in_the_loop is True
    assert spec.metadata.opportunity == "c-triage-request"


def test_forecasting_gets_a_horizon_and_a_season(clinic_board, make_opportunity):
    opp = make_opportunity(clinic_board, "Estimate treatment duration", "forecasting")
    spec = spec_from_canvas(prefill_canvas(opp, clinic_board))
    assert spec.prediction.horizon == 7 and spec.baseline.season_length == 7
    assert spec.data.timestamp


def test_a_named_heuristic_becomes_rules(tmp_path, clinic_board, make_opportunity):
    opp = make_opportunity(clinic_board, "Triage request", "classification")
    data = prefill_canvas(opp, clinic_board).to_data()
    data["prediction"]["heuristic"] = {
        "text": "bleeding or not eating means urgent",
        "rules": [{"when": {"feature": "pet_history", "contains_any": ["bleeding"]},
                   "predict": "urgent"}],
        "default": "routine"}
    path = tmp_path / "canvas.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    spec = spec_from_canvas(read_canvas(path))
    assert spec.baseline.method == "rules"
    assert spec.baseline.default == "routine"
    assert spec.baseline.rules[0].when.feature == "pet_history"


def test_a_rule_on_an_unknown_feature_is_refused_with_its_path(clinic_board,
                                                               make_opportunity):
    opp = make_opportunity(clinic_board, "Triage request", "classification")
    data = prefill_canvas(opp, clinic_board).to_data()
    data["prediction"]["heuristic"] = {
        "text": "x", "rules": [{"when": {"feature": "species", "eq": "cat"},
                                "predict": "urgent"}], "default": "routine"}
    from canvas.mlcanvas import canvas_from_data

    with pytest.raises(ValueError, match=r"baseline\.rules\[0\]\.when\.feature: feature "
                                         r"'species' is not defined"):
        spec_from_canvas(canvas_from_data(data))


def test_a_canvas_without_features_is_refused(clinic_board, make_opportunity):
    opp = make_opportunity(clinic_board, "Send invoice", "classification")
    canvas = prefill_canvas(opp, clinic_board)
    assert canvas.features == ()
    with pytest.raises(ValueError, match="names no features"):
        spec_data_from_canvas(canvas)


def test_cli_spec_round_trip(tmp_path, clinic_board, make_opportunity, capsys):
    from canvas.cli import main

    opp = make_opportunity(clinic_board, "Estimate treatment duration", "regression")
    canvas_file = tmp_path / "canvas.yaml"
    canvas_file.write_text(canvas_to_yaml(prefill_canvas(opp, clinic_board)))
    spec_file = tmp_path / "spec.yaml"
    assert main(["spec", str(canvas_file), "-o", str(spec_file)]) == 0
    assert spec_file.read_text().startswith(SCHEMA_COMMENT)
    assert main(["validate", str(spec_file)]) == 0
    canvas_file.write_text("name: [\n")
    assert main(["spec", str(canvas_file)]) == 1
    assert "not valid YAML" in capsys.readouterr().err
    assert main(["spec", str(tmp_path / "nope.yaml")]) == 2
