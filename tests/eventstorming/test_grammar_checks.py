"""Grammar checks on small boards built in each test, in English and German."""

from __future__ import annotations

import dataclasses

import pytest

from eventstorming import parse_storm
from eventstorming.grammar import (
    RULES,
    GrammarWarning,
    check_board,
    is_past_tense,
    reads_as_past_event,
)


def check(text: str, lang: str = "en") -> list[GrammarWarning]:
    return check_board(parse_storm(f"# Test\nlang: {lang}\n{text}"))


def rules(warnings: list[GrammarWarning]) -> list[tuple[str, tuple[str, ...]]]:
    return [(w.rule, w.stickies) for w in warnings]


GOOD_EN = """\
## Sales
a: Broker -> c: Submit draft -> g: Contract -> e: Draft submitted {volume: 10/day}
e: Draft submitted -> p: Whenever a draft arrives, an underwriter reads it -> a: Underwriter
r: Clause library -> a: Underwriter
a: Underwriter -> c: Assess risk -> e: Risk rated low
c: Assess risk -> e: Risk rated high
c: Assess risk -> h: Takes forty minutes
c: Assess risk -> o: Suggest a risk class
e: Risk rated low -> p: Whenever risk is low, accept -> c: Accept contract -> e: Contract accepted
n: A floating note is fine
"""

GOOD_DE = """\
## Buchhaltung
a: Lieferant -> c: Rechnung senden -> s: Postfach -> e: Rechnung eingegangen
e: Rechnung eingegangen -> p: Wenn eine Rechnung eingeht, erfassen -> a: Sachbearbeiterin
r: PDF der Rechnung -> a: Sachbearbeiterin
a: Sachbearbeiterin -> c: Rechnungsdaten erfassen -> e: Rechnungsdaten erfasst
e: Rechnungsdaten erfasst -> c: Kostenstelle zuordnen -> e: Kostenstelle zugeordnet
e: Kostenstelle zugeordnet -> c: Rechnung prüfen -> e: Rechnung freigegeben
c: Rechnung prüfen -> e: Rechnung beanstandet
e: Rechnung freigegeben -> c: Zahlung ausführen -> e: Betrag überwiesen
e: Betrag überwiesen -> c: Vorgang abschließen -> e: Vorgang abgeschlossen
"""


def test_well_formed_boards_have_no_warnings():
    assert check(GOOD_EN) == []
    assert check(GOOD_DE, "de") == []


