"""German boards read German everywhere a person reads; JSON keys and values stay English."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from canvas.mlcanvas.model import prefill_canvas, target_words
from canvas.mlcanvas.render import canvas_to_html, canvas_to_markdown
from eventstorming import parse_storm
from eventstorming.detection.detector import detect
from tests.conftest import ROOT

KREDIT = """# Kreditvergabe
lang: de
domain: banking

## Antrag
e: Kreditantrag eingegangen {volume: 200/day} -> a: Kreditprüfer
r: Schufa-Auskunft und Kontoumsätze -> a: Kreditprüfer
a: Kreditprüfer -> c: Bonität des Antragstellers bewerten {minutes: 20} -> e: Kredit bewilligt
c: Bonität des Antragstellers bewerten -> e: Kredit abgelehnt
"""


@pytest.fixture(scope="module")
def board_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("de") / "kredit.storm"
    path.write_text(KREDIT, encoding="utf-8")
    return path


def run(*args: str) -> str:
    return subprocess.run([sys.executable, "-m", "canvas", *args], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout


def test_prioritize_table_is_german(board_file):
    out = run("prioritize", str(board_file))
    assert out.splitlines()[0].split() == ["#", "Punkte", "Wert", "Machb.", "Quadrant",
                                          "Aufgabe", "Titel"]
    assert "strategische Wette" in out and "Klassifikation" in out
    assert "ROI nimmt an: 50 % der heutigen Minuten gespart" in out
    for english in ("quick win", "strategic bet", "classification", "ROI assumes", "score"):
        assert english not in out


def test_prioritize_json_keeps_english_keys_and_values(board_file):
    row = json.loads(run("prioritize", str(board_file), "--json"))[0]
    assert row["quadrant"] == "strategic bet" and row["task"] == "classification"
    assert "menschliche Prüfung" in row["quadrant_reason"]
    assert row["criteria"]["risk"]["reason"] == "hohe Tragweite: Kredit"


def test_opportunities_text_names_kinds_and_flags_in_german(board_file):
    out = run("opportunities", str(board_file))
    assert "Anker: Command 'Bonität" in out and "Anker: command" not in out
    assert "[HOHES RISIKO: Kredit]" in out and "credit" not in out
    assert "—  Klassifikation," in out
    data = json.loads(run("opportunities", str(board_file), "--json"))
    assert data[0]["anchor"]["kind"] == "command" and data[0]["risk_flags"] == ["credit"]


def test_canvas_markdown_and_poster_labels_are_german():
    board = parse_storm(KREDIT, "kredit.storm")
    opp = detect(board).opportunities[0]
    canvas = prefill_canvas(opp, board)
    md = canvas_to_markdown(canvas)
    assert "**Risiko:** hoch, hohe Tragweite" in md and "high" not in md
    assert "**Aufgabe:** Klassifikation" in md
    assert "| Zielgröße | `outcome` |" in md          # a column name, shown as code
    assert "Zielgröße „Ergebnis“" in md and "Vorhersage von outcome" not in md
    assert "| Betrieb | Echtzeit |" in md
    assert "Min.." not in md
    poster = canvas_to_html(canvas)
    assert "hoch · hohe Tragweite" in poster and "high stakes" not in poster


@pytest.mark.parametrize(("target", "lang", "said"), [
    ("outcome", "de", "Ergebnis"), ("category", "de", "Kategorie"),
    ("antrag_rating", "de", "Antrag: Bewertung"), ("platzbedarf", "de", "platzbedarf"),
    ("check_result", "en", "check result"), (None, "en", "group"),
])
def test_target_words(target, lang, said):
    assert target_words(target, lang) == said
