"""AppTest: every action of the Board page."""

from __future__ import annotations

import pytest

from canvas.workspace.store import Workspace
from eventstorming.formats.io import EXPORTERS
from tests.app.conftest import open_board, seed_workspace

WS = "receipt-handling"


@pytest.fixture
def workshop(app_env):
    return seed_workspace(app_env)


@pytest.fixture
def at(make_app, workshop):
    app = make_app().run()
    return open_board(app, workshop)


def saved(app_env, workshop=WS):
    return Workspace(app_env).load_board(workshop)


def capture(at, line, workshop=WS):
    """Type a line into Quick capture and press Enter (which submits its form)."""
    at.text_input(key=f"capture_{workshop}").set_value(line)
    at.button(key="capture_add").click().run()
    assert not at.exception, at.exception
    return at


def test_board_page_shows_title_status_and_picture(at, app_env):
    assert not at.exception
    assert at.title[0].value == "Receipt handling"
    assert "Saved · revision 1" in at.markdown[0].value
    assert at.get("plotly_chart"), "the board picture is drawn"
    assert at.query_params["workshop"] == WS
    assert at.segmented_control(key=f"view_{WS}").value == "Picture"


def test_capture_a_sticky_saves_clears_and_reports(at, app_env):
    before = saved(app_env)
    at.selectbox(key=f"lane_{WS}").set_value("Employee")
    capture(at, "e: Trip booked {volume: 20/day}")
    after = saved(app_env)
    assert after.revision == before.revision + 1
    sticky = after.data.sticky("e-trip-booked")
    assert sticky.lane == "Employee" and sticky.attrs == {"volume": "20/day"}
    assert any("Added event “Trip booked”" in c.value for c in at.caption)
    assert f"revision {after.revision}" in at.markdown[0].value


def test_capture_a_chain_links_and_keeps_existing_lanes(at, app_env):
    at.selectbox(key=f"lane_{WS}").set_value("Accounting")
    capture(at, "e: Receipt submitted -> p: Check duplicates -> c: Reject receipt")
    board = saved(app_env).data
    assert board.sticky("e-receipt-submitted").lane == "Employee"
    assert board.sticky("p-check-duplicates").lane == "Accounting"
    pairs = {(x.source, x.target) for x in board.links}
    assert ("p-check-duplicates", "c-reject-receipt") in pairs


def test_bad_line_shows_the_parser_message_and_keeps_the_text(at, app_env):
    before = saved(app_env).revision
    capture(at, "evnt: Receipt lost")
    assert "unknown kind 'evnt'" in at.error[0].value
    assert "did you mean 'event'" in at.error[0].value
    assert at.text_input(key=f"capture_{WS}").value == "evnt: Receipt lost"
    assert saved(app_env).revision == before
    capture(at, "e: Receipt lost")
    assert not at.error and saved(app_env).data.find("event", "Receipt lost")


def test_lines_the_browser_queues_are_added_through_the_hidden_form(at, app_env):
    """In a browser each line reaches the server through the queue form (capture_queue.js);
    a refused one comes back into the visible box with the message."""
    for line in ("e: Receipt scanned", "e: Receipt archived"):
        at.text_input(key=f"capture_queue_{WS}").set_value(line)
        at.button(key="capture_send").click().run()
        assert not at.exception and not at.error
    board = saved(app_env).data
    scanned = board.find("event", "Receipt scanned")
    archived = board.find("event", "Receipt archived")
    assert scanned and archived and scanned.order < archived.order
    at.text_input(key=f"capture_queue_{WS}").set_value("evnt: Receipt lost")
    at.button(key="capture_send").click().run()
    assert "unknown kind 'evnt'" in at.error[0].value
    assert at.text_input(key=f"capture_{WS}").value == "evnt: Receipt lost"


def test_lane_line_adds_and_selects_the_lane(at, app_env):
    capture(at, "## Approval")
    assert saved(app_env).data.lanes[-1] == "Approval"
    assert at.selectbox(key=f"lane_{WS}").value == "Approval"
    capture(at, "c: Approve trip")
    assert saved(app_env).data.sticky("c-approve-trip").lane == "Approval"


