"""The spec of one canvas, with a person's edits to its data columns and baseline.

:func:`canvas.spec.from_canvas.spec_data_from_canvas` makes a spec from a canvas; a product owner
then corrects the data columns (names and types of the real table) and the baseline (the
rules a first model must beat). :class:`SpecEdits` holds those corrections (the workshop
document ``specs``, by opportunity id); :func:`check_spec` applies them and validates the
result exactly as ``mlcanvas validate`` does, keeping each problem with its field path so a
page can show it beside the field, before anything is saved.

:func:`scaffold_zip` writes the generated project (:func:`canvas.scaffold.scaffold`) into a
temporary folder and returns it as a zip; :func:`project_tree` lists its files without
writing anything.
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from canvas.mlcanvas.model import CanvasFeature, MLCanvas
from canvas.scaffold import ScaffoldError, package_name, scaffold, scaffold_problems
from canvas.scaffold.files import project_files
from canvas.scaffold.generate import MANIFEST
from canvas.spec.from_canvas import spec_data_from_canvas, spec_to_yaml
from canvas.spec.model import UseCaseSpec
from canvas.spec.validate import Problem, validate_data
from eventstorming.formats.safeyaml import YamlError, dump_yaml, load_yaml

SPECS_DOC = "specs"
COLUMN_TYPES = ("number", "integer", "text", "category", "boolean", "datetime")


@dataclass(frozen=True)
class SpecEdits:
    """A person's corrections to a generated spec: the data columns (a list of
    ``{name, type}``) and the baseline (``{method, rules, default, ...}``); ``None`` keeps
    what the canvas gives."""

    columns: tuple[Mapping[str, Any], ...] | None = None
    baseline: Mapping[str, Any] | None = None

    @classmethod
    def from_data(cls, data: Any) -> SpecEdits:
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise ValueError("a spec edit must be a mapping with 'columns' and 'baseline'")
        columns = data.get("columns")
        baseline = data.get("baseline")
        if columns is not None and not isinstance(columns, list):
            raise ValueError("specs: 'columns' must be a list")
        if baseline is not None and not isinstance(baseline, dict):
            raise ValueError("specs: 'baseline' must be a mapping")
        return cls(tuple(columns) if columns is not None else None, baseline)

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.columns is not None:
            data["columns"] = [dict(c) for c in self.columns]
        if self.baseline is not None:
            data["baseline"] = dict(self.baseline)
        return data


# --------------------------------------------------------------------------- reading edits

def _cell(value: Any) -> str:
    return "" if value is None or value != value or str(value).lower() in ("nan", "none") \
        else str(value).strip()


def columns_from_rows(rows: Iterable[Mapping[str, Any]]) -> tuple[dict[str, Any], ...]:
    """Columns from table rows ``{name, type}``. Only rows with nothing in them are
    skipped: a row missing its name or its type is kept as it is (``""``), so it is never
    lost, and :func:`check_spec` reports it on its row (:func:`missing_fields`). Names and
    types are checked by :func:`check_spec`, against their field."""
    columns = []
    for row in rows:
        name, kind = _cell(row.get("name")), _cell(row.get("type"))
        if name or kind:
            columns.append({"name": name, "type": kind})
    return tuple(columns)


def missing_fields(columns: Iterable[Mapping[str, Any]]) -> dict[int, tuple[str, ...]]:
    """For each column row that lacks a field, by row index: the fields it lacks
    (``("name",)``, ``("name", "type")``)."""
    found = {}
    for number, column in enumerate(columns):
        lacks = tuple(key for key in ("name", "type") if not _cell(column.get(key)))
        if lacks:
            found[number] = lacks
    return found


def missing_message(lacks: Iterable[str]) -> str:
    """``("name",)`` -> ``"the name is missing: fill it in or delete the row"``."""
    lacks = list(lacks)
    many = len(lacks) > 1
    return (f"the {' and the '.join(lacks)} {'are' if many else 'is'} missing: fill "
            f"{'them' if many else 'it'} in or delete the row")


def baseline_to_text(baseline: Mapping[str, Any]) -> str:
    """The baseline as YAML for a text editor."""
    return dump_yaml(dict(baseline))


def baseline_from_text(text: str) -> dict[str, Any]:
    """The baseline from YAML text (read safely: no tags, no aliases, size limit).

    Raises:
        ValueError: not YAML, or not a mapping; the message names the line.
    """
    try:
        data = load_yaml(str(text or ""), "baseline")
    except YamlError as exc:
        raise ValueError(str(exc)) from None
    if not isinstance(data, dict):
        raise ValueError("the baseline is a mapping: method, and for rules also rules and "
                         "default")
    return data


def features_for_columns(features: Iterable[Mapping[str, Any]],
                         columns: Iterable[Mapping[str, Any]], skip: Iterable[str]
                         ) -> list[dict[str, Any]]:
    """The spec's features after the columns changed: those whose column is still there,
    then one plain feature for each new column (except the target and timestamp in
    ``skip``); text columns are lowercased."""
    names = [str(c.get("name")) for c in columns]
    skip = set(skip)
    kept = [dict(f) for f in features if f.get("from") in names]
    used = {f["from"] for f in kept} | {f["name"] for f in kept}
    for column in columns:
        name = _cell(column.get("name"))
        if not name or name in skip or name in used:
            continue
        entry: dict[str, Any] = {"name": name, "from": name}
        if column.get("type") == "text":
            entry["transform"] = "lowercase"
        kept.append(entry)
        used.add(name)
    return kept


def column_roles(data: Mapping[str, Any]) -> dict[str, str]:
    """What each data column of spec ``data`` is for: ``target``, ``timestamp``,
    ``feature`` (a feature reads it) or ``unused``."""
    target = (data.get("prediction") or {}).get("target")
    timestamp = (data.get("data") or {}).get("timestamp")
    read = {f.get("from") for f in data.get("features") or [] if isinstance(f, dict)}
    roles = {}
    for column in (data.get("data") or {}).get("columns") or []:
        name = column.get("name") if isinstance(column, dict) else None
        if name is None:
            continue
        roles[name] = ("target" if name == target else "timestamp" if name == timestamp
                       else "feature" if name in read else "unused")
    return roles


# --------------------------------------------------------------------------- checking

@dataclass(frozen=True)
class SpecCheck:
    """A spec made from a canvas and edits: the data, its YAML, the valid spec (or None),
    and every problem with its field path."""

    data: Mapping[str, Any] | None
    spec: UseCaseSpec | None
    problems: tuple[Problem, ...] = ()
    scaffold_problems: tuple[str, ...] = ()
    yaml: str = ""

    incomplete: Mapping[int, tuple[str, ...]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.spec is not None and not self.problems and not self.incomplete

    @property
    def only_incomplete_rows(self) -> bool:
        """True when every problem is a column row missing a field: such edits are kept
        (a row is never lost) though the spec is not valid until the row is complete."""
        rows = {f"data.columns[{i}]" for i in self.incomplete}
        return bool(self.incomplete) and all(
            p.path.partition("]")[0] + "]" in rows for p in self.problems)

    def row_problems(self) -> dict[int, str]:
        """The problem of each data column row, by row index, short enough for a column
        in the table (``"missing: type"``)."""
        found = {i: "missing: " + ", ".join(lacks) for i, lacks in self.incomplete.items()}
        for p in self.problems:
            m = re.match(r"data\.columns\[(\d+)\](?:\.(\w+))?", p.path)
            if m and int(m[1]) not in found:
                found[int(m[1])] = f"{m[2]}: {p.message}" if m[2] else p.message
        return found

    @property
    def can_scaffold(self) -> bool:
        return self.ok and not self.scaffold_problems

    def problems_at(self, *prefixes: str) -> list[Problem]:
        """The problems whose path starts with one of ``prefixes`` (``data.columns``,
        ``baseline``, ``features``)."""
        return [p for p in self.problems if any(
            p.path == prefix or p.path.startswith((prefix + ".", prefix + "["))
            for prefix in prefixes)]

    def other_problems(self, *prefixes: str) -> list[Problem]:
        shown = set(map(id, self.problems_at(*prefixes)))
        return [p for p in self.problems if id(p) not in shown]


def spec_data(canvas: MLCanvas, edits: SpecEdits = SpecEdits()) -> dict[str, Any]:
    """The spec data of ``canvas`` with ``edits`` applied (not yet validated).

    New columns become features, also where the canvas names none yet: then the data has
    an empty feature list until a column is added, and :func:`check_spec` says so.
    """
    if edits.columns is not None and not canvas.features:
        # "new columns become features", also for a canvas that names none yet
        canvas = canvas.model_copy(update={"features": _features_of(canvas, edits.columns)})
    data = spec_data_from_canvas(canvas, require_features=False)
    if edits.columns is not None:
        columns = [dict(c) for c in edits.columns]
        data["data"] = {**data["data"], "columns": columns}
        skip = [data["prediction"].get("target"), data["data"].get("timestamp")]
        data["features"] = features_for_columns(data["features"], columns,
                                                [s for s in skip if s])
        if data["data"].get("timestamp") and not any(
                c.get("name") == data["data"]["timestamp"] for c in columns):
            data["data"] = {k: v for k, v in data["data"].items() if k != "timestamp"}
            split = data["evaluation"]["split"]
            data["evaluation"] = {**data["evaluation"], "split": {**split, "method": "random"}}
    if edits.baseline is not None:
        data["baseline"] = dict(edits.baseline)
    return data


NO_FEATURES = ("no features yet: add a data column below (new columns become features) or "
               "name the features on the canvas")


def _features_of(canvas: MLCanvas, columns: Iterable[Mapping[str, Any]]
                 ) -> tuple[CanvasFeature, ...]:
    """Canvas features for the well-formed columns that are neither target nor timestamp."""
    skip = {canvas.prediction.target, canvas.timestamp}
    features = []
    for column in columns:
        name, kind = _cell(column.get("name")), _cell(column.get("type"))
        if name in skip or kind not in COLUMN_TYPES or any(f.name == name for f in features):
            continue
        try:
            features.append(CanvasFeature(name=name, type=kind, source="data column",
                                          guess=False))
        except ValueError:
            continue        # a bad name: the validator reports it against its column
    return tuple(features)


def check_spec(canvas: MLCanvas, edits: SpecEdits = SpecEdits()) -> SpecCheck:
    """Make and validate the spec; never raises for a bad canvas or bad edits: every
    problem comes back in :attr:`SpecCheck.problems` with its field path."""
    try:
        data = spec_data(canvas, edits)
    except ValueError as exc:
        return SpecCheck(None, None, (Problem("features", str(exc)),))
    report = validate_data(data, "spec")
    incomplete = missing_fields(edits.columns or ())
    rows = {f"data.columns[{i}]" for i in incomplete}
    # a row missing a field gets one message that says so, not the validator's
    problems = tuple(Problem(f"data.columns[{i}]", missing_message(lacks))
                     for i, lacks in incomplete.items()) + tuple(
        p for p in report.problems if p.path.partition("]")[0] + "]" not in rows
        and not (p.path == "features" and not data["features"]))
    if not data["features"]:
        problems += (Problem("features", NO_FEATURES),)
    for number, row in enumerate(canvas.incomplete_features, start=len(canvas.features) + 1):
        problems += (Problem("features", f"feature row {number} on the canvas: "
                                         f"{row.missing()} — fill it in or delete the row"),)
    spec = report.spec if report.ok and not problems else None
    blockers = tuple(scaffold_problems(spec)) if spec is not None else ()
    text = spec_to_yaml(spec) if spec is not None else dump_yaml(data)
    return SpecCheck(data, spec, problems, blockers, text, incomplete)


# --------------------------------------------------------------------------- the project

def project_tree(spec: UseCaseSpec) -> list[str]:
    """The files a scaffold of ``spec`` writes, as sorted relative paths."""
    package = package_name(spec)
    paths = set(project_files(spec, package)) | {spec.data.source, MANIFEST}
    return sorted(paths)


def tree_text(paths: Iterable[str], root: str = "") -> str:
    """Relative paths drawn as an indented tree (folders first, then files)."""
    tree: dict[str, Any] = {}
    for path in paths:
        node = tree
        parts = path.split("/")
        for part in parts[:-1]:
            node = node.setdefault(part + "/", {})
        node.setdefault(parts[-1], {})
    lines = [root] if root else []

    def walk(node: dict[str, Any], prefix: str) -> None:
        items = sorted(node.items(), key=lambda kv: (not kv[0].endswith("/"), kv[0]))
        for i, (name, child) in enumerate(items):
            last = i == len(items) - 1
            lines.append(f"{prefix}{'└── ' if last else '├── '}{name}")
            if child:
                walk(child, prefix + ("    " if last else "│   "))
    walk(tree, "")
    return "\n".join(lines)


def scaffold_zip(spec: UseCaseSpec, rows: int = 1000) -> bytes:
    """The generated project as a zip whose top folder is the spec's name.

    Raises:
        ScaffoldError: the spec cannot be scaffolded (the message says why).
    """
    folder = spec.metadata.name
    with tempfile.TemporaryDirectory(prefix="mlcanvas-scaffold-") as tmp:
        out = Path(tmp) / folder
        scaffold(spec, out, rows=rows)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(out.rglob("*")):
                if path.is_file():
                    info = zipfile.ZipInfo.from_file(path, f"{folder}/{path.relative_to(out)}")
                    info.compress_type = zipfile.ZIP_DEFLATED
                    archive.writestr(info, path.read_bytes())
        return buffer.getvalue()


# --------------------------------------------------------------------------- workspace

def load_spec_edits(workspace: Any, workshop: str) -> tuple[dict[str, SpecEdits], int]:
    """The workshop's spec edits by opportunity id, with the document's revision."""
    return workspace.read_keyed(workshop, SPECS_DOC,
                                lambda _key, value: SpecEdits.from_data(value))


def save_spec_edits(workspace: Any, workshop: str, opportunity_id: str, edits: SpecEdits,
                    expected_revision: int, author: str | None = None) -> int:
    """Store the edits of one opportunity's spec; ``ConflictError`` when the document moved
    on since ``expected_revision``. Returns the new revision."""
    return workspace.write_keyed(workshop, SPECS_DOC, opportunity_id, edits.to_data(),
                                 expected_revision, author)


__all__ = ["SPECS_DOC", "ScaffoldError", "SpecCheck", "SpecEdits", "baseline_from_text",
           "baseline_to_text", "check_spec", "column_roles", "columns_from_rows",
           "features_for_columns", "load_spec_edits", "missing_fields", "missing_message",
           "project_tree",
           "save_spec_edits", "scaffold_zip", "spec_data", "tree_text"]
