"""What a forecast or an estimate predicts, read off the words of the board.

A forecasting canvas must predict the quantity the board says is forecast — ``Forecast bed
demand`` predicts bed demand, ``Absatz prognostizieren`` predicts Absatz — not whatever the
next event happens to be called (``Staffing plan created`` is the decision taken *with* the
forecast, not the forecast). :func:`quantity_of` reads one sticky; :func:`series_unit` finds
what one series of the forecast is about (``... per ward`` -> ``ward``) and
:func:`period_of` the period named (``next quarter`` -> ``quarter``).
"""

from __future__ import annotations

import re

#: English verbs that name a forecast or an estimate of what follows them.
_EN_VERBS = (r"forecast|estimate|predict|project|anticipate|extrapolate|foresee|"
             r"calculate\s+expected|compute\s+expected")
#: Nouns that say the words before them are forecast: "demand forecast", "sales projection".
_EN_NOUNS = r"forecast|forecasts|projection|projections|prediction|predictions|estimate|estimates"
#: Words that end the quantity: prepositions, conjunctions, relative words.
_EN_STOP = frozenset("for per by in on at over from to of with into within across during until "
                     "and or so that which who using based are is will be needed required "
                     "needs".split())
_DE_STOP = frozenset("für pro je nach bei beim im in am an auf aus über unter von vom zum zur "
                     "bis mit und oder der des dem den die das".split())
#: Nouns that take their object along: "number of calls" is the quantity, not "number".
_OF_NOUNS = frozenset("number amount count share percentage rate volume level size".split())
_ARTICLES = frozenset("the a an our its their der die das den dem des ein eine einen einem "
                      "einer".split())
#: Time words that say when, not what: "next week demand" predicts demand.
_EN_WHEN = re.compile(r"^(?:(?:the\s+)?(?:next|coming|upcoming|following|this)\s+(?:\w+\s+)?"
                      r"(?:day|days|week|weeks|month|months|quarter|quarters|year|years|season|"
                      r"shift|shifts)(?:'s)?|tomorrow's|tomorrow|today's)\s+", re.I)
_DE_VERBS = (r"prognostizieren|vorhersagen|voraussagen|abschätzen|schätzen|hochrechnen|"
             r"prognostiziert|vorhergesagt|vorausgesagt|abgeschätzt|geschätzt|hochgerechnet")
_DE_NOUN = re.compile(r"^(?P<head>\w+?)-?(?:prognose|vorhersage|hochrechnung|schätzung)\w*$",
                      re.I)
_DE_FUGEN = ("ung", "heit", "keit", "schaft", "arf", "tät", "ion", "tum")
#: A measured series a read model reports: "Daily census report" -> "daily census".
_SERIES = re.compile(r"^(?P<q>(?:daily|weekly|monthly|hourly|tägliche[rsn]?|wöchentliche[rsn]?|"
                     r"monatliche[rsn]?)\s+\w+(?:\s+\w+)??)(?:\s+(?:report|overview|dashboard|"
                     r"figures|numbers|statistics|bericht|übersicht|zahlen|statistik))?$", re.I)


def _cut(words: list[str], stop: frozenset[str]) -> list[str]:
    while words and words[0].casefold() in _ARTICLES:
        words = words[1:]
    if not words or words[0].casefold() in stop or _is_participle(words[0]):
        return []       # "Forecast for next week", "Forecast published": no quantity named
    end = next((i for i, w in enumerate(words) if i > 0 and w.casefold() in stop
                and not (w.casefold() == "of" and words[i - 1].casefold() in _OF_NOUNS)),
               len(words))
    return words[:end]


def _is_participle(word: str) -> bool:
    w = word.casefold()
    return len(w) > 4 and w.endswith("ed") and not w.endswith("eed") or w in (
        "sent", "made", "done", "set", "put", "sold", "built", "drawn", "shown", "written")


def _clean(text: str) -> str:
    return " ".join(re.sub(r"[.,;:!?()\"“”„]", " ", text).split())


