"""Validate a spec file and explain every problem with its field path and YAML line.

``mlcanvas validate`` is read by people fixing a file in an editor, so each problem is one
line: the file, the line number, the field path as it is written in the YAML
(``baseline.rules[0].when.contains_anyy``), what was expected, and a "did you mean" where a
key, operator or choice looks misspelled. Pydantic's internal names (discriminator tags such
as ``feature`` or union members such as ``LinearPrediction``) never reach the user.

The file is read with :func:`eventstorming.formats.safeyaml.load_yaml` (no tags, size limit, no
aliases) before anything else, then composed a second time (nodes only, nothing
constructed) to find the line of each path.
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from canvas.spec.model import (
    OPERATORS,
    SKIP_CROSS_CHECK,
    UseCaseSpec,
    closest,
    cross_check,
    short_text,
)
from eventstorming.formats.safeyaml import MAX_YAML_BYTES, YamlError, load_yaml

PathPart = str | int


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a spec: where (path and line) and what."""

    path: str
    message: str
    line: int | None = None

    def format(self, source: str | None = None) -> str:
        where = source or "<spec>"
        if self.line is not None:
            where += f":{self.line}"
        return f"{where}: {self.path or '(top level)'}: {self.message}"


class SpecUnreadable(Exception):
    """The file cannot be read at all (missing, not text, too large): exit code 2."""


@dataclass(frozen=True)
class SpecReport:
    """The outcome of validating one spec: the spec when valid, else the problems."""

    source: str
    spec: UseCaseSpec | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        return [p.format(self.source) for p in self.problems]


# --------------------------------------------------------------------------- reading

