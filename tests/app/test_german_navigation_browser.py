"""In Chromium: the navigation follows the open workshop's language, and German buttons fit."""

from __future__ import annotations

import pytest

from tests.app.conftest import SAMPLE_STORM, seed_workspace, wait_for_app
from tests.app.test_german_interface import KREDIT

pytestmark = pytest.mark.browser

NAV = "[data-testid='stTopNavLink'], [data-testid='stNavLink']"


def nav_titles(page) -> list[str]:
    return [text.split("\n")[-1].strip() for text in page.locator(NAV).all_inner_texts()]


def test_navigation_speaks_the_workshop_language(server_factory, page, tmp_path):
    workspace = tmp_path / "workspace"
    german = seed_workspace(workspace, KREDIT)
    english = seed_workspace(workspace, SAMPLE_STORM)
    server = server_factory(workspace)

    page.goto(f"{server.url}/board?workshop={german}")
    wait_for_app(page, 60_000)
    page.get_by_text("Schnellerfassung").first.wait_for()
    assert nav_titles(page) == ["Workshops", "Board", "Chancen", "Priorisieren", "Canvas",
                                "Export"]
    # the German header buttons show their whole label, not "Zurü…"
    for label in ("Zurück", "Herunterladen", "Hinzufügen"):
        button = page.get_by_role("button", name=label).first
        assert label in button.inner_text(), button.inner_text()
        cut = button.evaluate("b => [b, ...b.querySelectorAll('*')].filter("
                              "e => e.scrollWidth > e.clientWidth + 1).map(e => e.tagName)")
        assert not cut, f"{label!r} is cut off in {cut}"

    page.goto(f"{server.url}/board?workshop={english}")
    wait_for_app(page, 60_000)
    page.get_by_text("Quick capture").first.wait_for()
    assert nav_titles(page) == ["Workshops", "Board", "Opportunities", "Prioritize", "Canvas",
                                "Export"]
