"""Small boards for detection tests: a board from a few ``.storm`` lines, and what was found."""

from __future__ import annotations

from eventstorming import parse_storm
from eventstorming.detection import Detection
from eventstorming.model import Board


def board(body: str, lang: str = "en", title: str = "Test board") -> Board:
    return parse_storm(f"# {title}\nlang: {lang}\n## Lane\n{body}\n", "test.storm")


def anchors(detection: Detection) -> list[str]:
    return [o.anchor.text for o in detection.opportunities]


def only(detection: Detection, text: str):
    found = [o for o in detection.opportunities if o.anchor.text == text]
    assert len(found) == 1, anchors(detection)
    return found[0]


def rules(opp) -> list[str]:
    return [e.rule for e in opp.evidence]
