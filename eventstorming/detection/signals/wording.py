"""The wording of a step: which words mark the judgment and name its task.
"""

from __future__ import annotations

from eventstorming.detection.context import BoardReader
from eventstorming.detection.phrases import LANGS, TASK_PHRASES, q, qs
from eventstorming.detection.reading import (
    Reading,
    choose_task,
)
from eventstorming.model import Sticky


def task_words(r: BoardReader, sticky: Sticky, reading: Reading, votes: dict[str, float]) -> dict:
    """Evidence from the wording of a step."""
    task, _ = choose_task(votes)
    rule = "task_words" if reading.strong else "task_words_weak"
    return r.evidence(rule, [sticky], task_sentence(r, sticky, reading, task))


def task_sentence(r: BoardReader, sticky: Sticky, reading: Reading, task: str) -> dict[str, str]:
    # the words that matched, without the sticky's whole text (already quoted) or repeats
    """The sentence naming the words that mark the judgment and the task chosen."""
    whole = " ".join(r.words(sticky).split()).casefold()
    words: list[str] = []
    for word in reading.judgment_words:
        if " ".join(word.split()).casefold() != whole and word.casefold() not in \
                {w.casefold() for w in words}:
            words.append(word)
    shown = {lang: f" ({qs(words, lang)})" if words else "" for lang in LANGS}
    return r.texts(
        en=f'The wording of {q(sticky.text, "en")}{shown["en"]} marks a '
           f'judgment: {TASK_PHRASES[task]["en"]}.',
        de=f'Die Formulierung von {q(sticky.text, "de")}{shown["de"]} zeigt '
           f'eine Einschätzung an: {TASK_PHRASES[task]["de"]}.')
