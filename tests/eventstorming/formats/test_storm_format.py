"""The .storm reader: every construct of DESIGN.md and every error with its line number."""

from __future__ import annotations

import pytest

from eventstorming import BoardFormatError, parse_storm, read_storm, write_storm
from eventstorming.errors import BoardUnreadableError
from eventstorming.formats.storm import KIND_KEYWORDS
from eventstorming.model import Kind


def kinds_texts(board):
    return [(s.kind.value, s.text) for s in board.stickies]


def links(board):
    return [(link.source, link.target) for link in board.links]


# ---------------------------------------------------------------- title and metadata

def test_title_is_the_first_level_one_heading():
    board = parse_storm("# First title\n# Second title\ne: Thing happened\n")
    assert board.title == "First title"


def test_board_without_title_is_untitled():
    assert parse_storm("e: Thing happened\n").title == "Untitled board"


def test_metadata_before_the_first_sticky():
    board = parse_storm("# T\nlang: de\nDomain: finance\ndescription: a -> b, c: d\n"
                        "e: Rechnung eingegangen\n")
    assert board.metadata == {"lang": "de", "domain": "finance",
                              "description": "a -> b, c: d"}
    assert board.lang == "de"
    assert kinds_texts(board) == [("event", "Rechnung eingegangen")]


def test_misspelt_kind_starting_the_first_chain_is_an_error_not_metadata():
    with pytest.raises(BoardFormatError) as info:
        parse_storm("# T\nlang: en\nactr: Clerk -> c: Do it -> e: It done\n")
    assert info.value.line == 3
    assert "unknown kind 'actr'" in str(info.value) and "did you mean 'actor'" in str(info.value)


def test_metadata_key_after_the_first_sticky_is_an_error_with_a_hint():
    with pytest.raises(BoardFormatError) as info:
        parse_storm("# T\ne: Thing happened\nlang: de\n", source="b.storm")
    assert info.value.line == 3
    assert "unknown kind 'lang'" in str(info.value)
    assert "before the first sticky" in str(info.value)
    assert str(info.value).startswith("b.storm, line 3:")


# ---------------------------------------------------------------- kinds

@pytest.mark.parametrize("keyword, kind", sorted(KIND_KEYWORDS.items()))
def test_every_kind_keyword(keyword, kind):
    board = parse_storm(f"{keyword}: Some text\n")
    assert board.stickies[0].kind == kind


@pytest.mark.parametrize("keyword, kind", [
    ("event", Kind.EVENT), ("e", Kind.EVENT), ("command", Kind.COMMAND),
    ("cmd", Kind.COMMAND), ("c", Kind.COMMAND), ("actor", Kind.ACTOR), ("a", Kind.ACTOR),
    ("policy", Kind.POLICY), ("p", Kind.POLICY), ("readmodel", Kind.READMODEL),
    ("read model", Kind.READMODEL), ("info", Kind.READMODEL), ("r", Kind.READMODEL),
    ("system", Kind.SYSTEM), ("s", Kind.SYSTEM), ("aggregate", Kind.AGGREGATE),
    ("g", Kind.AGGREGATE), ("hotspot", Kind.HOTSPOT), ("h", Kind.HOTSPOT),
    ("opportunity", Kind.OPPORTUNITY), ("o", Kind.OPPORTUNITY), ("note", Kind.NOTE),
    ("n", Kind.NOTE),
])
def test_design_keywords_are_all_known(keyword, kind):
    """The list in DESIGN.md, written out independently of the implementation's table."""
    assert parse_storm(f"{keyword}: X\n").stickies[0].kind == kind
    assert parse_storm(f"{keyword.upper()}: X\n").stickies[0].kind == kind
    assert parse_storm(f"{keyword.title()}: X\n").stickies[0].kind == kind


def test_read_model_with_odd_spacing_and_case():
    board = parse_storm("READ MODEL: A\nRead   Model: B\nread-model: C\n")
    assert [s.kind for s in board.stickies] == [Kind.READMODEL] * 3


