"""Reading sticky texts written as code: ``AddProductToShoppingList``, ``create_invoice``.

Practitioners who model a system often write stickies as identifiers: commands as class
names (``CreatePolicyCommand``), events in past tense (``UserLoggedIn``), sagas as steps
(``ApplicationSubmissionCompletedStep``). Every reader of texts (opportunity detection,
grammar checks, canvas wording) reads :func:`readable` words, while the board keeps and
shows the text as written.
"""

from __future__ import annotations

import re
from functools import lru_cache

# a lower-case letter or digit, then an upper-case one: "add|Product", "Tisch|Übersicht"
# (not after a lone first letter: "iPhone", "eBay")
_HUMP = re.compile(r"(?<=[a-zß-öø-ÿ0-9])(?<!^[a-z])(?=[A-ZÀ-ÖØ-Þ])")
# an acronym followed by a word: "HTTP|Server"
_ACRONYM = re.compile(r"(?<=[A-ZÀ-ÖØ-Þ])(?=[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ])")
# letters joined by underscores: "create_invoice"
_UNDERSCORE = re.compile(r"(?<=[^\W_])_+(?=[^\W_])")
# a token that is an identifier: a hump inside it, or letters joined by underscores
_IDENTIFIER = re.compile(r"^(?=.*(?:[a-zß-öø-ÿ0-9][A-ZÀ-ÖØ-Þ]|[^\W_]_+[^\W_]))[\w.]+$")
# technical suffixes of identifiers that say nothing about the step
_SUFFIXES = frozenset({"command", "cmd", "event", "evt"})


def split_identifier(token: str) -> list[str]:
    """The words of one identifier: ``"AddProductToShoppingList"`` gives
    ``["Add", "Product", "To", "Shopping", "List"]``; a plain word stays whole."""
    if not _IDENTIFIER.match(token):
        return [token]
    spaced = _UNDERSCORE.sub(" ", _ACRONYM.sub(" ", _HUMP.sub(" ", token)))
    return spaced.split()


@lru_cache(maxsize=65536)
def readable(text: str, lang: str = "en") -> str:
    """``text`` with identifiers split into words, for reading.

    ``"AddProductToShoppingList"`` reads ``"Add product to shopping list"``,
    ``"CreatePolicyCommand"`` reads ``"Create policy"``, ``"ProposedInsured MedicalExamPassed"``
    reads ``"Proposed insured medical exam passed"``; German keeps the capitals of its nouns
    (``"TischÜbersicht"`` reads ``"Tisch Übersicht"``). Prose is returned unchanged.
    """
    tokens = text.split()
    if not any(_IDENTIFIER.match(t) for t in tokens):
        return text
    words: list[str] = []
    for token in tokens:
        parts = split_identifier(token)
        if len(parts) > 1 and parts[-1].lower() in _SUFFIXES:
            parts = parts[:-1]
        words += parts
    if lang != "de":
        # "Add Product To Shopping List": sentence case, acronyms ("LOS", "ID") kept
        words = [w if n == 0 or not w[:1].isupper() or w.isupper() else w.lower()
                 for n, w in enumerate(words)]
    return " ".join(words)
