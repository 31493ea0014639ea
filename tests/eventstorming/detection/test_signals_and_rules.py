"""Opportunity detection: each structural signal and each rule on small boards."""

from __future__ import annotations

import math

import pytest
from pydantic import ValidationError

from eventstorming import parse_storm, write_storm
from eventstorming.detection.detector import THRESHOLD, detect, read_text
from eventstorming.model import Board
from tests.eventstorming.detection.small_boards import anchors, board, only, rules


# --------------------------------------------------------------------------- structure
def test_a_person_deciding_with_information_in_front_of_them():
    det = detect(board(
        "r: Claim photos -> a: Adjuster\n"
        "a: Adjuster -> c: Classify damage -> e: Damage classified"))
    opp = only(det, "Classify damage")
    assert opp.task == "classification"
    assert opp.actor == "Adjuster"
    assert [i.text for i in opp.inputs] == ["Claim photos"]
    evidence = next(e for e in opp.evidence if e.rule == "informed_decision")
    assert set(evidence.stickies) == {"a-adjuster", "c-classify-damage", "r-claim-photos"}
    assert evidence.explanation == (
        'The Adjuster decides "Classify damage" with "Claim photos" in front of them.')


def test_alternative_outcome_events_are_the_classes():
    det = detect(board(
        "a: Officer -> c: Review permit request -> e: Permit request granted\n"
        "c: Review permit request -> e: Permit request refused"))
    opp = only(det, "Review permit request")
    assert "alternative_outcomes" in rules(opp)
    assert opp.classes == ("granted", "refused")
    assert [o.text for o in opp.outcomes] == ["Permit request granted", "Permit request refused"]
    assert opp.task == "classification"


def test_sequential_events_are_not_alternatives():
    det = detect(board(
        "r: Request form -> a: Clerk\n"
        "a: Clerk -> c: Assess request -> e: Request assessed\n"
        "c: Assess request -> e: Request logged\n"
        "e: Request assessed -> e: Request logged"))
    assert "alternative_outcomes" not in rules(only(det, "Assess request"))


def test_a_judgment_policy_on_a_command_is_evidence_for_the_command():
    det = detect(board(
        "e: Order placed {volume: 5000/day}\n"
        "e: Order placed -> p: Whenever an order looks fraudulent, the risk team checks it"
        " -> c: Check order -> e: Order released\n"
        "c: Check order -> e: Order cancelled"))
    opp = only(det, "Check order")
    assert "judgment_policy" in rules(opp)
    assert opp.task == "anomaly_detection"
    assert anchors(det) == ["Check order"]


def test_a_judgment_policy_that_no_command_carries_is_its_own_anchor():
    det = detect(board(
        "e: Payment received -> p: Whenever a payment seems fraudulent, block the card"
        " -> c: Block card -> e: Card blocked"))
    opp = only(det, "Whenever a payment seems fraudulent, block the card")
    assert opp.anchor.kind == "policy"
    assert opp.id == f"opp-{opp.anchor.id}"
    assert opp.task == "anomaly_detection"
    assert "Block card" not in anchors(det)
    assert not det.automation


@pytest.mark.parametrize("hotspot, phrase", [
    ("Half the forms come back with typos", "errors"),
    ("Two reviewers never agree, everyone does it differently", "disagreement"),
    ("The backlog is three weeks", "slowness or backlog"),
    ("Duplicates are only found months later", "problems found too late"),
    ("Shelves are empty after every holiday", "waste or shortage"),
])
def test_hotspots_report_the_pain(hotspot, phrase):
    det = detect(board(
        "r: Form scan -> a: Clerk\n"
        "a: Clerk -> c: Categorize form -> e: Form categorized\n"
        f"c: Categorize form -> h: {hotspot}"))
    opp = only(det, "Categorize form")
    evidence = next(e for e in opp.evidence if e.rule == "hotspot_pain")
    assert phrase in evidence.explanation
    assert hotspot in evidence.explanation
    assert [h.text for h in opp.hotspots] == [hotspot]


def test_volume_comes_from_upstream_events_and_minutes_from_the_command():
    det = detect(board(
        "a: Customer -> c: Send application -> e: Application received {volume: 2/week}\n"
        "e: Application received -> p: Whenever an application arrives, a clerk reads it"
        " -> a: Clerk\n"
        "a: Clerk -> c: Triage application {minutes: 30} -> e: Application triaged"))
    opp = only(det, "Triage application")
    assert opp.volume_per_day == pytest.approx(2 / 7)
    assert opp.minutes == 30
    effort = next(e for e in opp.evidence if e.rule == "effort")
    assert '"Application received"' in effort.explanation
    assert "30 minutes" in effort.explanation


