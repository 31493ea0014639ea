"""Detection on boards written the way practitioners publish them.

Code-style names, boards without actors, Big Picture timelines of events without commands,
sagas and outside systems that decide, customers picking from catalogues, rules written as
policies or notes. Each test is a small board in that style and the behaviour a workshop
expects from it.
"""

from __future__ import annotations

import json

from eventstorming.detection import THRESHOLD, detect
from eventstorming.words import readable
from tests.eventstorming.detection.small_boards import anchors, board, only, rules


# --------------------------------------------------------------------------- code-style names
def test_identifiers_read_as_words():
    assert readable("AddProductToShoppingList") == "Add product to shopping list"
    assert readable("CreatePolicyCommand") == "Create policy"
    assert readable("create_invoice") == "create invoice"
    assert readable("UserLoggedIn") == "User logged in"
    assert readable("ProposedInsured MedicalExamPassed") == "Proposed insured medical exam passed"
    assert readable("TischÜbersicht", "de") == "Tisch Übersicht"
    assert readable("Submit claim (online or via mail)") == "Submit claim (online or via mail)"
    assert readable("iPhone sold") == "iPhone sold"
    assert readable("LOS") == "LOS"


CODE_STYLE = (
    "c: SubmitClaimCommand -> e: ClaimSubmitted\n"
    "e: ClaimSubmitted -> p: ClaimAssessmentSaga -> c: AssessClaimCommand -> e: ClaimAccepted\n"
    "c: AssessClaimCommand -> e: ClaimRejected\n"
    "r: PolicyHolderHistoryView -> c: AssessClaimCommand\n"
    "e: ClaimRejected -> c: SendRejectionLetterCommand -> e: RejectionLetterSent\n"
    "e: ClaimAccepted -> c: PayOutClaimCommand -> e: ClaimPaidOut\n")


def test_a_code_style_board_without_actors_gets_a_specific_opportunity():
    det = detect(board(CODE_STYLE, title="Claims service"))
    assert anchors(det) == ["AssessClaimCommand"]
    opp = det.opportunities[0]
    assert opp.task == "classification"
    assert set(opp.classes) == {"accepted", "rejected"}
    assert opp.actor is None                    # a lane's name is never who decides
    assert "alternative_outcomes" in rules(opp)
    assert {"task_words", "task_words_weak"} & set(rules(opp))
    for evidence in opp.evidence:               # the original text, not the split one
        assert "AssessClaimCommand" in evidence.explanation
        assert "Assess claim" not in evidence.explanation
    texts = [e.explanation for e in opp.evidence]
    assert any("PolicyHolderHistoryView" in t for t in texts)


def test_the_same_generic_sentence_never_stands_alone_for_many_opportunities():
    det = detect(board(
        "r: TicketTextView -> c: CategorizeTicketCommand -> e: TicketCategorized\n"
        "c: CategorizeTicketCommand -> h: Half of the tickets land in the wrong queue\n"
        "r: TicketTextView -> c: EstimateEffortCommand -> e: EffortEstimated\n"
        "c: EstimateEffortCommand -> h: Estimates are off by days\n"
        "r: CustomerTierView -> c: PrioritizeTicketCommand -> e: TicketPrioritized\n"
        "c: PrioritizeTicketCommand -> h: Urgent tickets wait in the backlog\n"))
    assert len(det.opportunities) == 3
    sentences = [{e.explanation for e in o.evidence} for o in det.opportunities]
    shared = set.intersection(*sentences)
    assert not shared, shared
    for opp in det.opportunities:
        assert all(opp.anchor.text in e.explanation for e in opp.evidence)


# --------------------------------------------------------------------------- deciders
def test_a_saga_step_with_a_yes_a_no_and_a_pending_decides_by_itself():
    det = detect(board(
        "e: BankingInfoProvided -> p: ApplicationSubmissionSaga -> p: SubmitForApprovalStep"
        " -> e: ApplicationSubmitted -> p: ApplicationCompletedStep\n"
        "p: ApplicationCompletedStep -> e: ApplicationAccepted\n"
        "p: ApplicationCompletedStep -> e: ApplicationDenied\n"
        "p: ApplicationCompletedStep -> e: ApplicationPending\n"
        "e: ApplicationAccepted -> c: CreatePolicyCommand -> e: PolicyCreated\n"
        "e: ApplicationDenied -> c: SendDeniedEmailCommand\n",
        title="Life insurance sales"))
    opp = only(det, "ApplicationCompletedStep")
    assert opp.anchor.kind == "policy"
    assert opp.task == "classification"
    assert set(opp.classes) == {"accepted", "denied", "pending"}
    assert opp.high_stakes and "insurance" in opp.risk_flags
    assert anchors(det) == ["ApplicationCompletedStep"]