def test_text_mode_applies_or_names_the_bad_line(at, app_env):
    at.segmented_control(key=f"view_{WS}").set_value("Text").run()
    rev = saved(app_env).revision
    area = at.text_area(key=f"text_{WS}_{rev}")
    assert area.value.startswith("# Receipt handling")
    area.set_value(area.value + "\nthis line is wrong\n")
    next(b for b in at.button if b.label == "Apply text").click().run()
    assert "board text, line" in at.error[0].value and "this line is wrong" in at.error[0].value
    assert saved(app_env).revision == rev, "nothing changes until it parses"
    at.text_area(key=f"text_{WS}_{rev}").set_value(
        "# Receipt handling v2\n## Employee\na: Employee -> c: Submit receipt\n")
    next(b for b in at.button if b.label == "Apply text").click().run()
    board = saved(app_env).data
    assert board.title == "Receipt handling v2" and len(board.stickies) == 2
    assert at.title[0].value == "Receipt handling v2"


def test_table_mode_edits_adds_and_deletes(at, app_env):
    at.segmented_control(key=f"view_{WS}").set_value("Table").run()
    rev = saved(app_env).revision
    table = at.data_editor[0].value
    assert list(table.columns) == ["id", "kind", "text", "lane", "attributes"]
    row_of = {sticky_id: i for i, sticky_id in enumerate(table["id"])}
    at.session_state[f"table_{WS}_{rev}"] = {
        "edited_rows": {row_of["a-employee"]: {"text": "Traveller"}},
        "added_rows": [{"kind": "hotspot", "text": "Receipts get lost", "lane": "Audit"}],
        "deleted_rows": [row_of["r-merchant-list"]],
    }
    at.run()
    assert not at.exception
    board = saved(app_env).data
    assert board.sticky("a-employee").text == "Traveller"
    assert board.sticky("h-receipts-get-lost").lane == "Audit"
    assert "r-merchant-list" not in board.by_id()
    assert saved(app_env).revision == rev + 1


def test_table_mode_waits_for_a_valid_row(at, app_env):
    at.segmented_control(key=f"view_{WS}").set_value("Table").run()
    rev = saved(app_env).revision
    at.session_state[f"table_{WS}_{rev}"] = {
        "edited_rows": {}, "added_rows": [{"kind": "event"}], "deleted_rows": []}
    at.run()
    assert "Not saved yet" in at.warning[0].value and "needs a text" in at.warning[0].value
    assert saved(app_env).revision == rev


def test_sticky_panel_edits_text_kind_lane_links(at, app_env):
    at.selectbox(key=f"sel_{WS}").set_value("c-categorize-receipt").run()
    prefix = "edit_c-categorize-receipt_0_"
    at.text_area(key=f"{prefix}text").set_value("Categorize expense")
    at.selectbox(key=f"{prefix}kind").set_value("policy")
    at.selectbox(key=f"{prefix}lane").set_value("Employee")
    at.text_input(key=f"{prefix}attrs").set_value("minutes: 5")
    at.multiselect(key=f"{prefix}out").set_value(["e-receipt-categorized", "a-employee"])
    at.multiselect(key=f"{prefix}in").set_value([])
    next(b for b in at.button if b.label == "Save sticky").click().run()
    assert not at.exception
    sticky = saved(app_env).data.sticky("c-categorize-receipt")
    assert (sticky.text, sticky.kind.value, sticky.lane) == (
        "Categorize expense", "policy", "Employee")
    assert sticky.attrs == {"minutes": 5}
    links = {(x.source, x.target) for x in saved(app_env).data.links}
    assert ("c-categorize-receipt", "a-employee") in links
    assert not any(t == "c-categorize-receipt" for _, t in links)


def test_sticky_panel_refuses_a_twin_with_a_message(at, app_env):
    at.selectbox(key=f"sel_{WS}").set_value("c-categorize-receipt").run()
    rev = saved(app_env).revision
    at.text_area(key="edit_c-categorize-receipt_0_text").set_value("submit receipt")
    next(b for b in at.button if b.label == "Save sticky").click().run()
    assert "already a command" in at.error[0].value
    assert saved(app_env).revision == rev