def test_more_effort_weighs_more():
    def score(volume: str) -> float:
        det = detect(board(
            f"e: Mail arrived {{volume: {volume}}} -> a: Clerk\nr: Mail -> a: Clerk\n"
            "a: Clerk -> c: Sort mail into folders {minutes: 2} -> e: Mail sorted"))
        return only(det, "Sort mail into folders").score
    assert score("5000/day") > score("10/day")


def test_an_opportunity_sticky_on_a_detected_command_is_evidence():
    det = detect(board(
        "r: Ticket text -> a: Agent\n"
        "a: Agent -> c: Categorize ticket -> e: Ticket categorized\n"
        "c: Categorize ticket -> o: Suggest the category from the text"))
    assert anchors(det) == ["Categorize ticket"]
    assert "opportunity_sticky" in rules(only(det, "Categorize ticket"))


def test_an_opportunity_sticky_on_a_chore_or_alone_is_its_own_anchor():
    det = detect(board(
        "a: Clerk -> c: Send payment reminder -> e: Reminder sent\n"
        "c: Send payment reminder -> o: Predict which customers will pay late\n"
        "o: Forecast footfall for next month"))
    assert sorted(anchors(det)) == ["Forecast footfall for next month",
                                    "Predict which customers will pay late"]
    late = only(det, "Predict which customers will pay late")
    assert late.anchor.kind == "opportunity"
    assert late.actor == "Clerk"
    assert only(det, "Forecast footfall for next month").task == "forecasting"


def test_an_actor_policy_concerns_the_actors_next_command():
    det = detect(board(
        "a: Clerk -> c: Classify letter -> e: Letter classified\n"
        "e: Letter classified -> p: Whenever a letter looks urgent, the clerk escalates"
        " -> a: Clerk\n"
        "a: Clerk -> c: Decide escalation level -> e: Escalation decided"))
    assert "judgment_policy" in rules(only(det, "Decide escalation level"))
    assert "judgment_policy" not in rules(only(det, "Classify letter"))


# --------------------------------------------------------------------------- words
@pytest.mark.parametrize("command, task", [
    ("Classify incoming emails", "classification"),
    ("Label defect type", "classification"),
    ("Estimate repair cost", "regression"),
    ("Appraise used car value", "regression"),
    ("Forecast call volume for next month", "forecasting"),
    ("Anticipate seasonal demand", "forecasting"),
    ("Recommend matching products", "ranking"),
    ("Shortlist suppliers for the tender", "ranking"),
    ("Spot fraudulent transactions", "anomaly_detection"),
    ("Verify meter readings for outliers", "anomaly_detection"),
    ("Transcribe handwritten forms", "extraction"),
    ("Key in order details from faxes", "extraction"),
    ("Segment customers into groups", "clustering"),
])
def test_words_decide_the_task(command, task):
    det = detect(board(f"r: Case file -> a: Analyst\na: Analyst -> c: {command} -> e: Done"))
    assert only(det, command).task == task


def test_input_words_do_not_decide_the_task():
    reading = read_text("Suggest the category from merchant and amount")
    assert "regression" not in reading.votes or reading.votes["regression"] < max(
        reading.votes.values())


def test_alternative_tasks_are_listed():
    det = detect(board(
        "r: Returns history -> a: Analyst\n"
        "a: Analyst -> c: Review suspicious refund -> e: Refund cleared\n"
        "c: Review suspicious refund -> e: Refund blocked"))
    opp = only(det, "Review suspicious refund")
    assert opp.task == "anomaly_detection"
    assert "classification" in opp.alternative_tasks


# --------------------------------------------------------------------------- people
@pytest.mark.parametrize("body, flag", [
    ("r: Credit bureau data -> a: Loan officer\n"
     "a: Loan officer -> c: Approve loan application -> e: Loan approved", "credit"),
    ("r: CVs -> a: Recruiter\na: Recruiter -> c: Screen candidates -> e: Candidates screened",
     "employment"),
    ("r: Vital signs -> a: Nurse\na: Nurse -> c: Assess patient urgency -> e: Urgency assessed",
     "health"),
    ("r: Claim file -> a: Adjuster\na: Adjuster -> c: Decide on insurance claim"
     " -> e: Claim decided", "insurance"),
])
def test_decisions_about_people_are_high_stakes(body, flag):
    opp = detect(board(body)).opportunities[0]
    assert opp.high_stakes
    assert flag in opp.risk_flags


