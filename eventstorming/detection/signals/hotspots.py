"""Hotspots: trouble a workshop wrote down at a step (errors, disagreement, backlog…).
"""

from __future__ import annotations

from eventstorming.detection import vocabulary as V
from eventstorming.detection.context import BoardReader
from eventstorming.detection.phrases import PAIN_PHRASES, q
from eventstorming.model import Sticky


def hotspot_evidence(r: BoardReader, hotspot: Sticky, anchor: Sticky) -> dict:
    """Evidence from a hotspot at a step: the kind of trouble it reports, if any."""
    kind = next((name for name, lexicon in V.PAIN.items()
                 if lexicon.matches(r.words(hotspot))), None)
    if kind is None:
        return r.evidence(
            "hotspot", [hotspot, anchor],
            r.texts(
                en=f'The hotspot {q(hotspot.text, "en")} marks trouble at '
                   f'{q(anchor.text, "en")}.',
                de=f'Der Hotspot {q(hotspot.text, "de")} zeigt Ärger bei '
                   f'{q(anchor.text, "de")}.'))
    return r.evidence(
        "hotspot_pain", [hotspot, anchor],
        r.texts(
            en=f'The hotspot {q(hotspot.text, "en")} on {q(anchor.text, "en")} reports '
               f'{PAIN_PHRASES[kind]["en"]}.',
            de=f'Der Hotspot {q(hotspot.text, "de")} an {q(anchor.text, "de")} meldet '
               f'{PAIN_PHRASES[kind]["de"]}.'))
