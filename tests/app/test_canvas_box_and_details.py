"""AppTest: on the Canvas page, box 2 (Prediction Task) and the details tab's Entity and
Target follow each other, and when both were set by hand the page shows the disagreement and
offers to take one side (issue 16)."""

from __future__ import annotations

from canvas.mlcanvas.form import load_canvas_doc
from canvas.spec.from_canvas import spec_from_canvas
from tests.app.test_opportunities_to_export_pages import (
    FIRST,
    WS,
    accept,
    app,  # noqa: F401  (fixture)
    open_page,
    texts,
    ws,  # noqa: F401  (fixture)
)

BOX = f"cv_{FIRST}_0_prediction_task"


def test_editing_box_two_updates_entity_and_target(app, ws):  # noqa: F811
    accept(ws, FIRST)
    at = open_page(app, "ui/canvas_page.py")
    box = at.text_area(key=BOX)
    assert box.value.startswith("? Classification for each receipt: predict the category.")
    box.set_value(box.value.replace("each receipt: predict the category",
                                    "each receipt line: predict the cost type")).run()
    assert not at.exception, at.exception
    assert at.text_input(key=f"cv_{FIRST}_0_entity").value == "receipt line"
    assert at.text_input(key=f"cv_{FIRST}_0_target").value == "cost_type"
    canvas = load_canvas_doc(ws, WS)[0][FIRST]
    assert spec_from_canvas(canvas).prediction.target == "cost_type"
    assert "disagree" not in texts(at)


def test_editing_the_target_rewrites_a_guessed_box_two(app, ws):  # noqa: F811
    accept(ws, FIRST)
    at = open_page(app, "ui/canvas_page.py")
    at.text_input(key=f"cv_{FIRST}_0_target").set_value("cost_type").run()
    assert at.text_area(key=BOX).value.startswith(
        "? Classification for each receipt: predict the cost type.")
    assert "disagree" not in texts(at)


def test_both_set_by_hand_show_the_disagreement_and_take_one_side(app, ws):  # noqa: F811
    accept(ws, FIRST)
    at = open_page(app, "ui/canvas_page.py")
    box = at.text_area(key=BOX)
    box.set_value(box.value.replace("? Classification", "Classification", 1)).run()
    at.text_input(key=f"cv_{FIRST}_0_target").set_value("cost_type").run()
    assert at.text_area(key=BOX).value.startswith(
        "Classification for each receipt: predict the category."), "the team's sentence stays"
    warnings = [w.value for w in at.warning if "disagree" in w.value]
    assert len(warnings) == 2, "beside box 2 and beside the details"
    assert "**category**" in warnings[0] and "**cost\\_type**" in warnings[0]
    at.button(key="take_box_details").click().run()
    assert not at.exception, at.exception
    assert at.text_input(key=f"cv_{FIRST}_1_target").value == "category"
    assert load_canvas_doc(ws, WS)[0][FIRST].prediction.target == "category"
    assert not [w for w in at.warning if "disagree" in w.value]

    at.text_input(key=f"cv_{FIRST}_1_target").set_value("cost_type").run()
    assert [w for w in at.warning if "disagree" in w.value]
    at.button(key="take_details_box").click().run()
    assert at.text_area(key=f"cv_{FIRST}_2_prediction_task").value.startswith(
        "Classification for each receipt: predict the cost type.")
    canvas = load_canvas_doc(ws, WS)[0][FIRST]
    assert canvas.prediction.target == "cost_type"
    assert not [w for w in at.warning if "disagree" in w.value]
