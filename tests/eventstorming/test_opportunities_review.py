"""Regressions from the lead's review on unseen boards: German false friends, policies that
carry out a judgment already made, high stakes by context, forecasting by need, classes that
keep their negations, and a task line that reads naturally."""

from __future__ import annotations

from eventstorming import parse_storm
from eventstorming.model import Board
from eventstorming.opportunities import detect


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
