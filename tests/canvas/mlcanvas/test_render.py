"""Canvas renderers: Markdown for GitHub, a one-page HTML poster; hostile text stays text."""

from __future__ import annotations

import html
import re

import pytest

from canvas.mlcanvas.model import BOXES, canvas_from_data, prefill_canvas
from canvas.mlcanvas.render import canvas_to_html, canvas_to_markdown, md_escape

HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)> [link](javascript:x) |'


@pytest.fixture
def hostile_canvas(clinic_board, make_opportunity):
    opp = make_opportunity(clinic_board, "Triage request", "classification")
    data = prefill_canvas(opp, clinic_board).to_data()
    data["title"] = HOSTILE
    data["board"] = HOSTILE
    data["actor"] = HOSTILE
    data["lang"] = 'en"><script>x</script>'
    data["boxes"]["value_proposition"].append({"guess": HOSTILE})
    data["boxes"]["features"].append(HOSTILE)
    data["prediction"]["entity"] = HOSTILE
    data["prediction"]["error_costs"] = {HOSTILE: HOSTILE}
    return canvas_from_data(data)


def test_html_escapes_every_user_text(hostile_canvas):
    page = canvas_to_html(hostile_canvas)
    assert "<script" not in page.lower().replace("&lt;script", "")
    assert "<img" not in page
    assert "onerror=alert" not in page.replace("onerror=alert(1)&gt;", "")
    assert html.escape(HOSTILE, quote=True) in page


def test_markdown_escapes_every_user_text(hostile_canvas):
    text = canvas_to_markdown(hostile_canvas)
    assert "<script" not in text and "<img" not in text
    assert not re.search(r"(?<!\\)\]\(javascript", text)  # brackets escaped: no link
    # table rows keep their two cells
    for row in (line for line in text.splitlines() if line.startswith("| ")):
        assert len(re.findall(r"(?<!\\)\|", row)) == 3, row


def test_md_escape():
    assert md_escape("a|b *c* <d> & e") == r"a\|b \*c\* &lt;d&gt; &amp; e"
    assert md_escape("two\nlines") == "two lines"


def test_html_poster_layout(clinic_board, make_opportunity):
    opp = make_opportunity(clinic_board, "Triage request", "classification")
    canvas = prefill_canvas(opp, clinic_board)
    page = canvas_to_html(canvas, paper="A3")
    assert page.startswith("<!DOCTYPE html>")
    assert "@page { size: A3 landscape" in page and "display: grid" in page
    for number, box in enumerate(BOXES, start=1):
        assert f'id="{box.key}"' in page and html.escape(box.question) in page
        assert f'<span class="n">{number}</span>' in page
    assert 'class="guess"' in page and "prediction_details" in page
    with pytest.raises(ValueError, match="A4, A3 or auto"):
        canvas_to_html(canvas, paper="Letter")  # type: ignore[arg-type]


def test_markdown_reads_well(clinic_board, make_opportunity):
    opp = make_opportunity(clinic_board, "Triage request", "classification")
    text = canvas_to_markdown(prefill_canvas(opp, clinic_board))
    assert text.startswith("# ML Canvas: Triage request\n")
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings[1:11] == [b.title for b in BOXES]
    assert "- _guess:_ " in text
    assert "| Possible outcomes | urgent, routine |" in text


def test_german_canvas_gets_german_boxes(make_opportunity):
    from eventstorming import parse_storm

    board = parse_storm("# Schaden\nlang: de\n\n## Service\n"
                        "a: Sachbearbeiter -> c: Schaden einstufen -> e: Schaden eingestuft\n"
                        "r: Schadenhistorie -> a: Sachbearbeiter\n")
    canvas = prefill_canvas(make_opportunity(board, "Schaden einstufen", "classification"),
                            board)
    page, text = canvas_to_html(canvas), canvas_to_markdown(canvas)
    for title in ("Nutzenversprechen", "Vorhersageaufgabe", "Wirkungssimulation"):
        assert title in page and f"## {title}" in text
    assert '<html lang="de">' in page
