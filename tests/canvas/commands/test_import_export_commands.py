"""``mlcanvas import`` and ``mlcanvas export`` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from eventstorming.formats.yamlio import read_board_yaml
from eventstorming.model import Kind

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "eventstorming" / "formats" / "importers" / "fixtures" / "import"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "canvas", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def test_import_writes_yaml_and_prints_the_report(tmp_path):
    out = tmp_path / "board.yaml"
    done = _run("import", FIXTURES / "miro_rest_items.json", "-o", out)
    assert done.returncode == 0, done.stderr
    assert "imported 'miro_rest_items' (miro): 12 stickies, 6 links, 2 lanes" in done.stdout
    assert "2 shapes in colour #cccccc have no kind — map it with --colors" in done.stdout
    board = read_board_yaml(out)
    assert board.lanes == ("Customer places an order", "Fulfilment & shipping")
    assert len(board.stickies) == 12


def test_import_with_a_colour_map(tmp_path):
    colors = tmp_path / "colors.yaml"
    colors.write_text('"#cccccc": read model\n"#ffffff": skip\n', encoding="utf-8")
    out = tmp_path / "board.yaml"
    done = _run("import", FIXTURES / "miro_rest_items.json", "-o", out, "--colors", colors)
    assert done.returncode == 0, done.stderr
    assert "no kind" not in done.stdout
    board = read_board_yaml(out)
    assert board.find(Kind.READMODEL, "Old status page") is not None


def test_import_with_a_forced_format(tmp_path):
    source = tmp_path / "export.txt"
    source.write_bytes((FIXTURES / "prooph_board.xml").read_bytes())
    done = _run("import", source, "-o", tmp_path / "b.yaml", "--format", "drawio")
    assert done.returncode == 0, done.stderr
    assert "(prooph)" in done.stdout  # typed elements are read whatever the flag


def test_bad_colour_map_and_bad_input_end_in_one_line(tmp_path):
    colors = tmp_path / "colors.yaml"
    colors.write_text('"#cccccc": gizmo\n', encoding="utf-8")
    done = _run("import", FIXTURES / "miro_rest_items.json", "-o", tmp_path / "b.yaml",
                "--colors", colors)
    assert done.returncode == 1
    assert "'gizmo' is not a kind" in done.stderr and "Traceback" not in done.stderr
    broken = tmp_path / "broken.excalidraw"
    broken.write_text('{"type": "excalidraw", "elements": [{"id": "a"', encoding="utf-8")
    done = _run("import", broken, "-o", tmp_path / "b.yaml")
    assert done.returncode == 1
    assert done.stderr.strip() == (f"mlcanvas import: {broken}, line 1: the JSON ends too "
                                   f"early (is the file cut off?)")
    done = _run("import", tmp_path / "missing.drawio", "-o", tmp_path / "b.yaml")
    assert done.returncode == 2 and "no such file" in done.stderr
    assert not (tmp_path / "b.yaml").exists()


def test_export_mermaid_and_excalidraw_from_an_imported_drawing(tmp_path):
    done = _run("export", FIXTURES / "drawio_plain.drawio", "--format", "mermaid")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("flowchart LR\n")
    assert "classDef event fill:#FFA94D" in done.stdout
    scene_path = tmp_path / "board.excalidraw"
    done = _run("export", FIXTURES / "drawio_plain.drawio", "-f", "excalidraw", "-o",
                scene_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(scene_path.read_text())["type"] == "excalidraw"
    done = _run("import", scene_path, "-o", tmp_path / "again.yaml")
    assert done.returncode == 0, done.stderr
    again = read_board_yaml(tmp_path / "again.yaml")
    assert again.lanes == ("Customer service", "Back office")
    assert again.sticky("cmd-classify").attrs == {"volume": "1200/day", "minutes": 3}


def test_export_drawio_and_import_it_back(tmp_path):
    source = ROOT / "examples" / "schadenmeldung" / "board.storm"
    drawing = tmp_path / "board.drawio"
    done = _run("export", source, "--format", "drawio", "-o", drawing)
    assert done.returncode == 0, done.stderr
    assert drawing.read_text(encoding="utf-8").startswith("<mxfile")
    done = _run("import", drawing, "-o", tmp_path / "again.yaml")
    assert done.returncode == 0, done.stderr
    assert "(drawio)" in done.stdout
    again = read_board_yaml(tmp_path / "again.yaml")
    from eventstorming.formats.io import read_board

    board = read_board(source)
    assert [(s.id, s.kind, s.text, s.lane, s.order) for s in again.stickies] == [
        (s.id, s.kind, s.text, s.lane, s.order) for s in board.stickies]
    assert again.links == board.links and again.title == board.title
