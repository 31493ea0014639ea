"""Who decides: matching a person to each case is a ranking.
"""

from __future__ import annotations

from eventstorming.detection import vocabulary as V
from eventstorming.detection.context import BoardReader, K
from eventstorming.detection.reading import at, first_clause, verb_slot
from eventstorming.model import Sticky


def assigned_person(r: BoardReader, command: Sticky) -> Sticky | None:
    """The actor a command assigns to the case ("Assign Appraiser" assigns one of the
    board's "Appraiser"s), if any."""
    text = first_clause(r.words(command))
    slot = verb_slot(text, r.lang) or "first"
    verb = at(V.ASSIGNING, text, slot)
    if not verb:
        return None
    rest = " ".join(text.replace(verb[0], " ", 1).casefold().split())
    for actor in r.board.of_kind(K.ACTOR):
        name = " ".join(r.words(actor).casefold().split())
        if name and rest.removeprefix("the ").removeprefix("a ").removeprefix("an ") in (
                name, name + "s") or (len(name) > 3 and rest.startswith(name + " ")):
            return actor
    return None
