"""Box 2 (Prediction Task) and the prediction details never disagree silently (issue 16)."""

from __future__ import annotations

import pytest

from canvas.mlcanvas.agreement import (
    disagreement,
    said_in_box,
    take_box,
    take_details,
)
from canvas.mlcanvas.form import edit_canvas, form_values
from canvas.mlcanvas.model import prefill_canvas
from canvas.spec.from_canvas import spec_from_canvas
from eventstorming import parse_storm
from eventstorming.detection.detector import detect
from tests.canvas.conftest import BOARDS

HOSPITAL = (BOARDS / "hospital_staffing.storm").read_text(encoding="utf-8")


@pytest.fixture
def canvas():
    board = parse_storm(HOSPITAL, "hospital_staffing.storm")
    opp = next(o for o in detect(board).opportunities if o.anchor.text == "Forecast bed demand")
    return prefill_canvas(opp, board)


def _edit(canvas, **values):
    result = edit_canvas(canvas, values)
    assert result.ok, result.problems
    return result.canvas


def test_box_two_is_read_as_entity_and_target(canvas):
    said = said_in_box(canvas)
    assert (said.entity, said.target, said.target_column, said.guess) == (
        "ward", "bed demand", "bed_demand", True)
    assert disagreement(canvas) is None


def test_editing_box_two_moves_the_details_and_the_spec_along(canvas):
    text = form_values(canvas)["prediction_task"].replace(
        "each ward: predict the bed demand", "each hospital: predict the daily census")
    edited = _edit(canvas, prediction_task=text)
    assert (edited.prediction.entity, edited.prediction.target) == ("hospital", "daily_census")
    assert disagreement(edited) is None
    spec = spec_from_canvas(edited)
    assert (spec.prediction.entity, spec.prediction.target) == ("hospital", "daily_census")


def test_a_sentence_written_freely_is_read_too(canvas):
    edited = _edit(canvas, prediction_task="Predict the occupied beds per ward.")
    assert edited.prediction.target == "occupied_beds"


def test_editing_the_details_rewrites_box_two_while_it_is_a_guess(canvas):
    edited = _edit(canvas, target="occupied_beds", )
    assert edited.box("prediction_task")[0].text == (
        "Forecasting for each ward: predict the occupied beds.")
    assert edited.box("prediction_task")[0].guess
    edited = _edit(edited, entity="hospital")
    assert edited.box("prediction_task")[0].text.startswith("Forecasting for each hospital:")


def test_both_set_by_hand_disagree_and_either_side_can_be_taken(canvas):
    confirmed = form_values(canvas)["prediction_task"].replace("? Forecasting", "Forecasting", 1)
    canvas = _edit(canvas, prediction_task=confirmed)
    edited = _edit(canvas, target="occupied_beds")
    assert edited.box("prediction_task")[0].text.endswith("predict the bed demand."), \
        "a confirmed sentence is the team's word: never rewritten"
    found = disagreement(edited)
    assert found is not None
    assert (found.box_entity, found.box_target) == ("ward", "bed_demand")
    assert (found.details_entity, found.details_target) == ("ward", "occupied_beds")
    assert take_box(edited).prediction.target == "bed_demand"
    assert disagreement(take_box(edited)) is None
    rewritten = take_details(edited)
    assert rewritten.box("prediction_task")[0].text == (
        "Forecasting for each ward: predict the occupied beds.")
    assert disagreement(rewritten) is None


def test_box_two_edited_after_the_details_were_set_by_hand_does_not_overwrite_them(canvas):
    confirmed = form_values(canvas)["prediction_task"].replace("? Forecasting", "Forecasting", 1)
    canvas = _edit(_edit(canvas, prediction_task=confirmed), target="occupied_beds")
    text = form_values(canvas)["prediction_task"].replace("bed demand", "daily census")
    edited = _edit(canvas, prediction_task=text)
    assert edited.prediction.target == "occupied_beds"
    assert disagreement(edited).box_target == "daily_census"


def test_german_box_two_follows_too():
    board = parse_storm("# Getränke\nlang: de\n## Filiale\n"
                        "r: Tägliche Verkaufszahlen -> a: Disponent\n"
                        "a: Disponent -> c: Absatz pro Filiale prognostizieren {minutes: 45}\n"
                        "c: Absatz pro Filiale prognostizieren -> e: Bestellvorschlag erstellt\n",
                        "g.storm")
    [opp] = detect(board).opportunities
    canvas = prefill_canvas(opp, board)
    assert disagreement(canvas) is None
    text = form_values(canvas)["prediction_task"].replace("„absatz“", "„Umsatz“")
    edited = _edit(canvas, prediction_task=text)
    assert edited.prediction.target == "umsatz"


def test_a_made_up_target_said_in_german_keeps_its_column():
    board = parse_storm("# Kredit\nlang: de\n## Antrag\n"
                        "r: Kreditantrag -> a: Kreditprüfer\n"
                        "a: Kreditprüfer -> c: Bonität bewerten {minutes: 20}\n"
                        "c: Bonität bewerten -> e: Kredit bewilligt\n"
                        "c: Bonität bewerten -> e: Kredit abgelehnt\n", "k.storm")
    [opp] = detect(board).opportunities
    canvas = prefill_canvas(opp, board)
    assert canvas.prediction.target == "outcome"
    assert "„Ergebnis“" in canvas.box("prediction_task")[0].text
    text = form_values(canvas)["prediction_task"].replace("pro Kreditantrag", "pro Antrag")
    edited = _edit(canvas, prediction_task=text)
    assert (edited.prediction.entity, edited.prediction.target) == ("Antrag", "outcome")
