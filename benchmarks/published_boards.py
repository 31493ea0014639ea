"""Check the published boards beside the repository the way the tests check the corpus.

The tests use only boards the repository holds (``benchmarks/corpus/``, ``examples/``). This
script runs the same checks on the published benchmark (``../shared/benchmarks/opportunities/``
by default, or the folders given): every board reads with the naive counts and survives both
formats, has no grammar warnings, the examples are no copies of it, detection never flags a
``not_opportunities`` anchor and its evidence names its stickies; and the counts of two boards
written out by hand. Exit code 0 when all pass, 1 otherwise.

Usage::

    python benchmarks/published_boards.py              # ../shared/benchmarks/opportunities
    python benchmarks/published_boards.py DIR [DIR ...]
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eventstorming.formats.storm import read_storm  # noqa: E402

SHARED = next((p for p in (ROOT.parent / "shared" / "benchmarks" / "opportunities",
                           ROOT.parent.parent / "shared" / "benchmarks" / "opportunities")
               if p.is_dir()), ROOT.parent / "shared" / "benchmarks" / "opportunities")
TEST_MODULES = ["tests/eventstorming/test_corpus_boards.py",
                "tests/eventstorming/detection/test_labeled_boards.py"]


def hand_counts(folder: Path) -> None:
    """The counts of two published boards, written out by hand."""
    board = read_storm(folder / "travel_expenses.storm")
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

    board = read_storm(folder / "rechnungseingang.storm")
    assert board.summary()["counts"] == {
        "event": 8, "command": 7, "actor": 2, "policy": 3, "readmodel": 3, "system": 2,
        "hotspot": 3}
    assert (len(board.stickies), len(board.links)) == (28, 27)
    assert board.lang == "de"
    assert board.lanes == ("Lieferant", "Kreditorenbuchhaltung", "Zahlungsverkehr")


def main(argv: list[str]) -> int:
    folders = [Path(a).resolve() for a in argv] or [SHARED]
    missing = [f for f in folders if not f.is_dir()]
    if missing:
        print(f"no such folder: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    env = {**os.environ, "MLCANVAS_EXTRA_BOARDS": os.pathsep.join(map(str, folders))}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             *TEST_MODULES], cwd=ROOT, env=env)
    ok = result.returncode == 0
    if not argv:
        try:
            hand_counts(SHARED)
            print("hand counts of travel_expenses and rechnungseingang: ok")
        except AssertionError as exc:
            print(f"hand counts: FAILED {exc!r}")
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
