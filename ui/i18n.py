"""The interface speaks the open workshop's language: English or German.

A German workshop gets German navigation, buttons, help, messages and chart labels; an
English one English. Without an open workshop (the Workshops list) the browser's language
decides (``st.context.locale``), English when it is not German.

How to add a string (the whole recipe):

1. Wrap the English literal where a page shows it: ``st.button("Save")`` becomes
   ``st.button(t("Save"))``. The English text *is* the key, so an untranslated string
   still reads fine and the page code stays readable.
2. Values go in as keyword arguments, never into the literal: ``f"{n} stickies"`` becomes
   ``t("{n} stickies", n=n)``. The text is formatted with :meth:`str.format` only when
   keyword arguments are given; a literal brace in such a text is written ``{{`` / ``}}``.
   User text (titles, sticky texts) still goes through :func:`ui.text.md` before it goes
   in as a value.
3. Add the German text to :data:`ui.i18n_de.GERMAN` under the same English key, with the
   same ``{placeholders}``. ``tests/app/test_german_interface.py`` fails for every literal
   ``t("…")`` in ``ui/`` or ``app.py`` without a German entry, and for German entries whose
   placeholders differ from the English ones.

Wording: EventStorming kinds read as the German grammar hints name them (Ereignis, Befehl,
Akteur, Policy, Lesemodell, System, Aggregat, Hotspot, Chance, Notiz); a sticky is a
"Sticky" (plural "Stickies"), an ML opportunity a "Chance", as the domain's German texts
say. Numbers use German separators (``1.200``, ``2,5``) through :func:`number`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import streamlit as st

from eventstorming.phrasing import count
from ui.i18n_de import GERMAN

LANGUAGES = ("en", "de")
_LANG = "_ui_lang"     # session: the interface language of this run
T = TypeVar("T")


def use_language(lang: str | None) -> str:
    """Make ``lang`` (``en`` or ``de``; anything else reads as English) this tab's
    interface language for the rest of the run; the language set."""
    lang = "de" if lang == "de" else "en"
    st.session_state[_LANG] = lang
    return lang


def browser_language() -> str:
    """``de`` when the browser asks for German, else ``en``."""
    try:
        locale = st.context.locale or ""
    except Exception:       # noqa: BLE001 - no browser context (bare mode, tests)
        locale = ""
    return "de" if str(locale).lower().startswith("de") else "en"


def current_language() -> str:
    """The interface language of this run: what :func:`use_language` set (``app.py`` sets
    it from the open workshop first thing each run), else the browser's."""
    lang = st.session_state.get(_LANG)
    return lang if lang in LANGUAGES else browser_language()


def t(text: str, /, **values: Any) -> str:
    """``text`` in the interface language, with ``values`` filled into its placeholders."""
    if current_language() == "de":
        text = GERMAN.get(text, text)
    return text.format(**values) if values else text


def labels(options: Iterable[T], label: Callable[[T], str]) -> Callable[[T], str]:
    """A widget's ``format_func`` whose labels are made now, in this run's language: a
    ``format_func`` that calls :func:`t` itself would answer in English when called outside
    the run (``AppTest`` formats option values after the run)."""
    table = {option: label(option) for option in options}
    return lambda option: table.get(option, str(option))


def number(value: float, spec: str = ",.0f") -> str:
    """``value`` formatted with ``spec`` (``,`` for thousands), with German separators
    (``1.200,5``) in a German interface."""
    text = format(value, spec)
    if current_language() == "de":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


#: German singular and plural of the nouns pages count (English ones are made by
#: :func:`eventstorming.phrasing.plural_of`).
_GERMAN_NOUNS = {"sticky": ("Sticky", "Stickies"), "link": ("Pfeil", "Pfeile"),
                 "lane": ("Bahn", "Bahnen"), "workshop": ("Workshop", "Workshops"),
                 "open point": ("offener Punkt", "offene Punkte"),
                 "guess": ("Vermutung", "Vermutungen")}


def counted(n: int, singular: str) -> str:
    """``n`` things in the interface language: ``1 sticky``, ``2 stickies``, ``10,000
    links``; ``1 Sticky``, ``10.000 Pfeile``."""
    lang = current_language()
    if lang == "de" and singular in _GERMAN_NOUNS:
        one, many = _GERMAN_NOUNS[singular]
        return count(n, one, many, lang="de")
    return count(n, singular, lang=lang)


def where_kept(store: object) -> str:
    """Where the workspace keeps its workshops, for a sentence: the folder or the database
    (its ``location``, the URL without its password)."""
    root = getattr(store, "root", None)
    if root is not None:
        return t("the workspace folder `{root}`", root=root)
    return t("the database `{where}`", where=store.location)


def trash_of(store: object) -> str:
    """Where a deleted workshop goes, for a sentence."""
    if getattr(store, "root", None) is not None:
        return t("the workspace's `.trash` folder")
    return t("the database's trash (its rows stay, marked deleted)")
