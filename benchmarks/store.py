"""The workspace stores side by side: save and read latency of a real board, the cheap
revision probe, and concurrent writers (4 processes x 50 increments, each retrying on
ConflictError: the final count must be 200 on both stores, i.e. no save was lost).

Run from the repository root: ``python benchmarks/store.py [DATABASE_URL]`` (default
``MLCANVAS_TEST_DATABASE_URL``). The database part runs in a fresh schema that is dropped
afterwards; without a database only the folder is measured.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import uuid
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from canvas.workspace.store import open_workspace  # noqa: E402
from eventstorming.formats.storm import read_storm  # noqa: E402

PROCESSES, INCREMENTS = 4, 50
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


def median_ms(fn, runs: int = 30) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def measure(label: str, location: str) -> None:
    ws = open_workspace(location)
    board = read_storm(ROOT / "examples" / "travel_expenses" / "board.storm")
    workshop = ws.create_from_board(board)
    state = {"revision": ws.load_board(workshop).revision}

    def save() -> None:
        state["revision"] = ws.save_board(workshop, board, state["revision"])

    save_ms = median_ms(save)
    read_ms = median_ms(lambda: ws.load_board(workshop))
    probe_ms = median_ms(lambda: ws.revision(workshop), runs=200)
    list_ms = median_ms(ws.list_workshops, runs=10)
    print(f"{label:9} save board ({len(board.stickies)} stickies) {save_ms:7.2f} ms | "
          f"load board {read_ms:6.2f} ms | revision probe {probe_ms:5.2f} ms | "
          f"list workshops {list_ms:6.2f} ms  (medians)")

    ws.create_from_board(board.model_copy(update={"title": "Counter"}), workshop_id="counter")
    ws.write("counter", "count", 0, 0)
    start = time.perf_counter()
    processes = [subprocess.Popen([sys.executable, "-c", INCREMENTER, location,
                                   str(INCREMENTS)], cwd=ROOT, stdout=subprocess.PIPE,
                                  text=True) for _ in range(PROCESSES)]
    conflicts = sum(int(p.communicate()[0]) for p in processes)
    seconds = time.perf_counter() - start
    final = ws.read("counter", "count")
    verdict = "ok" if final.data == PROCESSES * INCREMENTS else "LOST SAVES"
    print(f"{label:9} {PROCESSES} processes x {INCREMENTS} increments: final count "
          f"{final.data} (expected {PROCESSES * INCREMENTS}, {verdict}), revision "
          f"{final.revision}, {conflicts} conflicts retried, {seconds:.1f} s")
    ws.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        measure("folder", str(Path(folder) / "workspace"))
    url = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("MLCANVAS_TEST_DATABASE_URL")
    if not url:
        print("postgres  skipped: give a database URL or set MLCANVAS_TEST_DATABASE_URL")
        return
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    parts = urlsplit(url)
    query = urlencode(parse_qsl(parts.query) + [("options", f"-csearch_path={schema}")])
    try:
        measure("postgres", urlunsplit(parts._replace(query=query)))
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


if __name__ == "__main__":
    main()
