"""Regressions from the lead's review on unseen boards: German false friends, policies that
carry out a judgment already made, high stakes by context, forecasting by need, classes that
keep their negations, and a task line that reads naturally."""

from __future__ import annotations

import pytest

from eventstorming import parse_storm
from eventstorming.detection.detector import detect
from eventstorming.model import Board


def board(body: str, lang: str = "en") -> Board:
    return parse_storm(f"# Test board\nlang: {lang}\n## Lane\n{body}\n", "test.storm")


COVERAGE = (
    "r: Vertragsdaten -> c: Deckung prüfen -> e: Deckung bestätigt\n"
    "c: Deckung prüfen -> e: Deckung abgelehnt\n"
    "e: Deckung abgelehnt -> p: {policy} -> c: Ablehnungsschreiben versenden"
    " -> e: Ablehnungsschreiben versendet\n")


def test_besteht_is_no_ranking_cue():
    det = detect(board(COVERAGE.format(
        policy="Wenn keine Deckung besteht, den Kunden schriftlich informieren"), "de"))
    anchors = {o.anchor.text for o in det.opportunities}
    assert "Wenn keine Deckung besteht, den Kunden schriftlich informieren" not in anchors
    assert all(o.task != "ranking" for o in det.opportunities)


def test_policy_on_a_decided_branch_with_a_chore_is_rule_automation():
    # even with a judgment word in the condition ("passende"), the branch was decided by
    # "Deckung prüfen"; sending the letter is a chore
    policy = "Wenn keine passende Deckung besteht, den Kunden schriftlich informieren"
    det = detect(board(COVERAGE.format(policy=policy), "de"))
    assert policy not in {o.anchor.text for o in det.opportunities}
    ideas = {a.title: a.kind for a in det.automation}
    assert ideas.get(policy) == "rule_automation"


def test_policy_with_a_new_judgment_after_a_plain_event_stays_an_opportunity():
    det = detect(board(
        "a: Cardholder -> c: Pay with card -> e: Card payment authorised\n"
        "e: Card payment authorised -> p: Whenever a payment looks unusual, ask the "
        "cardholder to confirm -> c: Send confirmation request -> e: Confirmation requested"))
    assert [o.anchor.text for o in det.opportunities] == [
        "Whenever a payment looks unusual, ask the cardholder to confirm"]


def _stakes(det, anchor: str) -> tuple[str, ...]:
    return next(o.risk_flags for o in det.opportunities if o.anchor.text == anchor)


def test_a_travel_expense_claim_is_not_an_insurance_claim():
    det = detect(board(
        "r: Travel policy and receipts -> a: Team lead\n"
        "a: Team lead -> c: Review claim against travel policy -> e: Expense claim approved\n"
        "c: Review claim against travel policy -> e: Expense claim rejected"))
    assert _stakes(det, "Review claim against travel policy") == ()


def test_a_claims_handler_outside_insurance_does_not_make_it_insurance():
    det = detect(board(
        "r: Repair price list -> a: Claims handler\n"
        "a: Claims handler -> c: Estimate repair cost {minutes: 15} -> e: Repair cost estimated"))
    assert _stakes(det, "Estimate repair cost") == ()


def test_on_an_insurance_board_a_claim_is_an_insurance_claim():
    text = ("# Motor claims\nlang: en\ndomain: insurance\n## Claims\n"
            "r: Photos of the damage -> a: Claims handler\n"
            "a: Claims handler -> c: Estimate repair cost {minutes: 15} -> e: Cost estimated\n")
    det = detect(parse_storm(text, "t.storm"))
    assert _stakes(det, "Estimate repair cost") == ("insurance",)
    det = detect(board("r: Claimant's photos -> a: Adjuster\n"
                       "a: Adjuster -> c: Estimate repair cost -> e: Cost estimated"))
    assert _stakes(det, "Estimate repair cost") == ("insurance",)


def test_ambiguous_words_do_not_raise_high_stakes():
    det = detect(board(
        "r: Vacancy rates and batch job log -> a: Analyst\n"
        "a: Analyst -> c: Estimate the degree of damage -> e: Degree estimated\n"
        "r: Alert stream -> a: Operator\n"
        "a: Operator -> c: Diagnose the fault -> e: Fault diagnosed\n"
        "c: Diagnose the fault -> e: Alert dismissed"))
    assert [o.risk_flags for o in det.opportunities] == [(), ()]


