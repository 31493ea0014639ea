"""The vocabulary pattern syntax and the trie-shaped regexes behind it."""

from __future__ import annotations

import pytest

from eventstorming.detection.vocabulary import Lexicon, lexicon


def test_exact_prefix_suffix_infix_and_phrases():
    lx = lexicon("t", "route, categori*, *prüfung, *betrug*, key* in, pull* * out")
    assert lx.find("Route ticket") == ["Route"]
    assert lx.find("routes") == []
    assert lx.find("Categorised receipts") == ["Categorised"]
    assert lx.find("Bonitätsprüfung durchführen") == ["Bonitätsprüfung"]
    assert lx.find("Versicherungsbetrugsfall") == ["Versicherungsbetrugsfall"]
    assert lx.find("keyed in the numbers") == ["keyed in"]
    assert lx.find("pull data out") == ["pull data out"]
    assert lx.find("pull out") == []


def test_matches_keep_the_writing_of_the_text():
    assert lexicon("t", "prüf*").find("Rechnung PRÜFEN, dann pruefen") == ["PRÜFEN", "pruefen"]


def test_whole_words_only():
    lx = lexicon("t", "rate")
    assert lx.matches("Rate the risk")
    assert not lx.matches("separate the piles")
    assert not lx.matches("rated")


def test_raw_regular_expressions():
    lx = lexicon("t", r"re:from (?:the )?scans?")
    assert lx.find("Read figures from the scan") == ["from the scan"]


def test_an_empty_lexicon_is_refused():
    with pytest.raises(ValueError, match="at least one entry"):
        Lexicon("empty", [" ", ""])


def test_matches_at_the_start_and_at_the_end():
    lx = lexicon("t", "check, check in, senden")
    assert lx.at_start("Check in guest") == "Check in"
    assert lx.at_start("Guest check") is None
    assert lx.at_end("Rechnung senden") == "senden"
    assert lx.at_end("Senden der Rechnung") is None
    assert lx.at_end("a very long command text that ends with a final check") == "check"
