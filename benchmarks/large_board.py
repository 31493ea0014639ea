"""Time reading, showing, checking and saving a generated board of 10,000 stickies.

Run from the repository root::

    python benchmarks/large_board.py [--stickies 10000]

Prints seconds for: parsing the .storm text, ``mlcanvas show`` as a whole process,
``check_board``, writing .storm and YAML, and one workspace save.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from canvas.workspace.store import Workspace  # noqa: E402
from eventstorming import parse_storm, write_storm  # noqa: E402
from eventstorming.formats.yamlio import board_to_yaml  # noqa: E402
from eventstorming.grammar import check_board  # noqa: E402


def generate(stickies: int) -> str:
    """A board of chains actor -> command -> event -> policy (4 stickies each), in lanes
    of 250 stickies, with attributes and tags."""
    lines = ["# Generated board", "lang: en", "domain: benchmark"]
    for chain in range(stickies // 4):
        if chain % 60 == 0:
            lines.append(f"## Lane {chain // 60}")
        lines.append(
            f"a: Clerk {chain} -> c: Handle case {chain} {{minutes: {chain % 9 + 1}}} "
            f"-> e: Case {chain} handled {{volume: {chain % 500 + 1}/day}} #gen "
            f"-> p: Whenever case {chain} is handled, file case {chain + 1}")
        lines.append(f"p: Whenever case {chain} is handled, file case {chain + 1} -> "
                     f"c: Handle case {chain + 1}")
    return "\n".join(lines) + "\n"


def timed(label: str, func):
    start = time.perf_counter()
    result = func()
    print(f"{label:<34} {time.perf_counter() - start:7.3f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stickies", type=int, default=10_000)
    args = parser.parse_args()
    text = generate(args.stickies)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large.storm"
        path.write_text(text, encoding="utf-8")
        board = timed("parse .storm", lambda: parse_storm(text))
        print(f"  {len(board.stickies)} stickies, {len(board.links)} links, "
              f"{len(board.lanes)} lanes, {len(text.encode()):,} bytes")
        timed("mlcanvas show (whole process)", lambda: subprocess.run(
            [sys.executable, "-m", "canvas", "show", str(path)], cwd=ROOT, check=True,
            capture_output=True))
        timed("python start + import (baseline)", lambda: subprocess.run(
            [sys.executable, "-c", "import canvas.commands.cli, eventstorming.formats.io"],
            cwd=ROOT,
            check=True, capture_output=True))
        warnings = timed("check_board", lambda: check_board(board))
        print(f"  {len(warnings)} warnings")
        timed("write .storm", lambda: write_storm(board))
        timed("write YAML", lambda: board_to_yaml(board))
        ws = Workspace(Path(tmp) / "ws")
        workshop = timed("workspace: first save", lambda: ws.create_from_board(board))
        loaded = timed("workspace: load", lambda: ws.load_board(workshop))
        timed("workspace: save a new revision",
              lambda: ws.save_board(workshop, loaded.data, loaded.revision))
        timed("workspace: history + can_undo",
              lambda: (ws.history(workshop), ws.can_undo(workshop)))


if __name__ == "__main__":
    main()