def test_police_means_insurance_in_german_and_the_police_in_english():
    de = detect(board("r: Police und Schadenbild -> a: Sachbearbeiter\n"
                      "a: Sachbearbeiter -> c: Risiko einschätzen -> e: Risiko eingeschätzt",
                      "de"))
    assert "justice" not in de.opportunities[0].risk_flags
    en = detect(board("r: Police report -> a: Officer\n"
                      "a: Officer -> c: Assess reoffending risk -> e: Risk assessed"))
    assert en.opportunities[0].risk_flags == ("justice",)



@pytest.mark.parametrize(("command", "lang"), [
    ("Plan cars needed per station", "en"),
    ("Work out how many nurses will be needed", "en"),
    ("Estimate staff needed for the weekend", "en"),
    ("Determine number of drivers required next month", "en"),
    ("Benötigte Fahrzeuge je Station planen", "de"),
    ("Bedarf an Aushilfen ermitteln", "de"),
])
def test_how_many_will_be_needed_is_a_forecast(command: str, lang: str):
    det = detect(board(f"r: Bookings -> a: Planner\na: Planner -> c: {command} -> e: Done",
                       lang))
    assert [(o.anchor.text, o.task) for o in det.opportunities] == [(command, "forecasting")]
    assert not det.automation     # a quantity needed is no allocation, even of drivers


def test_running_out_is_a_shortage_hotspot_that_points_to_a_forecast():
    det = detect(board(
        "r: Bookings for next month -> a: Fleet planner\n"
        "a: Fleet planner -> c: Plan cars needed per station -> e: Station demand planned\n"
        "c: Plan cars needed per station -> h: Stations run out of cars on holiday weekends"))
    rules = [e.rule for e in det.opportunities[0].evidence]
    assert "hotspot_pain" in rules
    assert "shortage" in det.opportunities[0].evidence[rules.index("hotspot_pain")].explanation


def test_documents_required_is_no_forecast():
    det = detect(board("a: Clerk -> c: Request documents required -> e: Documents requested"))
    assert det.opportunities == []


def _classes_of(outcomes: list[str], lang: str = "en") -> tuple[str, ...]:
    body = "r: Photos -> a: Inspector\na: Inspector -> c: Inspect car for damage\n"
    body += "".join(f"c: Inspect car for damage -> e: {o}\n" for o in outcomes)
    det = detect(board(body, lang))
    return det.opportunities[0].classes


def test_classes_keep_negations_and_the_whole_differing_span():
    assert _classes_of(["No new damage found", "New damage recorded"]) == (
        "No new damage found", "New damage recorded")
    assert _classes_of(["No conflict found", "Conflict found"]) == (
        "No conflict found", "Conflict found")
    assert _classes_of(["Keine Mängel festgestellt", "Mängel festgestellt"], "de") == (
        "Keine Mängel festgestellt", "Mängel festgestellt")


def test_classes_drop_the_words_all_outcomes_share():
    assert _classes_of(["Claim approved", "Claim rejected", "Claim returned for correction"]) \
        == ("approved", "rejected", "returned for correction")
    assert _classes_of(["Teile in Ordnung", "Teile als Ausschuss markiert"], "de") == (
        "in Ordnung", "als Ausschuss markiert")


@pytest.mark.parametrize(
    "command", ["Calculate deposit required", "Check number of signatures required"])
def test_a_fixed_requirement_is_no_forecast(command: str):
    det = detect(board(f"r: Contract -> a: Clerk\na: Clerk -> c: {command} -> e: Done"))
    assert all(o.task != "forecasting" for o in det.opportunities)


def test_einreihen_in_a_tariff_is_classification_not_ranking():
    det = detect(board(
        "r: Handelsrechnung -> a: Zollsachbearbeiter\n"
        "a: Zollsachbearbeiter -> c: Waren in den Zolltarif einreihen -> e: Eingereiht", "de"))
    assert [o.task for o in det.opportunities] == ["classification"]
