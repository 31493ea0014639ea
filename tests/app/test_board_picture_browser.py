"""The board picture as a facilitator projects it: headless Chromium at 1920×1080.

Reads the rendered SVG: every sticky's text box (``getBoundingClientRect`` of its ``text``
node) against every other one and against its sticky's rectangle (from the figure's data,
converted to pixels by plotly's own axes), and the font size of every sticky text.
"""

from __future__ import annotations

import pytest

from canvas.workspace.store import Workspace
from eventstorming.formats.storm import read_storm
from eventstorming.model import Board
from tests.app.boards import hospital_board
from tests.app.conftest import ROOT, chromium_or_skip, screenshot, wait_for_app

pytestmark = [pytest.mark.browser]

EXAMPLES = sorted(p.parent.name for p in ROOT.glob("examples/*/board.storm"))
#: The picture must never show text smaller than this on a board that fits the screen.
MIN_FONT_PX = 11.0

#: Sticky text boxes, sticky rectangles (px) and font sizes, from the rendered picture.
MEASURE = """() => {
  const gd = document.querySelector("[data-testid='stPlotlyChart'] .js-plotly-plot");
  const fl = gd._fullLayout, size = fl._size;
  const box = gd.getBoundingClientRect();
  const px = (x, y) => [box.left + size.l + fl.xaxis.l2p(x), box.top + size.t + fl.yaxis.l2p(y)];
  const index = gd._fullData.findIndex(t => t.name === 'stickies');
  const traces = gd.querySelectorAll('.scatterlayer .trace');
  const texts = Array.from(traces[index].querySelectorAll('g.textpoint text'));
  const data = gd._fullData[index];
  const rects = [];
  for (const t of gd._fullData) {
    if (t.fill !== 'toself') continue;
    for (let i = 0; i + 4 < t.x.length; i += 6) {
      const [x0, y0] = px(t.x[i], t.y[i]), [x1, y1] = px(t.x[i + 2], t.y[i + 2]);
      rects.push({x0: Math.min(x0, x1), x1: Math.max(x0, x1), y0: Math.min(y0, y1),
                  y1: Math.max(y0, y1), cx: (t.x[i] + t.x[i + 2]) / 2,
                  cy: (t.y[i] + t.y[i + 2]) / 2});
    }
  }
  const plot = {x0: box.left + size.l, x1: box.left + size.l + size.w,
                y0: box.top + size.t, y1: box.top + size.t + size.h};
  return {plot, figureHeight: box.height, stickies: texts.map((t, i) => {
    const r = t.getBoundingClientRect();
    const rect = rects.find(q => Math.abs(q.cx - data.x[i]) < 1e-6
                                 && Math.abs(q.cy - data.y[i]) < 1e-6);
    return {id: data.customdata[i], text: t.textContent, font: parseFloat(t.style.fontSize),
            box: {x0: r.left, x1: r.right, y0: r.top, y1: r.bottom}, rect};
  })};
}"""


def _intersect(a: dict, b: dict, slack: float = 0.5) -> bool:
    return (a["x0"] + slack < b["x1"] and b["x0"] + slack < a["x1"]
            and a["y0"] + slack < b["y1"] and b["y0"] + slack < a["y1"])


def _inside(inner: dict, outer: dict, slack: float = 1.0) -> bool:
    return (inner["x0"] >= outer["x0"] - slack and inner["x1"] <= outer["x1"] + slack
            and inner["y0"] >= outer["y0"] - slack and inner["y1"] <= outer["y1"] + slack)


def assert_readable(measured: dict, board: Board, whole: bool) -> None:
    """No two sticky texts overlap, each lies inside its sticky, none is under 11 px; with
    ``whole``, every sticky is inside the visible plot and the figure fits 1080 px."""
    stickies = measured["stickies"]
    assert stickies, "no sticky texts drawn"
    if whole:
        assert {s["id"] for s in stickies} == {s.id for s in board.stickies}
    for s in stickies:
        assert s["rect"], f"no sticky rectangle for {s['id']}"
        assert _inside(s["box"], s["rect"]), (s["id"], s["text"], s["box"], s["rect"])
        assert s["font"] >= MIN_FONT_PX, (s["id"], s["font"])
        if whole:
            assert _inside(s["rect"], measured["plot"]), (s["id"], s["rect"], measured["plot"])
    overlaps = [(a["text"], b["text"]) for i, a in enumerate(stickies)
                for b in stickies[i + 1:] if _intersect(a["box"], b["box"])]
    assert not overlaps, overlaps[:5]
    if whole:
        assert measured["figureHeight"] <= 1000