def test_decisions_about_things_are_not_high_stakes():
    opp = detect(board(
        "r: Receipt -> a: Accountant\n"
        "a: Accountant -> c: Categorize receipt -> e: Receipt categorized")).opportunities[0]
    assert not opp.high_stakes
    assert opp.risk_flags == ()


# --------------------------------------------------------------------------- output
SAMPLE = (
    "a: Customer -> c: Submit claim -> e: Claim submitted {volume: 300/day}\n"
    "e: Claim submitted -> a: Handler\nr: Policy terms -> a: Handler\n"
    "a: Handler -> c: Assess claim {minutes: 20} -> e: Claim accepted\n"
    "c: Assess claim -> e: Claim rejected\nc: Assess claim -> h: Handlers decide differently\n"
    "r: Invoice scan -> a: Handler\n"
    "a: Handler -> c: Enter invoice amount -> e: Invoice amount entered\n"
    "e: Claim accepted -> p: Whenever a claim is accepted, pay it -> c: Pay claim"
    " -> e: Claim paid\n"
)


def test_score_is_the_noisy_or_of_the_evidence_weights():
    for opp in detect(board(SAMPLE)).opportunities:
        expected = 1 - math.prod(1 - e.weight for e in opp.evidence)
        assert opp.score == pytest.approx(expected, abs=1e-3)
        assert THRESHOLD <= opp.score <= 1


def test_best_first():
    scores = [o.score for o in detect(board(SAMPLE)).opportunities]
    assert scores == sorted(scores, reverse=True)
    assert anchors(detect(board(SAMPLE)))[0] == "Assess claim"


def test_ids_are_stable_across_re_reads_and_derive_from_the_anchor():
    first = detect(board(SAMPLE))
    again = detect(parse_storm(write_storm(board(SAMPLE)), "again.storm"))
    assert [o.id for o in first.opportunities] == [o.id for o in again.opportunities]
    assert [a.id for a in first.automation] == [a.id for a in again.automation]
    for opp in first.opportunities:
        assert opp.id == f"opp-{opp.anchor.id}"


def test_every_evidence_sentence_names_its_stickies_in_both_languages():
    b = board(SAMPLE)
    for opp in detect(b).opportunities:
        for evidence in opp.evidence:
            assert evidence.explanation == evidence.explanations["en"]
            for lang in ("en", "de"):
                for sticky_id in evidence.stickies:
                    assert b.sticky(sticky_id).text in evidence.explanations[lang]


def test_the_detection_is_frozen():
    det = detect(board(SAMPLE))
    with pytest.raises(ValidationError):
        det.opportunities = []  # type: ignore[misc]
    with pytest.raises(ValidationError):
        det.opportunities[0].score = 0.1  # type: ignore[misc]


def test_json_contract():
    for item in detect(board(SAMPLE)).to_json()["opportunities"]:
        for key in ("id", "title", "task", "anchor", "actor", "inputs", "outcomes", "evidence",
                    "high_stakes", "score"):
            assert key in item
        assert set(item["anchor"]) == {"id", "kind", "text"}
        for evidence in item["evidence"]:
            assert {"rule", "stickies", "explanation"} <= set(evidence)
            assert isinstance(evidence["stickies"], list)


def test_an_empty_board_has_nothing():
    det = detect(Board())
    assert det.opportunities == [] and det.automation == []


# --------------------------------------------------------------------------- finer rules
def test_a_verb_off_the_verb_slot_counts_as_a_noun():
    det = detect(board("r: Competitor rates -> a: Pricing desk\n"
                       "a: Pricing desk -> c: Set the interest rate -> e: Rate set"))
    assert [o.task for o in det.opportunities] == ["regression"]


def test_setting_verbs_need_a_judgment_object():
    det = detect(board("r: User list -> a: Admin\na: Admin -> c: Set password -> e: Password set\n"
                       "a: Admin -> c: Set credit limit -> e: Limit set"))
    assert [o.anchor.text for o in det.opportunities] == ["Set credit limit"]


@pytest.mark.parametrize("command, task", [
    ("Pick the product category", "classification"),
    ("Order search results", "ranking"),
    ("Hand the case to the right team", "classification"),
    ("Create demand forecast", "forecasting"),
    ("Perform fraud check", "anomaly_detection"),
    ("Read reviews and sort out the complaints", "classification"),
])
def test_light_verbs_take_the_judgment_of_their_object(command, task):
    det = detect(board(f"r: Case data -> a: Analyst\na: Analyst -> c: {command} -> e: Done"))
    assert [(o.anchor.text, o.task) for o in det.opportunities] == [(command, task)]


