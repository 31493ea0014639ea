"""Accept, dismiss, restore and hand-made opportunities (canvas.workspace.decisions)."""

from __future__ import annotations

import pytest

from canvas.workspace.decisions import (
    MANUAL_SCORE,
    Decisions,
    Mark,
    accepted_opportunities,
    card_numbers,
    anchor_choices,
    load_decisions,
    manual_opportunity,
    opportunity_cards,
    save_decisions,
)
from canvas.workspace.store import ConflictError
from eventstorming.detection.detector import detect
from eventstorming.formats.storm import parse_storm

BOARD = parse_storm("""# Receipts
lang: en
## Employee
a: Employee -> c: Submit receipt {volume: 300/day} -> e: Receipt submitted
## Accounting
e: Receipt submitted -> p: When a receipt arrives -> c: Categorize receipt {minutes: 2}
c: Categorize receipt -> e: Receipt categorized
r: Merchant list -> c: Categorize receipt
a: Accountant -> c: Categorize receipt
h: Receipts without merchant name -> c: Categorize receipt
c: Check receipt for fraud -> e: Receipt flagged
c: Check receipt for fraud -> e: Receipt cleared
a: Auditor -> c: Check receipt for fraud
r: Receipt history -> c: Check receipt for fraud
""")


@pytest.fixture(scope="module")
def detected():
    found = detect(BOARD).opportunities
    assert len(found) >= 2, [o.id for o in found]
    return found


def test_nothing_decided_shows_every_opportunity_new_best_first(detected):
    cards = opportunity_cards(detected, Decisions())
    assert [c.id for c in cards] == [o.id for o in detected]
    assert {c.status for c in cards} == {"new"}
    assert all(c.detected and not c.edited for c in cards)


def test_accept_dismiss_restore_keep_author_and_time(detected):
    first, second = detected[0].id, detected[1].id
    d = Decisions().accept(first, "Ana", at="2026-01-01T10:00:00+00:00")
    d = d.dismiss(second, "Ben", at="2026-01-01T10:01:00+00:00")
    assert d.status(first) == "accepted" and d.status(second) == "dismissed"
    assert d.marks[second] == Mark("dismissed", "Ben", "2026-01-01T10:01:00+00:00")
    assert [c.id for c in opportunity_cards(detected, d, ("dismissed",))] == [second]
    restored = d.restore(second, "Ana")
    assert restored.status(second) == "new"
    assert d.status(second) == "dismissed", "decisions are immutable"


def test_accepted_come_in_the_order_they_were_accepted(detected):
    d = Decisions().accept(detected[1].id, "Ana", at="2026-01-01T10:00:00+00:00")
    d = d.accept(detected[0].id, "Ana", at="2026-01-01T11:00:00+00:00")
    assert [o.id for o in accepted_opportunities(detected, d)] == \
        [detected[1].id, detected[0].id]


def test_a_decision_needs_an_author_and_a_known_status(detected):
    with pytest.raises(ValueError, match="author"):
        Decisions().accept(detected[0].id, "  ")
    with pytest.raises(ValueError, match="unknown status 'maybe'"):
        Decisions().mark(detected[0].id, "maybe", "Ana")  # type: ignore[arg-type]


def test_a_hand_made_opportunity_reads_its_context_off_the_board():
    opp = manual_opportunity(BOARD, title="Suggest the category", task="classification",
                             anchor_id="c-categorize-receipt")
    assert opp.id == "manual-suggest-the-category" and opp.source == "manual"
    assert opp.actor == "Accountant"
    assert {r.text for r in opp.inputs} >= {"Merchant list"}
    assert [r.text for r in opp.outcomes] == ["Receipt categorized"]
    assert [h.text for h in opp.hotspots] == ["Receipts without merchant name"]
    assert opp.minutes == 2 and opp.score == MANUAL_SCORE


def test_hand_made_ids_never_collide():
    opp = manual_opportunity(BOARD, title="Suggest the category", task="ranking",
                             anchor_id="c-categorize-receipt",
                             taken={"manual-suggest-the-category"})
    assert opp.id == "manual-suggest-the-category-2"


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"title": " "}, "title: an opportunity needs a title"),
    ({"task": "guessing"}, "task: 'guessing' is not an ML task"),
    ({"anchor_id": "c-nowhere"}, "anchor: there is no sticky 'c-nowhere'"),
])
def test_a_bad_hand_made_opportunity_says_which_field(kwargs, message):
    args = {"title": "X", "task": "classification", "anchor_id": "c-categorize-receipt"}
    with pytest.raises(ValueError, match=message):
        manual_opportunity(BOARD, **{**args, **kwargs})