# ---------------------------------------------------------------- lanes and chains

def test_lanes_in_order_and_stickies_belong_to_the_current_lane():
    board = parse_storm("# T\ne: Before lanes\n## Sales\na: Broker\n## Back office\n"
                        "s: Archive\n## Sales\nc: Sell it\n")
    assert board.lanes == ("Sales", "Back office")
    assert [s.lane for s in board.stickies] == [None, "Sales", "Back office", "Sales"]


def test_chain_with_ascii_and_unicode_arrows():
    board = parse_storm("a: Clerk -> c: Enter data → e: Data entered\n"
                        "a: Clerk→c: Check data->e: Data checked\n")
    assert kinds_texts(board) == [
        ("actor", "Clerk"), ("command", "Enter data"), ("event", "Data entered"),
        ("command", "Check data"), ("event", "Data checked")]
    assert links(board) == [
        ("a-clerk", "c-enter-data"), ("c-enter-data", "e-data-entered"),
        ("a-clerk", "c-check-data"), ("c-check-data", "e-data-checked")]


def test_arrows_inside_attributes_do_not_split_the_chain():
    board = parse_storm("c: Route mail {rule: inbox -> team → archive} -> e: Mail routed\n")
    assert kinds_texts(board) == [("command", "Route mail"), ("event", "Mail routed")]
    assert board.stickies[0].attrs == {"rule": "inbox -> team → archive"}
    assert links(board) == [("c-route-mail", "e-mail-routed")]


@pytest.mark.parametrize("value, lang", [
    ("de", "de"), ("DE", "de"), ("de-DE", "de"), ("en_GB", "en"), ("", "en"), ("fr", "fr"),
])
def test_board_language_is_normalised(value, lang):
    assert parse_storm(f"lang: {value}\ne: X\n").lang == lang


def test_same_link_twice_is_one_link():
    board = parse_storm("c: Do it -> e: It done\nc: do IT -> e: it   done\n")
    assert len(board.stickies) == 2
    assert links(board) == [("c-do-it", "e-it-done")]


# ---------------------------------------------------------------- identity

def test_identity_is_kind_and_folded_text():
    board = parse_storm("## One\ne: Receipt  Uploaded\n## Two\ne: receipt uploaded\n"
                        "c: Receipt uploaded\n")
    assert kinds_texts(board) == [("event", "Receipt Uploaded"),
                                  ("command", "Receipt uploaded")]
    event = board.stickies[0]
    assert event.lane == "One"  # where it first appeared
    assert event.order < board.stickies[1].order


def test_ids_are_stable_across_reads():
    text = "# T\n## L\na: Clerk -> c: Categorize receipt -> e: Receipt categorized\n"
    assert [s.id for s in parse_storm(text).stickies] == \
        [s.id for s in parse_storm(text).stickies] == \
        ["a-clerk", "c-categorize-receipt", "e-receipt-categorized"]


def test_texts_with_the_same_slug_get_distinct_stable_ids():
    board = parse_storm("e: Receipt: uploaded\ne: Receipt uploaded\n")
    ids = [s.id for s in board.stickies]
    assert ids[0] == "e-receipt-uploaded"
    assert ids[1].startswith("e-receipt-uploaded-") and ids[1] != ids[0]
    assert ids == [s.id for s in parse_storm("e: Receipt: uploaded\ne: Receipt uploaded\n")
                   .stickies]


def test_position_is_first_appearance_even_inside_a_later_chain():
    board = parse_storm("## A\ne: First\n## B\nc: Second -> e: First -> p: Third\n")
    by_text = {s.text: s for s in board.stickies}
    assert by_text["First"].lane == "A"
    assert by_text["Second"].lane == "B"
    assert by_text["First"].order < by_text["Second"].order < by_text["Third"].order


# ---------------------------------------------------------------- attributes, tags, comments

