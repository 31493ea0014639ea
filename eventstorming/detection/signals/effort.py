"""Volume and effort: how often a step happens and how long a person spends on it.
"""

from __future__ import annotations

from eventstorming.detection.context import BoardReader
from eventstorming.detection.phrases import LANGS, number, period, q, times
from eventstorming.model import Sticky


def effort_evidence(r: BoardReader, anchor: Sticky, volume: tuple[float, Sticky] | None,
            minutes: float | None) -> dict | None:
    """Evidence of how often a step happens and how much work it is, if the board says."""
    if volume is None and minutes is None:
        return None
    if volume is not None:
        per_day, source = volume
        stickies = [anchor] if source.id == anchor.id else [anchor, source]
        src = {lang: "" if source.id == anchor.id else f" ({q(source.text, lang)})"
               for lang in LANGS}
    if volume is not None and minutes is not None:
        hours = per_day * minutes / 60
        days, en, de = period(per_day)
        weight = 0.3 if hours >= 40 else 0.25 if hours >= 8 else 0.15 if hours >= 1 else 0.1
        return r.evidence(
            "effort", stickies, r.texts(
                en=f'{q(anchor.text, "en")} happens {times(per_day * days, "en")} '
                   f'{en}{src["en"]} and takes {number(minutes, "en")} minutes each: '
                   f'about {number(hours * days, "en")} hours of work {en}.',
                de=f'{q(anchor.text, "de")} fällt {times(per_day * days, "de")} '
                   f'{de} an{src["de"]} und dauert je {number(minutes, "de")} Minuten: rund '
                   f'{number(hours * days, "de")} Arbeitsstunden {de}.'), weight)
    if volume is not None:
        days, en, de = period(per_day)
        weight = 0.15 if per_day >= 1000 else 0.1 if per_day >= 100 else 0.05
        return r.evidence(
            "volume", stickies, r.texts(
                en=f'{q(anchor.text, "en")} happens {times(per_day * days, "en")} '
                   f'{en}{src["en"]}.',
                de=f'{q(anchor.text, "de")} fällt {times(per_day * days, "de")} '
                   f'{de} an{src["de"]}.'), weight)
    assert minutes is not None
    weight = 0.15 if minutes >= 15 else 0.1
    return r.evidence(
        "minutes", [anchor], r.texts(
            en=f'{q(anchor.text, "en")} takes {number(minutes, "en")} minutes of a '
               f'person\'s time each time.',
            de=f'{q(anchor.text, "de")} kostet jedes Mal {number(minutes, "de")} '
               f'Minuten Arbeitszeit.'), weight)
