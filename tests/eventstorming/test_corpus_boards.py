"""Every benchmark board and every example reads without error, with the right counts.

The counts are checked two ways: written out by hand for two boards, and for every board
against a deliberately naive reading of the file (split lines at arrows, take the word
before the first colon) that shares no code with the reader.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eventstorming import parse_storm, read_storm, write_storm
from eventstorming.formats.io import read_board
from eventstorming.formats.yamlio import board_from_yaml, board_to_yaml
from eventstorming.grammar import check_board
from eventstorming.model import fold
from tests.conftest import ROOT, SHARED_BENCHMARKS


def _benchmark_folder() -> Path:
    """``SHARED_BENCHMARKS``, or the same folder found further up (from a git worktree the
    shared folder is not the repository's sibling)."""
    if SHARED_BENCHMARKS.is_dir():
        return SHARED_BENCHMARKS
    for parent in ROOT.parents:
        candidate = parent / "shared" / "benchmarks" / "opportunities"
        if candidate.is_dir():
            return candidate
    return SHARED_BENCHMARKS


BENCHMARK_DIR = _benchmark_folder()
BENCHMARKS = sorted(BENCHMARK_DIR.glob("*.storm"))
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
    assert len(BENCHMARKS) >= 6, f"no benchmark boards found in {BENCHMARK_DIR}"
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


def test_travel_expenses_benchmark_counts_by_hand():
    board = read_storm(BENCHMARK_DIR / "travel_expenses.storm")
    assert board.summary() == {
        "title": "Travel expense reimbursement",
        "lanes": ["Employee", "Accounting", "Payroll"],
        "counts": {"event": 8, "command": 7, "actor": 2, "policy": 4, "readmodel": 3,
                   "system": 1, "aggregate": 1, "hotspot": 3, "opportunity": 1},
        "stickies": 30,
        "links": 31,
    }
    assert board.metadata == {"lang": "en", "domain": "finance"}
    receipt = board.find("event", "receipt uploaded")
    assert receipt is not None and receipt.volume_per_day == 3000
    assert board.find("command", "Enter receipt data").minutes == 3


def test_rechnungseingang_benchmark_counts_by_hand():
    board = read_storm(BENCHMARK_DIR / "rechnungseingang.storm")
    assert board.summary()["counts"] == {
        "event": 8, "command": 7, "actor": 2, "policy": 3, "readmodel": 3, "system": 2,
        "hotspot": 3}
    assert (len(board.stickies), len(board.links)) == (28, 27)
    assert board.lang == "de"
    assert board.lanes == ("Lieferant", "Kreditorenbuchhaltung", "Zahlungsverkehr")


@pytest.mark.parametrize("path", BENCHMARKS, ids=lambda p: p.name)
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
    benchmark_texts = {s.folded for p in BENCHMARKS for s in read_storm(p).stickies
                       if s.kind.value in ("command", "event")}
    for path in EXAMPLES:
        texts = {s.folded for s in read_storm(path).stickies
                 if s.kind.value in ("command", "event")}
        shared = texts & benchmark_texts
        assert len(shared) <= len(texts) // 5, f"{path} repeats {sorted(shared)}"
