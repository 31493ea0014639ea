"""The ``mlcanvas scaffold`` command: writing, refusing, ``--data`` and ``--update``."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pandas as pd
import pytest
import yaml

from canvas.commands.cli import main
from canvas.scaffold import package_name, scaffold
from canvas.scaffold.escape import markdown, toml_string
from canvas.scaffold.generate import MANIFEST, ScaffoldError
from canvas.spec.model import UseCaseSpec
from tests.conftest import ROOT

SPECS = Path(__file__).parents[1] / "fixtures" / "specs"


def spec_data(task: str = "classification") -> dict:
    return yaml.safe_load((SPECS / f"{task}.yaml").read_text())


def write_spec(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return path


def test_the_command_writes_a_project(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "out"
    assert main(["scaffold", str(SPECS / "classification.yaml"), str(out)]) == 0
    report = capsys.readouterr().out
    assert "receipt_categorization" in report and "added" in report
    for name in ("receipt_categorization/features.py", "receipt_categorization/__main__.py",
                 "tests/test_baseline.py", "params.yaml", "spec.yaml", "dvc.yaml", "Makefile",
                 "pyproject.toml", "Dockerfile", ".github/workflows/ci.yml", "README.md",
                 "MODEL_CARD.md", "data/receipts.csv", MANIFEST):
        assert (out / name).is_file(), name
    sample = pd.read_csv(out / "data/receipts.csv")
    assert len(sample) == 1000
    assert list(sample.columns) == ["merchant", "amount", "submitted_at", "category"]
    assert set(sample["category"]) == {"fuel", "hotel", "meals", "other"}
    features = [p for p in out.rglob("*.py") if "def build_features" in p.read_text()]
    assert [p.name for p in features] == ["features.py"]


def test_the_help_of_a_generated_step(tmp_path: Path) -> None:
    scaffold(UseCaseSpec.model_validate(spec_data("regression")), tmp_path)
    done = subprocess.run([sys.executable, "-m", "repair_cost_estimate", "predict", "--help"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "--input" in done.stdout


def test_the_same_spec_gives_the_same_project(tmp_path: Path) -> None:
    spec = UseCaseSpec.model_validate(spec_data())
    scaffold(spec, tmp_path / "a")
    scaffold(spec, tmp_path / "b")
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*")
                   if p.is_file())
    assert files
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_data_is_copied_and_checked(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    mine = tmp_path / "mine.csv"
    mine.write_text("merchant,amount,submitted_at,category\nShell,50,2024-01-02,fuel\n"
                    "Cafe Rio,9.5,2024-01-03,meals\n")
    out = tmp_path / "out"
    assert main(["scaffold", str(SPECS / "classification.yaml"), str(out), "--data",
                 str(mine)]) == 0
    assert (out / "data/receipts.csv").read_text() == mine.read_text()
    assert "2 rows fit the spec's columns" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("merchant,amount\nShell,lots\n")
    assert main(["scaffold", str(SPECS / "classification.yaml"), str(tmp_path / "o2"),
                 "--data", str(bad)]) == 0
    report = capsys.readouterr().out
    assert "column 'amount' (number)" in report and "line 2 ('lots')" in report
    assert "column 'category' (category) is missing" in report


def test_refusals_say_why(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    assert main(["scaffold", str(SPECS / "classification.yaml"), str(out)]) == 1
    assert "not empty" in capsys.readouterr().err
    assert main(["scaffold", str(tmp_path / "nope.yaml"), str(tmp_path / "x")]) == 2
    bad = spec_data()
    bad["baseline"] = {"method": "popularity"}
    assert main(["scaffold", str(write_spec(tmp_path / "bad.yaml", bad)),
                 str(tmp_path / "y")]) == 1
    assert "baseline.method" in capsys.readouterr().err
    wrong = spec_data()
    wrong["features"][0]["from"] = "nowhere"
    assert main(["scaffold", str(write_spec(tmp_path / "wrong.yaml", wrong)),
                 str(tmp_path / "z")]) == 1
    err = capsys.readouterr().err
    assert "features" in err and "Traceback" not in err
    assert main(["scaffold", str(SPECS / "classification.yaml"), str(out), "--update"]) == 1
    assert "manifest" in capsys.readouterr().err


def test_update_keeps_user_edits(tmp_path: Path) -> None:
    data = spec_data()
    out = tmp_path / "out"
    scaffold(UseCaseSpec.model_validate(data), out)
    readme = out / "README.md"
    readme.write_text(readme.read_text() + "\nOur notes.\n")
    features = out / "receipt_categorization/features.py"
    before_makefile = (out / "Makefile").read_text()
    data["metadata"]["title"] = "Categorize receipts, second take"
    data["baseline"]["rules"][0]["when"]["contains_any"].append("total")
    result = scaffold(UseCaseSpec.model_validate(data), out, update=True)
    assert "README.md" in result.kept
    assert readme.read_text().endswith("Our notes.\n")
    assert "second take" in (out / "README.md.new").read_text()
    assert "params.yaml" in result.updated and "MODEL_CARD.md" in result.updated
    assert "total" in (out / "params.yaml").read_text()
    assert "receipt_categorization/features.py" in result.unchanged
    assert (out / "Makefile").read_text() == before_makefile
    assert features.exists() and not (out / "receipt_categorization/features.py.new").exists()
    again = scaffold(UseCaseSpec.model_validate(data), out, update=True)
    assert again.kept == ("README.md",) and not again.updated and not again.added
    manifest = json.loads((out / MANIFEST).read_text())
    assert "README.md" in manifest["files"]


def test_package_names_never_shadow(tmp_path: Path) -> None:
    for name, package in (("import", "import_uc"), ("os", "os_uc"), ("yaml", "yaml_uc"),
                          ("dateutil", "dateutil_uc"), ("my-case", "my_case")):
        data = spec_data()
        data["metadata"]["name"] = name
        assert package_name(UseCaseSpec.model_validate(data)) == package
    data = spec_data()
    data["metadata"]["name"] = "pandas"  # a distribution the project installs: refused
    with pytest.raises(ValueError, match="make install"):
        UseCaseSpec.model_validate(data)


def test_a_symlink_cannot_lead_writes_outside(tmp_path: Path) -> None:
    data = spec_data()
    out = tmp_path / "out"
    scaffold(UseCaseSpec.model_validate(data), out)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (out / "data/receipts.csv").unlink()
    (out / "data/labels.csv").unlink()
    (out / "data").rmdir()
    (out / "data").symlink_to(outside)
    with pytest.raises(ScaffoldError, match="outside"):
        scaffold(UseCaseSpec.model_validate(data), out, update=True)
    assert not any(outside.iterdir())


def test_escaping() -> None:
    assert markdown("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert markdown("a\nb # c") == "a b # c"       # mid-line: no heading, nothing to escape
    assert markdown("# c") == "\\# c" and markdown("1. x") == "1\\. x"   # would start markup
    assert markdown("- x") == "\\- x" and markdown("-5 °C") == "-5 °C"
    assert markdown("![x](https://e/p.png) *b* `c` |t| $m$") == \
        "!\\[x\\](https://e/p.png) \\*b\\* \\`c\\` \\|t\\| \\$m\\$"
    for text in ['a"b', "back\\slash", "line\nbreak", "tab\there", "ü 🚀", "'''", "\x7f"]:
        assert tomllib.loads(f"x = {toml_string(text)}")["x"] == text


def test_the_readme_shows_numbers_and_brackets_as_written(tmp_path: Path) -> None:
    """Issue 16: "about 0\\.1429 times a day" and "\\(guess\\)" in the generated README;
    only what would start Markdown is escaped, so the raw file reads as the canvas does."""
    data = spec_data()
    data["canvas"]["value_proposition"] = ["Ana checks 1.5 receipts a day (guess).",
                                           "Saves 10,000 EUR - maybe more!"]
    out = tmp_path / "out"
    scaffold(UseCaseSpec.model_validate(data), out)
    for name in ("README.md", "MODEL_CARD.md"):
        text = (out / name).read_text()
        if name == "MODEL_CARD.md":
            assert "Ana checks 1.5 receipts a day (guess)." in text
            assert "Saves 10,000 EUR - maybe more!" in text
        assert "\\." not in text and "\\(" not in text and "\\-" not in text, name


def test_the_module_is_registered() -> None:
    done = subprocess.run([sys.executable, "-m", "canvas", "scaffold", "--help"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "--update" in done.stdout


def test_the_report_says_how_the_baseline_scores_and_what_is_obsolete(tmp_path: Path) -> None:
    data = spec_data()
    data["evaluation"]["acceptance"] = {"macro_f1": 0.999}
    out = tmp_path / "out"
    first = scaffold(UseCaseSpec.model_validate(data), out)
    assert any("misses the acceptance bar: macro_f1" in note for note in first.notes)
    data["metadata"]["name"] = "receipt-triage"
    data["evaluation"]["acceptance"] = {"macro_f1": 0.5}
    second = scaffold(UseCaseSpec.model_validate(data), out, update=True)
    assert "receipt_categorization/features.py" in second.obsolete
    assert "receipt_triage/features.py" in second.added
    assert any("meets the acceptance bar" in note for note in second.notes)
    assert "no longer generated" in second.report()


def test_spec_text_never_lands_in_code(tmp_path: Path) -> None:
    canary = "zq9canary"
    data = spec_data()
    data["metadata"]["title"] = f"{canary} title"
    data["metadata"]["owner"] = f"{canary} owner"
    data["canvas"]["decisions"] = f"{canary} decisions"
    data["prediction"]["classes"] = [f"{canary}-{c}" for c in data["prediction"]["classes"]]
    data["baseline"]["rules"][0]["when"]["contains_any"] = [f"{canary}shell"]
    for rule in data["baseline"]["rules"]:
        rule["predict"] = f"{canary}-{rule['predict']}"
    data["baseline"]["default"] = f"{canary}-other"
    out = tmp_path / "out"
    scaffold(UseCaseSpec.model_validate(data), out)
    code = [p for p in out.rglob("*") if p.is_file() and (
        p.suffix == ".py" or p.name in ("Makefile", "Dockerfile", "dvc.yaml", "ci.yml"))]
    assert len(code) > 15
    assert [p for p in code if canary in p.read_text(encoding="utf-8")] == []
    assert canary in (out / "params.yaml").read_text()
    assert canary in (out / "README.md").read_text()


def test_without_a_bar_the_target_is_shown_where_the_team_sees_it(tmp_path: Path) -> None:
    data = spec_data()
    data["baseline"] = {"method": "majority"}
    data["evaluation"]["acceptance"] = {}
    data["monitoring"] = {"performance": {"metric": "macro_f1", "min": 0.6}}
    out = tmp_path / "out"
    result = scaffold(UseCaseSpec.model_validate(data), out)
    note = next(n for n in result.notes if "acceptance bar" in n)
    assert note.startswith("no acceptance bar is set, so 'evaluate' accepts the heuristic")
    assert "(on the sample: macro_f1 0." in note
    assert "the target for a model is macro_f1 at least 0.6 (monitoring.performance)" in note
    for name in ("README.md", "MODEL_CARD.md"):
        text = (out / name).read_text()
        assert "Acceptance: none set" in text
        assert r"Target for a model: macro\_f1 at least 0.6" in text
    data["evaluation"]["acceptance"] = {"accuracy": 0.5}
    with_bar = scaffold(UseCaseSpec.model_validate(data), tmp_path / "bar")
    assert any("meets the acceptance bar: accuracy" in n for n in with_bar.notes)
    assert "Acceptance: accuracy 0.5 (`evaluate` exits 1" in (tmp_path / "bar" /
                                                              "README.md").read_text()