def test_attributes_are_typed_and_merge():
    board = parse_storm(
        "e: Receipt uploaded {volume: 3000/day, minutes: 2.5, flag: true, note: 'hello'}\n"
        "e: receipt uploaded {minutes: 3, owner: accounting}\n")
    sticky = board.stickies[0]
    assert sticky.attrs == {"volume": "3000/day", "minutes": 3, "flag": True,
                            "note": "hello", "owner": "accounting"}
    assert sticky.volume_per_day == 3000
    assert sticky.minutes == 3


def test_volume_units():
    board = parse_storm("e: A {volume: 7/week}\ne: B {volume: 365/year}\n"
                        "e: C {volume: 12 per month}\ne: D {volume: lots}\n")
    assert [round(s.volume_per_day, 6) if s.volume_per_day else None
            for s in board.stickies] == [1.0, 1.0, round(12 * 12 / 365, 6), None]


def test_tags_before_and_after_attributes_and_merged():
    board = parse_storm("c: Check invoice #manual {minutes: 4} #core\n"
                        "c: check invoice #core #slow\n")
    sticky = board.stickies[0]
    assert sticky.text == "Check invoice"
    assert sticky.tags == ("manual", "core", "slow")


def test_hash_inside_text_is_not_a_tag():
    board = parse_storm("e: Issue #42 closed\ne: C# build finished #ci\n")
    assert [s.text for s in board.stickies] == ["Issue #42 closed", "C# build finished"]
    assert board.stickies[1].tags == ("ci",)


def test_comments_whole_line_and_trailing_but_not_in_urls():
    board = parse_storm("// a comment\n# T // not part of the title\n"
                        "e: Link sent {url: https://example.com/x} // trailing\n"
                        "   // indented comment\n")
    assert board.title == "T"
    assert board.stickies[0].attrs == {"url": "https://example.com/x"}
    assert len(board.stickies) == 1


def test_bom_crlf_and_tabs():
    text = "\ufeff# Title\r\nlang:\ten\r\n##\tLane\r\na:\tClerk\t->\tc: Do it\r\n"
    board = parse_storm(text)
    assert board.title == "Title"
    assert board.metadata == {"lang": "en"}
    assert board.lanes == ("Lane",)
    assert kinds_texts(board) == [("actor", "Clerk"), ("command", "Do it")]


def test_read_storm_tolerates_bom_and_reports_unreadable(tmp_path):
    path = tmp_path / "b.storm"
    path.write_bytes("\ufeff# T\r\ne: Done\r\n".encode())
    assert read_storm(path).title == "T"
    (tmp_path / "bad.storm").write_bytes(b"# T\n\xff\xfe e: x\n")
    with pytest.raises(BoardUnreadableError, match="not UTF-8"):
        read_storm(tmp_path / "bad.storm")
    with pytest.raises(BoardUnreadableError, match="no such file"):
        read_storm(tmp_path / "missing.storm")


# ---------------------------------------------------------------- errors

@pytest.mark.parametrize("text, line, message", [
    ("# T\ne: Fine\nthis is not a sticky\n", 3, "expected a sticky as 'kind: text'"),
    ("# T\n\n\ne: A -> -> c: B\n", 4, "sticky 2 of the chain is empty"),
    ("# T\ne: A ->\n", 2, "sticky 2 of the chain is empty"),
    ("# T\n-> e: A\n", 2, "sticky 1 of the chain is empty"),
    ("# T\ne: A\nfoo: bar\n", 3, "unknown kind 'foo'"),
    ("# T\ne: A\nevnt: bar\n", 3, "did you mean 'event'"),
    ("# T\ne: A -> qq: B\n", 2, "unknown kind 'qq'"),
    ("# T\ne: A\nc: B {minutes: 3\n", 3, "never closes it"),
    ("# T\nc: B minutes: 3}\n", 2, "'}' without a '{'"),
    ("# T\nc: B {minutes}\n", 2, "must be written 'key: value'"),
    ("# T\nc: B {minutes: 3} trailing words\n", 2, "only #tags may follow"),
    ("# T\ne:\n", 2, "no text"),
    ("# T\ne: #tag\ne:   \n", 3, "no text"),
    ("#\n", 1, "a title needs text"),
    ("# T\n##\n", 2, "a lane needs a name"),
    ("# T\n### Deep heading\n", 2, "only '# Title' and '## Lane'"),
])
def test_errors_name_the_line_and_show_it(text, line, message):
    with pytest.raises(BoardFormatError) as info:
        parse_storm(text, source="board.storm")
    error = info.value
    assert error.line == line
    assert message in error.message
    bad_line = text.splitlines()[line - 1]
    assert error.text == bad_line
    rendered = str(error)
    assert rendered.startswith(f"board.storm, line {line}: ")
    if bad_line.strip():
        assert rendered.endswith(bad_line.strip())


