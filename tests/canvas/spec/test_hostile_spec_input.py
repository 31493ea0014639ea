"""Regressions of the hostile-input audit (issue 17) for specs: merge-key bombs, regexes
that backtrack catastrophically, names that shadow what the project installs, numbers
that can never be met, a data source the pipeline overwrites, control characters."""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from canvas.scaffold import scaffold
from canvas.scaffold.generate import SHADOWED, package_name
from canvas.spec.model import DEPENDENCY_DISTRIBUTIONS, UseCaseSpec, backtracking_risk
from canvas.spec.validate import validate_data, validate_text

FIXTURE = Path(__file__).parents[1] / "fixtures" / "specs" / "classification.yaml"
BASE = yaml.safe_load(FIXTURE.read_text())


def _problems(data: dict) -> list[str]:
    return validate_data(data).lines()


def _with(path: str, value) -> dict:
    data = copy.deepcopy(BASE)
    *parents, last = path.split(".")
    node = data
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    node[last] = value
    return data


# -- 3. a merge-key spec of 950 bytes


def test_nested_merge_keys_are_refused_quickly():
    text = "m0: &m0 {a: 1}\n" + "".join(
        f"m{i}: &m{i} {{<<: [*m{i - 1}, *m{i - 1}]}}\n" for i in range(1, 26))
    report = validate_text(text, "bomb.yaml")
    assert not report.ok
    assert "expands to more than" in report.lines()[0]


# -- 4. regexes that backtrack catastrophically


@pytest.mark.parametrize("pattern", ["(a+)+$", "(a|aa)*b", "(a?){25}a{25}", r"(\w+)\1",
                                     "(x+x+)+y", "a*a*a*a*a*b", "((ab)*)+c"])
def test_catastrophic_patterns_are_refused(pattern):
    rule = {"when": {"feature": "merchant", "matches": pattern}, "predict": "fuel"}
    lines = _problems(_with("baseline.rules", [rule]))
    assert any("baseline.rules[0].when" in line and "exponential" in line or
               "variable length" in line for line in lines), lines


@pytest.mark.parametrize("pattern", [r"^INV-\d{4,6}$", "(?i)shell|aral", "[a-z]+@[a-z]+",
                                     r"(ab{2})*", r"\$|USD", "(a|b)+", r"^\s*\d+\s*$"])
def test_ordinary_patterns_are_kept(pattern):
    assert backtracking_risk(pattern) is None


def test_a_refused_pattern_never_reaches_the_scaffold(tmp_path):
    rule = {"when": {"feature": "merchant", "matches": "(a+)+$"}, "predict": "a" * 28 + "b"}
    with pytest.raises(ValueError, match="nested quantifiers"):
        UseCaseSpec.model_validate(_with("baseline.rules", [rule]))


# -- 6. names that shadow what the generated project installs or imports


@pytest.mark.parametrize("name", ["six", "pytz", "click", "packaging", "pip", "python-dateutil",
                                  "setuptools", "pyyaml"])
def test_names_of_installed_distributions_are_refused(name):
    lines = _problems(_with("metadata.name", name))
    assert any("metadata.name" in line and "make install" in line for line in lines), lines


@pytest.mark.parametrize("name", ["dateutil", "conftest", "yaml", "json", "typing", "test",
                                  "pkg-resources", "dotenv", "sitecustomize"])
def test_module_names_get_a_package_that_does_not_shadow_them(name):
    spec = UseCaseSpec.model_validate(_with("metadata.name", name))
    package = package_name(spec)
    assert package == name.replace("-", "_") + "_uc"


def test_the_lists_cover_what_is_installed_here():
    """Every distribution the runtime and test dependencies pull in here, and every module
    they bring, is in the lists (a new dependency of a dependency shows up here)."""
    import importlib.metadata as metadata

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    seen: set[str] = set()
    stack = ["pandas", "numpy", "pyyaml", "fastapi", "uvicorn", "pytest", "httpx", "pip",
             "setuptools"]
    while stack:
        name = canonicalize_name(stack.pop())
        if name in seen:
            continue
        try:
            requires = metadata.distribution(name).requires or []
        except metadata.PackageNotFoundError:
            continue
        seen.add(name)
        for line in requires:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                stack.append(requirement.name)
    assert seen - DEPENDENCY_DISTRIBUTIONS == set()
    modules = {module for module, dists in metadata.packages_distributions().items()
               if any(canonicalize_name(d) in seen for d in dists)
               and module.isidentifier() and not module.startswith("__")}
    assert modules - SHADOWED - set(sys.stdlib_module_names) == set()


