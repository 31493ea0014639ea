"""Graph queries on small boards made for each test."""

from __future__ import annotations

import pytest

from eventstorming import parse_storm
from eventstorming.graph import BoardGraph, Relation, infer_relation
from eventstorming.model import Kind


def texts(stickies):
    return [s.text for s in stickies]


def graph_of(text: str) -> BoardGraph:
    return BoardGraph(parse_storm(text))


@pytest.mark.parametrize("source, target, relation", [
    ("actor", "command", Relation.ISSUES),
    ("policy", "command", Relation.ISSUES),
    ("command", "aggregate", Relation.HANDLED_BY),
    ("command", "system", Relation.HANDLED_BY),
    ("command", "event", Relation.RESULTS_IN),
    ("aggregate", "event", Relation.RESULTS_IN),
    ("system", "event", Relation.RESULTS_IN),
    ("event", "policy", Relation.TRIGGERS),
    ("policy", "actor", Relation.ASSIGNS),
    ("readmodel", "actor", Relation.INFORMS),
    ("readmodel", "command", Relation.INFORMS),
    ("system", "command", Relation.INFORMS),
    ("event", "readmodel", Relation.UPDATES),
    ("system", "readmodel", Relation.UPDATES),
    ("event", "actor", Relation.NOTIFIES),
    ("hotspot", "command", Relation.CONCERNS),
    ("command", "hotspot", Relation.CONCERNS),
    ("opportunity", "policy", Relation.CONCERNS),
    ("note", "event", Relation.CONCERNS),
    ("command", "actor", Relation.UNUSUAL),
    ("actor", "event", Relation.UNUSUAL),
    ("event", "aggregate", Relation.UNUSUAL),
])
def test_relation_follows_from_the_kinds(source, target, relation):
    assert infer_relation(Kind(source), Kind(target)) is relation
    g = graph_of(f"{source}: A -> {target}: B\n")
    ids = [s.id for s in g.board.stickies]
    assert g.relation(ids[0], ids[1]) is relation


def test_issuers_directly_and_through_a_policy():
    g = graph_of(
        "a: Clerk -> c: Check invoice -> e: Invoice checked\n"
        "e: Invoice received -> p: Whenever an invoice arrives, check it -> c: Check invoice\n"
        "p: Whenever an invoice arrives, check it -> a: Reviewer\n"
        "a: Auditor -> p: Whenever an invoice arrives, check it\n")
    issuers = g.issuers("c-check-invoice")
    assert texts(issuers.actors) == ["Clerk"]
    assert texts(issuers.policies) == ["Whenever an invoice arrives, check it"]
    assert texts(issuers.policy_actors) == ["Reviewer", "Auditor"]
    assert texts(issuers.all_actors) == ["Clerk", "Reviewer", "Auditor"]


def test_informers_directly_through_the_actor_and_through_the_policy():
    g = graph_of(
        "r: Receipt scan -> a: Accountant -> c: Categorize receipt -> e: Receipt categorized\n"
        "s: Merchant registry -> c: Categorize receipt\n"
        "r: Category list -> c: Categorize receipt\n"
        "e: Receipt uploaded -> p: Whenever uploaded, categorize -> c: Categorize receipt\n"
        "r: Travel policy -> p: Whenever uploaded, categorize\n"
        "r: Unrelated report -> a: Someone else -> c: Other -> e: Other done\n")
    assert texts(g.informers("c-categorize-receipt")) == [
        "Receipt scan", "Merchant registry", "Category list", "Travel policy"]
    assert texts(g.informers("c-other")) == ["Unrelated report"]


def test_outcomes_directly():
    g = graph_of("c: Check claim -> e: Claim approved\nc: Check claim -> e: Claim rejected\n"
                 "c: Check claim -> h: Slow\n")
    assert texts(g.outcomes("c-check-claim")) == ["Claim approved", "Claim rejected"]


