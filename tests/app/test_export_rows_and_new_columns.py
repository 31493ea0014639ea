"""AppTest: a feature or column row missing a field stays on its page after a reload with
its problem on the row, the spec is not called valid meanwhile, and a column added to a spec
without features becomes a feature (issue 16)."""

from __future__ import annotations

from canvas.mlcanvas.form import load_canvas_doc
from canvas.services.export import load_spec_edits
from tests.app.test_opportunities_to_export_pages import (
    FIRST,
    WS,
    accept,
    app,  # noqa: F401  (fixture)
    open_page,
    ws,  # noqa: F401  (fixture)
)


def _buttons(at):
    return {b.proto.label: b.proto for b in at.get("download_button")}


def test_a_feature_row_without_a_name_survives_a_reload(app, ws, make_app):  # noqa: F811
    accept(ws, FIRST)
    at = open_page(app, "ui/canvas_page.py")
    at.session_state[f"cvt_{FIRST}_0"] = {
        "edited_rows": {}, "added_rows": [{"type": "number", "source": "Receipt total"}],
        "deleted_rows": []}
    at.run()
    assert not at.exception, at.exception
    canvas = load_canvas_doc(ws, WS)[0][FIRST]
    assert [f.source for f in canvas.incomplete_features] == ["Receipt total"]

    again = open_page(make_app().run(), "ui/canvas_page.py")        # a reload
    table = again.data_editor[0].value
    assert list(table["source"])[-1] == "Receipt total"
    assert list(table["problem"])[-1] == "missing: name"
    assert any("the name is missing" in c.value for c in again.caption), "lint on the box"

    export = open_page(again, "ui/export.py")
    assert "not valid yet" in export.error[0].value
    assert any("the name is missing" in e.value for e in export.error)
    assert _buttons(export)["Download spec"].disabled


def test_a_column_row_without_a_type_stays_on_its_row_and_blocks_the_download(
        app, ws, make_app):  # noqa: F811
    accept(ws, FIRST)
    at = open_page(app, "ui/export.py")
    at.session_state[f"cols_{FIRST}_0"] = {
        "edited_rows": {}, "added_rows": [{"name": "amount"}], "deleted_rows": []}
    at.run()
    assert not at.exception, at.exception
    edits, revision = load_spec_edits(ws, WS)
    assert revision == 1 and {"name": "amount", "type": ""} in edits[FIRST].columns

    again = open_page(make_app().run(), "ui/export.py")             # a reload
    table = again.data_editor[0].value
    assert list(table["name"])[-1] == "amount"
    assert list(table["problem"])[-1] == "missing: type"
    assert "not valid yet" in again.error[0].value
    assert not again.success, "never called valid"
    assert _buttons(again)["Download spec"].disabled

    again.session_state[f"cols_{FIRST}_1"] = {
        "edited_rows": {len(table) - 1: {"type": "number"}}, "added_rows": [],
        "deleted_rows": []}
    again.run()
    assert "Valid spec" in again.success[0].value
    assert "from: amount" in again.code[0].value, "the new column became a feature"
    assert not _buttons(again)["Download spec"].disabled


def test_a_column_added_to_a_spec_without_features_becomes_a_feature(app, ws):  # noqa: F811
    accept(ws, FIRST)
    at = open_page(app, "ui/canvas_page.py")
    at.session_state[f"cvt_{FIRST}_0"] = {
        "edited_rows": {}, "added_rows": [], "deleted_rows": [0, 1]}
    at.run()
    assert load_canvas_doc(ws, WS)[0][FIRST].features == ()
    at = open_page(at, "ui/export.py")
    assert "not valid yet" in at.error[0].value
    assert any("new columns become features" in e.value for e in at.error)
    table = at.data_editor[0].value
    assert list(table["role"]) == ["target", "timestamp"]
    at.session_state[f"cols_{FIRST}_0"] = {
        "edited_rows": {}, "added_rows": [{"name": "merchant", "type": "text"}],
        "deleted_rows": []}
    at.run()
    assert not at.exception, at.exception
    assert "Valid spec" in at.success[0].value
    assert list(at.data_editor[0].value["role"]) == ["target", "timestamp", "feature"]
    assert load_spec_edits(ws, WS)[0][FIRST].columns[-1] == {"name": "merchant",
                                                            "type": "text"}


def test_an_empty_row_just_added_is_left_to_be_typed_into(app, ws):  # noqa: F811
    """The editor adds an empty row before anyone types: saving then would redraw the
    table and lose the row (the way rows used to vanish)."""
    accept(ws, FIRST)
    at = open_page(app, "ui/canvas_page.py")
    at.session_state[f"cvt_{FIRST}_0"] = {
        "edited_rows": {}, "added_rows": [{}], "deleted_rows": []}
    at.run()
    assert load_canvas_doc(ws, WS)[1] == 0
    assert at.data_editor[0].key == f"cvt_{FIRST}_0", "the same table, row still there"
    at = open_page(at, "ui/export.py")
    at.session_state[f"cols_{FIRST}_0"] = {
        "edited_rows": {}, "added_rows": [{}], "deleted_rows": []}
    at.run()
    assert load_spec_edits(ws, WS)[1] == 0
    assert at.data_editor[0].key == f"cols_{FIRST}_0"
