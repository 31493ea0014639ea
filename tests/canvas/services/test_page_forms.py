"""The domain behind the Canvas, Prioritize and Export pages: canvas.mlcanvas.form,
canvas.priorities.table and canvas.services.export."""

from __future__ import annotations

import io
import zipfile

import pytest

from canvas.mlcanvas.form import (
    canvas_for,
    costs_from_text,
    edit_canvas,
    features_from_rows,
    form_values,
    load_canvas_doc,
    notes_from_text,
    notes_to_text,
    outcomes_from_text,
    save_canvas_doc,
)
from canvas.mlcanvas.model import Note, prefill_canvas
from canvas.priorities.scoring import PrioritySettings, prioritize
from canvas.priorities.table import (
    MAX_SIZE,
    MIN_SIZE,
    apply_score_changes,
    chart_points,
    criteria_rows,
    ranking_rows,
    score_changes,
)
from canvas.services.export import (
    SpecEdits,
    baseline_from_text,
    baseline_to_text,
    check_spec,
    column_roles,
    columns_from_rows,
    features_for_columns,
    load_spec_edits,
    project_tree,
    save_spec_edits,
    scaffold_zip,
    tree_text,
)
from canvas.spec.validate import validate_text
from canvas.workspace.store import ConflictError, Workspace
from eventstorming.detection.detector import detect
from eventstorming.formats.storm import parse_storm

BOARD = parse_storm("""# Receipts
lang: en
## Employee
a: Employee -> c: Submit receipt {volume: 300/day} -> e: Receipt submitted
## Accounting
e: Receipt submitted -> p: When a receipt arrives -> c: Categorize receipt {minutes: 2}
c: Categorize receipt -> e: Receipt categorized
r: Merchant list and amount -> c: Categorize receipt
a: Accountant -> c: Categorize receipt
h: Receipts without merchant name -> c: Categorize receipt
c: Check receipt for fraud {volume: 20/day} -> e: Receipt flagged
c: Check receipt for fraud -> e: Receipt cleared
a: Auditor -> c: Check receipt for fraud
r: Receipt history -> c: Check receipt for fraud
""")


@pytest.fixture(scope="module")
def opportunities():
    return detect(BOARD).opportunities


@pytest.fixture(scope="module")
def canvas(opportunities):
    opp = next(o for o in opportunities if o.anchor.id == "c-categorize-receipt")
    return prefill_canvas(opp, BOARD)


# --------------------------------------------------------------------------- canvas form

def test_notes_round_trip_with_guesses():
    notes = (Note(text="Read off the board"), Note(text="Inferred", guess=True))
    text = notes_to_text(notes)
    assert text == "Read off the board\n? Inferred"
    assert notes_from_text(text + "\n\n   \n?  \n") == notes


def test_error_costs_and_outcomes_from_text():
    assert costs_from_text("false positive: an honest claim waits\n\nmissed: fraud paid") \
        == {"false_positive": "an honest claim waits", "missed": "fraud paid"}
    with pytest.raises(ValueError, match="line 2: write 'kind of error: what it costs'"):
        costs_from_text("a: b\nno colon here")
    with pytest.raises(ValueError, match="line 2: 'A' is named twice"):
        costs_from_text("a: b\nA: c")
    assert outcomes_from_text("fuel, hotel ,, fuel\nother") == ("fuel", "hotel", "other")


def test_feature_rows_are_checked_row_by_row():
    rows = [{"name": "merchant", "type": "text", "source": "Merchant list"},
            {"name": "", "type": "number"}, {"name": "amount", "type": "number"}]
    assert [f.name for f in features_from_rows(rows)] == ["merchant", "amount"]
    with pytest.raises(ValueError, match="row 1: '2nd' is not a column name"):
        features_from_rows([{"name": "2nd", "type": "text"}])
    with pytest.raises(ValueError, match="row 2: type 'money'"):
        features_from_rows([{"name": "a", "type": "text"}, {"name": "b", "type": "money"}])
    with pytest.raises(ValueError, match="named twice"):
        features_from_rows([{"name": "a", "type": "text"}, {"name": "a", "type": "text"}])


def test_form_values_round_trip_to_the_same_canvas(canvas):
    values = form_values(canvas)
    assert values["features"] == notes_to_text(canvas.box("features")), \
        "the Features box is text, the feature table a field of its own"
    result = edit_canvas(canvas, values)
    assert result.ok and result.canvas == canvas


