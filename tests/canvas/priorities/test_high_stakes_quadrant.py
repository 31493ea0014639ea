"""A high-stakes decision about people is never ranked a quick win, on every surface."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from canvas.priorities.scoring import (
    HIGH_RISK,
    PrioritySettings,
    prioritize,
    prioritize_one,
    quadrant,
    quadrant_reason,
    to_csv,
    to_json,
    to_table,
)
from canvas.priorities.table import chart_points, ranking_rows
from eventstorming import parse_storm
from tests.conftest import ROOT

CREDIT = """# Consumer loans
lang: en
domain: banking

## Desk
r: Applicant credit file and account history -> a: Loan officer
s: Credit bureau -> a: Loan officer
e: Loan application received {volume: 400/day} -> a: Loan officer
a: Loan officer -> c: Decide loan application {minutes: 30} -> e: Loan approved
c: Decide loan application -> e: Loan declined
c: Decide loan application -> h: Decisions take days
"""


@pytest.fixture
def credit(make_opportunity):
    board = parse_storm(CREDIT, "credit.storm")
    opp = make_opportunity(board, "Decide loan application", "classification",
                           high_stakes=True, risk_flags=("credit",))
    return board, opp


def test_the_rule_in_quadrant():
    assert quadrant(5, 4) == "quick win"
    assert quadrant(5, 4, risk=HIGH_RISK) == "strategic bet"
    assert quadrant(2, 4, risk=HIGH_RISK) == "avoid"
    assert quadrant(5, 4, risk=4) == "quick win"
    assert "human review" in quadrant_reason(5, 4, HIGH_RISK)
    assert "menschliche Prüfung" in quadrant_reason(5, 4, HIGH_RISK, "de")


def test_strong_data_and_labels_do_not_make_a_credit_decision_a_quick_win(credit):
    board, opp = credit
    p = prioritize_one(opp, board)
    assert p.score_of("risk").score == 5
    assert p.value >= 3 and p.feasibility >= 3      # it would have been a quick win
    assert p.quadrant == "strategic bet"
    assert "human review" in p.quadrant_reason and "fairness" in p.quadrant_reason
    # a product owner who judges the risk lower gets the plain quadrant back
    lowered = prioritize_one(opp, board, PrioritySettings().with_override(
        opp.id, "risk", 3, "po"))
    assert lowered.quadrant == "quick win" and "human review" not in lowered.quadrant_reason


def test_every_output_says_so(credit):
    board, opp = credit
    ranked = prioritize([opp], board)
    row = to_json(ranked)[0]
    assert row["quadrant"] == "strategic bet" and "fairness" in row["quadrant_reason"]
    csv_row = next(csv.DictReader(io.StringIO(to_csv(ranked))))
    assert csv_row["quadrant"] == "strategic bet" and "human review" in csv_row["quadrant_reason"]
    table = to_table(ranked)
    assert "strategic bet!" in table and "needs human review" in table
    assert ranking_rows(ranked)[0]["quadrant"].startswith("strategic bet")
    point = chart_points(ranked)[0]
    assert point.quadrant == "strategic bet" and point.high_stakes


def test_cli_json_on_a_board(tmp_path):
    path = tmp_path / "credit.storm"
    path.write_text(CREDIT, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "canvas", "prioritize", str(path), "--json"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for row in json.loads(out):
        if row["criteria"]["risk"]["score"] >= HIGH_RISK:
            assert row["quadrant"] != "quick win"
            assert "human review" in row["quadrant_reason"]
