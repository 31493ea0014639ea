"""`mlcanvas validate`: one line per problem with path, YAML line, expectation, did-you-mean;
hostile YAML refused fast; exit codes 0, 1, 2."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from canvas.commands.cli import main
from canvas.spec.validate import SpecUnreadable, clean_loc, validate_file, validate_text
from tests.conftest import ROOT

GOOD = Path(__file__).parents[1] / "fixtures" / "receipt.yaml"


def good_text() -> str:
    return GOOD.read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_the_good_spec_is_valid():
    report = validate_file(GOOD)
    assert report.ok and report.spec is not None
    assert report.spec.baseline.method == "rules"


def test_misspelled_operator_has_path_line_and_did_you_mean():
    text = good_text().replace("contains_any:", "contains_anyy:")
    report = validate_text(text, "s.yaml")
    assert len(report.problems) == 1
    problem = report.problems[0]
    assert problem.path == "baseline.rules[0].when.contains_anyy"
    assert problem.line == line_of(text, "contains_anyy")
    assert "did you mean 'contains_any'?" in problem.message
    assert "expected 'feature' and one of eq, ne" in problem.message
    assert report.lines()[0].startswith(f"s.yaml:{problem.line}: baseline.rules[0].when.")


def test_nested_condition_paths_have_no_pydantic_tags():
    text = good_text().replace("in: [hotel]", "inn: [hotel]")
    (problem,) = validate_text(text).problems
    assert problem.path == "baseline.rules[1].when.all[1].inn"
    assert "did you mean 'in'?" in problem.message
    assert problem.line == line_of(text, "inn:")


@pytest.mark.parametrize("old,new,path,needle", [
    ("method: rules", "method: rule", "baseline.method", "did you mean 'rules'?"),
    ("seed: 42", "seed: 42, sed: 1", "evaluation.split.sed", "did you mean 'seed'?"),
    ("task: classification", "task: clasification", "prediction.task",
     "did you mean 'classification'?"),
    ("transform: lowercase", "transform: lower", "features[0].transform",
     "expected one of identity, lowercase"),
    ("{name: amount, type: number}", "{name: amount, type: float}", "data.columns[1].type",
     "expected one of number, integer"),
    ("source: data/receipts.csv", "source: ../secret.csv", "data.source",
     "inside the project"),
    ("name: receipt-categorization", "name: Receipt Categorization", "metadata.name",
     "not a slug"),
    ("test_size: 0.2", "test_size: 2", "evaluation.split.test_size", "expected a value < 1"),
    ("predict: fuel", "predict: [fuel]", "baseline.rules[0].predict",
     "expected a text, a number, true or false or {linear"),
    ("when: {feature: merchant, contains_any: [shell, aral]}", "when: shell",
     "baseline.rules[0].when", "a condition is a mapping"),
    ("{feature: amount, gt: 500}", "{feature: amount, gt: lots}",
     "baseline.rules[1].when.all[0].gt", "expected a number (found text 'lots')"),
    ("{feature: amount, gt: 500}", "{feature: amount}", "baseline.rules[1].when.all[0]",
     "exactly one operator"),
    ("metadata: {name", "metdata: {name", "metdata", "did you mean 'metadata'?"),
])
def test_broken_specs_point_at_the_field(old, new, path, needle):
    text = good_text()
    assert old in text
    broken = text.replace(old, new, 1)
    report = validate_text(broken, "s.yaml")
    assert not report.ok
    paths = [p.path for p in report.problems]
    assert path in paths, report.lines()
    problem = report.problems[paths.index(path)]
    assert needle in problem.message, problem.message
    assert problem.line == line_of(broken, new)
    for line in report.lines():
        assert "LinearPrediction" not in line and "'str'" not in line
        assert ".feature." not in line.replace(".feature'", "")


def test_a_missing_key_points_at_its_parent_and_no_double_report():
    text = good_text().replace("{name: amount, from: amount}", "{name: amount, form: amount}")
    report = validate_text(text)
    assert [p.path for p in report.problems] == ["features[1].form"]
    assert "did you mean 'from'?" in report.problems[0].message


def test_cross_check_problems_each_with_their_path_and_line():
    text = good_text().replace("{feature: amount, gt: 500}", "{feature: amout, gt: 500}") \
        .replace("timestamp: submitted_at", "timestamp: created")
    report = validate_text(text, "s.yaml")
    got = {p.path: p for p in report.problems}
    assert set(got) == {"data.timestamp", "baseline.rules[1].when.all[0].feature"}
    rule = got["baseline.rules[1].when.all[0].feature"]
    assert "feature 'amout' is not defined in features" in rule.message
    assert rule.line == line_of(text, "amout")
    assert got["data.timestamp"].line == line_of(text, "timestamp: created")


def test_not_a_mapping_and_invalid_yaml():
    assert "found a list" in validate_text("- a\n- b\n").problems[0].message
    assert "found an empty file" in validate_text("").problems[0].message
    report = validate_text("apiVersion: [\n", "s.yaml")
    assert report.problems[0].line is not None and "not valid YAML" in \
        report.problems[0].message


def test_clean_loc_drops_discriminator_tags_and_union_members():
    loc = ("baseline", "rules", 1, "when", "all", "all", 1, "feature", "inn")
    assert clean_loc(loc) == (("baseline", "rules", 1, "when", "all", 1, "inn"), None)
    loc = ("baseline", "rules", 0, "when", "feature", "feature")
    assert clean_loc(loc)[0] == ("baseline", "rules", 0, "when", "feature")
    loc = ("baseline", "rules", 2, "when", "not", "not", "feature", "gt")
    assert clean_loc(loc)[0] == ("baseline", "rules", 2, "when", "not", "gt")
    loc = ("baseline", "rules", 1, "predict", "LinearPrediction", "linear", "intercep")
    assert clean_loc(loc) == (("baseline", "rules", 1, "predict", "linear", "intercep"),
                              "LinearPrediction")


# --------------------------------------------------------------------------- hostile YAML

def test_arbitrary_tags_are_refused():
    text = "!!python/object/apply:os.system ['echo pwned']\n"
    report = validate_text(text, "s.yaml")
    assert not report.ok and report.problems[0].line == 1
    assert "not valid YAML" in report.problems[0].message


def test_alias_bomb_is_refused_within_a_second():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    bomb = "\n".join(lines) + "\n"
    start = time.perf_counter()
    report = validate_text(bomb, "bomb.yaml")
    assert time.perf_counter() - start < 1.0
    assert not report.ok and "aliases" in report.problems[0].message


def test_huge_file_is_unreadable(tmp_path):
    huge = tmp_path / "huge.yaml"
    huge.write_text("a: " + "x" * (6 * 1024 * 1024) + "\n")
    start = time.perf_counter()
    with pytest.raises(SpecUnreadable, match="limit"):
        validate_file(huge)
    assert time.perf_counter() - start < 1.0
    assert main(["validate", str(huge)]) == 2


# --------------------------------------------------------------------------- CLI

def test_cli_exit_codes(tmp_path, capsys):
    assert main(["validate", str(GOOD)]) == 0
    assert "valid (classification, baseline rules, 2 features)" in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_text(good_text().replace("contains_any:", "contains_anyy:"))
    assert main(["validate", str(bad)]) == 1
    out, err = capsys.readouterr()
    assert out.count("\n") == 1 and f"{bad}:" in out and "did you mean" in out
    assert "1 problem" in err
    assert main(["validate", str(tmp_path / "missing.yaml")]) == 2
    assert "no such file" in capsys.readouterr().err
    (tmp_path / "latin1.yaml").write_bytes("name: M\xfcller\n".encode("latin-1"))
    assert main(["validate", str(tmp_path / "latin1.yaml")]) == 2
    assert main(["validate", str(tmp_path)]) == 2


def test_cli_in_a_subprocess_prints_no_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(good_text().replace("method: rules", "method: rule"))
    result = subprocess.run([sys.executable, "-m", "canvas", "validate", str(bad)],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "did you mean 'rules'?" in result.stdout
    assert "Traceback" not in result.stderr


def test_a_key_written_twice_is_reported():
    text = good_text().replace("kind: UseCaseSpec\n", "kind: UseCaseSpec\nkind: UseCaseSpec\n")
    report = validate_text(text, "s.yaml")
    assert not report.ok
    (problem,) = report.problems
    assert problem.path == "kind" and "written twice (first on line 3)" in problem.message
    assert problem.line == 4
