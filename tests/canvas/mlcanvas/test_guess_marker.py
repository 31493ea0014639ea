"""Each surface names the guess marker it really uses; the lint itself stays neutral."""

from __future__ import annotations

import pytest

from canvas.mlcanvas.form import GUESS_MARK, notes_to_text
from canvas.mlcanvas.model import (
    CANVAS_HEADER,
    canvas_from_data,
    canvas_to_yaml,
    guess_how,
    lint_canvas,
    prefill_canvas,
)
from canvas.mlcanvas.render import canvas_to_html, canvas_to_markdown
from eventstorming import parse_storm

GERMAN = ("# Schadenmeldung\nlang: de\n\n## Service\n"
          "a: Sachbearbeiter -> c: Schaden einstufen {minutes: 6} -> e: Schaden eingestuft\n"
          "r: Schadenhistorie -> a: Sachbearbeiter\n")


@pytest.fixture
def canvas(clinic_board, make_opportunity):
    return prefill_canvas(make_opportunity(clinic_board, "Triage request", "classification"),
                          clinic_board)


def test_lint_is_neutral_about_the_marker(canvas):
    lint = next(item for item in lint_canvas(canvas) if item.level == "guess")
    assert lint.message == f"{canvas.guesses()} sentences are still guesses — confirm or " \
                           "correct them"
    assert "guess:" not in lint.message and "?" not in lint.message


def test_one_guess_is_singular(canvas):
    data = canvas.to_data()
    data["boxes"] = {k: [n["guess"] if isinstance(n, dict) else n for n in v]
                     for k, v in data["boxes"].items()}
    data["boxes"]["monitoring"].append({"guess": "Check weekly"})
    one = canvas_from_data(data)
    assert one.guesses() == 1
    lint = next(item for item in lint_canvas(one) if item.level == "guess")
    assert lint.message == "1 sentence is still a guess — confirm or correct it"


def test_each_surface_explains_its_own_marker(canvas):
    markdown = canvas_to_markdown(canvas)
    assert "- _guess:_ " in markdown and guess_how("markdown") in markdown
    poster = canvas_to_html(canvas)
    assert 'data-guess="guess"' in poster and "text-transform: uppercase" in poster
    assert "GUESS badge" in poster
    yaml_text = canvas_to_yaml(canvas)
    assert yaml_text.startswith(CANVAS_HEADER) and "- guess: " in yaml_text
    assert "'guess:'" in CANVAS_HEADER
    form = notes_to_text(canvas.box("prediction_task"))
    assert form.startswith(f"{GUESS_MARK} ") and "? " in guess_how("form")


def test_german_canvas_uses_german_words_for_the_marker(make_opportunity):
    board = parse_storm(GERMAN, "de.storm")
    canvas = prefill_canvas(make_opportunity(board, "Schaden einstufen", "classification"),
                            board)
    markdown = canvas_to_markdown(canvas)
    assert "- _Vermutung:_ " in markdown and "_Vermutung:_ beginnen" in markdown
    assert "VERMUTUNG" in canvas_to_html(canvas)
    lint = next(item for item in lint_canvas(canvas) if item.level == "guess")
    assert lint.message.endswith("noch Vermutungen — bestätigen oder korrigieren")