def test_outcomes_through_a_shared_aggregate_follow_the_timeline():
    g = graph_of(
        "a: Employee -> c: Upload receipt -> g: Expense report -> e: Receipt uploaded\n"
        "a: Employee -> c: Submit report -> g: Expense report -> e: Report submitted\n"
        "g: Expense report -> e: Report locked\n")
    assert texts(g.outcomes("c-upload-receipt")) == ["Receipt uploaded"]
    assert texts(g.outcomes("c-submit-report")) == ["Report submitted", "Report locked"]
    assert texts(g.handlers("c-upload-receipt")) == ["Expense report"]


def test_outcomes_through_a_system():
    g = graph_of("c: Pay invoice -> s: Bank\ns: Bank -> e: Payment executed\n"
                 "c: Archive -> e: Archived\n")
    assert texts(g.outcomes("c-pay-invoice")) == ["Payment executed"]
    assert texts(g.outcomes("c-archive")) == ["Archived"]


def test_direct_outcomes_win_over_the_handler():
    g = graph_of("c: Assess risk -> g: Contract\nc: Assess risk -> e: Risk rated\n"
                 "c: Submit draft -> g: Contract -> e: Draft submitted\n")
    assert texts(g.outcomes("c-assess-risk")) == ["Risk rated"]
    assert texts(g.outcomes("c-submit-draft")) == ["Draft submitted"]


def test_command_without_outcome_has_none():
    g = graph_of("a: Clerk -> c: Think hard\n")
    assert g.outcomes("c-think-hard") == []


def test_upstream_events():
    g = graph_of(
        "e: Report submitted -> p: Whenever submitted, review -> c: Review report\n"
        "e: Reminder sent -> a: Manager -> c: Review report -> e: Report approved\n"
        "e: Spending booked -> r: Budget status -> a: Manager\n"
        "e: Manager assigned -> p: Whenever assigned, tell manager -> a: Manager\n"
        "e: Direct trigger -> c: Review report\n"
        "e: Report approved -> r: Budget status\n")
    assert texts(g.upstream_events("c-review-report")) == [
        "Report submitted", "Reminder sent", "Spending booked", "Manager assigned",
        "Direct trigger"]


def test_hotspots_and_opportunity_stickies_either_direction():
    g = graph_of("c: Categorize -> h: Misfiled bills\nh: Slow typing -> c: Categorize\n"
                 "o: Suggest category -> c: Categorize\nc: Categorize -> e: Categorized\n"
                 "c: Other -> h: Unrelated\n")
    assert texts(g.hotspots("c-categorize")) == ["Misfiled bills", "Slow typing"]
    assert texts(g.opportunity_stickies("c-categorize")) == ["Suggest category"]


def test_neighbours_successors_predecessors_filter_by_kind():
    g = graph_of("a: Clerk -> c: Do -> e: Done\nr: Info -> c: Do\n")
    assert texts(g.neighbours("c-do")) == ["Clerk", "Done", "Info"]
    assert texts(g.neighbours("c-do", Kind.ACTOR, Kind.READMODEL)) == ["Clerk", "Info"]
    assert texts(g.successors("c-do")) == ["Done"]
    assert texts(g.predecessors("c-do", Kind.READMODEL)) == ["Info"]
    assert g.degree("c-do") == 3


def test_timeline_uses_order_or_positions():
    g = graph_of("e: First\ne: Second\ne: Third\n")
    assert texts(g.timeline()) == ["First", "Second", "Third"]
    board = g.board
    moved = board.model_copy(update={"stickies": (
        board.stickies[0].model_copy(update={"x": 300.0}),
        board.stickies[1].model_copy(update={"x": 100.0}),
        board.stickies[2],
    )})
    assert texts(BoardGraph(moved).timeline()) == ["Second", "First", "Third"]


def test_commands_issued_by_a_policy():
    g = graph_of("p: Whenever X, do Y -> c: Do Y\np: Whenever X, do Y -> c: Do Z\n")
    assert texts(g.commands_issued_by("p-whenever-x-do-y")) == ["Do Y", "Do Z"]