def test_warning_is_frozen_and_validated():
    warning = GrammarWarning("unlinked-sticky", ("e-x",), "Link it.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        warning.rule = "other"  # type: ignore[misc]
    with pytest.raises(ValueError, match="unknown grammar rule"):
        GrammarWarning("nonsense", ("e-x",), "m")
    with pytest.raises(ValueError, match="at least one sticky"):
        GrammarWarning("unlinked-sticky", (), "m")
    assert warning.to_json() == {"rule": "unlinked-sticky", "stickies": ["e-x"],
                                 "message": "Link it."}


# ---------------------------------------------------------------- event tense

@pytest.mark.parametrize("text", [
    "Receipt uploaded", "Similar tickets found", "Goods put away", "Order was placed",
    "Invoice due", "Payment received from bank", "Item graded as new", "Policy written",
    "Contract risk rated high", "Fee agreed", "Budget overrun", "Stock sold out",
    "Parcel at pickup point", "Application on hold", "Address invalid", "Stock low",
    "Item out of stock",
])
def test_english_past_events(text):
    assert is_past_tense(text, "en") is True


@pytest.mark.parametrize("text", [
    "Upload receipt", "Send survey", "New month begins", "Check speed", "Customer request",
    "Approve invoice", "At risk customers contact",
])
def test_english_events_not_in_the_past(text):
    assert is_past_tense(text, "en") is False


@pytest.mark.parametrize("text", [
    "Rechnung eingegangen", "Rechnungsdaten erfasst", "Kostenstelle zugeordnet",
    "Vertrag abgeschlossen", "Rechnung archiviert", "Betrag überwiesen", "Schaden gemeldet",
    "Rechnung wurde geprüft", "Rechnung fällig", "Unterlagen hochgeladen",
    "Daten abgeglichen", "Antrag entschieden", "Lieferant informiert", "Termin vereinbart",
    "SCHADEN GEMELDET", "Rechnung freigegeben", "Gutachten eingetragen", "Ticket closed",
    "Teil in Ordnung", "Probe unauffällig", "Produktionsplan steht", "Gutachten liegt vor",
    "Regulärer Termin nötig",
])
def test_german_past_events(text):
    assert is_past_tense(text, "de") is True


@pytest.mark.parametrize("text", [
    "Rechnung prüfen", "Antrag genehmigen", "Kunde anrufen", "Schaden erfassen",
    "Zahlung veranlassen", "Rechnung freigeben", "Neuer Bericht", "Geschäft abschließen",
])
def test_german_events_not_in_the_past(text):
    assert is_past_tense(text, "de") is False


def test_event_not_past_warning_in_english_with_a_twin_command():
    warnings = check("a: Clerk -> c: Approve invoice -> e: Approve invoice\n")
    assert rules(warnings) == [("event-not-past", ("e-approve-invoice",))]
    message = warnings[0].message
    assert "'Approve invoice'" in message and "past tense" in message
    assert "also a command with this text" in message


def test_event_not_past_warning_in_german():
    warnings = check("a: Kundin -> c: Antrag stellen -> e: Antrag prüfen\n", "de")
    assert rules(warnings) == [("event-not-past", ("e-antrag-pruefen",))]
    assert "„Antrag prüfen“" in warnings[0].message
    assert "Vergangenheit" in warnings[0].message


# ---------------------------------------------------------------- command phrasing

@pytest.mark.parametrize("text, expected", [
    ("Invoice approved", True), ("Receipt categorized", True), ("Order was placed", True),
    ("Approve invoice", False), ("Mark as paid", False), ("Mark invoice paid", False),
    ("Put goods away", False), ("Calculate monthly forecast", False),
    ("Look up similar solved tickets", False), ("Set ticket priority", False),
    ("Handle returns when damaged", False), ("Update read model", False),
    ("Bike dropped off", True), ("Loan paid out", True), ("Guest checked in", True),
    ("Application referred to senior officer", True), ("Invoice sent to insurer", True),
    ("Forged certificate found", True), ("Hand over parcels", False), ("Log in", False),
    ("Archive documents received by mail", False), ("Reprocess failed payments", False),
    ("Allocate beds to admitted patients", False), ("Mark parcel as delivered", False),
    ("Load the training data set", False), ("Sign off", False),
    ("Decide whether the disputed payment was fraud", False),
])
def test_english_command_phrasing(text, expected):
    assert reads_as_past_event(text, "en") is expected


@pytest.mark.parametrize("text, expected", [
    ("Rechnung geprüft", True), ("Kostenstelle zugeordnet", True),
    ("Daten wurden erfasst", True), ("Betrag erfasst", True), ("Rechnung archiviert", True),
    ("Rechnung prüfen", False), ("Kostenstelle zuordnen", False), ("Auftrag vergeben", False),
    ("Leistung erhalten", False), ("Rechnung freigeben", False), ("Kosten belegen", False),
    ("Antrag genehmigen", False), ("Verdachtsfall untersuchen", False),
])
def test_german_command_phrasing(text, expected):
    assert reads_as_past_event(text, "de") is expected


def test_command_as_event_warning():
    warnings = check("a: Clerk -> c: Invoice approved -> e: Invoice booked\n")
    assert rules(warnings) == [("command-as-event", ("c-invoice-approved",))]
    assert "imperative" in warnings[0].message
    de = check("a: Clerk -> c: Rechnung geprüft -> e: Rechnung gebucht\n", "de")
    assert rules(de) == [("command-as-event", ("c-rechnung-geprueft",))]
    assert "Aufforderung" in de[0].message


def test_unknown_language_skips_the_tense_checks_and_speaks_english():
    warnings = check("a: Client -> c: Facture approuvée -> e: Envoyer facture\n"
                     "c: Payer\na: Personne -> c: Payer\n", "fr")
    assert rules(warnings) == [("command-without-outcome", ("c-payer",))]
    assert "has no outcome event" in warnings[0].message


def test_language_codes_with_regions():
    warnings = check("a: Kundin -> c: Antrag stellen -> e: Antrag prüfen\n", "de-AT")
    assert "Vergangenheit" in warnings[0].message


# ---------------------------------------------------------------- outcomes and policies

def test_command_without_outcome():
    warnings = check("a: Clerk -> c: Approve invoice\nc: Approve invoice -> h: Slow\n")
    assert rules(warnings) == [("command-without-outcome", ("c-approve-invoice",))]
    assert "Link it to the event" in warnings[0].message


def test_outcome_through_a_shared_aggregate_counts():
    assert check("a: Clerk -> c: Open file -> g: File -> e: File opened\n"
                 "a: Clerk -> c: Close file -> g: File -> e: File closed\n") == []


def test_policy_without_command():
    warnings = check("e: Order placed -> p: Whenever an order is placed, ship it\n"
                     "c: Place order -> e: Order placed\na: Buyer -> c: Place order\n")
    assert rules(warnings) == [("policy-without-command",
                                ("p-whenever-an-order-is-placed-ship-it",))]
    assert "issues no command" in warnings[0].message
    de = check("e: Bestellung eingegangen -> p: Wenn bestellt, versenden\n"
               "a: Kunde -> c: Bestellen -> e: Bestellung eingegangen\n", "de")
    assert rules(de) == [("policy-without-command", ("p-wenn-bestellt-versenden",))]
    assert "löst keinen Befehl aus" in de[0].message


def test_policy_handing_work_to_an_actor_is_fine_only_if_the_actor_acts():
    fine = "e: Draft arrived -> p: Whenever a draft arrives, review -> a: Reviewer\n" \
           "a: Reviewer -> c: Review draft -> e: Draft reviewed\n" \
           "a: Author -> c: Send draft -> e: Draft arrived\n"
    assert check(fine) == []
    idle = "e: Draft arrived -> p: Whenever a draft arrives, review -> a: Reviewer\n" \
           "a: Author -> c: Send draft -> e: Draft arrived\n"
    assert [w.rule for w in check(idle)] == ["policy-without-command"]


# ---------------------------------------------------------------- unlinked and links

def test_unlinked_stickies_but_not_notes():
    warnings = check("e: Lonely event happened\nn: A note\nh: Floating worry\n"
                     "a: Clerk -> c: Do it -> e: It done\n")
    assert rules(warnings) == [("unlinked-sticky", ("e-lonely-event-happened",)),
                               ("unlinked-sticky", ("h-floating-worry",))]
    assert "link it to the sticky the problem is about" in warnings[1].message
    de = check("h: Schwebende Sorge\n", "de")
    assert "ist mit nichts verbunden" in de[0].message


def test_unusual_link_says_when_the_reverse_makes_sense():
    warnings = check("a: Clerk -> r: Open invoices\na: Clerk -> c: Pay -> e: Paid\n")
    assert rules(warnings) == [("unusual-link", ("a-clerk", "r-open-invoices"))]
    message = warnings[0].message
    assert "other way round" in message and "a read model informs an actor" in message
    assert "Turn the arrow round" in message
    de = check("a: Sachbearbeiterin -> r: Offene Rechnungen\n"
               "a: Sachbearbeiterin -> c: Zahlen -> e: Bezahlt\n", "de")
    assert "ein Lesemodell informiert einen Akteur" in de[0].message
    assert "Dreh den Pfeil um" in de[0].message
    backwards = check("c: Approve invoice -> a: Clerk\nc: Approve invoice -> e: Invoice "
                      "approved\n")
    assert rules(backwards) == [("unusual-link", ("c-approve-invoice", "a-clerk"))]
    assert "(an actor issues a command), turn the arrow round" in backwards[0].message


def test_unusual_link_names_the_missing_sticky_in_between():
    warnings = check("a: Customer -> e: Order placed\n")
    assert rules(warnings) == [("unusual-link", ("a-customer", "e-order-placed"))]
    assert "a command is missing in between (actor → command → event)" in \
        warnings[0].message
    assert "an event notifies an actor), turn the arrow round" in warnings[0].message
    de = check("a: Kunde -> e: Bestellung eingegangen\n", "de")
    assert "fehlt ein Befehl dazwischen (Akteur → Befehl → Ereignis)" in de[0].message
    commands = check("a: Clerk -> c: Pack -> c: Ship\nc: Ship -> e: Shipped\n"
                     "c: Pack -> e: Packed\n")
    assert rules(commands) == [("unusual-link", ("c-pack", "c-ship"))]
    assert "an event is missing in between" in commands[0].message


def test_unusual_link_without_a_fix_asks_to_check_the_kinds():
    warnings = check("p: Whenever X, Y -> p: Whenever Y, Z\n"
                     "e: X happened -> p: Whenever X, Y\np: Whenever Y, Z -> c: Do Z\n"
                     "c: Do Z -> e: Z done\n")
    assert [w.rule for w in warnings] == ["policy-without-command", "unusual-link"]
    assert "wrong kind" in warnings[1].message


def test_every_rule_is_exercised_and_ordered_by_timeline():
    warnings = check("e: Send reminder\n"
                     "a: Clerk -> c: Invoice approved {minutes: many}\n"
                     "e: Order placed -> p: Whenever placed, ship\n"
                     "a: Buyer -> e: Order placed\n")
    assert {w.rule for w in warnings} == set(RULES)
    orders = [next(s.order for s in parse_storm("# T\ne: Send reminder\n"
                                                "a: Clerk -> c: Invoice approved\n"
                                                "e: Order placed -> p: Whenever placed, "
                                                "ship\na: Buyer -> e: Order placed\n")
                   .stickies if s.id == w.stickies[0]) for w in warnings]
    assert orders == sorted(orders)
    for warning in warnings:
        assert warning.message.endswith(".")
        assert len(warning.message) > 40


def test_empty_board_and_lonely_note_have_no_warnings():
    assert check("") == []
    assert check("n: Just a note\n") == []


def test_unreadable_volume_and_minutes_are_named_so_they_are_not_lost_silently():
    warnings = check("a: Clerk -> c: Check claim {volume: lots, minutes: 4} -> e: Claim checked\n"
                     "a: Clerk -> c: File claim {volume: 800/Tag, minutes: many} "
                     "-> e: Claim filed\n")
    unreadable = [w for w in warnings if w.rule == "unreadable-attribute"]
    assert [(w.stickies, "volume" in w.message) for w in unreadable] == [
        (("c-check-claim",), True), (("c-file-claim",), False)]
    assert "800/day" in unreadable[0].message
