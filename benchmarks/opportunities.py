"""Score opportunity detection against labeled boards.

Usage::

    python benchmarks/opportunities.py                 # shared boards, then corpus/held_out/round*
    python benchmarks/opportunities.py DIR [DIR ...]   # folders of NAME.storm + NAME.labels.yaml
    python benchmarks/opportunities.py -v              # also print each detection's task

Matching rules (``../shared/benchmarks/README.md``): a detection matches an expected
opportunity when its anchor text equals one of the acceptable texts, case and white space
folded. Detections on ``ambiguous`` anchors count neither way; any other detection is a
false alarm (and one on a ``not_opportunities`` anchor is marked as such). Precision =
matches / detections (ambiguous left out), recall = matches / expected, task accuracy =
matches whose task is acceptable / matches.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eventstorming.detection.detector import detect  # noqa: E402
from eventstorming.formats.safeyaml import load_yaml  # noqa: E402
from eventstorming.formats.storm import read_storm  # noqa: E402
from eventstorming.model import fold  # noqa: E402

SHARED = next((p for p in (ROOT.parent / "shared" / "benchmarks" / "opportunities",
                           ROOT.parent.parent / "shared" / "benchmarks" / "opportunities")
               if p.is_dir()), ROOT.parent / "shared" / "benchmarks" / "opportunities")
HELD_OUT = sorted(p for p in (ROOT / "benchmarks" / "corpus" / "held_out").glob("round*")
                  if p.is_dir())


@dataclass
class Tally:
    expected: int = 0
    detections: int = 0
    matches: int = 0
    task_ok: int = 0
    stakes_expected: int = 0
    stakes_ok: int = 0
    lines: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("expected", "detections", "matches", "task_ok", "stakes_expected",
                     "stakes_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def figures(self) -> dict[str, float]:
        precision = self.matches / self.detections if self.detections else 1.0
        recall = self.matches / self.expected if self.expected else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        task = self.task_ok / self.matches if self.matches else 0.0
        return {"precision": precision, "recall": recall, "f1": f1, "task_accuracy": task}


def _texts(anchor) -> list[str]:
    return [fold(a) for a in (anchor if isinstance(anchor, list) else [anchor])]


def score_board(storm: Path, verbose: bool = False) -> Tally:
    labels = load_yaml(storm.with_suffix("").with_suffix(".labels.yaml").read_text("utf-8"),
                       str(storm))
    board = read_storm(storm)
    found = detect(board).opportunities
    expected = labels.get("opportunities") or []
    ambiguous = {fold(a) for a in labels.get("ambiguous") or []}
    negatives = {fold(a) for a in labels.get("not_opportunities") or []}
    tally = Tally(expected=len(expected))
    by_text = {fold(o.anchor.text): o for o in found}
    hits, misses, alarms = [], [], []
    matched: set[str] = set()
    for item in expected:
        texts = _texts(item["anchor"])
        hit = next((by_text[t] for t in texts if t in by_text), None)
        if hit is None:
            misses.append(texts[0])
            continue
        matched.add(fold(hit.anchor.text))
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
        hits.append(f"{hit.anchor.text} ({hit.task}, {hit.score:.2f}){note}")
    for opp in found:
        key = fold(opp.anchor.text)
        if key in matched or key in ambiguous:
            continue
        alarms.append(f"{opp.anchor.text} ({opp.task}, {opp.score:.2f})"
                      + (" [labelled not an opportunity]" if key in negatives else ""))
    tally.detections = sum(1 for o in found if fold(o.anchor.text) not in ambiguous)
    tally.lines.append(f"{storm.stem}: {len(hits)} hits, {len(misses)} misses, "
                       f"{len(alarms)} false alarms")
    tally.lines += [f"   hit   {h}" for h in hits]
    tally.lines += [f"   MISS  {m}" for m in misses]
    tally.lines += [f"   FALSE {a}" for a in alarms]
    if verbose:
        tally.lines += [f"   ..    {o.anchor.text} -> {o.task} {o.score:.2f}" for o in found]
    return tally


def score_folder(folder: Path, verbose: bool = False) -> Tally | None:
    boards = sorted(folder.glob("*.storm"))
    boards = [b for b in boards if b.with_suffix("").with_suffix(".labels.yaml").exists()]
    if not boards:
        return None
    total = Tally()
    for storm in boards:
        tally = score_board(storm, verbose)
        total.add(tally)
        total.lines += tally.lines
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    folders = args.folders or [SHARED, *HELD_OUT]
    held_out = Tally()
    for folder in folders:
        total = score_folder(folder, args.verbose)
        if total is None:
            print(f"{folder}: no labeled boards")
            continue
        print(f"== {folder}")
        print("\n".join(total.lines))
        f = total.figures()
        print(f"-- {total.matches} matches / {total.detections} detections / "
              f"{total.expected} expected")
        print(f"-- precision {f['precision']:.2f}  recall {f['recall']:.2f}  "
              f"F1 {f['f1']:.2f}  task accuracy {f['task_accuracy']:.2f}"
              + (f"  high-stakes agreement {total.stakes_ok}/{total.stakes_expected}"
                 if total.stakes_expected else ""))
        print()
        if folder in HELD_OUT:
            held_out.add(total)
    if not args.folders and held_out.expected:
        f = held_out.figures()
        print(f"== all held-out boards ({', '.join(p.name for p in HELD_OUT)})")
        print(f"-- {held_out.matches} matches / {held_out.detections} detections / "
              f"{held_out.expected} expected")
        print(f"-- precision {f['precision']:.2f}  recall {f['recall']:.2f}  F1 {f['f1']:.2f}  "
              f"task accuracy {f['task_accuracy']:.2f}  high-stakes agreement "
              f"{held_out.stakes_ok}/{held_out.stakes_expected}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
