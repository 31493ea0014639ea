"""``mlcanvas opportunities``: the readable list and the JSON contract, via the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

BOARD = """# Claims desk
lang: en
domain: insurance
## Intake
a: Customer -> c: Submit claim -> e: Claim submitted {volume: 300/day}
e: Claim submitted -> a: Handler
r: Policy terms -> a: Handler
a: Handler -> c: Assess claim {minutes: 20} -> e: Claim accepted
c: Assess claim -> e: Claim rejected
c: Assess claim -> h: Handlers decide differently
r: Invoice scan -> a: Handler
a: Handler -> c: Enter invoice amount -> e: Invoice amount entered
e: Claim accepted -> p: Whenever a claim is accepted, pay it -> c: Pay claim -> e: Claim paid
a: Planner -> c: Schedule assessor visits -> e: Visits scheduled
"""


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "canvas", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def write_board(tmp_path: Path) -> Path:
    path = tmp_path / "claims.storm"
    path.write_text(BOARD, encoding="utf-8")
    return path


def test_json_lists_the_opportunities_best_first_with_the_contract_fields(tmp_path):
    result = run("opportunities", str(write_board(tmp_path)), "--json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert [i["anchor"]["text"] for i in items] == ["Assess claim", "Enter invoice amount"]
    assert [i["score"] for i in items] == sorted((i["score"] for i in items), reverse=True)
    for item in items:
        for key in ("id", "title", "task", "anchor", "actor", "inputs", "outcomes", "evidence",
                    "high_stakes", "score"):
            assert key in item
        assert set(item["anchor"]) == {"id", "kind", "text"}
        assert item["id"] == "opp-" + item["anchor"]["id"]
        for evidence in item["evidence"]:
            assert {"rule", "stickies", "explanation"} <= set(evidence)
    first = items[0]
    assert first["task"] == "classification"
    assert first["actor"] == "Handler"
    assert first["high_stakes"] is True
    assert [o["text"] for o in first["outcomes"]] == ["Claim accepted", "Claim rejected"]
    assert items[1]["task"] == "extraction"


def test_the_readable_list_shows_task_anchor_who_decides_evidence_and_automation(tmp_path):
    result = run("opportunities", str(write_board(tmp_path)))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Claims desk")
    assert "1. Assess claim" in out
    assert "who decides today: Handler" in out
    assert "anchor: command 'Assess claim' (c-assess-claim)" in out
    assert 'The Handler decides "Assess claim" with "Policy terms" in front of them.' in out
    automation = out[out.index("Automation ideas (not ML):"):]
    assert "[rule automation] Whenever a claim is accepted, pay it" in automation
    assert "[optimisation] Schedule assessor visits" in automation
    assert "Pay claim" not in out[:out.index("Automation ideas")]


def test_lang_switches_the_sentences(tmp_path):
    board = write_board(tmp_path)
    text = run("opportunities", str(board), "--lang", "de").stdout
    assert "wer entscheidet heute: Handler" in text
    assert "„Handler“ entscheidet „Assess claim“ mit „Policy terms“ vor Augen." in text
    items = json.loads(run("opportunities", str(board), "--json", "--lang", "de").stdout)
    assert items[0]["evidence"][0]["explanation"].startswith("„Handler“ entscheidet")


def test_output_file(tmp_path):
    target = tmp_path / "opps.json"
    result = run("opportunities", str(write_board(tmp_path)), "--json", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert json.loads(target.read_text("utf-8"))[0]["anchor"]["text"] == "Assess claim"


def test_a_board_without_opportunities(tmp_path):
    path = tmp_path / "plain.storm"
    path.write_text("# Plain\n## L\na: Clerk -> c: Send letter -> e: Letter sent\n", "utf-8")
    assert json.loads(run("opportunities", str(path), "--json").stdout) == []
    assert "No ML opportunities found." in run("opportunities", str(path)).stdout


def test_user_errors_give_a_message_not_a_traceback(tmp_path):
    missing = run("opportunities", str(tmp_path / "nope.storm"))
    assert missing.returncode == 2
    assert "Traceback" not in missing.stderr and "nope.storm" in missing.stderr
    bad = tmp_path / "bad.storm"
    bad.write_text("# Bad\nthis is not a sticky\n", "utf-8")
    invalid = run("opportunities", str(bad))
    assert invalid.returncode == 1
    assert "Traceback" not in invalid.stderr and "line 2" in invalid.stderr


def test_the_task_line_reads_as_a_sentence_in_both_languages(tmp_path):
    from canvas.commands.opportunities import render_text
    from eventstorming.detection.detector import detect
    from eventstorming.formats.storm import read_storm

    board = read_storm(write_board(tmp_path))
    detection = detect(board)
    english = render_text(detection, board.title, "en")
    assert "ML task: sort each case into one of the classes (classification)" in english
    assert "task: a classification" not in english
    german = render_text(detection, board.title, "de")
    assert "ML-Aufgabe: jeden Fall einer der Klassen zuordnen (Klassifikation)" in german
    assert "Aufgabe: eine Klassifikation" not in german


NEAR = """# Tickets
lang: en
## Support
c: CategorizeTicketCommand -> e: TicketCategorized
a: Agent -> c: Send reply -> e: Reply sent
"""


def test_candidates_come_apart_with_what_they_lack_only_when_asked(tmp_path):
    path = tmp_path / "tickets.storm"
    path.write_text(NEAR, encoding="utf-8")
    plain = run("opportunities", str(path), "--json")
    assert plain.returncode == 0, plain.stderr
    assert json.loads(plain.stdout) == []          # the contract: a list, nothing below it
    result = run("opportunities", str(path), "--json", "--candidates", "--lang", "de")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"opportunities", "candidates"}
    [candidate] = data["candidates"]
    assert candidate["anchor"]["text"] == "CategorizeTicketCommand"
    assert candidate["task"] == "classification"
    assert candidate["missing"] and all(m["explanation"].startswith(("Wer", "Welche", "Wie"))
                                        for m in candidate["missing"])
    text = run("opportunities", str(path))
    assert "Worth a look (below the threshold):" in text.stdout
    assert "- CategorizeTicketCommand  (classification, score 0.35)" in text.stdout