def test_delete_sticky_then_undo(at, app_env):
    at.selectbox(key=f"sel_{WS}").set_value("r-merchant-list").run()
    at.button(key="delete_r-merchant-list").click().run()
    assert "r-merchant-list" not in saved(app_env).data.by_id()
    assert at.selectbox(key=f"sel_{WS}").value is None
    next(b for b in at.button if b.label == "Undo").click().run()
    assert not at.exception
    assert "r-merchant-list" in saved(app_env).data.by_id()


def test_undo_walks_back_through_revisions(at, app_env):
    start = saved(app_env).data
    for n in range(3):
        capture(at, f"e: Step {n}")
    for n in reversed(range(3)):
        next(b for b in at.button if b.label == "Undo").click().run()
        assert saved(app_env).data.find("event", f"Step {n}") is None
    assert saved(app_env).data == start


def test_two_tabs_capture_at_once_and_both_land(make_app, workshop, app_env):
    tab_a = open_board(make_app().run(), workshop)
    tab_b = open_board(make_app().run(), workshop)
    capture(tab_a, "e: From tab A")
    capture(tab_b, "e: From tab B")          # tab B still showed the board before A's line
    assert not tab_b.error
    board = saved(app_env).data
    assert board.find("event", "From tab A") and board.find("event", "From tab B")
    assert "From tab A" in {s.text for s in tab_b.session_state["_boards"][WS].data.stickies}


def test_a_stale_tab_shows_the_latest_board_in_the_picture(make_app, workshop, app_env):
    tab_a = open_board(make_app().run(), workshop)
    tab_b = open_board(make_app().run(), workshop)
    capture(tab_a, "e: From tab A")
    tab_b.run()                              # what the poll does every second
    assert any("9 stickies" in c.value for c in tab_b.caption), [c.value for c in tab_b.caption]
    assert not tab_b.warning


def test_a_stale_tab_in_text_view_is_warned_before_it_edits(make_app, workshop, app_env):
    tab_a = open_board(make_app().run(), workshop)
    tab_b = open_board(make_app().run(), workshop)
    tab_b.segmented_control(key=f"view_{WS}").set_value("Text").run()
    capture(tab_a, "e: From tab A")
    tab_b.run()
    assert "Another tab saved revision" in tab_b.warning[0].value


def test_edits_of_one_sticky_in_two_tabs_keep_the_later_and_say_what_changed(
        make_app, workshop, app_env):
    tabs = [open_board(make_app().run(), workshop) for _ in range(2)]
    for tab, name in zip(tabs, ("Ana", "Ben"), strict=True):
        tab.text_input(key="_author_input").set_value(name).run()
        tab.selectbox(key=f"sel_{WS}").set_value("c-categorize-receipt").run()
    for tab, text in zip(tabs, ("Categorize expense", "Categorise receipt"), strict=True):
        tab.text_area(key="edit_c-categorize-receipt_0_text").set_value(text)
        next(b for b in tab.button if b.label == "Save sticky").click().run()
        assert not tab.exception
    assert saved(app_env).data.sticky("c-categorize-receipt").text == "Categorise receipt"
    notice = tabs[1].warning[0].value
    assert "Ana changed the text from “Categorize receipt” to “Categorize expense”" in notice
    assert "your text “Categorise receipt” replaced it" in notice
    # the panel says who added and who changed it last
    tabs[0].run()
    assert any("last changed by Ben" in c.value for c in tabs[0].caption)


def test_downloads_offer_every_exporter(at):
    keys = {d.key for d in at.get("download_button")}
    assert {f"dl_{fmt}" for fmt in EXPORTERS} <= keys
    assert {"dl_storm", "dl_yaml", "dl_mermaid", "dl_excalidraw"} <= keys