@pytest.mark.parametrize("command", ["Pick items", "Order spare parts", "Create account",
                                     "Hand over keys", "Check in guest", "Put parcel on hold"])
def test_light_verbs_with_plain_objects_stay_chores(command):
    det = detect(board(f"r: Case data -> a: Clerk\na: Clerk -> c: {command} -> e: Done"))
    assert det.opportunities == []


def test_a_policy_condition_decides_the_policy_task():
    det = detect(board(
        "e: Reading entered -> p: Whenever a reading looks implausible, order a new reading"
        " -> c: Order new reading -> e: New reading ordered"))
    assert [(o.anchor.kind, o.task) for o in det.opportunities] == [
        ("policy", "anomaly_detection")]


def test_a_command_that_only_carries_a_judgment_policy_yields_to_the_policy():
    det = detect(board(
        "e: Application received -> p: Whenever an identity looks doubtful, hold the application"
        " -> c: Application on hold -> e: Application held"))
    assert [o.anchor.kind for o in det.opportunities] == ["policy"]


def test_words_at_the_end_of_an_english_command_are_not_its_verb():
    det = detect(board("r: Incident text -> a: Analyst\n"
                       "a: Analyst -> c: Hand incident to the right resolver group -> e: Done"))
    assert [o.task for o in det.opportunities] == ["classification"]


def test_disagreement_reveals_a_judgment_in_a_step_worded_as_a_chore():
    body = ("r: Transcripts -> a: Officer\n"
            "a: Officer -> c: Convert foreign grades -> e: Grades converted\n")
    assert detect(board(body)).opportunities == []
    disputed = body + "c: Convert foreign grades -> h: Officers convert the same grades differently"
    assert [o.anchor.text for o in detect(board(disputed)).opportunities] == [
        "Convert foreign grades"]


def test_a_partner_in_a_firm_is_a_person_who_decides():
    det = detect(board("r: Similar past matters -> a: Partner\n"
                       "a: Partner -> c: Weigh up the chances of winning -> e: Matter accepted\n"
                       "c: Weigh up the chances of winning -> e: Matter declined"))
    assert det.opportunities[0].actor == "Partner"


def test_extraction_is_worked_through_not_decided():
    det = detect(board("r: Receipt scan -> a: Accountant\n"
                       "a: Accountant -> c: Enter receipt data -> e: Receipt data entered"))
    sentence = next(e for e in det.opportunities[0].evidence if e.rule == "informed_decision")
    assert sentence.explanation == (
        'The Accountant works through "Enter receipt data" with "Receipt scan" in front of them.')


def test_minutes_may_stand_on_the_outcome_event():
    det = detect(board("r: Claim -> a: Clerk\n"
                       "a: Clerk -> c: Classify claim -> e: Claim classified {minutes: 7}"))
    assert det.opportunities[0].minutes == 7


def test_volume_flows_through_a_persons_previous_command():
    det = detect(board(
        "e: Invoice received {volume: 800/day} -> a: Clerk\n"
        "r: Invoice PDF -> a: Clerk\n"
        "a: Clerk -> c: Enter invoice data -> e: Invoice data entered\n"
        "r: Cost centre plan -> a: Clerk\n"
        "a: Clerk -> c: Assign cost centre -> e: Cost centre assigned"))
    assert {o.anchor.text: o.volume_per_day for o in det.opportunities} == {
        "Enter invoice data": 800, "Assign cost centre": 800}


def test_a_rare_step_is_counted_per_month_not_as_zero_a_day():
    from eventstorming.detection.detector import detect
    from eventstorming.formats.storm import parse_storm

    board = parse_storm(
        "# Budget\n## Finance\n"
        "r: Monthly cost report -> a: Finance controller\n"
        "a: Finance controller -> c: Forecast next quarter travel budget {minutes: 240} "
        "-> e: Travel budget forecast {volume: 12/year}\n")
    opp = detect(board).opportunities[0]
    effort = next(e for e in opp.evidence if e.rule == "effort")
    assert "happens about once a month" in effort.explanations["en"]
    assert "about 4 hours of work a month" in effort.explanations["en"]
    assert "etwa einmal im Monat" in effort.explanations["de"]
    assert "0 times a day" not in effort.explanation
