"""Every corpus board and every example reads without error, with the right counts.

The counts are checked two ways: written out for two boards, and for every board
against a deliberately naive reading of the file (split lines at arrows, take the word
before the first colon) that shares no code with the reader.

The boards are the repository's own (``benchmarks/corpus/held_out/`` and ``examples/``).
``MLCANVAS_EXTRA_BOARDS`` (folders separated by ``os.pathsep``) adds more boards to check the
same way; ``benchmarks/published_boards.py`` runs this module so on the published boards.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from eventstorming import parse_storm, read_storm, write_storm
from eventstorming.formats.io import read_board
from eventstorming.formats.yamlio import board_from_yaml, board_to_yaml
from eventstorming.grammar import check_board
from eventstorming.model import fold
from tests.conftest import ROOT

CORPUS = ROOT / "benchmarks" / "corpus" / "held_out"
EXTRA = [Path(p) for p in os.environ.get("MLCANVAS_EXTRA_BOARDS", "").split(os.pathsep) if p]
BENCHMARKS = sorted(CORPUS.glob("round*/*.storm")) + sorted(
    p for folder in EXTRA for p in folder.glob("*.storm"))
EXAMPLES = sorted((ROOT / "examples").glob("*/board.storm"))

_NAIVE_KINDS = {"e": "event", "c": "command", "a": "actor", "p": "policy", "r": "readmodel",
                "s": "system", "g": "aggregate", "h": "hotspot", "o": "opportunity",
                "n": "note"}


def naive_read(path: Path) -> tuple[dict[str, int], int, int, list[str]]:
    """Counts per kind, stickies, links and lanes, the simple way (short keywords only)."""
    stickies: set[tuple[str, str]] = set()
    links: set[tuple[tuple[str, str], tuple[str, str]]] = set()
    lanes: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("## "):
            lanes.append(line[3:].strip()) if line[3:].strip() not in lanes else None
            continue
        if not line or line.startswith(("#", "//")):
            continue
        parts = re.split(r"\s*->\s*", line)
        keys = []
        for part in parts:
            keyword, _, text = part.partition(":")
            if keyword.strip() not in _NAIVE_KINDS:
                keys = []  # metadata
                break
            text = re.sub(r"\{.*\}", "", text)
            text = re.sub(r"(\s#\w[\w-]*)+\s*$", "", text)
            keys.append((_NAIVE_KINDS[keyword.strip()], fold(text)))
        stickies.update(keys)
        links.update(zip(keys, keys[1:], strict=False))
    counts: dict[str, int] = {}
    for kind, _ in stickies:
        counts[kind] = counts.get(kind, 0) + 1
    return counts, len(stickies), len(links), lanes


def test_the_benchmark_boards_are_there():
    assert len(BENCHMARKS) >= 6, f"no benchmark boards found in {CORPUS}"
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("path", BENCHMARKS + EXAMPLES, ids=lambda p: str(p.relative_to(
    p.parent.parent)))
def test_board_reads_with_the_naive_counts(path):
    board = read_storm(path)
    counts, stickies, link_count, lanes = naive_read(path)
    assert board.counts() == {k: counts[k] for k in board.counts()}
    assert set(board.counts()) == set(counts)
    assert len(board.stickies) == stickies
    assert len(board.links) == link_count
    assert list(board.lanes) == lanes
    assert board.title and board.lang in {"en", "de"}
    # and it survives both formats
    assert read_board(path) == board
    assert parse_storm(write_storm(board)) == board
    assert board_from_yaml(board_to_yaml(board)) == board


def test_hiring_corpus_board_counts():
    board = read_storm(CORPUS / "round1" / "hiring.storm")
    assert board.summary() == {
        "title": "Hiring for engineering roles",
        "lanes": ["Candidate", "Recruiting", "Hiring team"],
        "counts": {"event": 13, "command": 11, "actor": 4, "policy": 3, "readmodel": 4,
                   "system": 1, "hotspot": 4},
        "stickies": 40,
        "links": 40,
    }
    assert board.metadata == {"lang": "en", "domain": "human resources"}
    received = board.find("event", "application received")
    assert received is not None and received.volume_per_day == 250
    assert board.find("command", "Screen application").minutes == 8


def test_kfz_schaden_corpus_board_counts():
    board = read_storm(CORPUS / "round1" / "kfz_schaden.storm")
    assert board.summary()["counts"] == {
        "event": 10, "command": 8, "actor": 4, "policy": 3, "readmodel": 5, "system": 2,
        "hotspot": 2}
    assert (len(board.stickies), len(board.links)) == (34, 33)
    assert board.lang == "de"
    assert board.lanes == ("Versicherungsnehmer", "Schadenaufnahme", "Regulierung")


#: Rounds written the way practitioners publish boards (Big Picture walls without arrows,
#: design boards as code): they read and detect like the others, but are not tidy.
PUBLISHED_STYLE = {"round9", "round10", "round11"}


@pytest.mark.parametrize("path", [p for p in BENCHMARKS if p.parent.name not in PUBLISHED_STYLE],
                         ids=lambda p: p.name)
def test_benchmark_boards_have_no_grammar_warnings(path):
    """These boards are well formed EventStorming: a warning on them is a false alarm."""
    assert check_board(read_storm(path)) == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_examples_are_rich_and_pass_the_grammar_check(path):
    board = read_storm(path)
    assert check_board(board) == []
    counts = board.counts()
    for kind in ("event", "command", "actor", "policy", "readmodel", "system", "aggregate",
                 "hotspot", "opportunity"):
        assert counts.get(kind, 0) >= 1, f"{path}: no {kind}"
    assert len(board.lanes) >= 4
    assert any(s.volume_per_day for s in board.stickies)
    assert any(s.minutes for s in board.stickies)
    assert board.metadata.get("description")


def test_there_is_a_german_example():
    assert "de" in {read_storm(p).lang for p in EXAMPLES}


def test_examples_are_not_copies_of_the_benchmarks():
    # the published-style rounds came later and were written without seeing the examples;
    # a German claims board shares the trade's plain words ("Deckung prüfen") with ours
    benchmark_texts = {s.folded for p in BENCHMARKS if p.parent.name not in PUBLISHED_STYLE
                       for s in read_storm(p).stickies if s.kind.value in ("command", "event")}
    for path in EXAMPLES:
        texts = {s.folded for s in read_storm(path).stickies
                 if s.kind.value in ("command", "event")}
        common = texts & benchmark_texts
        assert len(common) <= len(texts) // 5, f"{path} repeats {sorted(common)}"
