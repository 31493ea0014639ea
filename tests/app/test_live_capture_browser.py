"""Live capture by many participants in headless Chromium against real ``streamlit run``.

Three browsers capture into one workshop at once: two on one app process and one on a
second process (or all three on one process), all on one store (``store_env``). Each adds
stickies while the others do; none may be lost, nobody may see a conflict, and every
browser shows every sticky without reloading.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import expect

from canvas.services.live import load_contributions
from canvas.workspace.store import Workspace
from tests.app.conftest import (
    SAMPLE_STORM,
    screenshot,
    seed_workspace,
    store_workspace,
    wait_for_app,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PEOPLE = ("Ana", "Ben", "Cleo")
ROUNDS = 3
SHOWN_WITHIN_MS = 30_000      # generous: this checks that it shows, the benchmark times it


SHOWN_JS = """() => Array.from(document.querySelectorAll(
    "[data-testid='stPlotlyChart'] g.textpoint text")).map(t => t.textContent).join(' ')"""


def picture_has(page, texts: list[str], timeout: float = SHOWN_WITHIN_MS) -> None:
    page.bring_to_front()   # each participant looks at their own screen; a page in the
    # background of one headless browser may not draw its chart until it is in front
    try:
        page.wait_for_function(
            f"(texts) => {{ const shown = ({SHOWN_JS})(); "
            f"return texts.every(t => shown.includes(t)); }}", arg=texts, timeout=timeout)
    except Exception:
        shown = page.evaluate(SHOWN_JS)
        screenshot(page, "live-not-shown")
        missing = [t for t in texts if t not in shown]
        on_screen = page.locator("[data-testid='stMain']").inner_text()[:1500]
        raise AssertionError(f"not shown after {timeout / 1000:.0f} s: {missing}; the "
                             f"picture shows {shown!r}; the page reads:\n{on_screen}") from None


@contextmanager
def board_page(browser, url: str, workshop: str) -> Iterator:
    """One person's browser on the workshop's Board page."""
    context = browser.new_context(viewport={"width": 1500, "height": 950})
    try:
        page = context.new_page()
        page.goto(f"{url}/board?workshop={workshop}")
        wait_for_app(page)
        yield page
    finally:
        context.close()


def enter_name(page, name: str) -> None:
    field = page.get_by_role("textbox", name="Your name")
    field.fill(name)
    field.press("Enter")
    wait_for_app(page)


# The cases: two app processes on one PostgreSQL, and one process on the folder.
# (Processes sharing one folder are covered by the store's own tests, in
# tests/canvas/workspace/test_concurrent_writers.py, without three browsers.)
@pytest.mark.parametrize(("store_env", "processes"),
                         [("postgres", 2), ("folder", 1)],
                         ids=["postgres-two-processes", "folder-one-process"],
                         indirect=["store_env"])
def test_three_browsers_capture_into_one_workshop_at_once(
        server_factory, browser, store_env, tmp_path, processes):
    root = tmp_path / "workspace"
    workspace = store_workspace(store_env, root)
    from eventstorming import parse_storm
    workshop = workspace.create_from_board(parse_storm(SAMPLE_STORM))
    servers = [server_factory(root, env=store_env) for _ in range(processes)]
    # two browsers on the first process, the third on the second (when there is one)
    urls = [servers[0].url, servers[0].url, servers[-1].url]
    contexts = [browser.new_context(viewport={"width": 1500, "height": 950}) for _ in PEOPLE]
    try:
        pages = []
        for context, url, name in zip(contexts, urls, PEOPLE, strict=True):
            context.set_default_timeout(60_000)
            page = context.new_page()
            page.goto(f"{url}/board?workshop={workshop}")
            wait_for_app(page)
            enter_name(page, name)
            pages.append(page)

        # everyone types at once, each their lines back to back: Enter, the next line at
        # once, without waiting for any page to finish (Streamlit alone would drop a line
        # submitted while the page still runs the one before; the queue sends them in turn)
        expected = []
        for n in range(ROUNDS):
            for page, name in zip(pages, PEOPLE, strict=True):
                line = f"{name}-{n}"
                expected.append(line)
                box = page.get_by_role("textbox", name="Quick capture")
                box.fill(f"e: {line}")
                box.press("Enter")
        for page in pages:
            picture_has(page, expected)
            assert not page.get_by_text("Not saved").count(), "nobody sees a conflict"
            assert not page.locator("[data-testid='stException']").count()
        screenshot(pages[2], "live-three-browsers")

        board = workspace.load_board(workshop).data
        texts = {s.text for s in board.stickies}
        assert set(expected) <= texts, f"lost: {set(expected) - texts}"
        credit = load_contributions(workspace, workshop)
        for name in PEOPLE:
            for n in range(ROUNDS):
                assert credit[f"e-{name.lower()}-{n}"].added_by == name

        # the name is remembered by the browser: a reload (and another page) keeps it
        pages[2].reload()
        wait_for_app(pages[2])
        expect(pages[2].get_by_role("textbox", name="Your name")).to_have_value(
            "Cleo", timeout=15_000)
        pages[2].goto(f"{urls[2]}/prioritize?workshop={workshop}")
        wait_for_app(pages[2])
        expect(pages[2].get_by_role("textbox", name="Your name")).to_have_value(
            "Cleo", timeout=15_000)
    finally:
        for context in contexts:
            context.close()


def test_typing_in_quick_capture_survives_others_adding(server_factory, browser, store_env,
                                                        tmp_path):
    root = tmp_path / "workspace"
    workspace = store_workspace(store_env, root)
    from eventstorming import parse_storm
    workshop = workspace.create_from_board(parse_storm(SAMPLE_STORM))
    server = server_factory(root, env=store_env)
    with board_page(browser, server.url, workshop) as page:
        box = page.get_by_role("textbox", name="Quick capture")
        box.click()
        page.keyboard.type("e: Half typ")
        from canvas.services.live import AddLine, apply_change
        apply_change(workspace, workshop, AddLine("e: Added elsewhere"), "Ben")
        picture_has(page, ["Added elsewhere"])
        wait_for_app(page)
        assert box.input_value() == "e: Half typ"
        page.keyboard.type("ed")
        page.keyboard.press("Enter")
        picture_has(page, ["Half typed"])
        assert workspace.load_board(workshop).data.find("event", "Half typed")


def test_lines_entered_back_to_back_all_land_in_order(server_factory, browser, tmp_path):
    """One person types five lines as fast as the keyboard allows (the page is still
    saving the first when the last is entered): all five land, in the order typed, and a
    line the board refuses comes back into the box with the reason."""
    root = tmp_path / "workspace"
    workshop = seed_workspace(root)
    workspace = Workspace(root)
    server = server_factory(root)
    with board_page(browser, server.url, workshop) as page:
        box = page.get_by_role("textbox", name="Quick capture")
        lines = [f"Fast-{n}" for n in range(5)]
        for line in lines:
            box.fill(f"e: {line}")
            box.press("Enter")
        box.fill("evnt: Typo")
        box.press("Enter")
        picture_has(page, lines)
        expect(page.get_by_text("unknown kind 'evnt'")).to_be_visible(timeout=30_000)
        expect(box).to_have_value("evnt: Typo")
        board = workspace.load_board(workshop).data
        orders = [board.find("event", line).order for line in lines]
        assert orders == sorted(orders), "in the order typed"