def test_an_outside_system_that_answers_yes_or_no_decides():
    det = detect(board(
        "e: LoanRequested -> s: CreditBureau\n"
        "s: CreditBureau -> e: CreditApproved\n"
        "s: CreditBureau -> e: CreditDeclined\n"))
    opp = only(det, "CreditBureau")
    assert opp.anchor.kind == "system"
    assert opp.high_stakes


def test_a_validity_check_is_a_rule_not_a_judgment():
    det = detect(board(
        "c: verify_driver_license -> s: LicenseCheckService\n"
        "s: LicenseCheckService -> e: DriverLicenseVerified\n"
        "s: LicenseCheckService -> e: DriverLicenseRejected\n"
        "a: Ticket inspector -> c: Scan ticket -> e: Ticket valid\n"
        "c: Scan ticket -> e: Ticket invalid\n"))
    assert anchors(det) == []


# --------------------------------------------------------------------------- one decision
def test_alternatives_after_a_check_are_one_decision_anchored_on_the_check():
    det = detect(board(
        "a: Claims handler -> c: Check insurance -> e: Assessment performed\n"
        "e: Assessment performed -> c: Accept claim and schedule payment\n"
        "e: Assessment performed -> c: Reject claim\n"
        "a: Claims handler -> c: Accept claim and schedule payment -> e: Payment scheduled\n"
        "a: Claims handler -> c: Reject claim -> e: Claim rejected\n",
        title="Insurance claims"))
    assert anchors(det) == ["Check insurance"]
    opp = det.opportunities[0]
    assert opp.task == "classification"      # a check takes its task from its outcomes
    assert {o.text for o in opp.outcomes} == {"Payment scheduled", "Claim rejected"}
    assert "verdict" in rules(opp)


def test_accepting_and_rejecting_one_case_is_one_decision_without_actors():
    det = detect(board(
        "c: Accept Meeting Group Proposal -> e: Meeting Group Proposal Accepted\n"
        "c: Reject Meeting Group Proposal -> e: Meeting Group Proposal Rejected\n"
        "c: Create Meeting -> e: Meeting Created\n"))
    assert anchors(det) == ["Accept Meeting Group Proposal"]
    assert det.opportunities[0].task == "classification"


def test_answering_ones_own_assignment_is_no_decision_about_a_case():
    det = detect(board(
        "a: Appraiser -> c: Accept Assignment -> e: AssignmentAccepted\n"
        "a: Appraiser -> c: Reject Assignment -> e: AssignmentRejected\n"))
    assert anchors(det) == []


def test_a_step_that_shows_recommendations_is_folded_into_the_decision():
    det = detect(board(
        "r: Appraiser Recommendations with Scores -> a: Admin\n"
        "a: Admin -> c: View Assignment Recommendations -> e: RecommendationsViewed\n"
        "c: View Assignment Recommendations -> h: Recommendation algorithm accuracy?\n"
        "a: Admin -> c: Assign Appraiser -> e: AppraisalAssigned\n"
        "a: Appraiser -> c: Accept Job -> e: JobAccepted\n"))
    assert anchors(det) == ["Assign Appraiser"]
    opp = det.opportunities[0]
    assert opp.task == "ranking"             # matching a person to each case
    assert "same_decision" in rules(opp)


def test_the_same_quantity_decided_twice_is_one_opportunity_but_two_judgments_are_two():
    det = detect(board(
        "a: Appraiser -> c: Calculate Market Value -> e: MarketValueCalculated\n"
        "c: Calculate Market Value -> g: ValuationAnalysis\n"
        "a: Appraiser -> c: Set Appraised Value -> e: AppraisedValueSet\n"
        "c: Set Appraised Value -> g: ValuationAnalysis\n"
        "a: Appraiser -> c: Classify the urgency of the repair -> e: Urgency classified\n"
        "a: Appraiser -> c: Categorize the damage of the repair -> e: Damage categorized\n"))
    found = anchors(det)
    assert len([a for a in found if "Value" in a]) == 1
    assert "Classify the urgency of the repair" in found
    assert "Categorize the damage of the repair" in found


# --------------------------------------------------------------------------- Big Picture
def test_a_big_picture_yes_and_no_is_anchored_on_the_outcome_event():
    det = detect(board(
        "e: Loan application received\n"
        "a: Loan officer\n"
        "e: Loan approved\n"
        "e: Loan rejected\n"
        "h: Decisions take two weeks\n"
        "e: Contract signed\n", title="Consumer loans"))
    opp = only(det, "Loan approved")
    assert opp.anchor.kind == "event"
    assert opp.task == "classification"
    assert set(opp.classes) == {"approved", "rejected"}
    assert opp.high_stakes                    # credit is a decision about people