def test_grammar_hints_are_shown_at_their_sticky(at, monkeypatch):
    from ui import common

    class Warning_:
        rule, stickies = "command-without-event", ("c-submit-receipt",)
        message = "Submit receipt has no event after it."
    monkeypatch.setattr(common, "check_board", lambda board: [Warning_()])
    common._hints.clear()
    at.run()
    assert any("Grammar hints (1)" in e.label for e in at.expander)
    at.selectbox(key=f"sel_{WS}").set_value("c-submit-receipt").run()
    assert "no event after it" in at.warning[0].value


def test_without_a_workshop_the_page_offers_a_choice(make_app, workshop):
    at = make_app().run()
    at.switch_page("ui/board.py").run()
    assert "Choose a workshop" in at.info[0].value
    at.selectbox[0].set_value(workshop).run()
    assert at.title[0].value == "Receipt handling"


def test_empty_board_invites_the_first_sticky(make_app, app_env):
    workshop = Workspace(app_env).create("Fresh")
    at = open_board(make_app().run(), workshop)
    assert "The board is empty" in at.info[0].value
    capture(at, "e: Order placed", workshop)
    assert at.get("plotly_chart")


def test_undo_reverts_only_my_own_last_change(make_app, workshop, app_env):
    tab_a = open_board(make_app().run(), workshop)
    tab_b = open_board(make_app().run(), workshop)
    assert next(b for b in tab_b.button if b.label == "Undo").disabled, "nothing of mine yet"
    capture(tab_a, "e: Mine")
    capture(tab_b, "e: Theirs")
    tab_a.run()
    next(b for b in tab_a.button if b.label == "Undo").click().run()
    board = saved(app_env).data
    assert not board.find("event", "Mine") and board.find("event", "Theirs")


def test_facilitator_closes_the_board_for_additions_and_reopens_it(make_app, workshop,
                                                                    app_env):
    facilitator = open_board(make_app().run(), workshop)
    participant = open_board(make_app().run(), workshop)
    facilitator.text_input(key="_author_input").set_value("Fay").run()
    facilitator.toggle[0].set_value(False).run()
    participant.run()
    assert participant.text_input(key=f"capture_{WS}").disabled
    assert "closed for additions by Fay" in participant.info[0].value
    # a line sent from a page that still showed the board open is refused, and kept
    stale = open_board(make_app().run(), workshop)
    from canvas.services.live import set_capture_open
    set_capture_open(Workspace(app_env), workshop, True, "Fay")
    stale.run()
    set_capture_open(Workspace(app_env), workshop, False, "Fay")
    revision = saved(app_env).revision
    stale.text_input(key=f"capture_{WS}").set_value("e: Too late")
    stale.button(key="capture_add").click().run()
    assert "closed for additions" in stale.error[0].value
    assert stale.text_input(key=f"capture_{WS}").value == "e: Too late"
    assert saved(app_env).revision == revision
    facilitator.run()
    facilitator.toggle[0].set_value(True).run()
    participant.run()
    assert not participant.text_input(key=f"capture_{WS}").disabled
    capture(participant, "e: After reopening")
    assert saved(app_env).data.find("event", "After reopening")


def test_your_name_is_shared_by_the_pages(make_app, workshop, app_env):
    at = open_board(make_app().run(), workshop)
    at.text_input(key="_author_input").set_value("Ana").run()
    capture(at, "e: Named")
    at.switch_page("ui/prioritize.py").run()
    assert at.text_input(key="_author_input").value == "Ana"
    from canvas.services.live import load_contributions
    assert load_contributions(Workspace(app_env), workshop)["e-named"].added_by == "Ana"


def test_a_store_that_fails_after_start_says_what_instead_of_a_traceback(make_app, workshop,
                                                                         app_env):
    """The workspace breaks after the app started (here a board damaged on disk; on a team
    server, the database going down): opening the board names the problem and where."""
    at = make_app().run()
    (app_env / WS / "board.yaml").write_text("just: text\n", encoding="utf-8")
    at = open_board(at, WS)
    assert not at.exception
    assert "cannot be read or written" in at.error[0].value
    assert "board.yaml" in at.error[0].value
