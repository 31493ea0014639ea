"""What detection must leave alone: chores, customer actions, optimisation, plain rules."""

from __future__ import annotations

import pytest

from eventstorming import parse_storm
from eventstorming.detection.detector import detect
from eventstorming.model import Board


def board(body: str, lang: str = "en") -> Board:
    return parse_storm(f"# Test board\nlang: {lang}\n## Lane\n{body}\n", "test.storm")


def anchors(body: str, lang: str = "en") -> list[str]:
    return [o.anchor.text for o in detect(board(body, lang)).opportunities]


@pytest.mark.parametrize("command", [
    "Send invoice", "Print shipping label", "Archive contract", "Pay supplier",
    "Notify customer", "Upload document", "Book meeting room", "Ship order",
    "Close ticket", "Issue certificate", "Refund payment", "Sign contract",
])
def test_transactional_steps_are_not_opportunities(command):
    body = (f"r: Order details -> a: Clerk\na: Clerk -> c: {command} -> e: Done\n"
            f"c: {command} -> h: Takes ages")
    assert anchors(body) == []


@pytest.mark.parametrize("command", [
    "Rechnung versenden", "Zahlung überweisen", "Vertrag archivieren", "Kunden informieren",
    "Etikett drucken", "Auftrag anlegen",
])
def test_german_transactional_steps_are_not_opportunities(command):
    body = f"r: Auftragsdaten -> a: Sachbearbeiter\na: Sachbearbeiter -> c: {command} -> e: Fertig"
    assert anchors(body, "de") == []


def test_a_chore_with_alternative_outcomes_is_still_a_chore():
    body = ("a: Driver -> c: Deliver parcel -> e: Parcel delivered\n"
            "c: Deliver parcel -> e: Delivery failed")
    assert anchors(body) == []


@pytest.mark.parametrize("actor", ["Customer", "Applicant", "Kunde", "Patient", "Supplier"])
def test_customer_actions_are_not_the_business_judgment(actor):
    body = (f"r: Product catalogue -> a: {actor}\n"
            f"a: {actor} -> c: Choose the best product -> e: Product chosen\n"
            "c: Choose the best product -> e: Nothing chosen")
    assert anchors(body) == []


def test_a_customer_service_agent_is_not_a_customer():
    body = ("r: Ticket text -> a: Customer service agent\n"
            "a: Customer service agent -> c: Categorize complaint -> e: Complaint categorized")
    assert anchors(body) == ["Categorize complaint"]


@pytest.mark.parametrize("command, lang", [
    ("Plan delivery routes", "en"),
    ("Schedule technician visits", "en"),
    ("Assign nurses to shifts", "en"),
    ("Draw up the staff roster", "en"),
    ("Allocate trucks to loading docks", "en"),
    ("Schichtplan erstellen", "de"),
    ("Touren für die Fahrer planen", "de"),
    ("OP-Säle belegen", "de"),
])
def test_optimisation_problems_are_automation_ideas(command, lang):
    det = detect(board(f"r: Orders for tomorrow -> a: Planner\na: Planner -> c: {command}"
                       " -> e: Plan made", lang))
    assert det.opportunities == []
    assert [(a.kind, a.anchor.text) for a in det.automation] == [("optimisation", command)]
    assert "Orders for tomorrow" in det.automation[0].explanation


def test_routing_a_ticket_to_a_team_is_classification_not_routing_vehicles():
    det = detect(board("r: Ticket text -> a: Dispatcher\n"
                       "a: Dispatcher -> c: Route ticket to team -> e: Ticket routed"))
    assert [o.task for o in det.opportunities] == ["classification"]
    assert det.automation == []


def test_deterministic_policies_are_rule_automation():
    det = detect(board(
        "e: Risk rated low -> p: Whenever risk is low, accept automatically"
        " -> c: Accept application -> e: Application accepted\n"
        "e: Payment received -> p: Whenever payment is received, ship the order"
        " -> c: Ship order -> e: Order shipped"))
    assert det.opportunities == []
    assert [(a.kind, a.anchor.kind, a.title) for a in det.automation] == [
        ("rule_automation", "policy", "Whenever risk is low, accept automatically"),
        ("rule_automation", "policy", "Whenever payment is received, ship the order"),
    ]
    idea = det.automation[0]
    assert idea.id == "auto-p-whenever-risk-is-low-accept-automatically"
    for text in ("Whenever risk is low, accept automatically", "Risk rated low",
                 "Accept application"):
        assert text in idea.explanation
        assert text in idea.explanations["de"]


