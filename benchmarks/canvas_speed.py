"""How fast prioritization, canvases and spec validation are, and how fast hostile YAML is
refused. Prints one line per figure (median of several runs).

Run from the repository root: ``python benchmarks/canvas_speed.py``.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from canvas.mlcanvas.model import prefill_canvas  # noqa: E402
from canvas.mlcanvas.render import canvas_to_html, canvas_to_markdown  # noqa: E402
from canvas.priorities.scoring import prioritize  # noqa: E402
from canvas.services.opportunities import detect_opportunities  # noqa: E402
from canvas.spec.from_canvas import spec_from_canvas, spec_to_yaml  # noqa: E402
from canvas.spec.validate import SpecUnreadable, validate_text  # noqa: E402
from eventstorming.formats.storm import read_storm  # noqa: E402


def median_ms(fn, runs: int = 20) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def alias_bomb(levels: int = 9) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    names = "abcdefghijklmnop"
    for i in range(1, levels):
        lines.append(f"{names[i]}: &{names[i]} [{','.join(['*' + names[i - 1]] * 9)}]")
    return "\n".join(lines) + "\n"


def main() -> None:
    boards = sorted(ROOT.glob("examples/*/board.storm"))
    for path in boards:
        board = read_storm(path)
        opportunities = detect_opportunities(board)
        ms = median_ms(lambda b=board, o=opportunities: prioritize(o, b))
        print(f"prioritize {path.parent.name}: {len(opportunities)} opportunities in "
              f"{ms:.2f} ms")
        if not opportunities:
            continue
        top = prioritize(opportunities, board)[0].opportunity
        ms = median_ms(lambda b=board, o=top: prefill_canvas(o, b))
        print(f"prefill canvas {path.parent.name}: {ms:.2f} ms")
        canvas = prefill_canvas(top, board)
        print(f"render html {path.parent.name}: "
              f"{median_ms(lambda c=canvas: canvas_to_html(c)):.2f} ms, markdown "
              f"{median_ms(lambda c=canvas: canvas_to_markdown(c)):.2f} ms")
        if canvas.features:
            text = spec_to_yaml(spec_from_canvas(canvas))
            print(f"validate spec {path.parent.name} ({len(text.splitlines())} lines): "
                  f"{median_ms(lambda t=text: validate_text(t)):.2f} ms")
            broken = text.replace("method: ", "methd: ", 1)
            print(f"validate broken spec {path.parent.name}: "
                  f"{median_ms(lambda t=broken: validate_text(t)):.2f} ms")
    bomb = alias_bomb()
    print(f"alias bomb (9 levels, 9^9 leaves if expanded) refused in "
          f"{median_ms(lambda: validate_text(bomb), runs=5):.2f} ms")
    huge = "a: " + "x" * (6 * 1024 * 1024) + "\n"

    def refuse_huge() -> None:
        try:
            validate_text(huge)
        except SpecUnreadable:
            return
        raise AssertionError("a 6 MB spec was accepted")

    print(f"6 MB spec refused in {median_ms(refuse_huge, runs=5):.2f} ms")


if __name__ == "__main__":
    main()
