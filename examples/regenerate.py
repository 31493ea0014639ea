"""Regenerate every worked example from its board, so the examples never drift.

For each ``examples/<name>/board.storm`` this writes, next to the board:

- ``opportunities.json``  the detected ML opportunities, best first
- ``priorities.json`` and ``priorities.csv``  the ranking with every criterion and reason
- ``canvas.yaml``, ``canvas.md``, ``canvas.html``  the ML Canvas of the best-ranked
  opportunity that names inputs (a spec needs at least one feature)
- ``spec.yaml``  the spec v1 made from that canvas (validated)

Run ``python examples/regenerate.py`` from the repository root; ``--check`` only reports
files that are out of date (exit 1), which is what the test suite does.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from canvas.mlcanvas.model import canvas_to_yaml, prefill_canvas  # noqa: E402
from canvas.mlcanvas.render import canvas_to_html, canvas_to_markdown  # noqa: E402
from canvas.priorities.scoring import prioritize, to_csv, to_json  # noqa: E402
from canvas.services.opportunities import detect_opportunities  # noqa: E402
from canvas.spec.from_canvas import spec_from_canvas, spec_to_yaml  # noqa: E402
from eventstorming.formats.storm import read_storm  # noqa: E402

EXAMPLES = ROOT / "examples"


def generate(folder: Path) -> dict[str, str]:
    """The generated files of one example: file name -> content."""
    board = read_storm(folder / "board.storm")
    opportunities = detect_opportunities(board)
    ranked = prioritize(opportunities, board)
    files = {
        "opportunities.json": json.dumps([o.to_json() for o in opportunities],
                                         ensure_ascii=False, indent=2) + "\n",
        "priorities.json": json.dumps(to_json(ranked), ensure_ascii=False, indent=2) + "\n",
        "priorities.csv": to_csv(ranked),
    }
    for priority in ranked:
        canvas = prefill_canvas(priority.opportunity, board)
        if canvas.features:
            files["canvas.yaml"] = canvas_to_yaml(canvas)
            files["canvas.md"] = canvas_to_markdown(canvas)
            files["canvas.html"] = canvas_to_html(canvas)
            files["spec.yaml"] = spec_to_yaml(spec_from_canvas(canvas))
            break
    return files


def example_folders() -> list[Path]:
    return sorted(p.parent for p in EXAMPLES.glob("*/board.storm"))


def stale_files() -> list[Path]:
    """Generated files whose content on disk differs from what would be generated."""
    stale = []
    for folder in example_folders():
        for name, content in generate(folder).items():
            path = folder / name
            if not path.exists() or path.read_text(encoding="utf-8") != content:
                stale.append(path)
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only list out-of-date files; exit 1 if there are any")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_files()
        for path in stale:
            print(f"out of date: {path.relative_to(ROOT)}")
        return 1 if stale else 0
    for folder in example_folders():
        for name, content in generate(folder).items():
            path = folder / name
            if not path.exists() or path.read_text(encoding="utf-8") != content:
                path.write_text(content, encoding="utf-8")
                print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
