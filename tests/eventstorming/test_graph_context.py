"""The graph queries detection adds: what stands in front of an actor at each command."""

from __future__ import annotations

from eventstorming import parse_storm
from eventstorming.graph import BoardGraph

BOARD = """# Context
## L
r: Receipt scan -> a: Accountant
a: Accountant -> c: Enter receipt data -> e: Receipt data entered
e: Receipt data entered -> r: Merchant and amount
r: Merchant and amount -> a: Accountant
a: Accountant -> c: Categorize receipt -> e: Receipt categorized
e: Receipt categorized -> a: Accountant
a: Accountant -> c: Archive receipt -> e: Receipt archived
g: Report -> e: Report opened
c: Open report -> g: Report
c: Close report -> g: Report
g: Report -> e: Report closed
"""


def graph() -> BoardGraph:
    return BoardGraph(parse_storm(BOARD))


def texts(stickies) -> list[str]:
    return [s.text for s in stickies]


def test_information_goes_to_the_actors_next_command():
    g = graph()
    assert texts(g.local_informers("c-enter-receipt-data")) == ["Receipt scan"]
    assert texts(g.local_informers("c-categorize-receipt")) == ["Merchant and amount"]
    # the older informers() keeps everything the actor ever sees
    assert texts(g.informers("c-enter-receipt-data")) == ["Receipt scan", "Merchant and amount"]


def test_information_stays_in_front_of_the_person_for_the_next_commands():
    g = graph()
    context = g.actor_context("a-accountant")
    assert texts(context["c-archive-receipt"]) == ["Receipt categorized", "Merchant and amount"]
    assert texts(g.local_informers("c-archive-receipt")) == ["Merchant and amount"]


def test_local_upstream_events():
    g = graph()
    assert texts(g.local_upstream_events("c-categorize-receipt")) == ["Receipt data entered"]
    assert texts(g.local_upstream_events("c-archive-receipt")) == [
        "Receipt data entered", "Receipt categorized"]


def test_a_shared_aggregate_gives_each_command_its_events():
    g = graph()
    assert texts(g.outcomes("c-open-report")) == ["Report opened"]
    assert texts(g.outcomes("c-close-report")) == ["Report closed"]


def test_information_stays_in_its_lane_for_an_actor_who_works_in_several():
    g = BoardGraph(parse_storm(
        "# Lanes\n## Survey\n"
        "a: Appraiser -> c: Schedule survey -> e: Survey scheduled\n"
        "a: Appraiser -> c: Upload photo -> e: Photo uploaded\n"
        "r: Survey checklist -> a: Appraiser\n"
        "## Valuation\n"
        "a: Appraiser -> c: Add comparable -> e: Comparable added\n"
        "a: Appraiser -> c: Set appraised value -> e: Value set\n"
        "r: Comparable properties database -> a: Appraiser\n"))
    # written after the lane's steps, a read model stands for the whole lane
    assert texts(g.local_informers("c-schedule-survey")) == ["Survey checklist"]
    assert texts(g.local_informers("c-upload-photo")) == ["Survey checklist"]
    assert texts(g.local_informers("c-add-comparable")) == ["Comparable properties database"]
    assert texts(g.local_informers("c-set-appraised-value")) == ["Comparable properties database"]
