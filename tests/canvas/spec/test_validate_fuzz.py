"""Whatever is done to a valid spec, validate answers with problems, never a traceback."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from canvas.spec.validate import validate_data, validate_text

GOOD = yaml.safe_load((Path(__file__).parents[1] / "fixtures" / "receipt.yaml").read_text())

junk = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=True),
                 st.text(max_size=8), st.lists(st.integers(), max_size=2),
                 st.dictionaries(st.text(max_size=5), st.integers(), max_size=2))


def _paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, prefix + (i,))


PATHS = [p for p in _paths(GOOD) if p]


def _mutate(data, path, value, rename):
    import copy

    data = copy.deepcopy(data)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if rename and isinstance(parent, dict):
        parent[f"{last}x"] = parent.pop(last)
    else:
        parent[last] = value
    return data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PATHS), junk, st.booleans())
def test_mutated_specs_get_problems_with_paths_not_tracebacks(path, value, rename):
    data = _mutate(GOOD, path, value, rename)
    text = yaml.safe_dump(data, sort_keys=False)
    report = validate_text(text, "m.yaml")
    assert report.ok == validate_data(data).ok
    for problem in report.problems:
        assert problem.message
        assert problem.line is not None
        assert "Tag" not in problem.path and "LinearPrediction" not in problem.path
