"""Saves racing from several threads and several processes: exactly one of a set of saves
based on the same revision wins, on both stores, so no increment is ever lost."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading

from canvas.workspace.store import ConflictError, open_workspace
from tests.conftest import ROOT

# Adds 1 to the counter N times, reading again and retrying when another process saved
# first; prints how many of its saves were refused.
INCREMENTER = textwrap.dedent("""
    import sys
    from canvas.workspace.store import ConflictError, open_workspace

    ws = open_workspace(sys.argv[1])
    conflicts = 0
    for _ in range(int(sys.argv[2])):
        while True:
            doc = ws.read("counter", "count")
            try:
                ws.write("counter", "count", doc.data + 1, doc.revision)
                break
            except ConflictError:
                conflicts += 1
    print(conflicts)
""")


def test_of_saves_based_on_one_revision_exactly_one_wins(store_location):
    ws = open_workspace(store_location)
    workshop = ws.create("Race")
    ws.write(workshop, "notes", {"n": 0}, 0)
    barrier = threading.Barrier(8)
    won: list[int] = []
    refused: list[ConflictError] = []

    def save(n: int) -> None:
        store = open_workspace(store_location)
        barrier.wait()
        try:
            won.append(store.write(workshop, "notes", {"n": n}, expected_revision=1))
        except ConflictError as exc:
            refused.append(exc)

    threads = [threading.Thread(target=save, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert won == [2] and len(refused) == 7
    assert all((e.expected, e.actual) == (1, 2) for e in refused)
    assert [r.revision for r in ws.history(workshop, "notes")] == [2, 1]


def test_processes_incrementing_with_retry_lose_no_increment(store_location):
    ws = open_workspace(store_location)
    ws.create_from_board(_board(), workshop_id="counter")
    ws.write("counter", "count", 0, 0)
    processes = [subprocess.Popen([sys.executable, "-c", INCREMENTER, store_location, "25"],
                                  cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) for _ in range(4)]
    conflicts = 0
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        conflicts += int(out)
    final = ws.read("counter", "count")
    assert final.data == 100 and final.revision == 101
    assert len(ws.history("counter", "count")) == 20
    print(f"{conflicts} saves refused and retried")
    ws.close()


def _board():
    from eventstorming.builder import BoardBuilder

    return BoardBuilder("Counter").build()
