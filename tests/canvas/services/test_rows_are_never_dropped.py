"""A feature or column row missing a field is kept and shown with its problem, and a spec
with such a row is not valid; new columns become features even where the canvas names none
(issue 16)."""

from __future__ import annotations

import pytest

from canvas.mlcanvas.form import edit_canvas, feature_rows, form_values, incomplete_rows
from canvas.mlcanvas.model import canvas_from_data, lint_canvas, prefill_canvas
from canvas.services.export import (
    SpecEdits,
    check_spec,
    columns_from_rows,
    missing_fields,
)
from canvas.spec.from_canvas import spec_from_canvas
from eventstorming.detection import detect
from eventstorming.formats.storm import read_storm
from tests.canvas.conftest import BOARDS


@pytest.fixture
def canvas():
    board = read_storm(BOARDS / "hospital_staffing.storm")
    opp = next(o for o in detect(board).opportunities if o.anchor.text == "Forecast bed demand")
    return prefill_canvas(opp, board)


def _table(canvas, *extra):
    return [*form_values(canvas)["feature_table"], *extra]


def test_a_feature_row_without_a_name_is_kept_with_its_problem(canvas):
    result = edit_canvas(canvas, {"feature_table": _table(
        canvas, {"name": "", "type": "number", "source": "Flu season bulletin"})})
    assert result.ok, result.problems
    edited = result.canvas
    assert [f.source for f in edited.incomplete_features] == ["Flu season bulletin"]
    reloaded = canvas_from_data(edited.to_data())          # as after a reload
    assert reloaded == edited
    last = feature_rows(reloaded)[-1]
    assert last == {"name": "", "type": "number", "source": "Flu season bulletin",
                    "problem": "missing: name"}
    row = len(edited.features) + 1
    assert any(lint.box == "features" and f"feature row {row}: the name is missing"
               in lint.message for lint in lint_canvas(edited))
    with pytest.raises(ValueError, match=f"row {row}: the name is missing"):
        spec_from_canvas(edited)
    check = check_spec(edited)
    assert not check.ok
    assert any("the name is missing" in p.message for p in check.problems)


def test_a_feature_row_without_a_type_is_kept_not_guessed(canvas):
    edited = edit_canvas(canvas, {"feature_table": _table(
        canvas, {"name": "flu_cases", "type": None, "source": ""})}).canvas
    assert "flu_cases" not in [f.name for f in edited.features]
    assert edited.incomplete_features[0].missing() == "the type is missing"
    done = edit_canvas(edited, {"feature_table": [
        *form_values(edited)["feature_table"][:-1],
        {"name": "flu_cases", "type": "integer", "source": ""}]}).canvas
    assert done.incomplete_features == ()
    assert done.features[-1].name == "flu_cases"
    assert check_spec(done).ok


def test_empty_rows_are_not_rows():
    assert incomplete_rows([{"name": "", "type": None, "source": float("nan")}]) == ()


def test_a_column_row_missing_a_field_stays_and_makes_the_spec_invalid(canvas):
    check = check_spec(canvas)
    columns = [*check.data["data"]["columns"], {"name": "", "type": "number"},
               {"name": "flu_cases", "type": None}]
    kept = columns_from_rows(columns)
    assert kept[-2:] == ({"name": "", "type": "number"}, {"name": "flu_cases", "type": ""})
    n = len(columns) - 2
    assert missing_fields(kept) == {n: ("name",), n + 1: ("type",)}
    result = check_spec(canvas, SpecEdits(kept))
    assert not result.ok and result.spec is None
    assert result.only_incomplete_rows
    assert result.row_problems() == {n: "missing: name", n + 1: "missing: type"}
    assert [p.message for p in result.problems] == [
        "the name is missing: fill it in or delete the row",
        "the type is missing: fill it in or delete the row"]
    assert [p.path for p in result.problems] == [f"data.columns[{n}]",
                                                 f"data.columns[{n + 1}]"]


def test_a_wrong_column_name_is_a_problem_on_its_row_not_an_incomplete_row(canvas):
    columns = [*check_spec(canvas).data["data"]["columns"], {"name": "flu cases",
                                                            "type": "integer"}]
    result = check_spec(canvas, SpecEdits(columns_from_rows(columns)))
    assert not result.ok and not result.only_incomplete_rows
    assert "name:" in result.row_problems()[len(columns) - 1]


def test_new_columns_become_features_also_without_features_on_the_canvas(canvas):
    bare = canvas.model_copy(update={"features": ()})
    check = check_spec(bare)
    assert not check.ok
    assert [p.path for p in check.problems] == ["features"]
    assert "new columns become features" in check.problems[0].message
    shown = check.data["data"]["columns"]
    assert [c["name"] for c in shown] == ["bed_demand", canvas.timestamp], \
        "the table still shows the target and timestamp to add to"
    added = check_spec(bare, SpecEdits(columns_from_rows(
        [*shown, {"name": "flu_cases", "type": "integer"}])))
    assert added.ok, added.problems
    assert [f.name for f in added.spec.features] == ["flu_cases"]
    assert added.spec.prediction.target == "bed_demand"
