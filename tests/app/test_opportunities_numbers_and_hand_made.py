"""AppTest, issue 16: the Opportunities page numbers the shown cards without gaps after a
dismissal, shows no detector confidence on a card added by hand, and refuses the same
hand-made opportunity twice with a message."""

from __future__ import annotations

import re

import pytest

from canvas.workspace.decisions import load_decisions
from canvas.workspace.store import Workspace
from tests.app.test_opportunities_to_export_pages import (
    FIRST,
    SECOND,
    WS,
    click,
    decided,
    open_page,
)
from tests.app.test_opportunities_to_export_pages import pytestmark as pytestmark


@pytest.fixture
def app(make_app):
    return make_app().run()


@pytest.fixture
def ws(app_env):
    return Workspace(app_env)


def headings(at) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("#### ")]


def numbers(at) -> list[int]:
    return [int(re.match(r"#### (\d+)\. ", h).group(1)) for h in headings(at)]


def add_by_hand(at, title: str):
    at.text_input(key="new_title").set_value(title)
    at.selectbox(key="new_task").set_value("anomaly_detection")
    at.selectbox(key="new_anchor").set_value("c-assign-expense-category")
    at.button(key="FormSubmitter:new_form-Add and accept").click().run()
    assert not at.exception, at.exception
    return at


def test_a_dismissal_leaves_no_gap_in_the_numbers(app, ws):
    at = open_page(app, "ui/opportunities.py")
    before = numbers(at)
    assert before == list(range(1, len(before) + 1))
    click(at, f"dismiss_{FIRST}")                  # the first card goes
    after = numbers(at)
    assert after == list(range(1, len(after) + 1)), after   # 1, 2, 3… and the dismissed last
    assert headings(at)[-1] == f"#### {len(after)}. Assign expense category"


def test_a_card_added_by_hand_shows_no_confidence(app, ws):
    at = add_by_hand(open_page(app, "ui/opportunities.py"), "Spot duplicate receipts")
    badge_lines = [m.value for m in at.markdown if "added by hand" in m.value]
    assert badge_lines and all("confidence" not in line for line in badge_lines)
    detected = [m.value for m in at.markdown if "confidence **" in m.value]
    assert detected, "detected cards keep their confidence"


def test_the_same_opportunity_cannot_be_added_twice(app, ws):
    at = add_by_hand(open_page(app, "ui/opportunities.py"), "Spot duplicate receipts")
    revision = load_decisions(ws, WS)[1]
    at = add_by_hand(at, "spot  duplicate RECEIPTS")
    assert "is already on the list" in at.error[0].value
    assert "Assign expense category" in at.error[0].value
    assert load_decisions(ws, WS)[1] == revision, "nothing saved"
    assert [o for o in decided(ws).manual] == ["manual-spot-duplicate-receipts"]
    # nor a detected one under its own title
    at = add_by_hand(at, "Transcribe receipt details")
    assert "is already on the list" in at.error[0].value
    assert SECOND not in decided(ws).manual


def test_the_ranking_says_unknown_hours_in_words(app, ws):
    board = ws.load_board(WS).data
    policy = next(s.id for s in board.stickies if s.kind.value == "policy")
    at = open_page(app, "ui/opportunities.py")
    at.text_input(key="new_title").set_value("Spot duplicate receipts")
    at.selectbox(key="new_task").set_value("anomaly_detection")
    at.selectbox(key="new_anchor").set_value(policy)     # no minutes there: hours unknown
    at.button(key="FormSubmitter:new_form-Add and accept").click().run()
    assert not at.exception, at.exception
    at = open_page(at, "ui/prioritize.py")
    table = next(d for d in at.dataframe if d.editing_mode == "read_only").value
    assert "unknown" in list(table["hours_saved"])
    assert all(isinstance(v, str) and v != "None" for v in table["hours_saved"])