def test_editing_boxes_and_details(canvas):
    result = edit_canvas(canvas, {
        "value_proposition": "Accountants save an hour a day\n? fewer wrong categories",
        "target": "category", "outcomes": "fuel, hotel, other",
        "error_costs": "fuel as hotel: a wrong report", "human_review": False,
        "feature_table": [{"name": "merchant", "type": "text", "source": "Merchant list"}]})
    assert result.ok, result.problems
    new = result.canvas
    assert new.box("value_proposition") == (
        Note(text="Accountants save an hour a day"),
        Note(text="fewer wrong categories", guess=True))
    assert new.prediction.outcomes == ("fuel", "hotel", "other")
    assert new.prediction.error_costs == {"fuel_as_hotel": "a wrong report"}
    assert [f.name for f in new.features] == ["merchant"] and not new.human_review
    assert new.box("decisions") == canvas.box("decisions"), "untouched boxes stay"


def test_every_wrong_field_is_named_and_nothing_changes(canvas):
    result = edit_canvas(canvas, {"title": "  ", "target": "the category",
                                  "error_costs": "no colon",
                                  "feature_table": [{"name": "1x", "type": "text"}]})
    assert result.canvas is None and not result.ok
    assert set(result.problems) == {"title", "target", "error_costs", "feature_table"}
    assert "e.g. 'the_category'" in result.problems["target"]


def test_canvases_persist_with_revisions_and_conflicts(tmp_path, canvas, opportunities):
    ws = Workspace(tmp_path)
    workshop = ws.create_from_board(BOARD)
    stored, revision = load_canvas_doc(ws, workshop)
    assert stored == {} and revision == 0
    opp = next(o for o in opportunities if o.id == canvas.opportunity)
    assert canvas_for(opp, BOARD, stored) == canvas, "not stored yet: prefilled"
    edited = edit_canvas(canvas, {"owner": "Ana"}).canvas
    assert save_canvas_doc(ws, workshop, opp.id, edited, 0, "Ana") == 1
    stored, revision = load_canvas_doc(ws, workshop)
    assert canvas_for(opp, BOARD, stored).owner == "Ana" and revision == 1
    with pytest.raises(ConflictError):
        save_canvas_doc(ws, workshop, opp.id, canvas, 0, "Ben")


# --------------------------------------------------------------------------- priorities

def test_criteria_rows_and_score_changes(opportunities):
    priority = prioritize(opportunities, BOARD)[0]
    rows = criteria_rows(priority)
    assert [r["criterion"] for r in rows][:2] == ["Business value", "Data availability"]
    assert all(r["reason"] and r["score"] == r["suggested"] for r in rows)
    assert score_changes(priority, rows) == []
    changed = [dict(r) for r in rows]
    changed[1]["score"] = 1 if rows[1]["suggested"] != 1 else 2
    changed[5]["score"] = float(rows[5]["suggested"] % 5 + 1)
    changes = score_changes(priority, changed)
    assert changes == [("data", changed[1]["score"]), ("risk", int(changed[5]["score"]))]
    settings = apply_score_changes(PrioritySettings(), priority.id, changes, "Ana",
                                   at="2026-01-01T00:00:00+00:00")
    again = prioritize(opportunities, BOARD, settings)
    mine = next(p for p in again if p.id == priority.id)
    assert mine.score_of("data").override.author == "Ana"
    rows_now = criteria_rows(mine)
    assert rows_now[1]["override"].startswith("Ana, 2026-01-01 00:00")
    back = [dict(r) for r in rows_now]
    back[1]["score"] = back[1]["suggested"]
    assert score_changes(mine, back) == [("data", None)], "back to the suggestion"
    cleared = apply_score_changes(settings, priority.id, [("data", None)], "Ana")
    assert "data" not in cleared.overrides[priority.id]


@pytest.mark.parametrize("bad", [0, 6, 2.5, None, "4"])
def test_a_score_outside_one_to_five_is_refused(opportunities, bad):
    priority = prioritize(opportunities, BOARD)[0]
    rows = criteria_rows(priority)
    rows[0] = {**rows[0], "score": bad}
    with pytest.raises(ValueError, match="Business value"):
        score_changes(priority, rows)


def test_ranking_rows_and_chart_points(opportunities):
    ranked = prioritize(opportunities, BOARD)
    rows = ranking_rows(ranked)
    assert [r["rank"] for r in rows] == list(range(1, len(ranked) + 1))
    assert "value" in rows[0] and "data" in rows[0] and "hours_per_year" in rows[0]
    points = chart_points(ranked)
    by_id = {p.id: p for p in points}
    volumes = {p.id: p.opportunity.volume_per_day for p in ranked}
    biggest = max(volumes, key=lambda i: volumes[i] or 0)
    assert by_id[biggest].size == MAX_SIZE
    assert all(MIN_SIZE <= p.size <= MAX_SIZE for p in points)