# -- 11. specs that validate but damage the project


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_nan_and_infinity_are_refused(value):
    lines = _problems(_with("evaluation.acceptance", {"macro_f1": value}))
    assert any("evaluation.acceptance.macro_f1" in line and "finite" in line
               for line in lines), lines
    assert _problems(_with("evaluation.split.test_size", value))


def test_nan_written_in_yaml_is_refused():
    text = FIXTURE.read_text().replace("acceptance: {macro_f1: 0.6}",
                                       "acceptance: {macro_f1: .nan}")
    assert ".nan" in text
    report = validate_text(text, "spec.yaml")
    assert any("evaluation.acceptance.macro_f1" in line for line in report.lines())


@pytest.mark.parametrize("source", ["data/prepared/train.csv", "./data/prepared/raw.csv",
                                    "Data/Prepared/x.csv", "models/x.csv", "reports/r.parquet"])
def test_a_source_the_pipeline_overwrites_is_refused(source):
    lines = _problems(_with("data.source", source))
    assert any("data.source" in line and "overwrites" in line for line in lines), lines
    assert not _problems(_with("data.source", "data/prepared_raw/x.csv"))


# -- 12. control characters do not reach generated files


def test_control_characters_never_reach_the_generated_project(tmp_path):
    data = _with("metadata.title", "Receipts\x00 \x1b[31mred\x1b[0m")
    data["canvas"]["value_proposition"] = "Less\x00 typing\x07"
    data["metadata"]["owner"] = "Fin\x00ance"
    spec = UseCaseSpec.model_validate(data)
    assert spec.metadata.title == "Receipts [31mred[0m"
    scaffold(spec, tmp_path / "out", rows=50)
    for path in (tmp_path / "out").rglob("*"):
        if path.is_file() and path.suffix in {".md", ".yaml", ".py", ".toml", ".json"}:
            text = path.read_text(encoding="utf-8")
            assert "\x00" not in text and "\x1b" not in text, path


# -- fuzzing: any spec text or any change to a valid spec gives a report, never an exception

_FAST = settings(max_examples=40, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
_SPEC_PIECES = ["metadata:", "  name: ", "x", "\n", "&m ", "*m", "<<: ", "[", "]", "{", "}",
                ".nan", ".inf", "9" * 20, "(a+)+$", "matches: ", "\x00", "\ud800", "- ", ": "]
_VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=6),
                    st.sampled_from(["(a+)+$", "(a|aa)*", "data/prepared/x.csv", "six",
                                     "\x1b[2J", "\ud800", ".nan"]))


@_FAST
@given(st.lists(st.one_of(st.sampled_from(_SPEC_PIECES), st.text(max_size=5)), max_size=20)
       .map("".join))
def test_any_spec_text_gives_a_report(text):
    report = validate_text(text, "s.yaml")
    assert report.ok or report.lines()[0].startswith("s.yaml")


def _paths(data, prefix=()):
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*prefix, key)
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield (*prefix, index)
            yield from _paths(value, (*prefix, index))


_ALL_PATHS = list(_paths(BASE))


@_FAST
@given(st.lists(st.tuples(st.sampled_from(_ALL_PATHS), _VALUES), min_size=1, max_size=3))
def test_any_change_to_a_valid_spec_gives_a_report(changes):
    data = copy.deepcopy(BASE)
    for path, value in changes:
        node = data
        try:
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    report = validate_data(data, "s.yaml")
    if report.ok:
        assert report.spec is not None
        for text in (report.spec.metadata.title, str(report.spec.evaluation.acceptance)):
            text.encode("utf-8")
            assert "\x00" not in text