def quantity_of(text: str, lang: str = "en") -> str:
    """The quantity a sticky says is forecast or estimated, or ``""``.

    ``"Forecast bed demand"`` -> ``"bed demand"``, ``"Estimate next week demand"`` ->
    ``"demand"``, ``"Create demand forecast"`` / ``"Bed demand forecast published"`` ->
    ``"demand"`` / ``"bed demand"``, ``"Predict the daily census per ward"`` ->
    ``"daily census"``, ``"expected arrivals"`` -> ``"arrivals"``; in German
    ``"Absatz prognostizieren"`` -> ``"Absatz"``, ``"Platzbedarf für das nächste Jahr
    schätzen"`` -> ``"Platzbedarf"``, ``"Absatzprognose erstellen"`` -> ``"Absatz"``,
    ``"erwarteter Umsatz"`` -> ``"Umsatz"``.
    """
    text = _clean(text)
    if not text:
        return ""
    if lang == "de":
        return _quantity_de(text)
    m = re.match(rf"^(?:{_EN_VERBS})\s+(?P<q>.+)$", text, re.I)
    if m:
        return _finish_en(m["q"])
    m = re.match(rf"^(?:(?:create|make|update|prepare|publish|produce|build|run|set|"
                 rf"draft|revise|review|adjust)\s+)?(?P<q>.+?)\s+(?:{_EN_NOUNS})\b", text, re.I)
    if m:
        return _finish_en(m["q"])
    m = re.search(r"\b(?:expected|projected|predicted|estimated|forecasted|anticipated)\s+"
                  r"(?P<q>.+)$", text, re.I)
    if m:
        return _finish_en(m["q"])
    m = re.match(r"^(?P<q>.+?)\s+(?:estimated|forecast|forecasted|predicted|projected)$", text,
                 re.I)
    if m:           # an event: "Demand estimated"
        return _finish_en(m["q"])
    return ""


def _finish_en(rest: str) -> str:
    rest = _EN_WHEN.sub("", rest.strip())
    words = [w for w in rest.split()
             if not re.fullmatch(rf"{_EN_NOUNS}|how|many|much|expected", w, re.I)]
    return " ".join(_cut(words, _EN_STOP))


def _quantity_de(text: str) -> str:
    m = re.match(rf"^(?P<q>.+?)\s+(?:{_DE_VERBS})\b", text, re.I)
    if m:
        words = _cut(m["q"].split(), _DE_STOP)
        return " ".join(_compound_head(w) if _DE_NOUN.match(w) else w for w in words)
    for word in text.split():
        if _DE_NOUN.match(word):
            return _compound_head(word)
    m = re.search(r"\berwartete[rsnm]?\s+(?P<q>.+)$", text, re.I)
    if m:
        return " ".join(_cut(m["q"].split(), _DE_STOP))
    return ""


def _compound_head(word: str) -> str:
    """``Absatzprognose`` -> ``Absatz``, ``Belegungsprognose`` -> ``Belegung`` (the
    joining s goes), ``Bedarfs-Prognose`` -> ``Bedarf``."""
    m = _DE_NOUN.match(word)
    head = m["head"] if m else word
    if head.endswith("s") and head[:-1].casefold().endswith(_DE_FUGEN):
        head = head[:-1]
    return head[:1].upper() + head[1:]


def series_of(text: str) -> str:
    """A measured series a read model reports (``"Daily census report"`` ->
    ``"daily census"``), or ``""``."""
    m = _SERIES.match(_clean(text))
    if not m or re.search(r"outlook|plan|roster|schedule|forecast|prognose|dienstplan", m["q"],
                          re.I):
        return ""      # a plan or a forecast is not a measured series
    return m["q"]


def series_unit(text: str, lang: str = "en") -> str:
    """What one series is about when a sticky says so: ``"... per ward"`` -> ``"ward"``,
    ``"... pro Filiale"`` -> ``"Filiale"``, ``"... for each store"`` -> ``"store"``."""
    pattern = (r"\b(?:pro|je|für\s+jede[nrs]?)\s+(?P<u>\w+)" if lang == "de"
               else r"\b(?:per|for\s+each|for\s+every|by)\s+(?P<u>\w+)")
    m = re.search(pattern, _clean(text), re.I)
    if not m or m["u"].casefold() in _ARTICLES:
        return ""
    return m["u"]


_PERIODS = {"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
            "months": "month", "quarter": "quarter", "quarters": "quarter", "year": "year",
            "years": "year", "shift": "shift", "shifts": "shift",
            "tag": "Tag", "tage": "Tag", "woche": "Woche", "wochen": "Woche", "monat": "Monat",
            "monate": "Monat", "quartal": "Quartal", "jahr": "Jahr", "jahre": "Jahr",
            "schicht": "Schicht"}


def period_of(text: str) -> str:
    """The period a sticky names (``"next quarter"`` -> ``"quarter"``, ``"nächste Jahr"``
    -> ``"Jahr"``), or ``""``."""
    for word in _clean(text).split():
        period = _PERIODS.get(word.casefold())
        if period:
            return period
    return ""
