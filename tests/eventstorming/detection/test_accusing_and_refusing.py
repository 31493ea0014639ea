"""Decisions that accuse or refuse a person are high stakes in any domain and language
(issue 16): "Reject return as fraud" was a quick win while the German insurance fraud
check was flagged, only because "Versicherung" named a domain."""

from __future__ import annotations

import pytest

from canvas.priorities.scoring import prioritize_one, risk_flag_label
from eventstorming.detection.detector import detect
from tests.eventstorming.detection.small_boards import board, only


@pytest.mark.parametrize("body, lang, anchor, flag", [
    ("r: Return history -> a: Clerk\na: Clerk -> c: Reject return as fraud -> e: Return rejected",
     "en", "Reject return as fraud", "accusation"),
    ("r: Customer return history -> a: Fraud analyst\n"
     "a: Fraud analyst -> c: Review suspicious return -> e: Return cleared\n"
     "c: Review suspicious return -> e: Return fraud confirmed",
     "en", "Review suspicious return", "accusation"),
    ("r: Bestellhistorie -> a: Sachbearbeiterin\n"
     "a: Sachbearbeiterin -> c: Betrugsverdacht bei Retoure prüfen -> e: Retoure freigegeben\n"
     "c: Betrugsverdacht bei Retoure prüfen -> e: Betrug bestätigt",
     "de", "Betrugsverdacht bei Retoure prüfen", "accusation"),
    ("r: Order history -> a: Agent\na: Agent -> c: Decide on refund -> e: Refund granted\n"
     "c: Decide on refund -> e: Refund denied", "en", "Decide on refund", "refusal"),
    ("r: Login history -> a: Trust team\na: Trust team -> c: Review account -> e: Account blocked\n"
     "c: Review account -> e: Account kept", "en", "Review account", "refusal"),
    ("r: Antragsdaten -> a: Sachbearbeiter\n"
     "a: Sachbearbeiter -> c: Antrag prüfen -> e: Antrag bewilligt\n"
     "c: Antrag prüfen -> e: Antrag abgelehnt", "de", "Antrag prüfen", "refusal"),
    ("r: Kontoverlauf -> a: Sachbearbeiter\n"
     "a: Sachbearbeiter -> c: Kundenkonto prüfen -> e: Konto gesperrt\n"
     "c: Kundenkonto prüfen -> e: Konto freigegeben", "de", "Kundenkonto prüfen", "refusal"),
])
def test_accusing_or_refusing_a_person_is_high_stakes(body, lang, anchor, flag):
    opp = only(detect(board(body, lang)), anchor)
    assert opp.high_stakes and flag in opp.risk_flags


def test_the_english_and_the_german_fraud_check_are_flagged_alike():
    en = only(detect(board("r: Claim file -> a: Adjuster\n"
                           "a: Adjuster -> c: Assess fraud suspicion -> e: Claim cleared\n"
                           "c: Assess fraud suspicion -> e: Fraud suspected")),
              "Assess fraud suspicion")
    de = only(detect(board("r: Schadenakte -> a: Regulierer\n"
                           "a: Regulierer -> c: Betrugsverdacht einschätzen -> e: Unauffällig\n"
                           "c: Betrugsverdacht einschätzen -> e: Betrugsverdacht gemeldet",
                           "de")), "Betrugsverdacht einschätzen")
    assert en.high_stakes and de.high_stakes
    assert "accusation" in en.risk_flags and "accusation" in de.risk_flags


@pytest.mark.parametrize("body, anchor", [
    # an amount estimated about fraud accuses nobody
    ("r: Chargeback history -> a: Risk manager\n"
     "a: Risk manager -> c: Estimate fraud losses for next quarter -> e: Loss estimate made",
     "Estimate fraud losses for next quarter"),
    # refusing a thing, not a person's request
    ("r: Inspection photos -> a: Inspector\n"
     "a: Inspector -> c: Inspect delivered pallet -> e: Pallet accepted\n"
     "c: Inspect delivered pallet -> e: Pallet rejected", "Inspect delivered pallet"),
    # an expense claim checked against the travel policy stays routine
    ("r: Travel policy and receipts -> a: Team lead\n"
     "a: Team lead -> c: Review claim against travel policy -> e: Expense claim approved\n"
     "c: Review claim against travel policy -> e: Expense claim rejected",
     "Review claim against travel policy"),
])
def test_decisions_about_things_or_amounts_stay_ordinary(body, anchor):
    opp = only(detect(board(body)), anchor)
    assert not opp.high_stakes and opp.risk_flags == ()


def test_a_fraud_accusation_is_no_quick_win_and_says_why():
    det = detect(board(
        "a: Customer -> c: Request return -> e: Return requested {volume: 900/day}\n"
        "e: Return requested -> a: Clerk\nr: Return history -> a: Clerk\n"
        "r: Order details -> a: Clerk\n"
        "a: Clerk -> c: Reject return as fraud {minutes: 10} -> e: Return rejected as fraud\n"
        "c: Reject return as fraud -> e: Return accepted"))
    point = prioritize_one(only(det, "Reject return as fraud"))
    assert point.score_of("risk").score == 5
    assert "accuses a person (fraud suspicion)" in point.score_of("risk").reason
    assert point.quadrant != "quick win"
    assert risk_flag_label("refusal", "de") == "verweigert einer Person, was sie beantragt hat"
