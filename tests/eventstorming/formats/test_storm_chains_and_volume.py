from eventstorming import parse_storm, write_storm
from eventstorming.model import Kind


def test_chain_links_each_sticky_to_the_next():
    board = parse_storm(
        "# T\n## Acc\na: Accountant -> c: Categorize receipt -> e: Receipt categorized\n"
    )
    assert [s.kind for s in board.stickies] == [Kind.ACTOR, Kind.COMMAND, Kind.EVENT]
    assert [(link.source, link.target) for link in board.links] == [
        ("a-accountant", "c-categorize-receipt"),
        ("c-categorize-receipt", "e-receipt-categorized"),
    ]
    assert parse_storm(write_storm(board)) == board


def test_a_misspelt_kind_before_the_first_sticky_is_not_taken_for_metadata():
    import pytest

    from eventstorming.errors import BoardFormatError

    with pytest.raises(BoardFormatError) as info:
        parse_storm("# Bad\n## L\nevnt: Something happened\n")
    assert info.value.line == 3 and "did you mean 'event'" in str(info.value)
    board = parse_storm("# Ok\nlang: de\ndomain: claims\nowner: Ana\nversion: 2\nc: Do it\n")
    assert board.metadata == {"lang": "de", "domain": "claims", "owner": "Ana", "version": "2"}


def test_volume_reads_german_units_and_thousands_separators():
    from eventstorming.model import parse_volume

    assert parse_volume("800/Tag") == 800
    assert parse_volume("3,000/day") == 3000
    assert parse_volume("1.000 pro Woche") == 1000 / 7
    assert parse_volume("1,5/Tag") == 1.5
    assert parse_volume("lots") is None
