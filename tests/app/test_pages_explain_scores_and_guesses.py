"""AppTest: the Prioritize page says what its numbers mean and marks high stakes; the Canvas
page opens the best-ranked opportunity and tells how to confirm a guess in its form."""

from __future__ import annotations

import pytest

from canvas.priorities.scoring import load_settings, save_override, save_settings
from canvas.workspace.decisions import load_decisions, save_decisions
from canvas.workspace.store import Workspace
from tests.app.conftest import ROOT

WS = "travel_expenses"
FIRST = "opp-c-assign-expense-category"
SECOND = "opp-c-transcribe-receipt-details"
HIGH = "opp-c-review-claim-against-travel-policy"

pytestmark = pytest.mark.skipif(
    not (ROOT / "examples" / WS / "board.storm").exists(),
    reason="the travel expense example is not in this checkout")


@pytest.fixture
def app(make_app):
    return make_app().run()


@pytest.fixture
def ws(app_env):
    return Workspace(app_env)


def accept(ws, *ids: str) -> None:
    decisions, revision = load_decisions(ws, WS)
    for n, opp_id in enumerate(ids):
        decisions = decisions.accept(opp_id, "Ana", at=f"2026-01-01T10:0{n}:00+00:00")
    save_decisions(ws, WS, decisions, revision, "Ana")


def open_page(at, page: str, **params):
    at.switch_page(page)
    at.query_params["workshop"] = WS
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def ranking(at):
    return next(d for d in at.dataframe if d.editing_mode == "read_only")


def captions(at) -> str:
    return "\n".join(c.value for c in at.caption)


def test_hours_column_and_roi_assumptions_are_explained(app, ws):
    accept(ws, FIRST, SECOND)
    at = open_page(app, "ui/prioritize.py")
    table = ranking(at)
    config = table.proto.columns
    assert "Hours saved/yr (at 50%)" in config, "the column says it counts half the hours"
    assert "50% of today's minutes saved, 50 EUR/hour" in captions(at)
    assert "value reason counts all of today's hours" in captions(at)
    assert "quadrant_reason" in list(table.value.columns)


def test_a_high_stakes_opportunity_is_no_quick_win_on_the_page(app, ws):
    accept(ws, FIRST, SECOND)
    settings, revision = load_settings(ws, WS)
    save_override(ws, WS, FIRST, "risk", 5, "Ana", revision)
    at = open_page(app, "ui/prioritize.py")
    rows = ranking(at).value
    row = rows[rows["title"] == "Assign expense category"].iloc[0]
    assert row["quadrant"] == "strategic bet ⚠"
    assert "human review" in row["quadrant_reason"]
    assert "Red ring" in captions(at)


def test_canvas_opens_the_best_ranked_opportunity(app, ws):
    accept(ws, FIRST, HIGH)
    settings, revision = load_settings(ws, WS)
    save_settings(ws, WS, settings.with_weights({"labels": 3.0}), revision)
    at = open_page(app, "ui/canvas_page.py")
    assert at.selectbox(key=f"canvas_of_{WS}").value == HIGH
    # an explicit link still wins
    at = open_page(app, "ui/canvas_page.py", opportunity=FIRST)
    assert at.selectbox(key=f"canvas_of_{WS}").value == FIRST


def test_canvas_form_tells_how_to_confirm_a_guess(app, ws):
    accept(ws, FIRST)
    at = open_page(app, "ui/canvas_page.py")
    text = captions(at)
    assert "sentences are still guesses — confirm or correct them" in text
    assert "Lines starting with ? are guesses: delete the ? once the team agrees." in text
    assert "guess:" not in text
