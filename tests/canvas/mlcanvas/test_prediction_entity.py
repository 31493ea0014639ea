"""The entity of a prediction comes from the board's structure, not from chopped words."""

from __future__ import annotations

import pytest

from canvas.mlcanvas.model import _subject, plural, prefill_canvas
from eventstorming import parse_storm
from eventstorming.detection.detector import detect

HOSPITAL = """# Hospital discharge
lang: en
domain: healthcare

## Ward
a: Doctor -> c: Clear patient for discharge -> e: Patient cleared for discharge {volume: 40/day}
e: Patient cleared for discharge -> a: Nurse
r: Patient record and lab results -> a: Nurse
a: Nurse -> c: Assess readmission risk {minutes: 10} -> e: Readmission risk assessed
c: Assess readmission risk -> e: Patient readmitted
c: Assess readmission risk -> h: Patients come back within a week
"""

WARD = """# Ward
lang: en

## Ward
e: Patient admitted to ward {volume: 30/day} -> a: Nurse
a: Nurse -> c: Check vital signs {minutes: 5} -> e: Vital signs checked
c: Check vital signs -> e: Patient transferred to ICU
"""

KREDIT_READ_MODEL = """# Kreditvergabe
lang: de
domain: banking

## Antrag
r: Kreditantrag -> a: Kreditprüfer
s: Schufa -> a: Kreditprüfer
a: Kreditprüfer -> c: Bonität bewerten {minutes: 20, volume: 200/day} -> e: Kredit bewilligt
c: Bonität bewerten -> e: Kredit abgelehnt
"""

KREDIT_EVENT = """# Kreditvergabe
lang: de

## Antrag
e: Kreditantrag im Portal eingegangen {volume: 200/day} -> a: Kreditprüfer
a: Kreditprüfer -> c: Bonität bewerten {minutes: 20} -> e: Kredit bewilligt
c: Bonität bewerten -> e: Kredit abgelehnt
"""

POLICY = """# Insurance
lang: en

## Desk
a: Agent -> c: Renew policy -> g: Policy -> e: Policy renewal requested {volume: 50/day}
e: Policy renewal requested -> a: Underwriter
a: Underwriter -> c: Classify underwriting risk {minutes: 6} -> e: Renewal accepted
c: Classify underwriting risk -> e: Renewal declined
"""


def _canvas(text: str, anchor: str):
    board = parse_storm(text, "test.storm")
    opp = next(o for o in detect(board).opportunities if o.anchor.text == anchor)
    return prefill_canvas(opp, board)


@pytest.mark.parametrize(("board", "anchor", "entity", "entities"), [
    (HOSPITAL, "Assess readmission risk", "patient", "Replay past patients:"),
    (WARD, "Check vital signs", "patient", "Replay past patients:"),
    (POLICY, "Classify underwriting risk", "policy", "Replay past policies:"),
])
def test_english_entity_from_the_structure(board, anchor, entity, entities):
    canvas = _canvas(board, anchor)
    assert canvas.prediction.entity == entity
    assert canvas.box("impact_simulation")[0].text.startswith(entities)
    text = " ".join(n.text for box in canvas.boxes.values() for n in box)
    assert " for " + "s" not in text and "fors" not in text and "tos " not in text


@pytest.mark.parametrize("board", [KREDIT_READ_MODEL, KREDIT_EVENT])
def test_german_entity_is_the_case_not_the_judged_quality(board):
    canvas = _canvas(board, "Bonität bewerten")
    assert canvas.prediction.entity == "Kreditantrag"


@pytest.mark.parametrize(("event", "lang", "subject"), [
    ("Receipt uploaded", "en", "Receipt"),
    ("Patient cleared for discharge", "en", "Patient"),
    ("Vital signs checked", "en", "Vital signs"),
    ("Invoice sent to customer", "en", "Invoice"),
    ("Kreditantrag eingegangen", "de", "Kreditantrag"),
    ("Patient auf Station aufgenommen", "de", "Patient"),
])
def test_event_subject_drops_participles_and_prepositions(event, lang, subject):
    assert _subject(event, lang) == subject


@pytest.mark.parametrize(("noun", "plural_form"), [
    ("patient", "patients"), ("policy", "policies"), ("day", "days"), ("batch", "batches"),
    ("box", "boxes"), ("claims", "claims"), ("repair order", "repair orders"),
])
def test_plural(noun, plural_form):
    assert plural(noun) == plural_form


def test_a_code_style_board_names_the_use_case_in_words():
    board = parse_storm(
        "# Life insurance sales\nlang: en\n## Underwriting\n"
        "e: BankingInfoProvided -> p: SubmitForApprovalStep -> e: ApplicationSubmitted"
        " -> p: ApplicationCompletedStep\n"
        "p: ApplicationCompletedStep -> e: ApplicationAccepted\n"
        "p: ApplicationCompletedStep -> e: ApplicationDenied\n", "life.storm")
    [opp] = detect(board).opportunities
    canvas = prefill_canvas(opp, board)
    assert canvas.name == "application-completed-step"
    assert canvas.prediction.entity == "application"
    assert canvas.timestamp == "application_submitted_at"
    assert opp.title == "ApplicationCompletedStep"      # shown as written
