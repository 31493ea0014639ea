"""Numbers, counts and frequencies the way people write them, in English and German.

Every place that puts a figure in front of a person (the app, the ranking, the canvas, the
generated project) goes through these three helpers, so that a board reads the same
everywhere: ``10,000`` (``10.000`` in German) and never ``10000`` beside it or ``1e+04``;
``1 sticky`` and ``2 stickies``, never ``1 stickies``; ``about once a week`` and never
``about 0.1429 times a day``.
"""

from __future__ import annotations

import math

#: Plurals that do not follow the English "+s"/"y -> ies" rules, by singular.
_IRREGULAR = {"person": "people", "criterion": "criteria", "analysis": "analyses"}


def number(value: float, lang: str = "en", decimals: int | None = None) -> str:
    """``value`` with thousands separators and no needless decimals: ``10,000``,
    ``1,948``, ``12.5``, ``0.14`` (German: ``10.000``, ``12,5``).

    ``decimals`` fixes the number of decimals; by default whole numbers and numbers from
    100 up have none, numbers from 10 up one and smaller ones two (trailing zeros dropped).
    """
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    if decimals is None:
        size = abs(value)
        decimals = 0 if size >= 100 or value == int(value) else 1 if size >= 10 else 2
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    if lang == "de":
        text = text.translate(str.maketrans({",": ".", ".": ","}))
    return text


def plural_of(noun: str) -> str:
    """The English plural of ``noun``: ``sticky`` -> ``stickies``, ``link`` -> ``links``,
    ``open point`` -> ``open points``."""
    head, _, last = noun.rpartition(" ")
    prefix = f"{head} " if head else ""
    if last in _IRREGULAR:
        return prefix + _IRREGULAR[last]
    if len(last) > 1 and last.endswith("y") and last[-2] not in "aeiou":
        return prefix + last[:-1] + "ies"
    if last.endswith(("s", "x", "ch", "sh")):
        return prefix + last + "es"
    return prefix + last + "s"


def count(n: int, singular: str, plural: str | None = None, lang: str = "en") -> str:
    """``n`` things: ``1 sticky``, ``2 stickies``, ``10,000 links``, ``0 lanes``.

    ``plural`` is needed for German nouns (``count(2, "Haftnotiz", "Haftnotizen", "de")``);
    English ones get :func:`plural_of`.
    """
    word = singular if n == 1 else (plural or plural_of(singular))
    return f"{number(n, lang)} {word}"


_UNITS = {
    # unit: (occurrences per day -> per unit, English, German)
    "day": (1.0, "a day", "am Tag"),
    "week": (7.0, "a week", "pro Woche"),
    "month": (365 / 12, "a month", "im Monat"),
    "year": (365.0, "a year", "im Jahr"),
}


def frequency(per_day: float, lang: str = "en") -> str:
    """How often something happens, as people say it: ``about 3 times a day``, ``about
    once a day``, ``about twice a week``, ``about once a week``, ``about 10 times a month``
    (German: ``etwa 3-mal am Tag``, ``etwa einmal pro Woche``).

    The unit is the first of day, week, month and year in which the count is a whole
    number give or take 15 % (or 10 and more, where rounding hardly matters): 1.4 a day
    reads "about 10 times a week", 0.1429 a day "about once a week".
    """
    if not math.isfinite(per_day) or per_day < 0:
        raise ValueError(f"a frequency must be a number of 0 or more (got {per_day!r})")
    about = "etwa" if lang == "de" else "about"
    for factor, en, de in _UNITS.values():
        n = per_day * factor
        whole = round(n)
        if n >= 0.95 and (n >= 10 or abs(whole - n) <= 0.15 * n):
            return f"{about} {_times(whole, lang)} {de if lang == 'de' else en}"
    return "seltener als einmal im Jahr" if lang == "de" else "less than once a year"


def _times(n: int, lang: str) -> str:
    if lang == "de":
        return {1: "einmal", 2: "zweimal"}.get(n, f"{number(n, lang)}-mal")
    return {1: "once", 2: "twice"}.get(n, f"{number(n, lang)} times")
