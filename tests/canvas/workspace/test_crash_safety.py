"""A save killed at a random moment (SIGKILL) never leaves an unreadable workshop (the
folder store's atomic files; the database's transactions)."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from canvas.workspace.store import Workspace, open_workspace
from eventstorming.builder import BoardBuilder
from tests.conftest import ROOT

# Saves the workshop's board in a tight loop, each revision marking its last sticky with
# the revision it was based on, and prints each revision it saved.
SAVER = textwrap.dedent("""
    import sys
    from canvas.workspace.store import board_to_plain, open_workspace

    ws = open_workspace(sys.argv[1])
    current = ws.load_board("crash")
    plain, revision = board_to_plain(current.data), current.revision
    while True:
        plain["stickies"][-1]["attrs"]["based_on"] = revision
        revision = ws.write("crash", "board", plain, revision)
        print(revision, flush=True)
""")


def _big_board():
    builder = BoardBuilder("Crash test")
    for i in range(400):  # large enough that writing a revision takes a while
        builder.sticky("command", f"Do step {i} of the long process", lane="Lane",
                       attrs={"minutes": i, "note": "x" * 40})
    builder.sticky("event", "Process finished", lane="Lane", attrs={"based_on": 0})
    return builder.build()


def _marked(board, revision):
    """The board as the saver would save it on top of ``revision``."""
    last = board.stickies[-1]
    attrs = {**last.attrs, "based_on": revision}
    return board.model_copy(update={
        "stickies": board.stickies[:-1] + (last.model_copy(update={"attrs": attrs}),)})


@pytest.mark.slow
def test_killed_saves_leave_a_readable_workshop(store_location: str):
    ws = open_workspace(store_location)
    ws.create_from_board(_big_board(), workshop_id="crash")
    rng = random.Random(20261126)
    last_seen = 1
    for _round in range(4):
        process = subprocess.Popen([sys.executable, "-c", SAVER, store_location], cwd=ROOT,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            first = process.stdout.readline()  # it is saving now
            assert first.strip().isdigit(), process.stderr.read()
            time.sleep(rng.uniform(0.0, 0.2))
            process.send_signal(signal.SIGKILL)
        finally:
            process.kill()
            process.wait(timeout=10)
        assert process.returncode == -signal.SIGKILL

        loaded = ws.load_board("crash")  # readable, and a valid board
        assert loaded.revision > last_seen
        assert len(loaded.data.stickies) == 401
        # the content on disk is the content of the revision on disk, not a mix
        assert loaded.data.stickies[-1].attrs["based_on"] == loaded.revision - 1
        assert ws.history("crash")[0].revision == loaded.revision
        assert ws.read_revision("crash", "board", loaded.revision).data == \
            ws.read("crash", "board").data
        # and work goes on from there
        revision = ws.save_board("crash", _marked(loaded.data, loaded.revision),
                                 loaded.revision)
        assert revision == loaded.revision + 1
        last_seen = revision
    if isinstance(ws, Workspace):
        assert not list((ws.root / "crash").glob(".*.tmp"))
        assert not list((ws.root / "crash" / ".history" / "board").glob(".*.tmp"))
    ws.close()


@pytest.mark.slow
def test_saves_killed_inside_the_atomic_write_leave_a_readable_workshop(tmp_path: Path):
    """Forked savers tell the parent each time they are about to fsync (the middle of an
    atomic write) and are killed right then, so the kill lands inside the write."""
    import os

    ws = Workspace(tmp_path / "workspace")
    ws.root.mkdir()
    ws.create_from_board(_big_board(), workshop_id="crash")
    rng = random.Random(7)
    inside = 0
    for _round in range(20):
        read_end, write_end = os.pipe()
        skip = rng.randrange(0, 8)  # which fsync of the loop to die in
        pid = os.fork()
        if pid == 0:  # the saver
            try:
                os.close(read_end)
                real_fsync = os.fsync

                def noisy_fsync(fd: int, pipe: int = write_end, real=real_fsync) -> None:
                    os.write(pipe, b".")
                    real(fd)

                os.fsync = noisy_fsync
                current = ws.load_board("crash")
                board, revision = current.data, current.revision
                while True:
                    revision = ws.save_board("crash", _marked(board, revision), revision)
            finally:
                os._exit(0)
        os.close(write_end)
        for _ in range(skip + 1):
            os.read(read_end, 1)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(read_end)
        folder = ws.root / "crash"
        if list(folder.rglob(".*.tmp")):
            inside += 1

        loaded = ws.load_board("crash")
        assert len(loaded.data.stickies) == 401
        assert loaded.data.stickies[-1].attrs["based_on"] == loaded.revision - 1
        assert ws.history("crash")[0].revision == loaded.revision
        revision = ws.save_board("crash", _marked(loaded.data, loaded.revision),
                                 loaded.revision)
        assert revision == loaded.revision + 1
    print(f"{inside} of 20 kills left a half-written temporary file behind")
