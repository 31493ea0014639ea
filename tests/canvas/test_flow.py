"""Done when: an unseen board goes prioritize -> canvas -> spec -> validate, no hand edit.

The bike repair (English) and Kita place allocation (German) boards in ``fixtures/boards/`` were
written for this test; no detector test uses them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from canvas.commands.cli import main
from canvas.spec.schema import SCHEMA_FILE

pytest.importorskip("eventstorming.detection.detector", reason="the detector is not merged yet")

BOARDS = Path(__file__).parent / "fixtures" / "boards"
BOARD = BOARDS / "bike_repair.storm"


@pytest.mark.parametrize("name", ["bike_repair.storm", "kita_platzvergabe.storm"])
def test_unseen_board_to_valid_specs_without_a_hand_edit(name, tmp_path, capsys):
    board = BOARDS / name
    assert main(["prioritize", str(board), "--json"]) == 0
    ranked = json.loads(capsys.readouterr().out)
    assert ranked, f"the detector found no opportunity on {name}"
    assert [p["rank"] for p in ranked] == list(range(1, len(ranked) + 1))
    validator = Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    made = 0
    for item in ranked:
        canvas, spec = tmp_path / f"{item['id']}.yaml", tmp_path / f"{item['id']}.spec.yaml"
        assert main(["canvas", str(board), item["id"], "-o", str(canvas)]) == 0
        code = main(["spec", str(canvas), "-o", str(spec)])
        err = capsys.readouterr().err
        if code == 1 and "names no features" in err:
            continue  # nothing on the board feeds this decision: the canvas lint says so
        assert code == 0, err
        assert main(["validate", str(spec)]) == 0, capsys.readouterr().out
        assert list(validator.iter_errors(yaml.safe_load(spec.read_text()))) == []
        made += 1
    assert made >= 1


def test_prioritize_formats_and_weights(capsys):
    assert main(["prioritize", str(BOARD)]) == 0
    table = capsys.readouterr().out
    assert table.splitlines()[0].split()[:4] == ["#", "score", "value", "feas."]
    assert main(["prioritize", str(BOARD), "--csv"]) == 0
    assert capsys.readouterr().out.startswith("rank,id,title,task,score")
    assert main(["prioritize", str(BOARD), "--weights", "valeu=2"]) == 1
    assert "did you mean 'value'?" in capsys.readouterr().err
    assert main(["canvas", str(BOARD), "c-no-such-thing"]) == 1
    assert "no opportunity 'c-no-such-thing'" in capsys.readouterr().err


def test_prioritize_applies_the_overrides_saved_in_a_workshop(tmp_path, capsys):
    from canvas.priorities.scoring import save_override
    from canvas.workspace.store import Workspace
    from eventstorming.formats.storm import read_storm

    ws = Workspace(tmp_path / "ws")
    workshop = ws.create_from_board(read_storm(BOARD))
    assert main(["prioritize", str(BOARD), "--json"]) == 0
    before = json.loads(capsys.readouterr().out)
    last = before[-1]
    save_override(ws, workshop, last["id"], "value", 5, "Dana", 0, reason="spring rush")
    save_override(ws, workshop, last["id"], "risk", 1, "Dana", 1)
    assert main(["prioritize", str(BOARD), "--json", "--workshop", workshop,
                 "--workspace", str(ws.root)]) == 0
    after = {p["id"]: p for p in json.loads(capsys.readouterr().out)}
    value = after[last["id"]]["criteria"]["value"]
    assert value["score"] == 5 and value["override"]["author"] == "Dana"
    assert value["override"]["reason"] == "spring rush"
    assert after[last["id"]]["score"] >= last["score"]
    assert main(["prioritize", str(BOARD), "--workshop", "nope",
                 "--workspace", str(ws.root)]) == 1
    assert "no workshop 'nope'" in capsys.readouterr().err
