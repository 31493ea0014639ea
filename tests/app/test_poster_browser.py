"""In Chromium: the HTML poster shows every sentence on screen and prints on one page."""

from __future__ import annotations

import pytest

from canvas.mlcanvas.model import canvas_from_data, read_canvas
from canvas.mlcanvas.render import canvas_to_html
from tests.app.conftest import ROOT


def _long(canvas, box: str, n: int):
    data = canvas.to_data()
    data["boxes"][box] = [f"Bullet {i}: " + "a sentence that goes on and on " * 4
                          for i in range(n)]
    return canvas_from_data(data)


@pytest.mark.parametrize("example", ["travel_expenses", "contract_risk"])
def test_example_posters_print_on_one_page_without_loss(example, browser):
    page_html = (ROOT / "examples" / example / "canvas.html").read_text(encoding="utf-8")
    canvas = read_canvas(ROOT / "examples" / example / "canvas.yaml")
    _assert_fits(browser, page_html, canvas)


def test_a_long_canvas_grows_instead_of_cutting(browser):
    canvas = read_canvas(ROOT / "examples" / "travel_expenses" / "canvas.yaml")
    long = _long(canvas, "data_collection", 12)
    page = browser.new_page(viewport={"width": 1600, "height": 1100})
    try:
        page.set_content(canvas_to_html(long))
        _no_box_overflows(page)
        last = page.locator("#data_collection li").last
        assert last.is_visible() and "Bullet 11" in last.inner_text()
    finally:
        page.close()


def _no_box_overflows(page) -> None:
    hidden = page.evaluate("""[...document.querySelectorAll('section.box')]
        .filter(s => s.scrollHeight > s.clientHeight + 1 || getComputedStyle(s).overflow
                     === 'hidden').map(s => s.id)""")
    assert hidden == []


def _assert_fits(browser, page_html: str, canvas) -> None:
    mm = 96 / 25.4
    width, height = (420, 297) if "size: A3" in page_html else (297, 210)
    for media, viewport in (("screen", (1600, 1100)),
                            ("print", (int((width - 16) * mm), int((height - 16) * mm)))):
        page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
        try:
            page.emulate_media(media=media)
            page.set_content(page_html)
            _no_box_overflows(page)
            text = page.inner_text("body")
            for box in canvas.boxes.values():
                for note in box:
                    assert note.text in " ".join(text.split())
            if media == "print":   # one page
                assert page.evaluate("document.documentElement.scrollHeight") <= viewport[1]
        finally:
            page.close()
