"""Fuzzing of the app's upload path (issue 17): the bytes of any file either become a
workshop whose board reads back unchanged, or end in one of our errors with nothing left
in the workspace. Kept fast: few examples, no deadline."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from canvas.workspace.store import Workspace
from eventstorming.errors import BoardFormatError, BoardUnreadableError
from eventstorming.formats.io import import_board

_PIECES = [b"# T\n", b"## L\n", b"e: A -> c: B\n", b"\x00", b"\x1b[31m", b"\xff",
           b'{"type": "excalidraw", "elements": [', b"]}", b"stickies:\n", b"- *a\n",
           b"<mxfile>", b"</mxfile>", b"\"\\ud800\"", b"9" * 40, b"![x](http://e/x.png)"]
_EXCALIDRAW = st.builds(
    lambda title, text, color: json.dumps({
        "type": "excalidraw", "appState": {"name": title}, "elements": [
            {"id": "a", "type": "rectangle", "x": 0, "y": 0, "width": 100, "height": 100,
             "backgroundColor": color, "boundElements": [{"id": "t", "type": "text"}]},
            {"type": "text", "x": 5, "y": 5, "width": 50, "height": 20, "containerId": "a",
             "text": text}]}).encode(),
    st.text(max_size=8) | st.sampled_from(["\ud800", "![t](http://e/x)", "\x1b]0;x\x07"]),
    st.text(max_size=8) | st.sampled_from(["\udc00x", ":red[x]", "\x00y"]),
    st.sampled_from(["#ffa94d", "#74c0fc", "transparent"]))
_FILES = st.one_of(_EXCALIDRAW, st.lists(st.sampled_from(_PIECES), max_size=12).map(b"".join),
                   st.binary(max_size=60))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(_FILES, st.sampled_from(["up.storm", "up.yaml", "up.excalidraw", "up.json"]))
def test_any_upload_becomes_a_workshop_or_our_error(tmp_path: Path, data: bytes, name: str):
    import tempfile

    root = Path(tempfile.mkdtemp(dir=tmp_path))
    ws = Workspace(root)
    try:
        board = import_board(data, name).board
    except (BoardFormatError, BoardUnreadableError) as exc:
        assert str(exc).startswith(name)
        assert list(root.iterdir()) == []
        return
    workshop = ws.create_from_board(board)
    assert ws.load_board(workshop).data.stickies == board.stickies
    assert len(list(root.iterdir())) == 1
