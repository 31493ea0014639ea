"""Numbers, counts and frequencies as people write them (issue 16: "about 0.1429 times a
day", "1 stickies", "10000" beside "10,000")."""

from __future__ import annotations

import pytest

from eventstorming.phrasing import count, frequency, number, plural_of


@pytest.mark.parametrize("per_day, en, de", [
    (3, "about 3 times a day", "etwa 3-mal am Tag"),
    (1, "about once a day", "etwa einmal am Tag"),
    (2, "about twice a day", "etwa zweimal am Tag"),
    (1 / 7, "about once a week", "etwa einmal pro Woche"),
    (0.1429, "about once a week", "etwa einmal pro Woche"),
    (2 / 7, "about twice a week", "etwa zweimal pro Woche"),
    (1.4, "about 10 times a week", "etwa 10-mal pro Woche"),
    (12 / 365, "about once a month", "etwa einmal im Monat"),
    (4 / 365, "about 4 times a year", "etwa 4-mal im Jahr"),
    (10_000, "about 10,000 times a day", "etwa 10.000-mal am Tag"),
    (0.001, "less than once a year", "seltener als einmal im Jahr"),
])
def test_frequencies_read_as_people_say_them(per_day, en, de):
    assert frequency(per_day) == en
    assert frequency(per_day, "de") == de


def test_a_frequency_needs_a_number():
    with pytest.raises(ValueError, match="0 or more"):
        frequency(-1)


@pytest.mark.parametrize("value, en, de", [
    (10_000, "10,000", "10.000"), (1947.5, "1,948", "1.948"), (12.34, "12.3", "12,3"),
    (0.1429, "0.14", "0,14"), (2.0, "2", "2"), (1.5, "1.5", "1,5"), (0, "0", "0"),
])
def test_numbers_have_separators_and_no_needless_decimals(value, en, de):
    assert number(value) == en and number(value, "de") == de


def test_counts_agree_with_their_number():
    assert count(1, "sticky") == "1 sticky" and count(2, "sticky") == "2 stickies"
    assert count(1, "open point") == "1 open point"
    assert count(3, "open point") == "3 open points"
    assert count(10_000, "link") == "10,000 links" and count(0, "lane") == "0 lanes"
    assert count(2, "guess") == "2 guesses" and count(2, "policy") == "2 policies"
    assert count(2, "Haftnotiz", "Haftnotizen", "de") == "2 Haftnotizen"
    assert plural_of("day") == "days" and plural_of("read model") == "read models"
