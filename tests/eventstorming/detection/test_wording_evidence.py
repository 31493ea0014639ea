"""The wording evidence quotes the words that matched, never the whole sticky again."""

from __future__ import annotations

from eventstorming import parse_storm
from eventstorming.detection.detector import detect

BOARD = """# Expenses
lang: en

## Desk
e: Receipt uploaded {volume: 100/day} -> a: Expense clerk
a: Expense clerk -> c: Assign expense category {minutes: 2} -> e: Expense category assigned
"""


def test_wording_evidence_does_not_repeat_the_anchor():
    board = parse_storm(BOARD, "expenses.storm")
    opp = next(o for o in detect(board).opportunities
               if o.anchor.text == "Assign expense category")
    wording = next(e for e in opp.evidence if "wording" in e.explanation)
    assert '("Assign expense category"' not in wording.explanation
    assert wording.explanation.startswith('The wording of "Assign expense category" (')
    assert wording.explanation.count("Assign expense category") == 1
