"""Audit the vocabulary's wildcard patterns for words they swallow by accident.

Usage::

    python benchmarks/vocabulary_audit.py          # flagged matches, one line each
    python benchmarks/vocabulary_audit.py --all    # every wildcard match, for review

Every entry of every lexicon in :mod:`eventstorming.detection.vocabulary` that has a wildcard
(``beste*``, ``*prüfung``, ``*betrug*``) is run over every word of the boards in
``benchmarks/corpus/``, ``examples/`` and the shared benchmark, and over a list of common business
words in English and German (``benchmarks/business_words.txt``). A match is flagged when what
the wildcard swallowed is not an ending that inflects or derives the same word (``beste*``
taking "besteht" swallows "ht": another word; ``categori*`` taking "categorized" swallows
"zed": the same word). Flagged words are for a person to judge; the known false friends
found this way are pinned in ``tests/eventstorming/detection/test_false_friends.py``.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eventstorming.detection import vocabulary as V  # noqa: E402

WORDS_FILE = ROOT / "benchmarks" / "business_words.txt"
SHARED = next((p for p in (ROOT.parent / "shared" / "benchmarks" / "opportunities",
                           ROOT.parent.parent / "shared" / "benchmarks" / "opportunities")
               if p.is_dir()), None)

#: What a wildcard at the end may swallow and still leave the same word: inflections and
#: the common derivations of English and German (empty = the stem itself).
ENDINGS = frozenset("""
    - s es ed d ing ings er ers e ion ions ation ations ment ments ly y ies ied al ally
    ize izes ized izing ise ises ised ising ization izations isation isations ive ively
    or ors ory ant ants ance ances ence ences able ably ible ity ities ic ical
    en n em st t et te ten tes ter test ung ungen lich liche lichen licher liches ig ige igen
    iger iges isch ische ischen ung en ern ungs erin erinnen innen in heit heiten keit keiten
""".split()) | {""}

_WORD = re.compile(r"[^\W\d_][\w\-äöüß]*", re.UNICODE)


def corpus() -> dict[str, str]:
    """Every distinct word (folded) with where it was first seen."""
    sources = [*sorted((ROOT / "benchmarks" / "corpus").glob("*/*/*.storm")),
               *sorted((ROOT / "examples").glob("*/board.storm"))]
    if SHARED is not None:
        sources += sorted(SHARED.glob("*.storm"))
    words: dict[str, str] = {}
    for path in sources:
        for word in _WORD.findall(path.read_text(encoding="utf-8")):
            words.setdefault(word.lower(), path.name)
    for line in WORDS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            for word in _WORD.findall(line):
                words.setdefault(word.lower(), WORDS_FILE.name)
    return words


def lexicons() -> Iterator[V.Lexicon]:
    for value in vars(V).values():
        if isinstance(value, V.Lexicon):
            yield value
        elif isinstance(value, dict):
            yield from (v for v in value.values() if isinstance(v, V.Lexicon))


def _fold(text: str) -> str:
    return (text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
            .replace("ß", "ss"))


def audit(show_all: bool = False) -> list[tuple[str, str, str, str, str]]:
    """(lexicon, entry, word, swallowed, source) for each suspicious wildcard match."""
    words = corpus()
    found = []
    for lexicon in lexicons():
        for entry in lexicon.entries:
            entry = entry.strip().lower()
            if entry.startswith("re:"):
                continue
            for token in entry.split():
                if "*" not in token or token == "*":
                    continue
                stem = _fold(token.strip("*"))
                pattern = re.compile(V.compile_entry(token))
                for word, source in words.items():
                    if not pattern.fullmatch(word):
                        continue
                    folded = _fold(word)
                    at = folded.find(stem)
                    before, after = folded[:at], folded[at + len(stem):]
                    # a leading wildcard takes compounds ("Schadenprüfung"): whatever stands
                    # before is another word; judge what the trailing wildcard swallows
                    suspicious = token.endswith("*") and after not in ENDINGS
                    if token.startswith("*") and not token.endswith("*") and len(before) < 3:
                        suspicious = bool(before)     # "*bedarf" taking "xbedarf"
                    if suspicious or show_all:
                        found.append((lexicon.name, entry, word, f"{before}|{after}", source))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="every wildcard match")
    args = parser.parse_args()
    rows = audit(args.all)
    for name, entry, word, swallowed, source in sorted(rows):
        print(f"{name:32} {entry:28} {word:28} {swallowed:20} {source}")
    print(f"-- {len(rows)} {'matches' if args.all else 'flagged matches'}")


if __name__ == "__main__":
    main()