def test_error_line_numbers_count_crlf_and_blank_lines():
    with pytest.raises(BoardFormatError) as info:
        parse_storm("\ufeff# T\r\n\r\n// c\r\ne: ok\r\nnonsense\r\n")
    assert info.value.line == 5


# ---------------------------------------------------------------- writer

def test_writer_output_reads_back_the_same():
    text = ("# Travel\nlang: en\ndomain: finance\n\n## Employee\n"
            "a: Employee -> c: Upload receipt {minutes: 1} -> e: Receipt uploaded "
            "{volume: 3000/day} #start\n## Accounting\n"
            "e: Receipt uploaded -> p: Whenever a receipt arrives -> a: Accountant\n"
            "n: Floating note\n## Empty lane\n")
    board = parse_storm(text)
    assert board.lanes == ("Employee", "Accounting", "Empty lane")
    again = parse_storm(write_storm(board))
    assert again == board
    assert write_storm(again) == write_storm(board)


def test_writer_keeps_text_that_looks_like_syntax():
    board = parse_storm("e: Mail -› sent\n")
    from eventstorming.builder import BoardBuilder
    builder = BoardBuilder("Q1 // Q2")
    builder.metadata["note"] = "ignored: a kind keyword cannot be metadata"
    builder.metadata["description"] = "from a -> b // really"
    builder.sticky("event", "Mail -> sent {twice} // maybe #final",
                   attrs={"url": "a->b // c, d", "small": 1e-7, "n": 3},
                   tags=["my tag", "2024"])
    written = write_storm(builder.build())
    reread = parse_storm(written)
    sticky = reread.stickies[0]
    assert reread.title == "Q1 / / Q2"
    assert reread.metadata == {"description": "from a -> b / / really"}
    assert sticky.text == "Mail -› sent (twice) / / maybe ＃final"
    assert sticky.attrs == {"url": "a->b / / c d", "small": 1e-7, "n": 3}
    assert sticky.tags == ("my-tag", "tag-2024")
    assert board.stickies[0].text == "Mail -› sent"


def test_writer_keeps_lane_order_that_differs_from_first_appearance():
    board = parse_storm("## A\ne: In a\n## B\ne: In b\n")
    reordered = board.model_copy(update={"lanes": ("Empty", "B", "A")})
    again = parse_storm(write_storm(reordered))
    assert again.lanes == ("Empty", "B", "A")
    assert [(s.text, s.lane) for s in again.stickies] == [("In a", "A"), ("In b", "B")]


def test_unlaned_stickies_are_written_before_the_first_lane():
    board = parse_storm("## A\ne: In a\n")
    loose = board.stickies[0].model_copy(update={"id": "n-x", "kind": "note", "text": "Loose",
                                                 "lane": None, "order": 5})
    mixed = board.model_copy(update={"stickies": board.stickies + (loose,)})
    again = parse_storm(write_storm(mixed))
    assert [(s.text, s.lane) for s in again.stickies] == [("Loose", None), ("In a", "A")]
