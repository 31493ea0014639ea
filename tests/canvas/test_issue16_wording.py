"""Issue 16 wording, where people read it: the canvas says "about once a week", the
Prioritize rows say "unknown" instead of None, the CLI says "1 open point"."""

from __future__ import annotations

import re

from canvas.mlcanvas.model import prefill_canvas
from canvas.priorities.scoring import prioritize
from canvas.priorities.table import ranking_rows
from eventstorming.detection.detector import detect
from eventstorming.formats.storm import parse_storm

WEEKLY = """# Budget
## Finance
r: Last quarter's spend -> a: Controller
a: Controller -> c: Approve budget request {minutes: 30}
c: Approve budget request -> e: Budget request approved {volume: 1/week}
c: Approve budget request -> e: Budget request rejected
"""

WOECHENTLICH = """# Budget
lang: de
## Finanzen
r: Ausgaben des letzten Quartals -> a: Controllerin
a: Controllerin -> c: Budgetantrag prüfen {minutes: 30}
c: Budgetantrag prüfen -> e: Budgetantrag genehmigt {volume: 1/Woche}
c: Budgetantrag prüfen -> e: Budgetantrag abgelehnt
"""


def test_the_canvas_says_how_often_in_words():
    board = parse_storm(WEEKLY, "w.storm")
    opp = detect(board).opportunities[0]
    text = " ".join(note.text for note in prefill_canvas(opp, board).boxes["value_proposition"])
    assert "about once a week at 30 min each" in text
    assert "0.1429" not in text and "times a day" not in text
    german = parse_storm(WOECHENTLICH, "w.storm")
    text = " ".join(n.text for n in prefill_canvas(detect(german).opportunities[0],
                                                    german).boxes["value_proposition"])
    assert "etwa einmal pro Woche mit je 30 Min." in text


def test_a_ranking_row_without_volume_says_unknown(clinic_board, make_opportunity):
    no_volume = make_opportunity(clinic_board, "Send invoice", "classification")
    assert no_volume.volume_per_day is None or no_volume.minutes is None
    row = ranking_rows(prioritize([no_volume], clinic_board))[0]
    assert row["hours_per_year"] is None and row["hours_saved"] == "unknown"


def test_hours_are_written_with_separators(clinic_board, make_opportunity):
    busy = make_opportunity(clinic_board, "Estimate treatment duration", "regression")
    row = ranking_rows(prioritize([busy], clinic_board))[0]
    assert row["hours_saved"] == f"{row['hours_per_year']:,}"


def test_the_canvas_command_counts_in_words(tmp_path, capsys):
    from canvas.commands.cli import main

    board = tmp_path / "w.storm"
    board.write_text(WEEKLY)
    opp = detect(parse_storm(WEEKLY, "w.storm")).opportunities[0]
    assert main(["canvas", str(board), opp.id, "-o", str(tmp_path / "c.yaml")]) == 0
    said = capsys.readouterr().err.splitlines()[0]
    assert re.search(r"\((1 guess|\d+ guesses) to confirm(, (1 open point|\d+ open points))?\)",
                     said), said
    assert "1 guesses" not in said and "1 open points" not in said


def test_big_volumes_are_written_with_separators_everywhere():
    from canvas.priorities.scoring import estimate_roi, suggest_value
    from eventstorming.detection.opportunity import Opportunity, StickyRef

    opp = Opportunity(id="opp-c-x", title="Route ticket", task="classification",
                      anchor=StickyRef(id="c-x", kind="command", text="Route ticket"),
                      volume_per_day=10_000, minutes=2, score=0.8)
    _, why = suggest_value(opp)
    assert "10,000/day × 2 min" in why and "1e+04" not in why and "10000" not in why
    assert estimate_roi(opp).assumptions.startswith("10,000/day × 2 min")
    german = opp.model_copy(update={"lang": "de"})
    assert "10.000/Tag × 2 Min." in suggest_value(german)[1]
