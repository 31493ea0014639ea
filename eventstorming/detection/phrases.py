"""The sentences of evidence, in English and German: quoting, lists, numbers, periods."""

from __future__ import annotations

from collections.abc import Sequence

from eventstorming.model import Sticky

TASK_PHRASES: dict[str, dict[str, str]] = {
    "classification": {"en": "a classification", "de": "eine Klassifikation"},
    "regression": {"en": "a number to estimate (regression)",
                   "de": "eine zu schätzende Zahl (Regression)"},
    "forecasting": {"en": "a forecast", "de": "eine Prognose"},
    "ranking": {"en": "a ranking", "de": "eine Rangfolge (Ranking)"},
    "anomaly_detection": {"en": "an anomaly check", "de": "eine Anomalieerkennung"},
    "extraction": {"en": "an extraction from documents",
                   "de": "eine Extraktion aus Dokumenten"},
    "clustering": {"en": "a grouping (clustering)", "de": "eine Gruppierung (Clustering)"},
}


PAIN_PHRASES: dict[str, dict[str, str]] = {
    "waste_shortage": {"en": "waste or shortage", "de": "Verschwendung oder Engpässe"},
    "found_late": {"en": "problems found too late", "de": "zu spät entdeckte Probleme"},
    "errors": {"en": "errors", "de": "Fehler"},
    "disagreement": {"en": "disagreement or inconsistency",
                     "de": "Uneinigkeit oder Uneinheitlichkeit"},
    "search": {"en": "searches that fail", "de": "erfolglose Suche"},
    "slowness": {"en": "slowness or backlog", "de": "Langsamkeit oder Rückstau"},
}


LANGS = ("en", "de")


def q(text: str, lang: str) -> str:
    """A text in quotes of the language: "…" or „…“."""
    return f"„{text}“" if lang == "de" else f'"{text}"'


def qs(texts: Sequence[str], lang: str, joiner: str | None = None) -> str:
    """Quoted texts as a list: '"A", "B" and "C"' (``joiner`` instead of and/und)."""
    quoted = [q(t, lang) for t in texts]
    if len(quoted) == 1:
        return quoted[0]
    last = f" {joiner or ('und' if lang == 'de' else 'and')} "
    return ", ".join(quoted[:-1]) + last + quoted[-1]


def the(actor: str, lang: str) -> str:
    """"The Accountant" in English; a role quoted as it stands in German."""
    if lang == "de":
        return q(actor, lang)
    first = actor.split()[0].lower() if actor.split() else ""
    return actor if first in {"the", "a", "an", "our", "each", "every"} else f"The {actor}"


def decision_texts(actor: Sticky, command: Sticky, informers: Sequence[Sticky],
                    task: str) -> dict[str, str]:
    """'The Accountant decides "Categorize receipt" with "Merchant and amount" in front of
    them.' (an extraction is worked through rather than decided)."""
    verb = {"en": "works through", "de": "bearbeitet"} if task == "extraction" else {
        "en": "decides", "de": "entscheidet"}
    names = [s.text for s in informers]
    return {
        "en": f'{the(actor.text, "en")} {verb["en"]} {q(command.text, "en")} with '
              f'{qs(names, "en")} in front of them.',
        "de": f'{the(actor.text, "de")} {verb["de"]} {q(command.text, "de")} mit '
              f'{qs(names, "de")} vor Augen.',
    }


def number(value: float, lang: str) -> str:
    """A number as a sentence says it: 2,500 / 2.500, 1.5 / 1,5."""
    if value >= 10:
        text = f"{round(value):,}"
        return text.replace(",", ".") if lang == "de" else text
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "de" else text


_PERIODS = (  # (days, English, German): the largest unit in which a rare step still happens
    (1.0, "a day", "am Tag"), (7.0, "a week", "pro Woche"),
    (365 / 12, "a month", "im Monat"), (365.0, "a year", "im Jahr"))


def period(per_day: float) -> tuple[float, str, str]:
    """The time unit to speak of a step in: a day, or a longer one for rare steps, so that
    a step that happens 12 times a year is not said to happen "0 times a day"."""
    for days, en, de in _PERIODS:
        if per_day * days >= 1 - 1e-9:
            return days, en, de
    return _PERIODS[-1]


def times(count: float, lang: str) -> str:
    """"about 12 times" / "etwa 12-mal", and "about once" / "etwa einmal" for one."""
    shown = number(count, lang)
    if shown == "1":
        return "about once" if lang == "en" else "etwa einmal"
    return f"about {shown} times" if lang == "en" else f"etwa {shown}-mal"
