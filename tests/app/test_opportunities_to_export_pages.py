"""AppTest: every action of the Opportunities, Prioritize, Canvas and Export pages, on the
travel expense example in a temporary workspace."""

from __future__ import annotations

import re

import pytest

from canvas.mlcanvas.form import load_canvas_doc
from canvas.priorities.scoring import load_settings, save_settings
from canvas.services.export import load_spec_edits
from canvas.workspace.decisions import load_decisions, save_decisions
from canvas.workspace.store import Workspace
from eventstorming.detection import detect
from eventstorming.formats.storm import read_storm
from tests.app.conftest import ROOT

WS = "travel_expenses"
FIRST = "opp-c-assign-expense-category"
SECOND = "opp-c-transcribe-receipt-details"
HIGH = "opp-c-review-claim-against-travel-policy"

pytestmark = pytest.mark.skipif(
    not (ROOT / "examples" / WS / "board.storm").exists(),
    reason="the travel expense example is not in this checkout")


def open_page(at, page: str, **params):
    at.switch_page(page)
    at.query_params["workshop"] = WS
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def app(make_app):
    return make_app().run()


@pytest.fixture
def ws(app_env):
    return Workspace(app_env)


def decided(ws):
    return load_decisions(ws, WS)[0]


def accept(ws, *ids: str) -> None:
    decisions, revision = load_decisions(ws, WS)
    for n, opp_id in enumerate(ids):
        decisions = decisions.accept(opp_id, "Ana", at=f"2026-01-01T10:0{n}:00+00:00")
    save_decisions(ws, WS, decisions, revision, "Ana")