@pytest.fixture(scope="module")
def projector(browser):
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    context.set_default_timeout(60_000)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def boards(tmp_path_factory, browser) -> tuple[str, dict[str, tuple[str, Board]]]:
    """A server with the example boards and the 60-sticky hospital board."""
    from tests.app.conftest import start_server

    chromium_or_skip()
    root = tmp_path_factory.mktemp("picture") / "workspace"
    root.mkdir()
    workspace = Workspace(root)
    named = {name: read_storm(ROOT / "examples" / name / "board.storm") for name in EXAMPLES}
    named["hospital-60"] = hospital_board(60)
    named["hospital-150"] = hospital_board(150)
    named["hospital-400"] = hospital_board(400)
    made = {name: (workspace.create_from_board(board), board) for name, board in named.items()}
    server = start_server(root, log_dir=root.parent)
    yield server.url, made
    server.stop()


def open_picture(page, url: str, workshop: str) -> dict:
    page.goto(f"{url}/board?workshop={workshop}")
    wait_for_app(page)
    page.wait_for_selector("[data-testid='stPlotlyChart'] g.textpoint text")
    page.locator("[data-testid='stPlotlyChart']").scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    return page.evaluate(MEASURE)


@pytest.mark.parametrize("name", [*EXAMPLES, "hospital-60"])
def test_the_whole_board_is_readable_at_1920x1080(name, boards, projector):
    url, made = boards
    workshop, board = made[name]
    assert len(board.stickies) <= 60
    measured = open_picture(projector, url, workshop)
    assert_readable(measured, board, whole=True)
    screenshot(projector, f"picture-{name}-1920x1080")
    # the picture cannot be zoomed out (texts would outgrow their stickies): the wheel and
    # the double-click leave the scale alone
    chart = projector.locator("[data-testid='stPlotlyChart'] .nsewdrag").first
    chart.hover()
    projector.mouse.wheel(0, 600)
    projector.wait_for_timeout(300)
    assert_readable(projector.evaluate(MEASURE), board, whole=True)


def test_a_larger_board_wraps_its_lanes_to_the_screen_width(boards, projector):
    """150 stickies do not fit one screen at a readable size: the lanes wrap into rows as
    wide as the screen, and the page scrolls down, lane by lane."""
    url, made = boards
    workshop, board = made["hospital-150"]
    measured = open_picture(projector, url, workshop)
    assert_readable(measured, board, whole=False)
    assert {s["id"] for s in measured["stickies"]} == {s.id for s in board.stickies}
    plot = measured["plot"]
    assert all(plot["x0"] - 1 <= s["rect"]["x0"] and s["rect"]["x1"] <= plot["x1"] + 1
               for s in measured["stickies"])
    screenshot(projector, "picture-hospital-150-1920x1080")


def test_a_long_board_pans_sideways_and_never_overlaps(boards, projector):
    url, made = boards
    workshop, board = made["hospital-400"]
    measured = open_picture(projector, url, workshop)
    assert_readable(measured, board, whole=False)
    # panning (drag sideways) shows other stickies, still without overlap
    chart = projector.locator("[data-testid='stPlotlyChart'] .nsewdrag").first
    box = chart.bounding_box()
    before = {s["id"]: s["box"]["x0"] for s in measured["stickies"]}
    projector.mouse.move(box["x"] + box["width"] * 0.8, box["y"] + 40)
    projector.mouse.down()
    projector.mouse.move(box["x"] + box["width"] * 0.2, box["y"] + 40, steps=8)
    projector.mouse.up()
    projector.wait_for_timeout(400)
    panned = projector.evaluate(MEASURE)
    assert_readable(panned, board, whole=False)
    moved = [s for s in panned["stickies"] if s["id"] in before
             and s["box"]["x0"] < before[s["id"]] - 50]
    assert moved, "dragging did not pan the picture"
    screenshot(projector, "picture-hospital-400-panned")
