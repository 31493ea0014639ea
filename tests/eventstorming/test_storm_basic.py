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