def test_chart_points_spread_bubbles_on_one_spot(opportunities):
    ranked = prioritize(opportunities, BOARD)
    twins = [ranked[0], ranked[0].__class__(**{**ranked[0].__dict__, "rank": 9})]
    points = chart_points(twins)
    assert (points[0].value, points[0].feasibility) != (points[1].value, points[1].feasibility)


# --------------------------------------------------------------------------- spec edits

def test_spec_from_canvas_is_valid_and_round_trips(canvas):
    check = check_spec(canvas)
    assert check.ok and check.can_scaffold, check.problems
    assert validate_text(check.yaml).ok
    roles = column_roles(check.data)
    assert roles[check.spec.prediction.target] == "target"
    assert "feature" in roles.values()


def test_columns_edit_retypes_renames_and_adds_features(canvas):
    base = check_spec(canvas).data
    rows = [dict(c) for c in base["data"]["columns"]]
    rows[0]["type"] = "text"
    rows.append({"name": "tip", "type": "number"})
    rows.append({"name": None, "type": None})
    check = check_spec(canvas, SpecEdits(columns_from_rows(rows)))
    assert check.ok, check.problems
    assert check.spec.data.columns[0].type == "text"
    assert "tip" in check.spec.feature_names


def test_problems_are_kept_against_their_field(canvas):
    bad = SpecEdits(columns=({"name": "2nd", "type": "text"}, {"name": "x", "type": "money"}))
    check = check_spec(canvas, bad)
    assert not check.ok and check.spec is None
    paths = [p.path for p in check.problems_at("data")]
    assert "data.columns[0].name" in paths and "data.columns[1].type" in paths
    assert "not a valid name" in check.problems_at("data.columns[0]")[0].message
    rules = baseline_from_text("method: rules\nrules:\n  - when: {feature: nowhere, "
                               "contains_anyy: [x]}\n    predict: fuel\ndefault: other\n")
    check = check_spec(canvas, SpecEdits(baseline=rules))
    assert check.problems_at("baseline") and not check.problems_at("data")
    assert "did you mean 'contains_any'" in check.problems_at("baseline")[0].message


def test_baseline_text_round_trip_and_errors():
    baseline = {"method": "rules", "rules": [{"when": {"feature": "m", "eq": "x"},
                                              "predict": "a"}], "default": "b"}
    assert baseline_from_text(baseline_to_text(baseline)) == baseline
    with pytest.raises(ValueError, match="mapping"):
        baseline_from_text("- just a list")
    with pytest.raises(ValueError, match="line"):
        baseline_from_text("method: [rules")
    with pytest.raises(ValueError):
        baseline_from_text("a: !!python/object:os.system ls")


def test_features_follow_the_columns():
    features = [{"name": "m", "from": "merchant"}, {"name": "gone", "from": "old"}]
    columns = [{"name": "merchant", "type": "text"}, {"name": "note", "type": "text"},
               {"name": "label", "type": "category"}]
    assert features_for_columns(features, columns, ["label"]) == [
        {"name": "m", "from": "merchant"},
        {"name": "note", "from": "note", "transform": "lowercase"}]


def test_a_canvas_without_features_is_a_problem_not_a_crash(canvas):
    empty = edit_canvas(canvas, {"feature_table": []}).canvas
    check = check_spec(empty)
    assert not check.ok and check.problems[0].path == "features"


def test_project_tree_and_zip_agree(canvas):
    spec = check_spec(canvas).spec
    paths = project_tree(spec)
    assert "Makefile" in paths and spec.data.source in paths
    text = tree_text(paths, "project/")
    assert text.splitlines()[0] == "project/" and "└── " in text
    with zipfile.ZipFile(io.BytesIO(scaffold_zip(spec, rows=200))) as archive:
        names = {n.split("/", 1)[1] for n in archive.namelist()}
    assert set(paths) <= names
    assert {n.split("/", 1)[0] for n in archive.namelist()} == {spec.metadata.name}


def test_spec_edits_persist_with_conflicts(tmp_path, canvas):
    ws = Workspace(tmp_path)
    workshop = ws.create_from_board(BOARD)
    assert load_spec_edits(ws, workshop) == ({}, 0)
    edits = SpecEdits(baseline={"method": "majority"})
    assert save_spec_edits(ws, workshop, "opp", edits, 0, "Ana") == 1
    assert load_spec_edits(ws, workshop) == ({"opp": edits}, 1)
    with pytest.raises(ConflictError):
        save_spec_edits(ws, workshop, "opp", SpecEdits(), 0, "Ben")
