"""The ML Canvas: prefill from an opportunity and its board, guesses, lint, YAML, workspace."""

from __future__ import annotations

import pytest

from canvas.mlcanvas.model import (
    BOXES,
    CANVAS_HEADER,
    canvas_from_data,
    canvas_to_yaml,
    lint_canvas,
    load_canvases,
    prefill_canvas,
    read_canvas,
    save_canvas,
)
from canvas.spec.model import CANVAS_BOXES
from canvas.workspace.store import ConflictError, Workspace
from eventstorming import parse_storm


@pytest.fixture
def triage(clinic_board, make_opportunity):
    return make_opportunity(clinic_board, "Triage request", "classification")


def test_ten_boxes_with_guiding_questions():
    assert [b.key for b in BOXES] == list(CANVAS_BOXES)
    assert len({b.question for b in BOXES}) == 10
    assert all(b.question.endswith(("?", ".")) for b in BOXES)


def test_every_box_is_prefilled_from_the_board(triage, clinic_board):
    canvas = prefill_canvas(triage, clinic_board)
    for box in BOXES:
        assert canvas.box(box.key), f"{box.key} is empty"
    text = {k: " ".join(n.text for n in canvas.box(k)) for k in CANVAS_BOXES}
    # the actor and hotspot give the value proposition
    assert "Receptionist" in text["value_proposition"]
    assert "Urgent cases wait behind routine check-ups" in text["value_proposition"]
    # alternative outcome events give labels and classes
    assert canvas.prediction.outcomes == ("urgent", "routine")
    assert canvas.prediction.label_source == ("Request marked urgent",
                                              "Request marked routine")
    assert "Request marked urgent" in text["data_collection"]
    # read models give data sources and features
    assert "Pet history" in text["data_sources"]
    assert [f.name for f in canvas.features] == ["vet_calendar", "treatment_durations",
                                                 "pet_history"]
    # an upstream event makes it real time
    assert canvas.serving == "realtime"
    assert "Treatment duration estimated" in text["making_predictions"]
    assert canvas.prediction.heuristic.text


def test_guesses_are_marked_and_facts_are_not(triage, clinic_board):
    canvas = prefill_canvas(triage, clinic_board)
    facts = [n for n in canvas.box("data_sources")]
    assert facts and not any(n.guess for n in facts)
    assert all(n.guess for n in canvas.box("building_models"))
    assert canvas.prediction.heuristic.guess
    assert canvas.guesses() > 5


def test_german_board_gets_german_sentences(make_opportunity):
    board = parse_storm(
        "# Schadenmeldung\nlang: de\n\n## Service\n"
        "a: Sachbearbeiter -> c: Schaden einstufen {minutes: 6} -> e: Schaden eingestuft\n"
        "r: Schadenhistorie -> a: Sachbearbeiter\n"
        "c: Schaden einstufen -> h: Einstufung dauert zu lange\n")
    opp = make_opportunity(board, "Schaden einstufen", "classification")
    canvas = prefill_canvas(opp, board)
    assert canvas.lang == "de"
    first = canvas.box("value_proposition")[0].text
    assert "erledigt 'Schaden einstufen' heute von Hand" in first
    assert canvas.prediction.entity == "Schaden"


def test_lint_on_a_complete_prefill_only_lists_guesses(triage, clinic_board):
    lints = lint_canvas(prefill_canvas(triage, clinic_board))
    assert [lint.level for lint in lints] == ["guess"]


def test_lint_names_what_is_missing_or_risky(clinic_board, make_opportunity):
    opp = make_opportunity(clinic_board, "Triage request", "classification",
                           outcomes=(), high_stakes=True)
    data = prefill_canvas(opp, clinic_board).to_data()
    data["boxes"]["building_models"] = []
    data["prediction"]["heuristic"] = {"text": ""}
    data["human_review"] = False
    data["fairness_check"] = None
    data["monitoring_metric"] = ""
    lints = {(lint.box, lint.level): lint.message for lint in
             lint_canvas(canvas_from_data(data))}
    assert "the box is empty" in lints[("building_models", "missing")]
    assert "no label source" in lints[("data_collection", "missing")]
    assert "no heuristic" in lints[("prediction_task", "missing")]
    assert "without human review" in lints[("decisions", "risky")]
    assert "without a fairness check" in lints[("impact_simulation", "risky")]
    assert "no monitoring metric" in lints[("monitoring", "missing")]


