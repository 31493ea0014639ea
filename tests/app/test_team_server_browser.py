"""Two app processes on different ports against one PostgreSQL database behave as one app:
the examples are seeded once though both start at once, and what one process saves the
other shows."""

from __future__ import annotations

import pytest

from canvas.workspace.store import open_workspace
from tests.app.conftest import wait_for_app


@pytest.mark.browser
def test_two_app_processes_on_one_database_are_one_app(server_factory, context, tmp_path,
                                                       database_url, examples_dir):
    first = server_factory(tmp_path / "unused-1", examples=examples_dir,
                           database_url=database_url)
    second = server_factory(tmp_path / "unused-2", examples=examples_dir,
                            database_url=database_url)
    one, two = context.new_page(), context.new_page()
    one.goto(first.url, wait_until="commit")  # both processes seed at the same moment
    two.goto(second.url, wait_until="commit")
    wait_for_app(one)
    wait_for_app(two)
    examples = sorted(p.parent.name for p in examples_dir.glob("*/board.storm"))
    store = open_workspace(database_url)
    assert store.workshop_ids() == examples  # once, not twice
    assert not (tmp_path / "unused-1").exists()  # nothing went to a folder
    assert two.get_by_text("saved in the database").is_visible()
    assert "mlcanvas_test:" not in two.content()  # the password is never shown

    one.get_by_label("Workshop title").fill("Team planning")
    one.get_by_label("Workshop title").press("Enter")
    one.wait_for_url("**/board?workshop=team-planning")
    wait_for_app(one)
    capture = one.get_by_role("textbox", name="Quick capture")
    capture.fill("e: Plan agreed")
    capture.press("Enter")
    wait_for_app(one)
    assert store.load_board("team-planning").data.stickies[0].text == "Plan agreed"

    two.reload()
    wait_for_app(two)
    assert two.get_by_role("button", name="Team planning").is_visible()
    two.get_by_role("button", name="Team planning").click()
    two.wait_for_url("**/board?workshop=team-planning")
    wait_for_app(two)
    two.wait_for_selector("[data-testid='stPlotlyChart'] .main-svg")
    assert "Plan agreed" in two.inner_text("[data-testid='stMain']") or \
        "Plan agreed" in two.content()
    store.close()
