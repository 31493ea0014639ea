"""The JSON Schema of spec v1: committed == generated, and an independent validator agrees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from canvas.commands.cli import main
from canvas.spec.model import SCHEMA_ID
from canvas.spec.schema import SCHEMA_COMMENT, SCHEMA_FILE, schema_text, spec_json_schema

GOOD = Path(__file__).parents[1] / "fixtures" / "receipt.yaml"


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_committed_schema_equals_generated():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "schemas/mlcanvas-spec-v1.json is out of date: run "
        "'python -m canvas schema -o schemas/mlcanvas-spec-v1.json'")


def test_schema_is_draft_2020_12_with_its_id():
    schema = spec_json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SCHEMA_ID
    assert SCHEMA_COMMENT == f"# yaml-language-server: $schema={SCHEMA_ID}"
    assert schema["additionalProperties"] is False


def test_cli_prints_the_schema(capsys):
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == schema_text()


def test_real_spec_validates(validator):
    data = yaml.safe_load(GOOD.read_text(encoding="utf-8"))
    assert list(validator.iter_errors(data)) == []


@pytest.mark.parametrize("old,new", [
    ("contains_any:", "contains_anyy:"),          # unknown operator
    ("method: rules", "method: rule"),             # not a baseline method
    ("seed: 42", "seed: 42, sed: 1"),              # unknown key
    ("{feature: amount, gt: 500}", "{feature: amount}"),  # condition without operator
    ("{feature: amount, gt: 500}", "{feature: amount, gt: 5, lt: 9}"),  # two operators
    ("  default: other\n", ""),                    # rules baseline without a default
    ("apiVersion: mlcanvas/v1", "apiVersion: mlcanvas/v2"),
    ("task: classification", "task: magic"),
])
def test_broken_specs_do_not_validate(validator, old, new):
    text = GOOD.read_text(encoding="utf-8")
    assert old in text
    data = yaml.safe_load(text.replace(old, new, 1))
    assert list(validator.iter_errors(data)), f"{old!r} -> {new!r} was accepted"