def test_a_big_picture_event_worded_as_a_judgment_needs_someone_or_something_beside_it():
    alone = detect(board("e: Order received\ne: Damage assessed\ne: Invoice sent\n"))
    assert anchors(alone) == []
    near = [c.anchor.text for c in alone.candidates]
    assert "Damage assessed" in near
    with_person = detect(board(
        "e: Order received\na: Surveyor\ne: Damage assessed\n"
        "h: Surveyors disagree on the same photos\ne: Invoice sent\n"))
    opp = only(with_person, "Damage assessed")
    assert opp.actor == "Surveyor"
    assert {"outcome_event", "human_decision", "hotspot_pain"} <= set(rules(opp))


def test_rejections_by_rule_policies_and_lifecycle_events_are_not_decisions():
    det = detect(board(
        "a: Patron -> e: Book placed on hold\n"
        "p: Maximum number of holds policy -> e: Book hold rejected\n"
        "e: Book hold expired\n"
        "e: Book hold cancelled\n"
        "e: Book collected\n", title="Library"))
    assert anchors(det) == []


def test_a_hotspot_beside_an_event_can_name_the_judgment():
    det = detect(board(
        "e: Antrag eingegangen\n"
        "e: Unterlagen nachgefordert\n"
        "h: Rund 60 % der Anträge sind beim Eingang unvollständig\n"
        "h: Die Vollständigkeitsprüfung dauert drei Wochen\n"
        "e: Gebühr festgesetzt\n", lang="de"))
    opp = only(det, "Unterlagen nachgefordert")
    assert "hotspot_judgment" in rules(opp)
    assert opp.task == "classification"
    assert "„Unterlagen nachgefordert“" in opp.evidence[0].explanation


# --------------------------------------------------------------------------- customers
def test_a_customer_adding_from_their_history_is_a_recommendation():
    det = detect(board(
        "r: Product name, List of already used products -> c: AddProductToShoppingList\n"
        "a: Shopper -> c: AddProductToShoppingList -> e: Added product\n"
        "a: Shopper -> c: CreateEmptyMealPlan -> e: Created new meal plan\n"
        "r: Available meal plans -> c: AddMealPlanToShoppingList\n"
        "a: Shopper -> c: AddMealPlanToShoppingList -> e: Added meal plan\n"
        "r: Available meals -> c: AddMealToMealPlan\n"
        "a: Shopper -> c: AddMealToMealPlan -> e: Added meal\n"
        "r: Available users -> c: ShareShoppingListWithUser\n"
        "a: Shopper -> c: ShareShoppingListWithUser -> e: Shared list\n"))
    assert sorted(anchors(det)) == ["AddMealToMealPlan", "AddProductToShoppingList"]
    assert {o.task for o in det.opportunities} == {"ranking"}
    assert "recommendation" in rules(only(det, "AddProductToShoppingList"))


def test_an_image_a_customer_hands_in_is_an_extraction():
    det = detect(board(
        "r: Image of receipt -> c: ReceiveReceipt\n"
        "a: Shopper -> c: ReceiveReceipt -> e: Received receipt\n"
        "a: Shopper -> c: Pay -> e: Payed\n"))
    opp = only(det, "ReceiveReceipt")
    assert opp.task == "extraction"
    assert {"document_input", "unstructured_input"} <= set(rules(opp))


# --------------------------------------------------------------------------- rules, not ML
def test_rules_written_as_policies_and_notes_are_automation_not_predictions():
    det = detect(board(
        "a: Appraiser -> c: Calculate Forced Sale -> e: ForcedSaleValueCalculated\n"
        "p: 80% of appraised -> c: Calculate Forced Sale\n"
        "p: Preisänderungen wirken nur auf zukünftige Bestellungen\n"
        "c: ValidateRouteSpecificationCommand -> e: RouteSpecificationAccepted\n"
        "c: ValidateRouteSpecificationCommand -> e: RouteSpecificationRejected\n"
        "n: Rejected when origin equals destination\n"
        "a: Admin -> c: assign_account_manager -> e: AccountManagerAssigned\n"
        "n: Account managers are assigned round-robin per country\n"))
    assert anchors(det) == []
    ideas = {i.title for i in det.automation}
    assert {"Calculate Forced Sale", "ValidateRouteSpecificationCommand",
            "assign_account_manager"} <= ideas


def test_a_weighted_heuristic_is_what_a_model_replaces_not_a_rule():
    det = detect(board(
        "r: Appraiser Workload Dashboard -> a: Admin\n"
        "a: Admin -> c: Assign Appraiser -> e: AppraisalAssigned\n"
        "n: Assignment criteria: Location Proximity (40%), Current Workload (30%)\n"))
    assert anchors(det) == ["Assign Appraiser"]


