"""`mlcanvas spec`: a valid, runnable spec from a canvas, for every ML task."""

from __future__ import annotations

import json

import pytest
import yaml
from jsonschema import Draft202012Validator

from canvas.mlcanvas.model import canvas_to_yaml, prefill_canvas, read_canvas
from canvas.spec.from_canvas import spec_data_from_canvas, spec_from_canvas, spec_to_yaml
from canvas.spec.model import TASKS
from canvas.spec.schema import SCHEMA_COMMENT, SCHEMA_FILE
from canvas.spec.validate import validate_text

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
    from canvas.mlcanvas.model import canvas_from_data

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
    from canvas.commands.cli import main

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


# --------------------------------------------------------------------------- wrong input

def test_spec_names_a_spec_or_a_board_given_instead_of_a_canvas(tmp_path, capsys):
    from canvas.commands.cli import main
    from eventstorming.formats.storm import read_storm
    from eventstorming.formats.yamlio import board_to_yaml
    from tests.conftest import ROOT

    spec = ROOT / "examples" / "travel_expenses" / "spec.yaml"
    assert main(["spec", str(spec)]) == 1
    err = capsys.readouterr().err
    assert f"{spec} is a spec, not a canvas" in err
    assert "mlcanvas canvas BOARD OPPORTUNITY_ID -o canvas.yaml" in err
    assert err.count("\n") == 1 and len(err) < 600
    board = ROOT / "examples" / "travel_expenses" / "board.storm"
    assert main(["spec", str(board)]) == 1
    err = capsys.readouterr().err
    assert f"{board} is a board, not a canvas: run `mlcanvas canvas {board} OPPORTUNITY_ID" \
        in err
    assert "not valid YAML" not in err
    as_yaml = tmp_path / "board.yaml"
    as_yaml.write_text(board_to_yaml(read_storm(board)), encoding="utf-8")
    assert main(["spec", str(as_yaml)]) == 1
    assert "is a board, not a canvas" in capsys.readouterr().err
    assert main(["spec", str(tmp_path / "nope.yaml")]) == 2
    missing = tmp_path / "nope.yaml"
    assert capsys.readouterr().err.strip() == f"mlcanvas spec: {missing}: no such file"


def test_canvas_errors_never_dump_whole_values(tmp_path, clinic_board, make_opportunity,
                                               capsys):
    from canvas.commands.cli import main

    data = prefill_canvas(make_opportunity(clinic_board, "Triage request", "classification"),
                          clinic_board).to_data()
    data["canvas"] = json.loads(json.dumps({"boxes": data["boxes"]}))  # a mapping, not a version
    data["serving"] = {"mode": "realtime", "latency_ms": 500}
    path = tmp_path / "canvas.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    assert main(["spec", str(path)]) == 1
    err = capsys.readouterr().err
    assert "canvas" in err and "serving" in err
    assert all(len(line) < 400 for line in err.splitlines()), err


# --------------------------------------------------------------------------- runnable

def _canvas_with(board, make_opportunity, task, **changes):
    from canvas.mlcanvas.model import canvas_from_data

    data = prefill_canvas(make_opportunity(board, "Triage request", task), board).to_data()
    for key, value in changes.items():
        if key == "heuristic":
            data["prediction"]["heuristic"] = value
        elif key == "outcomes":
            data["prediction"]["outcomes"] = value
        else:
            data[key] = value
    return canvas_from_data(data)


def test_an_anomaly_canvas_without_numbers_gets_a_numeric_feature(clinic_board,
                                                                  make_opportunity):
    from canvas.scaffold import scaffold_problems

    text_only = [{"name": "note", "type": "text"}, {"name": "region", "type": "category"}]
    canvas = _canvas_with(clinic_board, make_opportunity, "anomaly_detection",
                          features=text_only, timestamp=None)
    spec = spec_from_canvas(canvas)
    assert spec.baseline.method == "zscore"
    added = spec.features[-1]
    assert (added.name, added.from_, added.transform) == ("note_length", "note", "length")
    assert scaffold_problems(spec) == []
    with_time = _canvas_with(clinic_board, make_opportunity, "anomaly_detection",
                             features=[{"name": "region", "type": "category"}])
    spec = spec_from_canvas(with_time)
    assert spec.baseline.method == "zscore"
    assert spec.features[-1].transform == "hour"
    assert spec.features[-1].from_ == spec.data.timestamp
    nothing = _canvas_with(clinic_board, make_opportunity, "anomaly_detection",
                           features=[{"name": "region", "type": "category"}], timestamp=None)
    spec = spec_from_canvas(nothing)
    assert spec.baseline.method == "majority"
    assert scaffold_problems(spec) == []


