"""How opportunity detection scales with the size of a board.

Usage::

    python benchmarks/scale.py                  # 500, 1,000, 2,000, 5,000, 10,000 stickies
    python benchmarks/scale.py 20000 50000      # other sizes

Each generated board repeats a small workflow (a customer request, a clerk who categorizes
it with a read model in front of them and two alternative outcomes, a hotspot, a policy
that archives, an optimisation step, a judgment policy) with unique texts, while actors
and aggregates are shared by many units the way real boards share them. The time is the
best of three runs of :func:`eventstorming.detection.detector.detect` in-process (graph
construction included), as wall-clock and as CPU time of the process (steadier on a shared
machine); time per sticky should stay about flat (linear growth).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eventstorming.builder import BoardBuilder  # noqa: E402
from eventstorming.detection.detector import detect  # noqa: E402
from eventstorming.model import Board  # noqa: E402

SIZES = (500, 1_000, 2_000, 5_000, 10_000)


def generate(stickies: int) -> Board:
    """A board of about ``stickies`` stickies made of repeated workflow units."""
    b = BoardBuilder(f"Generated board of {stickies} stickies")
    b.metadata["lang"] = "en"
    i = 0
    while len(b._stickies) < stickies:  # noqa: SLF001 - the builder's own count
        lane = b.lane(f"Lane {i // 50}")
        customer = b.sticky("actor", "Customer", lane=lane)
        clerk = b.sticky("actor", f"Clerk {i % 7}", lane=lane)
        submit = b.sticky("command", f"Submit request {i}", lane=lane)
        received = b.sticky("event", f"Request {i} received", lane=lane,
                            attrs={"volume": f"{100 + i}/day"})
        b.link(customer, submit)
        b.link(submit, received)
        history = b.sticky("readmodel", f"History of requests like {i}", lane=lane)
        b.link(history, clerk)
        b.link(received, clerk)
        categorize = b.sticky("command", f"Categorize request {i}", lane=lane,
                              attrs={"minutes": 3})
        b.link(clerk, categorize)
        accepted = b.sticky("event", f"Request {i} accepted", lane=lane)
        declined = b.sticky("event", f"Request {i} declined", lane=lane)
        b.link(categorize, accepted)
        b.link(categorize, declined)
        b.link(categorize, b.sticky("hotspot", f"Clerks disagree on request {i}", lane=lane))
        policy = b.sticky("policy", f"Whenever request {i} is accepted, archive it", lane=lane)
        archive = b.sticky("command", f"Archive request {i}", lane=lane)
        store = b.sticky("aggregate", f"Archive {i // 20}", lane=lane)
        archived = b.sticky("event", f"Request {i} archived", lane=lane)
        b.link(accepted, policy)
        b.link(policy, archive)
        b.link(archive, store)
        b.link(store, archived)
        if i % 5 == 0:
            plan = b.sticky("command", f"Plan shifts for week {i}", lane=lane)
            b.link(clerk, plan)
            b.link(plan, b.sticky("event", f"Shifts for week {i} planned", lane=lane))
        if i % 7 == 0:
            suspicious = b.sticky("policy", f"Whenever request {i} looks suspicious, block it",
                                  lane=lane)
            block = b.sticky("command", f"Block request {i}", lane=lane)
            b.link(received, suspicious)
            b.link(suspicious, block)
        i += 1
    return b.build()


def measure(board: Board, repeat: int = 3) -> tuple[float, float, int]:
    """Best wall-clock and best CPU seconds of ``repeat`` runs, and the opportunities found.
    CPU time is the steadier figure on a machine shared with other work."""
    best_wall = best_cpu = float("inf")
    found = 0
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        detection = detect(board)
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
        found = len(detection.opportunities)
    return best_wall, best_cpu, found


def main(argv: list[str] | None = None) -> int:
    sizes = [int(a.replace(",", "").replace("_", "")) for a in (argv or sys.argv[1:])] or SIZES
    print(f"{'stickies':>9} {'links':>7} {'opps':>6} {'wall s':>8} {'cpu s':>8} "
          f"{'cpu µs/sticky':>14}")
    for size in sizes:
        board = generate(size)
        wall, cpu, found = measure(board)
        n = len(board.stickies)
        print(f"{n:>9,} {len(board.links):>7,} {found:>6,} {wall:>8.3f} {cpu:>8.3f} "
              f"{cpu / n * 1e6:>14.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
