"""The mlcanvas command line: show, export, import, check; help, exit codes and messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from canvas.commands.cli import COMMAND_MODULES, build_parser, main
from eventstorming import parse_storm, read_storm
from eventstorming.formats.io import read_board
from tests.conftest import ROOT

BOARD = """\
# Receipts
lang: en
## Employee
a: Employee -> c: Upload receipt -> e: Receipt uploaded {volume: 300/day}
## Accounting
e: Receipt uploaded -> p: Whenever a receipt arrives, categorize it -> c: Categorize receipt
c: Categorize receipt -> e: Receipt categorized
c: Categorize receipt -> h: Misfiled charging bills
## Archive
"""

WARNED = """\
# Sloppy
a: Clerk -> c: Invoice approved -> e: Approve payment
"""


@pytest.fixture
def board_file(tmp_path: Path) -> Path:
    path = tmp_path / "receipts.storm"
    path.write_text(BOARD, encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_process(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "canvas", *argv], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


# ---------------------------------------------------------------- show

def test_show_json_has_exactly_the_contract_shape(capsys, board_file):
    code, out, err = run(capsys, "show", str(board_file), "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert list(data) == ["title", "lanes", "counts", "stickies", "links"]
    assert data == {
        "title": "Receipts",
        "lanes": ["Employee", "Accounting", "Archive"],
        "counts": {"event": 2, "command": 2, "actor": 1, "policy": 1, "hotspot": 1},
        "stickies": 7,
        "links": 6,
    }


def test_show_text(capsys, board_file):
    code, out, _ = run(capsys, "show", str(board_file))
    assert code == 0
    assert out.splitlines()[0] == "Receipts"
    assert "7 stickies, 6 links, 3 lanes" in out
    assert "lanes: Employee, Accounting, Archive" in out


# ---------------------------------------------------------------- export and import

@pytest.mark.parametrize("fmt", ["storm", "yaml"])
def test_export_round_trips(capsys, board_file, tmp_path, fmt):
    original = read_storm(board_file)
    code, out, _ = run(capsys, "export", str(board_file), "--format", fmt)
    assert code == 0
    stdout_copy = tmp_path / f"stdout.{'storm' if fmt == 'storm' else 'yaml'}"
    stdout_copy.write_text(out, encoding="utf-8")
    assert read_board(stdout_copy) == original
    target = tmp_path / f"copy.{fmt}"
    code, out, _ = run(capsys, "export", str(board_file), "-f", fmt, "-o", str(target))
    assert code == 0 and out == ""
    assert read_board(target) == original
    # and back again from the exported file
    code, out, _ = run(capsys, "export", str(target), "--format", "storm")
    assert parse_storm(out) == original


def test_import_storm_and_yaml(capsys, board_file, tmp_path):
    target = tmp_path / "imported.yaml"
    code, out, err = run(capsys, "import", str(board_file), "-o", str(target))
    assert code == 0 and err == ""
    assert "imported 'Receipts' (storm): 7 stickies, 6 links, 3 lanes" in out
    assert read_board(target) == read_storm(board_file)
    code, out, err = run(capsys, "import", str(board_file), "-o", "-")
    assert code == 0 and out.startswith("format: mlcanvas-board/1")
    assert "imported 'Receipts'" in err and "imported" not in out
    again = tmp_path / "again.yaml"
    assert run(capsys, "import", str(target), "-o", str(again))[0] == 0
    assert again.read_text(encoding="utf-8") == target.read_text(encoding="utf-8")


# ---------------------------------------------------------------- check

def test_check_lists_warnings_and_strict_fails(capsys, tmp_path):
    path = tmp_path / "sloppy.storm"
    path.write_text(WARNED, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path))
    assert code == 0
    assert "2 warnings" in out
    assert "[command-as-event] c-invoice-approved" in out
    assert "[event-not-past] e-approve-payment" in out
    code, _, _ = run(capsys, "check", str(path), "--strict")
    assert code == 1
    code, out, _ = run(capsys, "check", str(path), "--json")
    assert code == 0
    items = json.loads(out)
    assert [list(item) for item in items] == [["rule", "stickies", "message"]] * 2
    assert items[0]["stickies"] == ["c-invoice-approved"]


def test_check_clean_board_passes_strict(capsys, board_file):
    code, out, _ = run(capsys, "check", str(board_file), "--strict")
    assert code == 0
    assert "no warnings" in out
    assert json.loads(run(capsys, "check", str(board_file), "--json")[1]) == []


def test_check_speaks_german_on_german_boards(capsys, tmp_path):
    path = tmp_path / "de.storm"
    path.write_text("# Test\nlang: de\na: Kunde -> c: Antrag stellen -> e: Antrag prüfen\n",
                    encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path), "--strict")
    assert code == 1
    assert "1 Hinweis" in out and "Vergangenheit" in out


@pytest.mark.parametrize("example", sorted((ROOT / "examples").glob("*/board.storm")),
                         ids=lambda p: p.parent.name)
def test_examples_pass_strict_check(capsys, example):
    assert run(capsys, "check", str(example), "--strict")[0] == 0


# ---------------------------------------------------------------- help and errors

def _commands() -> list[str]:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    return sorted(subparsers.choices)


def test_every_command_module_is_registered():
    assert "canvas.commands.check" in COMMAND_MODULES
    assert {"show", "export", "import", "check"} <= set(_commands())


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help(capsys, command):
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: mlcanvas {command}")
    assert len(out.splitlines()) > 3


def test_top_level_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for command in ("show", "export", "import", "check"):
        assert command in out


@pytest.mark.parametrize("command", ["show", "check", "export", "import"])
def test_missing_file_is_exit_two(capsys, tmp_path, command):
    extra = {"export": ["--format", "yaml"], "import": ["-o", str(tmp_path / "x.yaml")]}
    code, out, err = run(capsys, command, str(tmp_path / "missing.storm"),
                         *extra.get(command, []))
    assert code == 2
    assert out == ""
    assert f"mlcanvas {command}: " in err and "missing.storm: no such file" in err


@pytest.mark.parametrize("content, expected", [
    (b"# T\ne: Fine\nnot a sticky\n", "line 3"),
    (b"# T\ne: A -> -> c: B\n", "line 2"),
    (b"# T\ne: A\nzz: B\n", "unknown kind 'zz'"),
    (b"# T\nc: B {minutes: 3\n", "never closes"),
])
def test_invalid_board_is_exit_one_with_the_line(capsys, tmp_path, content, expected):
    path = tmp_path / "bad.storm"
    path.write_bytes(content)
    for argv in (["show", str(path)], ["check", str(path)],
                 ["export", str(path), "--format", "yaml"]):
        code, out, err = run(capsys, *argv)
        assert code == 1, argv
        assert out == ""
        assert expected in err and "bad.storm" in err


def test_unreadable_inputs_are_exit_two(capsys, tmp_path):
    binary = tmp_path / "binary.storm"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    assert run(capsys, "show", str(binary))[0] == 2
    assert run(capsys, "show", str(tmp_path))[0] == 2  # a folder


def test_invalid_yaml_board_is_exit_one(capsys, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("stickies: [ {id: a, kind: event, text: x}\n", encoding="utf-8")
    code, _, err = run(capsys, "show", str(path))
    assert code == 1 and "bad.yaml" in err and "not valid YAML" in err
    path.write_text("stickies:\n  - {id: a, kind: feeling, text: x}\n", encoding="utf-8")
    code, _, err = run(capsys, "show", str(path))
    assert code == 1 and "stickies.0.kind" in err


def test_unwritable_output_is_exit_two(capsys, board_file, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(capsys, "export", str(board_file), "--format", "yaml", "-o",
                       str(blocker / "out.yaml"))
    assert code == 2 and "cannot write" in err


def test_real_process_exit_codes_and_no_traceback(tmp_path, board_file):
    ok = run_process("show", str(board_file), "--json")
    assert ok.returncode == 0 and json.loads(ok.stdout)["stickies"] == 7
    bad = tmp_path / "bad.storm"
    bad.write_text("# T\ne: ok\nwhat is this\n", encoding="utf-8")
    invalid = run_process("check", str(bad), "--strict")
    assert invalid.returncode == 1
    assert "line 3" in invalid.stderr and "Traceback" not in invalid.stderr
    missing = run_process("export", str(tmp_path / "nope.storm"), "--format", "storm")
    assert missing.returncode == 2
    assert "no such file" in missing.stderr and "Traceback" not in missing.stderr
    usage = run_process("show")
    assert usage.returncode == 2 and "usage:" in usage.stderr
    assert "Traceback" not in usage.stderr


def test_a_workshop_board_yaml_can_be_shown(capsys, tmp_path, board_file):
    from canvas.workspace.store import Workspace

    ws = Workspace(tmp_path / "ws")
    ws.root.mkdir()
    workshop = ws.create_from_board(read_storm(board_file))
    code, out, _ = run(capsys, "show", str(ws.root / workshop / "board.yaml"), "--json")
    assert code == 0 and json.loads(out)["stickies"] == 7


def test_show_and_import_print_no_terminal_escapes_or_surrogates(tmp_path, capsys):
    """Issue 17: ESC sequences in titles and lanes reached the terminal; lone surrogates in
    JSON crashed show and import with exit 3."""
    board = tmp_path / "esc.storm"
    board.write_bytes(b"# Ti\x1b[2J\x1b]0;owned\x07tle\x00\n## La\x1b[31mne\ne: Pa\x00id\n")
    assert main(["show", str(board)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x00" not in out and "Ti[2J]0;ownedtle" in out
    scene = tmp_path / "s.excalidraw"
    scene.write_text('{"type": "excalidraw", "appState": {"name": "B\\ud800"}, "elements": ['
                     '{"id": "a", "type": "rectangle", "x": 0, "y": 0, "width": 100, '
                     '"height": 100, "backgroundColor": "#ffa94d", "boundElements": '
                     '[{"id": "t", "type": "text"}]}, {"id": "t", "type": "text", "x": 5, '
                     '"y": 5, "width": 50, "height": 20, "containerId": "a", '
                     '"text": "Paid \\udc00"}]}')
    assert main(["show", str(scene)]) == 0
    assert main(["import", str(scene), "-o", str(tmp_path / "b.yaml")]) == 0
    assert "Paid \ufffd" in (tmp_path / "b.yaml").read_text(encoding="utf-8")