def test_only_the_canvas_rules_get_an_acceptance_bar(clinic_board, make_opportunity):
    for task in TASKS:
        canvas = _canvas_with(clinic_board, make_opportunity, task)
        spec = spec_from_canvas(canvas)
        assert spec.evaluation.acceptance == {}, task
    rules = _canvas_with(clinic_board, make_opportunity, "classification", heuristic={
        "text": "bleeding means urgent", "default": "routine",
        "rules": [{"when": {"feature": "pet_history", "contains_any": ["bleeding"]},
                   "predict": "urgent"}]})
    assert spec_from_canvas(rules).evaluation.acceptance == {"accuracy": 0.6}


def test_a_heuristic_rule_outside_the_outcomes_is_refused(clinic_board, make_opportunity):
    canvas = _canvas_with(clinic_board, make_opportunity, "classification", heuristic={
        "text": "x", "default": "routine",
        "rules": [{"when": {"feature": "pet_history", "contains_any": ["bleeding"]},
                   "predict": "urgnet"}]})
    with pytest.raises(ValueError, match=r"baseline\.rules\[0\]\.predict: 'urgnet' is not one "
                                         r"of prediction\.classes — did you mean 'urgent'\?"):
        spec_from_canvas(canvas)


RUNNABLE_CASES = [(task, None) for task in TASKS] + [
    ("classification", "rules-cover-one-class"),
    ("anomaly_detection", "text-only"),
    ("anomaly_detection", "category-only"),
    ("anomaly_detection", "category-and-time"),
]


@pytest.mark.slow
@pytest.mark.parametrize("task,variant", RUNNABLE_CASES,
                         ids=[f"{t}-{v or 'prefilled'}" for t, v in RUNNABLE_CASES])
def test_a_generated_spec_passes_its_own_pipeline(task, variant, tmp_path, clinic_board,
                                                  make_opportunity):
    """What issue 6 promises: the spec specgen writes scaffolds into a project whose
    prepare -> train -> evaluate passes on its own sample (evaluate exits 0)."""
    from canvas.scaffold import scaffold
    from canvas.scaffold.runtime import pipeline

    changes: dict = {}
    if variant == "rules-cover-one-class":
        changes = {"outcomes": ["urgent", "routine", "callback", "referral", "no show"],
                   "heuristic": {"text": "bleeding means urgent", "default": "routine",
                                 "rules": [{"when": {"feature": "pet_history",
                                                     "contains_any": ["bleeding"]},
                                            "predict": "urgent"}]}}
    elif variant == "text-only":
        changes = {"features": [{"name": "note", "type": "text"}], "timestamp": None}
    elif variant == "category-only":
        changes = {"features": [{"name": "region", "type": "category"}], "timestamp": None}
    elif variant == "category-and-time":
        changes = {"features": [{"name": "region", "type": "category"}]}
    spec = spec_from_canvas(_canvas_with(clinic_board, make_opportunity, task, **changes))
    out = tmp_path / "project"
    result = scaffold(spec, out)
    assert not any("does not run" in note for note in result.notes), result.notes
    pipeline.prepare(out)
    pipeline.train(out)
    report = pipeline.evaluate(out)
    assert report["accepted"] is True, report["acceptance"]
    if spec.evaluation.acceptance:
        assert [c["metric"] for c in report["acceptance"]] == list(spec.evaluation.acceptance)
    if spec.baseline.method == "zscore":  # the sample's anomalies are where it looks
        assert report["recall"] >= 0.5, report
