"""The HTML poster never cuts text off: long canvases get smaller type, then taller boxes."""

from __future__ import annotations

from canvas.mlcanvas.model import canvas_from_data, prefill_canvas
from canvas.mlcanvas.render import MIN_SCALE, canvas_to_html, type_scale


def _long(canvas, box: str, n: int):
    data = canvas.to_data()
    data["boxes"][box] = [f"Bullet {i}: " + "a sentence that goes on and on " * 4
                          for i in range(n)]
    return canvas_from_data(data)


def test_short_canvas_keeps_full_type(clinic_board, make_opportunity):
    opp = make_opportunity(clinic_board, "Triage request", "classification")
    assert type_scale(prefill_canvas(opp, clinic_board)) >= 0.9


def test_long_box_scales_type_and_picks_a3(clinic_board, make_opportunity):
    canvas = prefill_canvas(make_opportunity(clinic_board, "Triage request",
                                             "classification"), clinic_board)
    long = _long(canvas, "data_collection", 12)
    assert type_scale(long) == MIN_SCALE
    page = canvas_to_html(long)
    assert "size: A3 landscape" in page and f"--scale: {MIN_SCALE}" in page
    for i in range(12):
        assert f"Bullet {i}:" in page
    # nothing in the page hides what does not fit
    assert "overflow: hidden" not in page and "height: 100vh" not in page
    assert "size: A4 landscape" in canvas_to_html(long, paper="A4")
