"""Score opportunity detection against labeled boards, beside a naive keyword reference.

Usage::

    python benchmarks/opportunities.py                 # every set below, then a summary table
    python benchmarks/opportunities.py DIR [DIR ...]   # folders of NAME.storm + NAME.labels.yaml
    python benchmarks/opportunities.py -v              # also print each detection's task
    python benchmarks/opportunities.py --candidates    # also list the near misses per board

The sets, by where the boards come from:

- **our style**: ``../shared/benchmarks/opportunities/`` (boards written the way we write);
- **published**: ``../shared/benchmarks/real/`` (boards practitioners published, transcribed);
- **held-out rounds 1–8**: ``benchmarks/corpus/held_out/round1..8`` (our style, other domains);
- **published style, rounds 9–11**: ``benchmarks/corpus/held_out/round9..11`` (Big Picture
  walls, design boards as code, no actors; labeled by consultants who had not seen the
  detector).

Each set is scored twice: with mlcanvas, and with the naive keyword list of
``../shared/benchmarks/naive_keywords.py`` (judgment verbs on commands) as the floor.

Matching rules (``../shared/benchmarks/README.md``): a detection matches an expected
opportunity when its anchor text equals one of the acceptable texts, case and white space
folded. Detections on ``ambiguous`` anchors count neither way; any other detection is a
false alarm (and one on a ``not_opportunities`` anchor is marked as such). Precision =
matches / detections (ambiguous left out), recall = matches / expected, task accuracy =
matches whose task is acceptable / matches.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eventstorming.detection.detector import detect  # noqa: E402
from eventstorming.formats.safeyaml import load_yaml  # noqa: E402
from eventstorming.formats.storm import read_storm  # noqa: E402
from eventstorming.model import fold  # noqa: E402


def _shared(*parts: str) -> Path:
    """A path in ``shared/`` beside the repository (or beside a git worktree's parent)."""
    for base in (ROOT.parent, ROOT.parent.parent):
        candidate = base.joinpath("shared", *parts)
        if candidate.exists():
            return candidate
    return ROOT.parent.joinpath("shared", *parts)


SHARED = _shared("benchmarks", "opportunities")
REAL = _shared("benchmarks", "real")
NAIVE = _shared("benchmarks", "naive_keywords.py")
ROUNDS = sorted((p for p in (ROOT / "benchmarks" / "corpus" / "held_out").glob("round*")
                 if p.is_dir()), key=lambda p: int(p.name.removeprefix("round")))
PUBLISHED_STYLE = {"round9", "round10", "round11"}
HELD_OUT = [p for p in ROUNDS if p.name not in PUBLISHED_STYLE]


@dataclass(frozen=True)
class Found:
    """One detection as the scoring reads it."""

    anchor: str
    task: str
    score: float
    high_stakes: bool = False


Detector = Callable[[Path], list[Found]]


def mlcanvas(storm: Path) -> list[Found]:
    return [Found(o.anchor.text, o.task, o.score, o.high_stakes)
            for o in detect(read_storm(storm)).opportunities]


def naive(storm: Path) -> list[Found]:
    out = subprocess.run([sys.executable, str(NAIVE), str(storm)], capture_output=True,
                         text=True, check=True).stdout
    return [Found(item["anchor"]["text"], item["task"], 1.0) for item in json.loads(out)]


@dataclass
class Tally:
    boards: int = 0
    expected: int = 0
    detections: int = 0
    matches: int = 0
    task_ok: int = 0
    stakes_expected: int = 0
    stakes_ok: int = 0
    lines: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("boards", "expected", "detections", "matches", "task_ok",
                     "stakes_expected", "stakes_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def figures(self) -> dict[str, float]:
        precision = self.matches / self.detections if self.detections else 1.0
        recall = self.matches / self.expected if self.expected else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        task = self.task_ok / self.matches if self.matches else 0.0
        return {"precision": precision, "recall": recall, "f1": f1, "task_accuracy": task}

    def summary(self) -> str:
        f = self.figures()
        return (f"P {f['precision']:.2f}  R {f['recall']:.2f}  F1 {f['f1']:.2f}  "
                f"task {f['task_accuracy']:.2f}")


def _texts(anchor) -> list[str]:
    return [fold(a) for a in (anchor if isinstance(anchor, list) else [anchor])]


def score_board(storm: Path, found: list[Found], verbose: bool = False) -> Tally:
    labels = load_yaml(storm.with_suffix("").with_suffix(".labels.yaml").read_text("utf-8"),
                       str(storm))
    expected = labels.get("opportunities") or []
    ambiguous = {fold(a) for a in labels.get("ambiguous") or []}
    negatives = {fold(a) for a in labels.get("not_opportunities") or []}
    tally = Tally(boards=1, expected=len(expected))
    by_text = {fold(o.anchor): o for o in found}
    hits, misses, alarms = [], [], []
    matched: set[str] = set()
    for item in expected:
        texts = _texts(item["anchor"])
        hit = next((by_text[t] for t in texts if t in by_text), None)
        if hit is None:
            misses.append(texts[0])
            continue
        matched.add(fold(hit.anchor))
        tally.matches += 1
        ok = hit.task in item.get("task", [])
        tally.task_ok += ok
        note = "" if ok else f" [task {hit.task}, want {'/'.join(item.get('task', []))}]"
        if "high_stakes" in item:
            tally.stakes_expected += 1
            stakes_ok = hit.high_stakes == bool(item["high_stakes"])
            tally.stakes_ok += stakes_ok
            if not stakes_ok:
                note += f" [high_stakes {hit.high_stakes}]"
        hits.append(f"{hit.anchor} ({hit.task}, {hit.score:.2f}){note}")
    for opp in found:
        key = fold(opp.anchor)
        if key in matched or key in ambiguous:
            continue
        alarms.append(f"{opp.anchor} ({opp.task}, {opp.score:.2f})"
                      + (" [labelled not an opportunity]" if key in negatives else ""))
    tally.detections = sum(1 for o in found if fold(o.anchor) not in ambiguous)
    tally.lines.append(f"{storm.stem}: {len(hits)} hits, {len(misses)} misses, "
                       f"{len(alarms)} false alarms")
    tally.lines += [f"   hit   {h}" for h in hits]
    tally.lines += [f"   MISS  {m}" for m in misses]
    tally.lines += [f"   FALSE {a}" for a in alarms]
    if verbose:
        tally.lines += [f"   ..    {o.anchor} -> {o.task} {o.score:.2f}" for o in found]
    return tally


def labeled_boards(folder: Path) -> list[Path]:
    return [b for b in sorted(folder.glob("*.storm"))
            if b.with_suffix("").with_suffix(".labels.yaml").exists()]


def score_folders(folders: list[Path], detector: Detector, verbose: bool = False,
                  candidates: bool = False) -> Tally:
    total = Tally()
    for folder in folders:
        for storm in labeled_boards(folder):
            tally = score_board(storm, detector(storm), verbose)
            if candidates and detector is mlcanvas:
                near = detect(read_storm(storm)).candidates
                tally.lines += [f"   near  {c.anchor.text} ({c.task}, {c.score:.2f})"
                                for c in near]
            total.add(tally)
            total.lines += tally.lines
    return total


def print_tally(title: str, tally: Tally) -> None:
    print(f"== {title}")
    print("\n".join(tally.lines))
    print(f"-- {tally.matches} matches / {tally.detections} detections / "
          f"{tally.expected} expected")
    f = tally.figures()
    print(f"-- precision {f['precision']:.2f}  recall {f['recall']:.2f}  F1 {f['f1']:.2f}  "
          f"task accuracy {f['task_accuracy']:.2f}"
          + (f"  high-stakes agreement {tally.stakes_ok}/{tally.stakes_expected}"
             if tally.stakes_expected else ""))
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--candidates", action="store_true",
                        help="also list each board's near misses")
    args = parser.parse_args(argv)
    if args.folders:
        for folder in args.folders:
            if not labeled_boards(folder):
                print(f"{folder}: no labeled boards")
                continue
            print_tally(str(folder), score_folders([folder], mlcanvas, args.verbose,
                                                  args.candidates))
        return 0
    sets = [("our style (shared/benchmarks/opportunities)", [SHARED]),
            ("published (shared/benchmarks/real)", [REAL]),
            ("held-out rounds 1-8", HELD_OUT),
            ("published style, rounds 9-11", [p for p in ROUNDS if p.name in PUBLISHED_STYLE])]
    rows = []
    for title, folders in sets:
        folders = [f for f in folders if f.is_dir() and labeled_boards(f)]
        if not folders:
            print(f"== {title}: not found, skipped\n")
            continue
        ours = score_folders(folders, mlcanvas, args.verbose, args.candidates)
        print_tally(f"{title}: mlcanvas", ours)
        reference = score_folders(folders, naive) if NAIVE.exists() else None
        rows.append((title, ours, reference))
    print("== summary")
    print(f"{'set':46} {'boards':>6} {'expected':>8}   {'mlcanvas':38} naive keywords")
    for title, ours, reference in rows:
        print(f"{title:46} {ours.boards:>6} {ours.expected:>8}   {ours.summary():38} "
              f"{reference.summary() if reference else '(naive_keywords.py not found)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