def test_editing_a_detected_opportunity_keeps_its_id_score_and_evidence(detected):
    base = detected[0]
    edited = manual_opportunity(BOARD, title="Better title", task="ranking",
                                anchor_id=base.anchor.id, opportunity_id=base.id, base=base,
                                high_stakes=True)
    d = Decisions().with_manual(edited).accept(base.id, "Ana")
    card = opportunity_cards(detected, d)[0]
    assert card.id == base.id and card.edited and card.detected
    assert card.opportunity.title == "Better title" and card.opportunity.task == "ranking"
    assert card.opportunity.high_stakes and card.opportunity.evidence == base.evidence
    assert accepted_opportunities(detected, d)[0].title == "Better title"
    back = d.without_manual(base.id)
    assert opportunity_cards(detected, back)[0].opportunity == base


def test_a_new_hand_made_opportunity_is_listed_after_better_ones(detected):
    opp = manual_opportunity(BOARD, title="Forecast receipts", task="forecasting",
                             anchor_id="c-submit-receipt")
    cards = opportunity_cards(detected, Decisions().with_manual(opp))
    assert cards[-1].id == opp.id and not cards[-1].detected
    assert [c.score for c in (x.opportunity for x in cards)] == \
        sorted((c.opportunity.score for c in cards), reverse=True)


def test_anchor_choices_are_commands_and_policies_in_timeline_order():
    choices = anchor_choices(BOARD)
    assert choices[0] == "c-submit-receipt"
    assert "a-employee" not in choices and "p-when-a-receipt-arrives" in choices


def test_round_trip_through_the_workspace_with_conflicts(ws, detected):
    workshop = ws.create_from_board(BOARD)
    d, revision = load_decisions(ws, workshop)
    assert d == Decisions() and revision == 0
    manual = manual_opportunity(BOARD, title="Suggest the category", task="classification",
                                anchor_id="c-categorize-receipt")
    d = d.accept(detected[0].id, "Ana").with_manual(manual)
    revision = save_decisions(ws, workshop, d, 0, "Ana")
    again, read_revision = load_decisions(ws, workshop)
    assert again == d and read_revision == revision == 1
    with pytest.raises(ConflictError):
        save_decisions(ws, workshop, d.dismiss(detected[1].id, "Ben"), 0, "Ben")
    assert load_decisions(ws, workshop)[0] == d, "a refused save changes nothing"


def test_a_damaged_document_is_a_clear_error():
    with pytest.raises(ValueError, match="decisions.marks.x must be a mapping"):
        Decisions.from_data({"marks": {"x": "yes"}})
    with pytest.raises(ValueError, match=r"decisions.manual.m\.task"):
        Decisions.from_data({"manual": {"m": {"id": "m", "title": "t", "task": "magic",
                                              "anchor": {"id": "a", "kind": "c", "text": "t"},
                                              "score": 0.5}}})


def test_numbers_run_without_gaps_and_dismissed_cards_come_last(detected):
    assert len(detected) >= 2
    d = Decisions().dismiss(detected[0].id, "Ana")
    cards = opportunity_cards(detected, d)
    numbers = card_numbers(cards)
    assert sorted(numbers.values()) == list(range(1, len(cards) + 1))
    assert numbers[detected[1].id] == 1 and numbers[detected[0].id] == len(cards)


def test_the_same_title_cannot_be_added_twice_but_an_edit_keeps_its_own(detected):
    args = {"task": "classification", "anchor_id": "c-categorize-receipt"}
    first = manual_opportunity(BOARD, title="Spot duplicates", **args)
    with pytest.raises(ValueError, match="title: “spot DUPLICATES” is already on the list"):
        manual_opportunity(BOARD, title="spot DUPLICATES", existing=[*detected, first], **args)
    with pytest.raises(ValueError, match="already on the list"):
        manual_opportunity(BOARD, title=detected[0].title, existing=detected, **args)
    again = manual_opportunity(BOARD, title="Spot duplicates", opportunity_id=first.id,
                               base=first, existing=[first], **args)
    assert again.id == first.id