def shown(markdown: str) -> str:
    """Markdown as the page shows it: user text is escaped (``\\_`` shows ``_``)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def texts(at) -> str:
    return "\n".join(e.value for e in [*at.markdown, *at.caption, *at.info, *at.error,
                                       *at.warning, *at.success, *at.title, *at.subheader])


def ranking(at):
    """The ranked list (the read-only table of the Prioritize page)."""
    return next(d for d in at.dataframe if d.editing_mode == "read_only").value


def click(at, key: str):
    at.button(key=key).click().run()
    assert not at.exception, at.exception
    return at


# --------------------------------------------------------------------------- Opportunities

def test_opportunities_shows_cards_best_first_with_evidence_and_automation(app, ws):
    at = open_page(app, "ui/opportunities.py")
    assert at.title[0].value == "Opportunities"
    headings = [m.value for m in at.markdown if m.value.startswith("#### ")]
    assert headings[0] == "#### 1. Assign expense category"
    travel = read_storm(ROOT / "examples" / "travel_expenses" / "board.storm")
    assert len(headings) == len(detect(travel).opportunities)
    page = texts(at)
    assert ":blue-badge[classification]" in page
    assert "high stakes" not in page, "no decision about people on this board"
    assert "**Who decides today** · Expense clerk" in page
    assert "about 2,500 times a day · 1.5 min each" in page
    assert "in front of them" in page, "evidence sentences"
    assert "Worth automating, but not ML" in page
    assert "Whenever a claim is approved, add it to the next payroll run" in page
    assert at.get("plotly_chart"), "the board picture with the anchors"


def test_a_decision_about_people_carries_the_high_stakes_marker(app):
    app.switch_page("ui/opportunities.py")
    app.query_params["workshop"] = "contract_risk"
    app.run()
    assert not app.exception, app.exception
    assert "high stakes" in texts(app)


def test_accept_records_author_and_undo_restores(app, ws):
    at = open_page(app, "ui/opportunities.py")
    at.text_input(key="_author_input").set_value("Ana Product").run()
    click(at, f"accept_{FIRST}")
    mark = decided(ws).marks[FIRST]
    assert mark.status == "accepted" and mark.author == "Ana Product"
    assert at.button(key=f"undo_{FIRST}")
    assert "Accepted by Ana Product" in texts(at)
    click(at, f"undo_{FIRST}")
    assert decided(ws).status(FIRST) == "new"
    assert at.button(key=f"accept_{FIRST}")


def test_a_near_miss_is_promoted_with_one_click(app, ws):
    app.switch_page("ui/opportunities.py")
    app.query_params["workshop"] = "contract_risk"
    app.run()
    assert not app.exception, app.exception
    page = texts(app)
    assert "**Worth a look** (1)" in page
    assert "Price the contract" in page and "Missing" in page
    app.text_input(key="_author_input").set_value("Ana Product").run()
    click(app, "promote_opp-c-price-the-contract")
    decisions = load_decisions(ws, "contract_risk")[0]
    assert decisions.status("opp-c-price-the-contract") == "accepted"
    assert decisions.marks["opp-c-price-the-contract"].author == "Ana Product"
    promoted = decisions.manual["opp-c-price-the-contract"]
    assert promoted.evidence and not promoted.missing
    headings = [m.value for m in app.markdown if m.value.startswith("#### ")]
    assert any(h.endswith("Price the contract") for h in headings), headings
    assert "Worth a look" not in texts(app)


def test_dismiss_moves_the_card_apart_and_restore_brings_it_back(app, ws):
    at = open_page(app, "ui/opportunities.py")
    click(at, f"dismiss_{SECOND}")
    assert decided(ws).status(SECOND) == "dismissed"
    assert any(e.label.startswith("Dismissed (1)") for e in at.expander)
    click(at, f"restore_{SECOND}")
    assert decided(ws).status(SECOND) == "new"
    assert not any(e.label.startswith("Dismissed") for e in at.expander)


def test_add_an_opportunity_by_hand(app, ws):
    at = open_page(app, "ui/opportunities.py")
    at.text_input(key="new_title").set_value("Spot duplicate receipts")
    at.selectbox(key="new_task").set_value("anomaly_detection")
    at.selectbox(key="new_anchor").set_value("c-assign-expense-category")
    at.button(key="FormSubmitter:new_form-Add and accept").click().run()
    assert not at.exception, at.exception
    decisions = decided(ws)
    opp = decisions.manual["manual-spot-duplicate-receipts"]
    assert opp.task == "anomaly_detection" and opp.actor == "Expense clerk"
    assert decisions.status(opp.id) == "accepted"
    travel = read_storm(ROOT / "examples" / "travel_expenses" / "board.storm")
    last = len(detect(travel).opportunities) + 1      # a hand-made one is numbered last
    assert f"#### {last}. Spot duplicate receipts" in [m.value for m in at.markdown]


def test_a_hand_made_opportunity_without_title_is_refused(app, ws):
    at = open_page(app, "ui/opportunities.py")
    at.button(key="FormSubmitter:new_form-Add and accept").click().run()
    assert "title: an opportunity needs a title" in at.error[0].value
    assert load_decisions(ws, WS)[1] == 0, "nothing saved"


def test_edit_a_detected_opportunity_and_go_back(app, ws):
    at = open_page(app, "ui/opportunities.py")
    prefix = f"edit_{FIRST}_"
    click(at, f"edit_{FIRST}")
    at.text_input(key=f"{prefix}title").set_value("Suggest the expense category")
    at.selectbox(key=f"{prefix}task").set_value("ranking")
    at.button(key=f"FormSubmitter:{prefix}form-Save opportunity").click().run()
    assert not at.exception, at.exception
    edited = decided(ws).manual[FIRST]
    assert edited.title == "Suggest the expense category" and edited.task == "ranking"
    assert "edited by hand" in texts(at)
    click(at, f"edit_{FIRST}")          # the edit panel closed on save; open it again
    click(at, f"revert_{FIRST}")
    assert FIRST not in decided(ws).manual


def test_a_stale_tab_gets_a_conflict_and_can_reload(app, ws):
    at = open_page(app, "ui/opportunities.py")
    accept(ws, SECOND)          # another tab accepts meanwhile
    click(at, f"accept_{FIRST}")
    assert "changed in another tab" in at.error[0].value
    assert decided(ws).status(FIRST) == "new", "the stale save was refused"
    click(at, "reload_doc_conflict")
    assert not at.error
    assert at.button(key=f"undo_{SECOND}"), "the other tab's decision shows"
    click(at, f"accept_{FIRST}")
    assert decided(ws).status(FIRST) == decided(ws).status(SECOND) == "accepted"


def test_stale_weights_and_canvas_saves_are_refused_with_a_reload(app, ws):
    accept(ws, FIRST)
    at = open_page(app, "ui/prioritize.py")
    settings, revision = load_settings(ws, WS)
    save_settings(ws, WS, settings.with_weights({"data": 2.0}), revision, "Ben")
    at.slider(key="weight_risk_0").set_value(2.0).run()
    assert "changed in another tab" in at.error[0].value
    assert load_settings(ws, WS)[0].weights == {**settings.weights, "data": 2.0}
    click(at, "reload_doc_conflict")
    assert at.slider(key="weight_data_1").value == 2.0

    at = open_page(at, "ui/canvas_page.py")
    other = open_page(type(at).from_file(str(ROOT / "app.py"), default_timeout=60).run(),
                      "ui/canvas_page.py")
    other.text_area(key=f"cv_{FIRST}_0_decisions").set_value("Ben's decision").run()
    at.text_area(key=f"cv_{FIRST}_1_decisions").set_value("Ana's decision").run()
    assert "changed in another tab" in at.error[0].value
    assert load_canvas_doc(ws, WS)[0][FIRST].box("decisions")[0].text == "Ben's decision"
    click(at, "reload_doc_conflict")
    assert at.text_area(key=f"cv_{FIRST}_2_decisions").value == "Ben's decision"


def test_without_an_open_workshop_the_page_offers_a_choice(app):
    app.switch_page("ui/opportunities.py")
    app.run()
    assert "Choose a workshop first." in app.info[0].value
    app.selectbox(key="choose_Opportunities").set_value(WS).run()
    assert app.title[0].value == "Opportunities"


# --------------------------------------------------------------------------- Prioritize

def test_prioritize_needs_accepted_opportunities(app):
    at = open_page(app, "ui/prioritize.py")
    assert "No accepted opportunities yet" in at.info[0].value


def test_prioritize_shows_ranking_chart_and_reasons(app, ws):
    accept(ws, FIRST, SECOND, HIGH)
    at = open_page(app, "ui/prioritize.py")
    ranked = ranking(at)
    assert list(ranked["rank"]) == [1, 2, 3]
    assert set(ranked["title"]) == {"Assign expense category", "Transcribe receipt details",
                                     "Review claim against travel policy"}
    assert len(at.get("plotly_chart")) == 1
    scores = at.data_editor[0].value
    assert list(scores["criterion"])[0] == "Business value"
    assert scores["reason"].str.len().min() > 10


def test_a_weight_change_is_saved_and_reranks(app, ws):
    accept(ws, FIRST, SECOND, HIGH)
    at = open_page(app, "ui/prioritize.py")
    before = list(ranking(at)["title"])
    assert before[0] == "Assign expense category"
    at.slider(key="weight_labels_0").set_value(3.0).run()
    settings, revision = load_settings(ws, WS)
    assert settings.weights["labels"] == 3.0 and revision == 1
    assert at.slider(key="weight_labels_1").value == 3.0
    after = list(ranking(at)["title"])
    assert after[0] == "Review claim against travel policy", "its outcomes are the labels"
    assert sorted(after) == sorted(before)


def test_equal_weights_resets(app, ws):
    accept(ws, FIRST)
    settings, revision = load_settings(ws, WS)
    save_settings(ws, WS, settings.with_weights({"value": 2.5}), revision)
    at = open_page(app, "ui/prioritize.py")
    equal = next(b for b in at.button if b.label == "Equal weights")
    equal.click().run()
    assert load_settings(ws, WS)[0].weights["value"] == 1.0


def test_overriding_a_score_records_the_author(app, ws):
    accept(ws, FIRST, SECOND)
    at = open_page(app, "ui/prioritize.py")
    at.text_input(key="_author_input").set_value("Ana").run()
    at.text_input(key="override_reason").set_value("no receipt archive yet").run()
    at.session_state[f"scores_{FIRST}_0"] = {
        "edited_rows": {1: {"score": 1}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception, at.exception
    settings, revision = load_settings(ws, WS)
    override = settings.overrides[FIRST]["data"]
    assert override.score == 1 and override.author == "Ana" and revision == 1
    assert override.reason == "no receipt archive yet"
    row = at.data_editor[0].value.iloc[1]
    assert row["score"] == 1 and row["override"].startswith("Ana, ")
    assert row["override"].endswith(": no receipt archive yet")
    assert ranking(at).iloc[0]["overrides"] in (0, 1)


def test_scores_of_another_opportunity_and_csv(app, ws):
    accept(ws, FIRST, SECOND)
    at = open_page(app, "ui/prioritize.py")
    at.segmented_control(key=f"scores_of_{WS}").set_value(SECOND).run()
    assert "Transcribe" in at.data_editor[0].value.iloc[0]["reason"] or \
        at.data_editor[0].value.iloc[0]["suggested"] >= 1
    assert any(b.proto.label == "Download CSV" for b in at.get("download_button"))


# --------------------------------------------------------------------------- Canvas

def test_canvas_needs_an_accepted_opportunity(app):
    at = open_page(app, "ui/canvas_page.py")
    assert "Accept an opportunity first" in at.info[0].value


def test_canvas_is_prefilled_with_questions_lint_and_preview(app, ws):
    accept(ws, FIRST, SECOND)
    at = open_page(app, "ui/canvas_page.py", opportunity=SECOND)
    assert at.selectbox(key=f"canvas_of_{WS}").value == SECOND
    boxes = [m.value for m in at.markdown if m.value.startswith("**") and ". " in m.value[:6]]
    assert boxes[0] == "**1. Value Proposition**" and len(boxes) == 10
    page = texts(at)
    assert "Who is the end user?" in page, "guiding questions"
    assert "sentences are still guesses" in page, "lint beside its box"
    assert "Prefilled from the board" in page
    assert at.text_area(key=f"cv_{SECOND}_0_value_proposition").value.startswith(
        "Expense clerk does")
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Markdown", "HTML poster"]
    assert at.get("iframe"), "the poster preview"


def test_editing_a_box_saves_at_once(app, ws):
    accept(ws, FIRST)
    at = open_page(app, "ui/canvas_page.py")
    at.text_area(key=f"cv_{FIRST}_0_decisions").set_value(
        "Suggest the category; the clerk confirms with one click").run()
    canvases, revision = load_canvas_doc(ws, WS)
    assert revision == 1
    assert canvases[FIRST].box("decisions")[0].text.startswith("Suggest the category")
    assert at.text_area(key=f"cv_{FIRST}_0_decisions").value.startswith("Suggest the")
    assert "Saved · revision 1" in texts(at)


def test_a_wrong_detail_shows_its_problem_and_is_not_saved(app, ws):
    accept(ws, FIRST)
    at = open_page(app, "ui/canvas_page.py")
    at.text_input(key=f"cv_{FIRST}_0_target").set_value("expense category").run()
    assert "Not saved" in at.error[0].value and "expense_category" in shown(at.error[0].value)
    assert load_canvas_doc(ws, WS)[1] == 0
    at.text_input(key=f"cv_{FIRST}_0_target").set_value("expense_category").run()
    assert not at.error
    assert load_canvas_doc(ws, WS)[0][FIRST].prediction.target == "expense_category"


def test_details_outcomes_costs_review_and_features(app, ws):
    accept(ws, FIRST)
    at = open_page(app, "ui/canvas_page.py")
    at.text_input(key=f"cv_{FIRST}_0_outcomes").set_value("fuel, hotel, other").run()
    at.text_area(key=f"cv_{FIRST}_0_error_costs").set_value(
        "fuel as hotel: the report is wrong").run()
    at.toggle(key=f"cv_{FIRST}_0_human_review").set_value(False).run()
    at.session_state[f"cvt_{FIRST}_3"] = {
        "edited_rows": {0: {"type": "text"}},
        "added_rows": [{"name": "amount", "type": "number", "source": "Receipt"}],
        "deleted_rows": []}
    at.run()
    assert not at.exception, at.exception
    canvas = load_canvas_doc(ws, WS)[0][FIRST]
    assert canvas.prediction.outcomes == ("fuel", "hotel", "other")
    assert canvas.prediction.error_costs == {"fuel_as_hotel": "the report is wrong"}
    assert not canvas.human_review
    assert canvas.features[0].type == "text" and canvas.features[-1].name == "amount"


def test_a_bad_feature_row_is_shown_and_not_saved(app, ws):
    accept(ws, FIRST)
    at = open_page(app, "ui/canvas_page.py")
    at.session_state[f"cvt_{FIRST}_0"] = {
        "edited_rows": {}, "added_rows": [{"name": "2 bad", "type": "text"}],
        "deleted_rows": []}
    at.run()
    assert any("'2 bad' is not a column name" in e.value for e in at.error)
    assert load_canvas_doc(ws, WS)[1] == 0


def test_prefill_again_replaces_the_canvas(app, ws):
    accept(ws, FIRST)
    at = open_page(app, "ui/canvas_page.py")
    at.text_area(key=f"cv_{FIRST}_0_monitoring").set_value("Weekly review").run()
    next(b for b in at.button if b.label == "Prefill again").click().run()
    canvas = load_canvas_doc(ws, WS)[0][FIRST]
    assert canvas.box("monitoring")[0].text != "Weekly review"


def test_canvas_picks_another_opportunity(app, ws):
    accept(ws, FIRST, SECOND)
    at = open_page(app, "ui/canvas_page.py")
    at.selectbox(key=f"canvas_of_{WS}").set_value(SECOND).run()
    assert at.query_params["opportunity"] == [SECOND] or \
        at.query_params["opportunity"] == SECOND
    assert at.text_input(key=f"cv_{SECOND}_0_title").value == "Transcribe receipt details"


# --------------------------------------------------------------------------- Export

def test_export_shows_the_valid_spec_tree_and_downloads(app, ws):
    accept(ws, FIRST)
    at = open_page(app, "ui/export.py")
    assert "Valid spec" in at.success[0].value
    codes = [c.value for c in at.code]
    assert codes[0].startswith("# yaml-language-server") and "apiVersion: mlcanvas/v1" in codes[0]
    assert codes[1].startswith("assign-expense-category/") and "Makefile" in codes[1]
    buttons = {b.proto.label: b.proto for b in at.get("download_button")}
    assert not buttons["Download spec"].disabled and not buttons["Download scaffold"].disabled
    columns = at.data_editor[0].value
    assert list(columns["role"]) == ["feature", "feature", "target", "timestamp"]


def test_baseline_rules_are_saved_when_valid(app, ws):
    accept(ws, FIRST)
    at = open_page(app, "ui/export.py")
    at.text_area(key=f"spec_{FIRST}_0_baseline").set_value(
        "method: rules\nrules:\n  - when: {feature: receipt_line_items, contains_any: "
        "[hotel]}\n    predict: lodging\ndefault: other\n").run()
    edits, revision = load_spec_edits(ws, WS)
    assert revision == 1 and edits[FIRST].baseline["method"] == "rules"
    assert "predict: lodging" in at.code[0].value
    assert "Saved with your changes" in at.success[0].value


def test_a_bad_rule_is_shown_against_its_field_and_not_saved(app, ws):
    accept(ws, FIRST)
    at = open_page(app, "ui/export.py")
    at.text_area(key=f"spec_{FIRST}_0_baseline").set_value(
        "method: rules\nrules:\n  - when: {feature: receipt_line_items, contains_anyy: "
        "[hotel]}\n    predict: lodging\ndefault: other\n").run()
    errors = [shown(e.value) for e in at.error]
    assert any("**baseline.rules[0].when.contains_anyy**" in e and "did you mean 'contains_any'"
               in e and e.startswith("Not saved") for e in errors), errors
    assert load_spec_edits(ws, WS)[1] == 0
    assert "Valid spec" in at.success[0].value, "the saved spec is still the valid one"
    at.text_area(key=f"spec_{FIRST}_0_baseline").set_value("method: [").run()
    assert any("Not saved" in e.value for e in at.error)


def test_columns_are_edited_with_problems_before_saving(app, ws):
    accept(ws, FIRST)
    at = open_page(app, "ui/export.py")
    at.session_state[f"cols_{FIRST}_0"] = {
        "edited_rows": {0: {"name": "line items"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert any("**data.columns[0].name**" in shown(e.value) for e in at.error)
    assert load_spec_edits(ws, WS)[1] == 0
    at.session_state[f"cols_{FIRST}_0"] = {
        "edited_rows": {0: {"type": "text"}},
        "added_rows": [{"name": "amount", "type": "number"}], "deleted_rows": []}
    at.run()
    assert not at.exception, at.exception
    edits, revision = load_spec_edits(ws, WS)
    assert revision == 1
    assert {"name": "amount", "type": "number"} in edits[FIRST].columns
    assert "amount" in at.code[0].value
    next(b for b in at.button if b.label.startswith("Make the spec from the canvas")) \
        .click().run()
    assert load_spec_edits(ws, WS)[0][FIRST].columns is None


def test_export_reports_a_canvas_that_cannot_make_a_spec(app, ws):
    accept(ws, FIRST)
    at = open_page(app, "ui/canvas_page.py")
    at.session_state[f"cvt_{FIRST}_0"] = {
        "edited_rows": {}, "added_rows": [], "deleted_rows": [0, 1]}
    at.run()
    assert load_canvas_doc(ws, WS)[0][FIRST].features == ()
    at = open_page(at, "ui/export.py")
    assert "not valid yet" in at.error[0].value
    buttons = {b.proto.label: b.proto for b in at.get("download_button")}
    assert buttons["Download spec"].disabled and buttons["Download scaffold"].disabled
