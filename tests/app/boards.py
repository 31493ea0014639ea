"""Boards the picture's tests draw: a hospital board of any size, like the one in issue 16."""

from __future__ import annotations

from eventstorming.builder import BoardBuilder
from eventstorming.model import Board

HOSPITAL_LANES = ["Patient", "Reception", "Triage nurse", "Emergency doctor", "Ward",
                  "Pharmacy"]
HOSPITAL_STEPS = [
    ("actor", "{lane} on duty"),
    ("command", "Record {thing} in the hospital information system"),
    ("event", "{Thing} recorded"),
    ("policy", "Whenever a {thing} is recorded, notify the next team within ten minutes"),
    ("readmodel", "{Thing} overview"),
]
THINGS = ["arrival", "triage score", "diagnosis", "bed request", "medication order",
          "discharge letter", "allergy", "lab result", "x-ray", "transfer", "handover",
          "follow-up"]


def hospital_board(stickies: int = 60) -> Board:
    """A hospital board like the one in issue 16: chains of actor → command → event →
    policy → read model across six lanes, each policy leading into the next lane."""
    builder = BoardBuilder(f"Hospital ({stickies} stickies)")
    previous = None
    made: set[str] = set()
    chain = 0
    while len(made) < stickies:
        lane = HOSPITAL_LANES[chain % len(HOSPITAL_LANES)]
        thing = THINGS[chain % len(THINGS)]
        if chain >= len(THINGS):
            thing += f" {chain // len(THINGS) + 1}"
        ids = []
        for kind, text in HOSPITAL_STEPS:
            if len(made) == stickies:
                break
            ids.append(builder.sticky(kind, text.format(lane=lane, thing=thing,
                                                        Thing=thing.capitalize()), lane=lane))
            made.add(ids[-1])
        for a, b in zip(ids[:4], ids[1:4], strict=False):
            builder.link(a, b)
        if len(ids) == 5:
            builder.link(ids[4], ids[0])     # the overview informs the actor
        if previous and len(ids) > 1:
            builder.link(previous, ids[1])
        previous = ids[3] if len(ids) >= 4 else None
        chain += 1
    return builder.build()
