"""Documents, data entry and validity: what is there to read, and what is only typed or checked.
"""

from __future__ import annotations

from eventstorming.detection import vocabulary as V
from eventstorming.detection.context import BoardReader, K
from eventstorming.detection.reading import (
    Reading,
    at,
    first_clause,
    verb_slot,
)
from eventstorming.model import Sticky


def is_validation(r: BoardReader, sticky: Sticky) -> bool:
    """A step whose alternative outcomes say valid or invalid ("Scan ticket" -> "Ticket
    valid" / "Ticket invalid"): a check against rules, unless a hotspot says people
    disagree or suspect fraud."""
    outcomes = r.alternatives(r.graph.outcomes(sticky.id))
    if not any(V.VALIDITY.matches(r.words(e)) for e in outcomes):
        return False
    hotspots = " ".join(r.words(h) for h in r.graph.hotspots(sticky.id))
    # "Verify that certificates are genuine" -> "Forged certificate found" is fraud
    around = " | ".join(r.words(s) for s in [sticky, *outcomes])
    return not (V.PAIN["disagreement"].matches(hotspots)
                or V.TASK_CUES["anomaly_detection"].matches(f"{hotspots} | {around}"))


def is_data_entry(r: BoardReader, command: Sticky, reading: Reading) -> bool:
    """Typing data in, or reading a value off, where no document is there to read
    ("Zahlbetrag eingeben", "Zählerstand vor Ort abgelesen"): data entry, neither an
    extraction nor an estimate of the number typed."""
    text = r.words(command)
    slot = verb_slot(text, r.lang)
    entering = slot is not None and bool(at(V.ENTERING, first_clause(text), slot))
    # reading a value off something (a meter, a display) is no extraction either
    reading_off = set(reading.votes) == {"extraction"}
    if not entering and not reading_off:
        return False
    if V.NO_DOCUMENT.matches(text):
        return True     # spoken or seen on site: nothing to read
    around = [command, *r.graph.local_informers(command.id),
              *r.graph.local_upstream_events(command.id),
              *r.graph.hotspots(command.id), *r.nearby(command, K.HOTSPOT)]
    return not any(V.DOCUMENTS.matches(r.words(s)) or
                   V.LEGIBILITY.matches(r.words(s)) for s in around)


def read_later(r: BoardReader, step: Sticky) -> bool:
    """Whether a step after ``step`` reads what it produced ("Scan invoice" then "Enter
    invoice data"): the extraction is anchored there, not on the scan."""
    later = [c for e in r.graph.outcomes(step.id) for c in
             r.graph.successors(e.id, K.COMMAND)
             + [c for p in r.graph.successors(e.id, K.POLICY)
                for c in r.graph.successors(p.id, K.COMMAND)]
             + [c for a in r.graph.successors(e.id, K.ACTOR)
                for c in r.graph.successors(a.id, K.COMMAND)]]
    return any("extraction" in r.reading(c).votes for c in later)