def test_a_rule_that_hotspots_complain_about_is_an_opportunity_again():
    det = detect(board(
        "e: HandlingEventRegistered -> p: WhenHandlingEventRegistered_RecalculateEta"
        " -> c: RecalculateEtaCommand -> e: EtaUpdated\n"
        "n: ETA is the scheduled arrival plus a fixed 2 days buffer\n"
        "h: Shippers say our ETA is off by up to a week\n"))
    opp = only(det, "RecalculateEtaCommand")
    assert opp.task == "regression"
    assert "automated_step" in rules(opp)


def test_data_entry_and_administration_are_chores():
    det = detect(board(
        "a: Servicekraft -> c: Zahlbetrag eingeben (Gesamtbetrag oder Teilbetrag)"
        " -> e: Zahlung registriert\n"
        "a: Telefonservice -> c: Schadenmeldung telefonisch erfassen -> e: Schaden gemeldet\n"
        "a: Admin -> c: Rolle zuweisen -> e: Rolle zugewiesen\n", lang="de"))
    assert anchors(det) == []
    det = detect(board("a: Admin -> c: Assign Role -> e: RoleAssigned\n"
                       "a: Admin -> c: Grant Permission -> e: PermissionGranted\n"))
    assert anchors(det) == []


def test_scanning_a_document_is_where_extraction_starts():
    det = detect(board(
        "a: Mitarbeiterin Patientenaufnahme -> c: Einweisungsschein scannen"
        " -> e: Einweisungsdiagnose übernommen\n"
        "c: Einweisungsschein scannen -> h: Diagnosen werden von Hand ins KIS abgetippt\n",
        lang="de"))
    opp = only(det, "Einweisungsschein scannen")
    assert opp.task == "extraction"
    assert opp.actor == "Mitarbeiterin Patientenaufnahme"   # staff, not a patient


# --------------------------------------------------------------------------- near misses
def test_near_misses_come_with_what_they_lack():
    det = detect(board(
        "c: CategorizeTicketCommand -> e: TicketCategorized\n"
        "a: Agent -> c: Tag ticket -> e: Ticket tagged\n"
        "a: Agent -> c: Send reply -> e: Reply sent\n"))
    assert "CategorizeTicketCommand" not in anchors(det)     # actors exist: who does it?
    near = {c.anchor.text: c for c in det.candidates}
    assert "CategorizeTicketCommand" in near
    candidate = near["CategorizeTicketCommand"]
    assert candidate.score < THRESHOLD
    assert candidate.missing and all(g.explanations["de"] for g in candidate.missing)
    assert any("actor" in g.explanation for g in candidate.missing)
    assert "Send reply" not in near


def test_detection_is_deterministic_on_practitioner_boards():
    one = detect(board(CODE_STYLE)).to_json()
    two = detect(board(CODE_STYLE)).to_json()
    assert json.dumps(one, sort_keys=True) == json.dumps(two, sort_keys=True)


def test_named_rules_deadlines_and_controls_decide_nothing_themselves():
    det = detect(board(
        "c: AssignReasonCode -> e: ReasonCodeAssigned\n"
        "e: ReasonCodeAssigned -> p: FraudReasonPolicy -> c: BlockCard -> e: CardBlocked\n"
        "e: DisputeOpened -> p: DisputeDeadlinePolicy -> c: RejectLateDispute"
        " -> e: DisputeRejectedAsLate\n"
        "e: ParcelScanned -> p: Smallest free compartment that fits size S, M or L"
        " -> c: Open compartment -> e: Compartment opened\n"
        "a: Operations admin -> c: Set opening hours of host location -> e: Opening hours set\n"
        "h: Lockers in malls close at 22:00, late couriers cannot deliver\n"
        "a: Teamleitung -> c: Bescheid im Vier-Augen-Prinzip freigeben"
        " -> e: Bescheid freigegeben\n"))
    assert not {"FraudReasonPolicy", "RejectLateDispute", "Set opening hours of host location",
                "Smallest free compartment that fits size S, M or L",
                "Bescheid im Vier-Augen-Prinzip freigeben"} & set(anchors(det))


def test_a_proctoring_session_is_no_login_session():
    det = detect(board(
        "r: WebcamRecordingView -> c: ReviewProctoringSession\n"
        "a: Proctor -> c: ReviewProctoringSession -> e: ExamSessionCleared\n"
        "c: ReviewProctoringSession -> e: MisconductSuspected\n"
        "c: ReviewProctoringSession -> h: Proctors watch every recording, 4,000 hours a month\n"))
    opp = only(det, "ReviewProctoringSession")
    assert opp.task in ("classification", "anomaly_detection")
