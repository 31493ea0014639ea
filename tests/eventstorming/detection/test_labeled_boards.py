"""Detection on the labeled corpus boards (the held-out rounds).

``MLCANVAS_EXTRA_BOARDS`` (folders separated by ``os.pathsep``) adds more labeled boards;
``benchmarks/published_boards.py`` runs this module so on the published boards."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from eventstorming.detection.detector import detect
from eventstorming.formats.safeyaml import load_yaml
from eventstorming.formats.storm import read_storm
from eventstorming.model import fold

ROOT = Path(__file__).resolve().parents[3]
FOLDERS = [*sorted((ROOT / "benchmarks" / "corpus" / "held_out").glob("round*")),
           *(Path(p) for p in os.environ.get("MLCANVAS_EXTRA_BOARDS", "").split(os.pathsep) if p)]
BOARDS = sorted({p.resolve() for f in FOLDERS if f.is_dir() for p in f.glob("*.storm")})
#: Known false alarms, kept visible (see benchmarks/corpus/held_out/README.md).
KNOWN = {
    "food_delivery": "'Order accepted by restaurant': the partner's own yes or no, read as ours",
    "cargo_booking": "'InspectContainerCommand': a physical inspection read as a judgment",
}
PARAMS = [pytest.param(p, id=p.stem, marks=[pytest.mark.xfail(strict=True, reason=KNOWN[p.stem])]
                       if p.stem in KNOWN else []) for p in BOARDS]


@pytest.mark.parametrize("path", PARAMS)
def test_negatives_are_never_flagged_and_evidence_names_its_stickies(path):
    board = read_storm(path)
    labels = load_yaml(path.with_suffix("").with_suffix(".labels.yaml").read_text("utf-8"),
                       str(path))
    detection = detect(board)
    found = {fold(o.anchor.text) for o in detection.opportunities}
    for text in labels.get("not_opportunities") or []:
        assert fold(text) not in found
    stickies = board.by_id()
    for opp in detection.opportunities:
        assert opp.evidence
        for evidence in opp.evidence:
            assert evidence.explanation == evidence.explanations[board.lang]
            for lang in ("en", "de"):
                for sticky_id in evidence.stickies:
                    assert stickies[sticky_id].text in evidence.explanations[lang]
    for idea in detection.automation:
        assert idea.anchor.text in idea.explanation


def test_the_held_out_boards_are_there():
    assert len([p for p in BOARDS if p.parent.name.startswith("round")]) >= 4