def read_spec_file(path: str | Path, what: str = "spec") -> str:
    """The text of a spec file (``what`` names the kind of file in messages).

    Raises:
        SpecUnreadable: missing, a folder, unreadable, not UTF-8 or over the size limit.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_YAML_BYTES:
            raise SpecUnreadable(f"{path}: the file is {size:,} bytes; the limit is "
                                 f"{MAX_YAML_BYTES:,}")
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise SpecUnreadable(f"{path}: no such file") from None
    except IsADirectoryError:
        raise SpecUnreadable(f"{path}: is a folder, not a {what} file") from None
    except PermissionError:
        raise SpecUnreadable(f"{path}: permission denied") from None
    except UnicodeDecodeError as exc:
        raise SpecUnreadable(f"{path}: not UTF-8 text (byte {exc.start})") from None


def validate_file(path: str | Path) -> SpecReport:
    """Validate the spec in ``path``. Raises :class:`SpecUnreadable` (exit 2) only."""
    return validate_text(read_spec_file(path), str(path))


def validate_text(text: str, source: str = "<spec>") -> SpecReport:
    """Validate spec YAML text; every problem carries its path and line.

    Raises:
        SpecUnreadable: the text is over the size limit (nothing else raises).
    """
    text = re.sub("[\ud800-\udfff]", "\ufffd", text)  # lone surrogates are not UTF-8
    size = len(text.encode("utf-8"))
    if size > MAX_YAML_BYTES:
        raise SpecUnreadable(f"{source}: the spec is {size:,} bytes; the limit is "
                             f"{MAX_YAML_BYTES:,}")
    try:
        data = load_yaml(text, source)
    except YamlError as exc:
        return SpecReport(source, None, (Problem("", exc.message, exc.line),))
    lines = LineMap(text)
    if not isinstance(data, dict):
        found = "an empty file" if data is None else f"a {_kind_of(data)}"
        return SpecReport(source, None, (Problem(
            "", f"expected a mapping with apiVersion, kind, metadata, ... (found {found})",
            1),))
    report = validate_data(data, source, lines)
    duplicates = tuple(Problem(format_path(path), message, line)
                       for path, message, line in lines.duplicates())
    if duplicates:
        return SpecReport(source, None, duplicates + report.problems)
    return report


def validate_data(data: Any, source: str = "<spec>",
                  lines: LineMap | None = None) -> SpecReport:
    """Validate already parsed spec data (``lines`` maps paths to YAML lines, if known)."""
    lines = lines or LineMap("")
    try:
        spec = UseCaseSpec.model_validate(data, context={SKIP_CROSS_CHECK: True})
    except ValidationError as exc:
        problems = explain_errors(exc.errors(), data)
        return SpecReport(source, None, tuple(
            Problem(format_path(p), m, lines.line(p)) for p, m in problems))
    crossed = [(_parse_path(path), message) for path, message in cross_check(spec)]
    return SpecReport(source, spec if not crossed else None, tuple(
        Problem(format_path(p), m, lines.line(p)) for p, m in crossed))


# --------------------------------------------------------------------------- line numbers

class LineMap:
    """Maps a field path to the 1-based line where it is written in the YAML text."""

    def __init__(self, text: str) -> None:
        self.root: yaml.Node | None = None
        if text:
            try:
                self.root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader",
                                                              yaml.SafeLoader))
            except yaml.YAMLError:
                self.root = None

    def duplicates(self) -> list[tuple[tuple[PathPart, ...], str, int]]:
        """Keys written twice in one mapping (YAML keeps the last one silently)."""
        found: list[tuple[tuple[PathPart, ...], str, int]] = []
        stack: list[tuple[yaml.Node, tuple[PathPart, ...]]] = \
            [(self.root, ())] if self.root is not None else []
        while stack:
            node, path = stack.pop()
            if isinstance(node, yaml.MappingNode):
                seen: dict[str, int] = {}
                for key, value in node.value:
                    name = str(key.value)
                    line = key.start_mark.line + 1
                    if name in seen:
                        found.append((path + (name,), f"'{name}' is written twice (first on "
                                      f"line {seen[name]}); YAML would keep only this one",
                                      line))
                    else:
                        seen[name] = line
                    stack.append((value, path + (name,)))
            elif isinstance(node, yaml.SequenceNode):
                stack += [(item, path + (i,)) for i, item in enumerate(node.value)]
        return sorted(found, key=lambda item: item[2])

    def line(self, path: tuple[PathPart, ...]) -> int | None:
        """The line of the deepest node on ``path`` that exists (a missing key: its parent).

        A mapping value is reported at the line of its key, so an unknown key points at
        itself rather than at the first line of its value.
        """
        node, key_line = self.root, None
        if node is None:
            return None
        for part in path:
            found = None
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                        found, key_line = value, key.start_mark.line + 1
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) \
                    and 0 <= part < len(node.value):
                found = node.value[part]
                key_line = found.start_mark.line + 1
            if found is None:
                break
            node = found
        return key_line if key_line is not None else node.start_mark.line + 1


# --------------------------------------------------------------------------- error paths

_CONDITION_TAGS = {"feature", "all", "any", "not"}
_TYPE_WORDS = {
    "str": "a text", "int": "a number", "float": "a number", "bool": "true or false",
    "list[str]": "a list of texts", "LinearPrediction": "{linear: {intercept, terms}}",
}


def _is_member_tag(part: PathPart) -> bool:
    """Pydantic names a union member in the path (``str``, ``LinearPrediction``, ...)."""
    if not isinstance(part, str):
        return False
    return part in _TYPE_WORDS or "[" in part or part[:1].isupper()


def _is_condition_slot(clean: list[PathPart]) -> bool:
    """Whether the value at ``clean`` is a condition (where pydantic adds a tag)."""
    if not clean:
        return False
    last = clean[-1]
    if last == "when" and len(clean) >= 3 and clean[-3] == "rules":
        return True
    if last == "not":
        return _is_condition_slot(clean[:-1])
    if isinstance(last, int) and len(clean) >= 2 and clean[-2] in ("all", "any"):
        return _is_condition_slot(clean[:-2])
    return False


def clean_loc(loc: tuple[PathPart, ...]) -> tuple[tuple[PathPart, ...], str | None]:
    """A pydantic error location as the path in the YAML, and the union member it was
    reported for (if any)."""
    clean: list[PathPart] = []
    member: str | None = None
    parts = list(loc)
    tag_skipped = False
    for part in parts:
        if not tag_skipped and part in _CONDITION_TAGS and _is_condition_slot(clean):
            tag_skipped = True  # the discriminator tag; the real key (if any) follows it
            continue
        tag_skipped = False
        if _is_member_tag(part):
            member = str(part)
            continue
        clean.append(part)
    return tuple(clean), member


def format_path(path: tuple[PathPart, ...]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _parse_path(text: str) -> tuple[PathPart, ...]:
    parts: list[PathPart] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", text):
        parts.append(int(index) if index else name)
    return tuple(parts)


def _value_at(data: Any, path: tuple[PathPart, ...]) -> Any:
    for part in path:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    if isinstance(value, int | float):
        return "number"
    if value is None:
        return "empty value"
    return "text"


# --------------------------------------------------------------------------- did you mean

def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _models_in(typing.get_args(annotation)[0])
    if origin is not None or isinstance(annotation, types.UnionType):
        for arg in typing.get_args(annotation):
            for model in _models_in(arg):
                if model not in found:
                    found.append(model)
    return found


def _field_key(model: type[BaseModel], name: str) -> str:
    return model.model_fields[name].alias or name


def models_at(path: tuple[PathPart, ...],
              root: type[BaseModel] = UseCaseSpec) -> list[type[BaseModel]]:
    """The models that can sit at ``path`` below ``root`` (several for a condition)."""
    models: list[type[BaseModel]] = [root]
    for part in path:
        if isinstance(part, int):
            continue
        nxt: list[type[BaseModel]] = []
        for model in models:
            for name, field in model.model_fields.items():
                if _field_key(model, name) == part:
                    nxt += [m for m in _models_in(field.annotation) if m not in nxt]
        models = nxt
        if not models:
            return []
    return models


def allowed_keys(path: tuple[PathPart, ...],
                 root: type[BaseModel] = UseCaseSpec) -> list[str]:
    keys: list[str] = []
    for model in models_at(path, root):
        keys += [_field_key(model, n) for n in model.model_fields if _field_key(model, n)
                 not in keys]
    return keys


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """The closest choice to a misspelled ``word``, if one is close enough."""
    return closest(word, choices)


def _suggest(word: str, choices: list[str] | tuple[str, ...]) -> str:
    guess = did_you_mean(word, choices)
    return f" — did you mean '{guess}'?" if guess else ""


# --------------------------------------------------------------------------- messages

def explain_errors(errors: list[dict[str, Any]], data: Any,
                   root: type[BaseModel] = UseCaseSpec
                   ) -> list[tuple[tuple[PathPart, ...], str]]:
    """Pydantic errors as (path, message) pairs a person can act on, one per problem."""
    grouped: dict[tuple[PathPart, ...], list[tuple[str | None, dict[str, Any]]]] = {}
    for error in errors:
        path, member = clean_loc(tuple(error["loc"]))
        grouped.setdefault(path, []).append((member, error))
    # a union that failed for every member: prefer the member the input was meant as
    merged: list[tuple[tuple[PathPart, ...], dict[str, Any]]] = []
    unions: dict[tuple[PathPart, ...], list[str]] = {}
    for path, items in grouped.items():
        for member, error in items:
            is_plain_member = member is not None and tuple(error["loc"])[-1] == member
            if is_plain_member:
                unions.setdefault(path, []).append(member)
            else:
                merged.append((path, error))
    deeper = {p[:n] for p, _ in merged for n in range(len(p))}
    problems: list[tuple[tuple[PathPart, ...], str]] = []
    for path, members in unions.items():
        if path in deeper:
            continue  # a nested error already explains it
        value = _value_at(data, path)
        wanted = _either(list(dict.fromkeys(_TYPE_WORDS.get(m, m) for m in members)))
        problems.append((path, f"expected {wanted} (found {_kind_of(value)})"))
    extra_parents = {p[:-1] for p, e in merged if e["type"] == "extra_forbidden"}
    for path, error in merged:
        if (error["type"] == "value_error" and path in extra_parents) or \
                (error["type"] == "missing" and path[:-1] in extra_parents):
            continue  # the misspelled key explains the missing one
        problems.append((path, _message(path, error, data, root)))
    return sorted(problems, key=lambda pm: _sort_key(pm[0], root))


def _either(options: list[str]) -> str:
    if len(options) <= 2:
        return " or ".join(options)
    return ", ".join(options[:-1]) + " or " + options[-1]


def _sort_key(path: tuple[PathPart, ...],
              root: type[BaseModel] = UseCaseSpec) -> tuple[Any, ...]:
    top = [f for f in root.model_fields]
    first = path[0] if path else ""
    rank = top.index(first) if first in top else -1
    return (rank, tuple((0, p) if isinstance(p, int) else (1, p) for p in path[1:]))


def _message(path: tuple[PathPart, ...], error: dict[str, Any], data: Any,
             root: type[BaseModel] = UseCaseSpec) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "extra_forbidden":
        key = str(path[-1])
        keys = allowed_keys(path[:-1], root)
        in_condition = _is_condition_slot(list(path[:-1]))
        if in_condition:
            hint = _suggest(key, list(OPERATORS) + ["feature", "all", "any", "not"])
            return (f"unknown operator '{key}'{hint} (expected 'feature' and one of "
                    f"{', '.join(OPERATORS)}; or all, any, not)")
        return (f"unknown key '{key}'{_suggest(key, keys)} (expected one of "
                f"{', '.join(keys)})")
    if kind == "missing":
        return f"missing: '{path[-1]}' is required here"
    if kind in ("literal_error", "enum"):
        options = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        value = _value_at(data, path)
        hint = _suggest(str(value), options) if isinstance(value, str) else ""
        found = f"'{short_text(value)}'" if isinstance(value, str | int | float) else \
            f"a {_kind_of(value)}"
        return f"{found} is not allowed{hint} (expected one of {', '.join(options)})"
    if kind == "string_pattern_mismatch":
        value = _value_at(data, path)
        field = path[-1] if path else ""
        if field == "name" and path[:1] == ("metadata",):
            return (f"'{short_text(value)}' is not a slug (expected lowercase letters, digits "
                    f"and single hyphens, starting with a letter, e.g. "
                    f"'receipt-categorization')")
        return (f"'{short_text(value)}' is not a valid name (expected letters, digits and '_', "
                f"not starting with a digit, e.g. 'merchant_name')")
    if kind == "condition":
        return f"{error['msg']} (found {_kind_of(_value_at(data, path))})"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind in ("string_type", "int_type", "float_type", "bool_type", "list_type", "dict_type",
                "model_type", "int_parsing", "float_parsing", "bool_parsing",
                "int_from_float", "model_attributes_type"):
        expected = {"string_type": "a text", "int_type": "a whole number",
                    "int_parsing": "a whole number", "int_from_float": "a whole number",
                    "float_type": "a number", "float_parsing": "a number",
                    "bool_type": "true or false", "bool_parsing": "true or false",
                    "list_type": "a list", "dict_type": "a mapping", "model_type": "a mapping",
                    "model_attributes_type": "a mapping"}[kind]
        value = _value_at(data, path)
        shown = f" '{short_text(value)}'" if isinstance(value, str | int | float) and \
            not isinstance(value, bool) else ""
        return f"expected {expected} (found {_kind_of(value)}{shown})"
    if kind in ("too_short", "too_long"):
        return str(error["msg"]).replace("List", "the list").replace("String", "the text")
    bounds = {"greater_than": ">", "greater_than_equal": "≥", "less_than": "<",
              "less_than_equal": "≤"}
    if kind in bounds:
        limit = next(iter(ctx.values()), "?")
        return (f"expected a value {bounds[kind]} {limit} "
                f"(found {short_text(_value_at(data, path))})")
    return str(error["msg"])
