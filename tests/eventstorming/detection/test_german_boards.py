"""Opportunity detection on German boards: compounds, inflections, German sentences."""

from __future__ import annotations

import pytest

from eventstorming import parse_storm
from eventstorming.detection.detector import detect
from eventstorming.model import Board


def board(body: str) -> Board:
    return parse_storm(f"# Testtafel\nlang: de\n## Bahn\n{body}\n", "test.storm")


@pytest.mark.parametrize("command, task", [
    ("Eingehende Anfragen kategorisieren", "classification"),
    ("Belege kontieren", "classification"),
    ("Risikobewertung vornehmen", "classification"),
    ("Reparaturkosten kalkulieren", "regression"),
    ("Lieferzeit abschätzen", "regression"),
    ("Absatz für nächste Woche prognostizieren", "forecasting"),
    ("Bedarfsprognose erstellen", "forecasting"),
    ("Passende Produkte empfehlen", "ranking"),
    ("Auffällige Buchungen aufdecken", "anomaly_detection"),
    ("Betrugsverdacht prüfen", "anomaly_detection"),
    ("Dubletten im Kundenstamm finden", "anomaly_detection"),
    ("Belegdaten abtippen", "extraction"),
    ("Zählerstände aus Fotos auslesen", "extraction"),
    ("Kunden segmentieren", "clustering"),
])
def test_german_wording_decides_the_task(command, task):
    det = detect(board(f"r: Vorgangsakte -> a: Sachbearbeiterin\n"
                       f"a: Sachbearbeiterin -> c: {command} -> e: Erledigt"))
    assert [(o.anchor.text, o.task) for o in det.opportunities] == [(command, task)]


def test_german_sentences_use_german_quotes_and_name_the_stickies():
    det = detect(board(
        "r: PDF der Rechnung -> a: Sachbearbeiterin\n"
        "a: Sachbearbeiterin -> c: Kostenstelle zuordnen -> e: Kostenstelle zugeordnet\n"
        "c: Kostenstelle zuordnen -> e: Rückfrage gestellt\n"
        "c: Kostenstelle zuordnen -> h: Jeder Bearbeiter bucht anders"))
    opp = det.opportunities[0]
    assert opp.lang == "de"
    sentences = {e.rule: e.explanation for e in opp.evidence}
    assert sentences["informed_decision"] == (
        "„Sachbearbeiterin“ entscheidet „Kostenstelle zuordnen“ mit „PDF der Rechnung“ "
        "vor Augen.")
    assert "Uneinigkeit" in sentences["hotspot_pain"]
    assert "alternative_outcomes" in sentences
    for evidence in opp.evidence:
        assert evidence.explanation == evidence.explanations["de"]
        assert evidence.explanations["en"] != evidence.explanations["de"]


def test_a_german_judgment_policy_is_its_own_anchor():
    det = detect(board(
        "e: Buchung eingegangen {volume: 20000/day}\n"
        "e: Buchung eingegangen -> p: Wenn eine Buchung auffällig wirkt, Konto sperren"
        " -> c: Konto sperren -> e: Konto gesperrt"))
    assert [(o.anchor.kind, o.task) for o in det.opportunities] == [
        ("policy", "anomaly_detection")]
    assert det.opportunities[0].volume_per_day == 20000


def test_german_chores_customers_optimisation_and_rules():
    det = detect(board(
        "a: Kunde -> c: Passendes Produkt auswählen -> e: Produkt ausgewählt\n"
        "a: Disponent -> c: Touren planen -> e: Touren geplant\n"
        "e: Produkt ausgewählt -> p: Wenn ein Produkt ausgewählt ist, Rechnung versenden"
        " -> c: Rechnung versenden -> e: Rechnung versendet\n"
        "a: Buchhalterin -> c: Zahlung ausführen -> e: Zahlung ausgeführt"))
    assert det.opportunities == []
    assert [(a.kind, a.anchor.text) for a in det.automation] == [
        ("optimisation", "Touren planen"),
        ("rule_automation", "Wenn ein Produkt ausgewählt ist, Rechnung versenden"),
    ]
    assert "Optimierungsproblem" in det.automation[0].explanation


@pytest.mark.parametrize("body, flag", [
    ("r: Schufa-Auskunft -> a: Kreditsachbearbeiter\n"
     "a: Kreditsachbearbeiter -> c: Kreditantrag bewerten -> e: Kredit bewilligt", "credit"),
    ("r: Lebenslauf -> a: Personalreferentin\n"
     "a: Personalreferentin -> c: Bewerbungen sichten -> e: Bewerbung gesichtet", "employment"),
    ("r: Vitalwerte -> a: Pflegekraft\n"
     "a: Pflegekraft -> c: Dringlichkeit der Patienten einstufen -> e: Eingestuft", "health"),
    ("r: Schadenakte -> a: Regulierer\n"
     "a: Regulierer -> c: Über Leistungsantrag entscheiden -> e: Entschieden", "insurance"),
])
def test_german_decisions_about_people_are_high_stakes(body, flag):
    opp = detect(board(body)).opportunities[0]
    assert opp.high_stakes and flag in opp.risk_flags


def test_umlauts_written_out_match_too():
    det = detect(board("r: Akte -> a: Prüfer\na: Prüfer -> c: Rechnung pruefen -> e: Geprueft"))
    # a check takes its task from what is checked and what can come out; nothing here
    # says anomaly, so it is a yes/no classification
    assert [o.task for o in det.opportunities] == ["classification"]
    assert "pruefen" in det.opportunities[0].evidence[-1].explanation


def test_deciding_a_code_is_classification_not_extraction():
    det = detect(board("r: Zolltarif -> a: Deklarant\n"
                       "a: Deklarant -> c: Zolltarifnummer je Warenposition bestimmen -> e: Done"))
    assert [o.task for o in det.opportunities] == ["classification"]