def test_a_policy_that_hands_work_to_a_person_is_no_rule_automation():
    det = detect(board("e: Letter received -> p: Whenever a letter arrives, a clerk reads it"
                       " -> a: Clerk\na: Clerk -> c: File letter -> e: Letter filed"))
    assert det.automation == [] and det.opportunities == []


def test_a_vague_step_needs_structure_to_count():
    plain = "r: Request form -> a: Clerk\na: Clerk -> c: Process request -> e: Request processed"
    assert anchors(plain) == []
    forked = ("r: Request form -> a: Clerk\na: Clerk -> c: Process request -> e: Request granted\n"
              "c: Process request -> e: Request denied")
    assert anchors(forked) == ["Process request"]


def test_a_step_without_any_judgment_signal_is_left_alone():
    body = ("r: Pick list -> a: Warehouse worker\n"
            "a: Warehouse worker -> c: Walk to the aisle {minutes: 5} -> e: Aisle reached\n"
            "c: Walk to the aisle -> h: Takes too long")
    assert anchors(body) == []


def test_an_ambiguous_role_is_an_outside_party_only_in_an_outside_lane():
    text = ("r: Supplier catalogue -> a: Buyer\n"
            "a: Buyer -> c: Choose the best supplier -> e: Supplier chosen\n")
    staff = parse_storm(f"# B\n## Procurement\n{text}", "b.storm")
    outside = parse_storm(f"# B\n## Buyer\n{text}", "b.storm")
    assert [o.anchor.text for o in detect(staff).opportunities] == ["Choose the best supplier"]
    assert detect(outside).opportunities == []


def test_copying_from_a_document_is_extraction_but_copying_files_is_a_chore():
    assert anchors("r: Supplier letter -> a: Clerk\n"
                   "a: Clerk -> c: Copy bank details from the supplier letter into the ERP"
                   " -> e: Bank details stored") == [
        "Copy bank details from the supplier letter into the ERP"]
    chore = "r: Share -> a: Clerk\na: Clerk -> c: Copy files to the share -> e: Copied"
    assert anchors(chore) == []


def test_opportunity_stickies_about_optimisation_are_automation_ideas():
    det = detect(board("a: Dispatcher -> c: Plan delivery tours -> e: Tours planned\n"
                       "c: Plan delivery tours -> o: Let a solver build the tours\n"
                       "o: Optimise the nurse rota"))
    assert det.opportunities == []
    assert [(a.kind, a.anchor.text) for a in det.automation] == [
        ("optimisation", "Plan delivery tours"), ("optimisation", "Optimise the nurse rota")]


def test_a_policy_issuing_a_step_with_judgment_words_is_no_plain_rule():
    det = detect(board("e: Report submitted -> p: Whenever a report is submitted, check it"
                       " -> c: Check report -> e: Report checked"))
    assert det.automation == []


def test_a_verb_that_may_be_a_physical_act_needs_more_than_a_person():
    assert anchors("a: Check-in agent -> c: Tag bag -> e: Bag tagged") == []
    assert anchors("r: Ticket text -> a: Agent\na: Agent -> c: Tag ticket -> e: Ticket tagged") == [
        "Tag ticket"]
    assert anchors("a: Clerk -> c: Classify letter -> e: Letter classified") == [
        "Classify letter"]


def test_a_policy_restating_a_judgment_already_made_is_a_plain_rule():
    det = detect(board("a: Analyst -> c: Review payment -> e: Fraud confirmed\n"
                       "c: Review payment -> e: Payment cleared\n"
                       "e: Fraud confirmed -> p: Whenever fraud is confirmed, block the card"
                       " -> c: Block card -> e: Card blocked"))
    assert [o.anchor.text for o in det.opportunities] == ["Review payment"]
    assert [(a.kind, a.title) for a in det.automation] == [
        ("rule_automation", "Whenever fraud is confirmed, block the card")]