def test_high_stakes_prefill_has_review_and_fairness(clinic_board, make_opportunity):
    opp = make_opportunity(clinic_board, "Triage request", "classification",
                           high_stakes=True)
    canvas = prefill_canvas(opp, clinic_board)
    assert canvas.human_review and canvas.fairness_check and canvas.risk == "high"
    assert not [lint for lint in lint_canvas(canvas) if lint.level == "risky"]


def test_yaml_round_trip_and_guess_syntax(tmp_path, triage, clinic_board):
    canvas = prefill_canvas(triage, clinic_board)
    text = canvas_to_yaml(canvas)
    assert text.startswith(CANVAS_HEADER)
    assert "- guess: " in text
    path = tmp_path / "canvas.yaml"
    path.write_text(text)
    assert read_canvas(path) == canvas
    # a person confirms a sentence by deleting 'guess:'
    path.write_text(text.replace("- guess: Keep a small share", "- Keep a small share"))
    confirmed = read_canvas(path)
    assert confirmed.guesses() == canvas.guesses() - 1


def test_bad_canvas_files_are_clear_errors(tmp_path, triage, clinic_board):
    data = prefill_canvas(triage, clinic_board).to_data()
    data["boxes"]["monitorng"] = ["x"]
    with pytest.raises(ValueError, match="unknown box 'monitorng' — did you mean "
                                         "'monitoring'"):
        canvas_from_data(data, "c.yaml")
    data = prefill_canvas(triage, clinic_board).to_data()
    data["prediction"]["task"] = "magic"
    with pytest.raises(ValueError, match=r"c\.yaml: prediction\.task"):
        canvas_from_data(data, "c.yaml")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("a: &a [1, 2]\nb: *a\n")
    with pytest.raises(ValueError, match="aliases"):
        read_canvas(bomb)
    tagged = tmp_path / "tag.yaml"
    tagged.write_text("!!python/object/apply:os.system ['true']\n")
    with pytest.raises(ValueError, match="not valid YAML"):
        read_canvas(tagged)


def test_canvases_persist_in_the_workshop(tmp_path, triage, clinic_board):
    ws = Workspace(tmp_path / "ws")
    workshop = ws.create_from_board(clinic_board)
    canvas = prefill_canvas(triage, clinic_board)
    revision = save_canvas(ws, workshop, canvas, 0, author="Dana")
    stored, rev = load_canvases(ws, workshop)
    assert rev == revision == 1 and stored[triage.id] == canvas
    with pytest.raises(ConflictError):
        save_canvas(ws, workshop, canvas, 0, author="Eve")


def test_zscore_heuristic_without_a_number_is_named(clinic_board, make_opportunity):
    opp = make_opportunity(clinic_board, "Triage request", "anomaly_detection")
    data = prefill_canvas(opp, clinic_board).to_data()
    data["features"] = [f for f in data["features"] if f["type"] != "number"]
    lints = {(lint.box, lint.level): lint.message
             for lint in lint_canvas(canvas_from_data(data))}
    assert "needs a number" in lints[("features", "missing")]


def test_canvas_errors_have_paths_and_did_you_mean(triage, clinic_board):
    data = prefill_canvas(triage, clinic_board).to_data()
    data["prediction"]["heuristic"] = {
        "text": "x", "rules": [{"when": {"feature": "pet_history", "contains_anyy": ["a"]},
                                "predict": "urgent"}]}
    data["serving"] = "real-time"
    with pytest.raises(ValueError) as info:
        canvas_from_data(data, "c.yaml")
    message = str(info.value)
    assert "c.yaml: prediction.heuristic.rules[0].when.contains_anyy: unknown operator " \
           "'contains_anyy' — did you mean 'contains_any'?" in message
    assert "c.yaml: serving: 'real-time' is not allowed — did you mean 'realtime'?" in message
