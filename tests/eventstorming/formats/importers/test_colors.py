"""Kinds from colours: hue families, Miro's named colours, size, rotation, colour maps."""

from __future__ import annotations

import pytest

from eventstorming.errors import BoardFormatError
from eventstorming.formats.importers.colors import (
    MIRO_COLORS,
    Classifier,
    Look,
    hue_family,
    normalize_color,
    parse_color_map,
)
from eventstorming.model import Kind


@pytest.mark.parametrize(("value", "expected"), [
    ("#FFA94D", "#ffa94d"), ("#fa4", "#ffaa44"), ("#ffffffff", "#ffffff"),
    ("#ff000000", None), ("transparent", None), ("none", None), (None, None),
    ("Light Yellow", "light_yellow"), ("light-blue", "light_blue"),
    ("rgb(255, 169, 77)", "#ffa94d"), ("light-dark(#ffe6cc,#36210a)", "#ffe6cc"),
    ("orange", "orange"), ("lavender", "#e6e6fa"),
])
def test_normalize_color(value, expected):
    assert normalize_color(value) == expected


_MIRO = {
    "light_yellow": Kind.ACTOR, "yellow": Kind.AGGREGATE, "orange": Kind.EVENT,
    "light_green": Kind.READMODEL, "green": Kind.READMODEL, "dark_green": Kind.READMODEL,
    "cyan": Kind.READMODEL, "light_pink": Kind.SYSTEM, "pink": Kind.SYSTEM,
    "violet": Kind.POLICY, "red": Kind.HOTSPOT, "light_blue": Kind.COMMAND,
    "blue": Kind.COMMAND, "dark_blue": Kind.COMMAND, "gray": None, "black": None,
    "white": None,
}


def test_every_miro_named_colour_is_covered():
    assert set(_MIRO) == set(MIRO_COLORS)
    classifier = Classifier()
    for name, kind in _MIRO.items():
        assert classifier.kind(Look(name, 199, 228)) == kind, name


@pytest.mark.parametrize(("color", "kind"), [
    # Excalidraw's palette (open-color shades)
    ("#ffd8a8", Kind.EVENT), ("#ffa94d", Kind.EVENT), ("#fd7e14", Kind.EVENT),
    ("#a5d8ff", Kind.COMMAND), ("#4dabf7", Kind.COMMAND), ("#1971c2", Kind.COMMAND),
    ("#d0bfff", Kind.POLICY), ("#9775fa", Kind.POLICY), ("#eebefa", Kind.POLICY),
    ("#b2f2bb", Kind.READMODEL), ("#69db7c", Kind.READMODEL), ("#96f2d7", Kind.READMODEL),
    ("#fcc2d7", Kind.SYSTEM), ("#ffc9c9", Kind.HOTSPOT), ("#fa5252", Kind.HOTSPOT),
    ("#e64980", Kind.HOTSPOT), ("#ff00ff", Kind.HOTSPOT),
    # draw.io's default fills
    ("#ffe6cc", Kind.EVENT), ("#dae8fc", Kind.COMMAND), ("#d5e8d4", Kind.READMODEL),
    ("#e1d5e7", Kind.POLICY), ("#f8cecc", Kind.HOTSPOT),
    # colours of printed EventStorming templates
    ("#ff9900", Kind.EVENT), ("#3399ff", Kind.COMMAND), ("#cc99ff", Kind.POLICY),
    ("#99cc66", Kind.READMODEL), ("#ff99cc", Kind.SYSTEM),
])
def test_palettes_by_hue(color, kind):
    assert Classifier().kind(Look(color, 160, 100)) == kind


def test_grey_white_black_have_no_kind_except_grey_sticky_notes_are_notes():
    for color in ("#e9ecef", "#ffffff", "#000000", "#cccccc"):
        assert hue_family(color) == "grey"
        assert Classifier().kind(Look(color, 160, 100)) is None
    assert Classifier().kind(Look("#e9ecef", 200, 200, sticky_note=True)) == Kind.NOTE


def test_yellow_by_size_then_by_tone():
    sized = Classifier(typical_area=160 * 100)
    assert sized.kind(Look("#ffec99", 100, 60)) == Kind.ACTOR
    assert sized.kind(Look("#ffec99", 240, 200)) == Kind.AGGREGATE  # large pale yellow
    assert sized.kind(Look("#ffd43b", 80, 60)) == Kind.ACTOR  # small strong yellow
    same = Classifier(typical_area=160 * 100)
    assert same.kind(Look("#ffec99", 160, 100)) == Kind.ACTOR  # typical size: pale
    assert same.kind(Look("#ffd43b", 160, 100)) == Kind.AGGREGATE  # typical size: strong


def test_pink_wide_is_system_neon_is_hotspot_rotated_is_hotspot():
    classifier = Classifier()
    assert classifier.kind(Look("#e64980", 300, 100)) == Kind.SYSTEM  # wide
    assert classifier.kind(Look("#e64980", 100, 100)) == Kind.HOTSPOT  # neon, square
    assert classifier.kind(Look("#fcc2d7", 100, 100)) == Kind.SYSTEM
    assert classifier.kind(Look("#fcc2d7", 100, 100, angle=45)) == Kind.HOTSPOT
    assert classifier.kind(Look("#fcc2d7", 100, 100, angle=90)) == Kind.SYSTEM  # square
    assert classifier.kind(Look("#ffa94d", 100, 100, angle=20)) == Kind.EVENT  # hue wins
    assert classifier.kind(Look(None, 100, 100, angle=30, sticky_note=True)) == Kind.HOTSPOT


def test_colour_map_comes_first_and_is_validated():
    colors = parse_color_map({"colors": {"#FFEC99": "aggregate", "light_pink": "hot spot",
                                         "#ccc": "skip", "#abcdef": "read_model"}})
    assert colors == {"#ffec99": Kind.AGGREGATE, "light_pink": Kind.HOTSPOT, "#cccccc": None,
                      "#abcdef": Kind.READMODEL}
    classifier = Classifier(colors, typical_area=100)
    assert classifier.kind(Look("#ffec99", 1, 1)) == Kind.AGGREGATE
    assert classifier.kind(Look("light_pink", 500, 100)) == Kind.HOTSPOT
    assert classifier.kind(Look("#fff9b1", 1, 1)) == Kind.ACTOR  # light_yellow's hex
    with pytest.raises(BoardFormatError, match="'#zzz' is not a colour"):
        parse_color_map({"#zzz": "event"}, "map.yaml")
    with pytest.raises(BoardFormatError, match="map.yaml: #fff: 'blob' is not a kind"):
        parse_color_map({"#fff": "blob"}, "map.yaml")
    with pytest.raises(BoardFormatError, match="must be a mapping"):
        parse_color_map(["#fff"], "map.yaml")


def test_miro_hex_and_name_are_the_same_colour_for_a_map():
    colors = parse_color_map({"#fff9b1": "note"})
    assert Classifier(colors).kind(Look("light_yellow", 199, 228)) == Kind.NOTE
