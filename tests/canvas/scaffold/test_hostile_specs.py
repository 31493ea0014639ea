"""Property tests: specs full of hostile strings (quotes, newlines, template syntax, shell
and HTML fragments, unicode) scaffold into projects that still compile, read their
settings back unchanged, predict exactly by the rules, and pass their own tests."""

from __future__ import annotations

import compileall
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from canvas.scaffold import scaffold
from canvas.scaffold.runtime import baselines, features, pipeline
from canvas.spec.model import UseCaseSpec, apply_rules

HOSTILE = ['"', "'", "\n", "{{ x }}", "${HOME}", "$(rm -rf /)", "`rm -rf ~`",
           "</script><script>alert(1)</script>", "\\", "ünïcødé ✓ 🚀", "'''", '"""', "#",
           "- [ ] x", "*/", "%s {0}", "\t", "NA", "null", "---", "<!-- -->", "&amp;", "\r\n"]
COLUMN_NAMES = ["class", "def", "import", "None", "True", "__init__", "self", "lambda", "_",
                "yield", "print", "os", "sys", "prediction"]
NAMES = ["import", "class", "os", "test", "my-case", "yaml", "a", "x1-y2"]

plain = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12)
hostile = st.one_of(st.sampled_from(HOSTILE), plain,
                    st.lists(st.sampled_from(HOSTILE) | plain, min_size=2, max_size=4)
                    .map("".join))
label = hostile.filter(lambda s: s.strip() != "")


@st.composite
def specs(draw: st.DrawFn) -> dict:
    columns = draw(st.lists(st.sampled_from(COLUMN_NAMES), min_size=3, max_size=3,
                            unique=True))
    text, kind, amount = columns
    classes = draw(st.lists(label, min_size=3, max_size=3, unique_by=str))
    literal = draw(label)
    word = draw(label)
    return {
        "apiVersion": "mlcanvas/v1", "kind": "UseCaseSpec",
        "metadata": {"name": draw(st.sampled_from(NAMES)), "title": draw(hostile),
                     "owner": draw(hostile), "board": draw(hostile)},
        "canvas": {"value_proposition": draw(hostile),
                   "decisions": draw(st.lists(hostile, max_size=3)),
                   "monitoring": draw(hostile)},
        "prediction": {"task": "classification", "entity": draw(hostile),
                       "target": "label", "classes": classes},
        "data": {"source": "data/sample.csv", "columns": [
            {"name": text, "type": "text"}, {"name": kind, "type": "category"},
            {"name": amount, "type": "number"}, {"name": "label", "type": "category"}]},
        "features": [{"name": f"f_{text}", "from": text, "transform": "lowercase"},
                     {"name": kind, "from": kind}, {"name": amount, "from": amount}],
        "baseline": {"method": "rules", "default": classes[2], "rules": [
            {"when": {"feature": f"f_{text}", "contains_any": [literal]}, "predict": classes[0]},
            {"when": {"any": [{"feature": kind, "eq": word},
                              {"all": [{"feature": amount, "gt": 50},
                                       {"not": {"feature": kind, "in": [literal, word]}}]}]},
             "predict": classes[1]}]},
        "evaluation": {"acceptance": {"accuracy": 0.5}},
        "governance": {"decision_log": True},
    }


def _check_project(spec: UseCaseSpec, out: Path) -> None:
    assert compileall.compile_dir(str(out), quiet=1, force=True)
    params = yaml.safe_load((out / "params.yaml").read_text(encoding="utf-8"))
    assert params["baseline"] == spec.model_dump(mode="json", by_alias=True,
                                                 exclude_none=True)["baseline"]
    assert params["metadata"]["title"] == spec.metadata.title
    for name in ("README.md", "MODEL_CARD.md"):
        text = (out / name).read_text(encoding="utf-8")
        assert "<script>" not in text and "<!--" not in text
    assert (out / "pyproject.toml").read_text().count("\n[") >= 3
    _, typed = pipeline.load_table(out, Path(spec.data.source), params, with_target=False)
    frame = features.build_features(typed, params["features"])
    predicted = baselines.predict(params, {}, typed, frame).tolist()
    expected = [apply_rules(spec.baseline, row) for row in frame.to_dict("records")]
    assert len(predicted) == len(expected)
    for got, want in zip(predicted, expected, strict=True):
        assert got == want or (got != got and want != want), (got, want)


@pytest.mark.slow
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=specs())
def test_hostile_specs_compile_and_follow_the_rules(tmp_path_factory, data: dict) -> None:
    spec = UseCaseSpec.model_validate(data)
    out = tmp_path_factory.mktemp("hostile")
    scaffold(spec, out, rows=300)
    _check_project(spec, out)


@st.composite
def numeric_specs(draw: st.DrawFn) -> dict:
    """A regression spec: hostile names where identifiers are allowed, linear outcomes."""
    a, b, flag = draw(st.lists(st.sampled_from(COLUMN_NAMES), min_size=3, max_size=3,
                               unique=True))
    weight = st.floats(-50, 50, allow_nan=False).map(lambda x: round(x, 3))
    return {
        "apiVersion": "mlcanvas/v1", "kind": "UseCaseSpec",
        "metadata": {"name": draw(st.sampled_from(NAMES)), "title": draw(hostile)},
        "canvas": {"features": draw(st.lists(hostile, max_size=3))},
        "prediction": {"task": "regression", "entity": draw(hostile), "target": "y"},
        "data": {"source": "data/numbers.csv", "columns": [
            {"name": a, "type": "number"}, {"name": b, "type": "integer"},
            {"name": flag, "type": "boolean"}, {"name": "y", "type": "number"}]},
        "features": [{"name": a, "from": a, "transform": draw(st.sampled_from(
            [None, "abs", "log1p"]))}, {"name": b, "from": b}, {"name": flag, "from": flag}],
        "baseline": {"method": "rules", "default": draw(weight), "rules": [
            {"when": {"feature": flag, "eq": draw(st.booleans())},
             "predict": {"linear": {"intercept": draw(weight),
                                    "terms": {a: draw(weight), b: draw(weight)}}}},
            {"when": {"any": [{"feature": a, draw(st.sampled_from(["gt", "le"])): draw(weight)},
                              {"feature": b, "in": draw(st.lists(
                                  st.integers(-5, 100), min_size=1, max_size=3))}]},
             "predict": draw(weight)}]},
    }


@pytest.mark.slow
@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=numeric_specs())
def test_hostile_numeric_specs_compile_and_follow_the_rules(tmp_path_factory,
                                                            data: dict) -> None:
    spec = UseCaseSpec.model_validate(data)
    out = tmp_path_factory.mktemp("numeric")
    scaffold(spec, out, rows=300)
    _check_project(spec, out)


@pytest.mark.slow
@settings(max_examples=3, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.one_of(specs(), numeric_specs()))
def test_hostile_specs_pass_their_own_tests(tmp_path_factory, data: dict) -> None:
    spec = UseCaseSpec.model_validate(data)
    out = tmp_path_factory.mktemp("hostile-run")
    scaffold(spec, out, rows=300)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTHONPATH", None)
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider"],
                          cwd=out, capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
